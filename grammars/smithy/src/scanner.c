/*
 * External scanner for the Smithy IDL grammar.
 *
 * Smithy separates statements with line breaks and requires some tokens to
 * stay on the same line. The internal lexer treats every kind of whitespace
 * as insignificant, so the newline-sensitive checks live here:
 *
 *   BR      zero-width: a line break, a comment or the end of input comes
 *           before the next token.
 *   NOBR    zero-width: the next token is on the same line.
 *   SP      zero-width: one or more spaces/tabs, then a token on the same line.
 *   WS      zero-width: at least one whitespace character (or a comment).
 *   WITH    the keyword `with` on the same line.
 *   FOR     the keyword `for` on the same line.
 *   INLINE_WITH, INLINE_FOR
 *           `with` and `for` of an inline operation input/output structure,
 *           where line breaks before them are allowed.
 *   ASSIGN  the `=` of a value assignment on the same line.
 *   CLOSE_CHECK
 *           never produced; it is valid where a `}` may close a body, which
 *           tells the scanner that it is inside a body (see below).
 *
 * Error recovery for unclosed bodies: when a line inside a body starts, at
 * column 0, with a shape keyword followed by a name (`structure Foo`), the
 * body was almost certainly left unclosed. The scanner then reports a line
 * break, which is not valid inside the body, so the parser recovers by
 * inserting a missing `}` and the shape on that line is parsed normally.
 * Such a line can never be valid inside a body (members need a `:`).
 *
 * The scanner keeps no state.
 */

#include "tree_sitter/parser.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

enum TokenType {
  BR,
  NOBR,
  SP,
  WS,
  WITH,
  FOR,
  INLINE_WITH,
  INLINE_FOR,
  ASSIGN,
  CLOSE_CHECK,
  ERROR_SENTINEL,
};

void *tree_sitter_smithy_external_scanner_create(void) { return NULL; }

void tree_sitter_smithy_external_scanner_destroy(void *payload) { (void)payload; }

unsigned tree_sitter_smithy_external_scanner_serialize(void *payload, char *buffer) {
  (void)payload;
  (void)buffer;
  return 0;
}

void tree_sitter_smithy_external_scanner_deserialize(void *payload, const char *buffer,
                                                     unsigned length) {
  (void)payload;
  (void)buffer;
  (void)length;
}

static bool is_identifier_char(int32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         c == '_';
}

static const char *const STATEMENT_KEYWORDS[] = {
  "apply", "bigDecimal", "bigInteger", "blob", "boolean", "byte", "document",
  "double", "enum", "float", "intEnum", "integer", "list", "long", "map",
  "operation", "resource", "service", "set", "short", "string", "structure",
  "timestamp", "union",
};

/* Consumes a word and tells whether it is a statement keyword followed by
 * spaces and the start of a name, i.e. the beginning of a shape statement. */
static bool scan_statement_start(TSLexer *lexer) {
  char word[16];
  unsigned length = 0;
  while (is_identifier_char(lexer->lookahead)) {
    if (length + 1 >= sizeof(word)) return false;
    word[length++] = (char)lexer->lookahead;
    lexer->advance(lexer, false);
  }
  word[length] = 0;
  bool keyword = false;
  for (unsigned i = 0; i < sizeof(STATEMENT_KEYWORDS) / sizeof(STATEMENT_KEYWORDS[0]); i++) {
    if (strcmp(word, STATEMENT_KEYWORDS[i]) == 0) {
      keyword = true;
      break;
    }
  }
  if (!keyword) return false;
  if (lexer->lookahead != ' ' && lexer->lookahead != '\t') return false;
  while (lexer->lookahead == ' ' || lexer->lookahead == '\t') lexer->advance(lexer, false);
  int32_t c = lexer->lookahead;
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

/* Consumes `word` and checks that no identifier character follows it. */
static bool scan_keyword(TSLexer *lexer, const char *word) {
  for (const char *p = word; *p; p++) {
    if (lexer->lookahead != *p) return false;
    lexer->advance(lexer, false);
  }
  return !is_identifier_char(lexer->lookahead);
}

bool tree_sitter_smithy_external_scanner_scan(void *payload, TSLexer *lexer,
                                              const bool *valid_symbols) {
  (void)payload;

  /* During error recovery every symbol is valid: let the internal lexer work. */
  if (valid_symbols[ERROR_SENTINEL]) return false;

  bool may_cross_lines = valid_symbols[BR] || valid_symbols[WS] ||
                         valid_symbols[INLINE_WITH] || valid_symbols[INLINE_FOR] ||
                         valid_symbols[CLOSE_CHECK];
  bool saw_space = false; /* spaces or tabs */
  bool saw_ws = false;    /* any whitespace, commas included */
  bool saw_newline = false;
  bool at_line_start = false; /* right after a line feed */

  for (;;) {
    int32_t c = lexer->lookahead;
    if (c == ' ' || c == '\t') {
      saw_space = true;
    } else if (c == '\n') {
      saw_newline = true;
      if (!may_cross_lines) break;
    } else if (c == '\r' || c == ',' || c == 0xFEFF) {
      /* carriage returns, commas and byte order marks are just whitespace */
    } else {
      break;
    }
    saw_ws = true;
    at_line_start = c == '\n';
    lexer->advance(lexer, true);
  }

  /* Zero-width tokens end here, before the next token. */
  lexer->mark_end(lexer);

  /* A zero-width token produced just before may already have consumed the
   * line break: a token at the start of a line still follows one. */
  if (!saw_ws && (valid_symbols[BR] || valid_symbols[CLOSE_CHECK]) && !lexer->eof(lexer) &&
      lexer->get_column(lexer) == 0) {
    saw_newline = true;
    at_line_start = true;
  }

  if (lexer->eof(lexer)) {
    if (valid_symbols[BR]) {
      lexer->result_symbol = BR;
      return true;
    }
    return false;
  }

  int32_t c = lexer->lookahead;

  if (c == 'w' && (valid_symbols[INLINE_WITH] || (valid_symbols[WITH] && !saw_newline))) {
    if (!scan_keyword(lexer, "with")) return false;
    lexer->mark_end(lexer);
    lexer->result_symbol = valid_symbols[INLINE_WITH] ? INLINE_WITH : WITH;
    return true;
  }
  if (c == 'f' && (valid_symbols[INLINE_FOR] || (valid_symbols[FOR] && !saw_newline))) {
    if (!scan_keyword(lexer, "for")) return false;
    lexer->mark_end(lexer);
    lexer->result_symbol = valid_symbols[INLINE_FOR] ? INLINE_FOR : FOR;
    return true;
  }
  if (c == '=' && valid_symbols[ASSIGN] && !saw_newline) {
    lexer->advance(lexer, false);
    lexer->mark_end(lexer);
    lexer->result_symbol = ASSIGN;
    return true;
  }

  if (valid_symbols[CLOSE_CHECK] && at_line_start && is_identifier_char(c)) {
    if (scan_statement_start(lexer)) {
      /* Not valid here: the parser recovers with a missing `}`. */
      lexer->result_symbol = BR;
      return true;
    }
    if (valid_symbols[BR]) {
      lexer->result_symbol = BR;
      return true;
    }
    return false;
  }

  bool line_break = saw_newline;
  if (c == '/') {
    /* A comment runs to the end of its line, so it always implies a break. */
    lexer->advance(lexer, false);
    if (lexer->lookahead == '/') {
      line_break = true;
      saw_ws = true;
    }
  }

  if (line_break) {
    if (valid_symbols[BR]) {
      lexer->result_symbol = BR;
      return true;
    }
    if (valid_symbols[WS] && saw_ws) {
      lexer->result_symbol = WS;
      return true;
    }
    return false;
  }

  /* The next token is on the same line. */
  if (valid_symbols[SP]) {
    if (!saw_space) return false;
    lexer->result_symbol = SP;
    return true;
  }
  if (valid_symbols[NOBR]) {
    lexer->result_symbol = NOBR;
    return true;
  }
  if (valid_symbols[WS] && saw_ws) {
    lexer->result_symbol = WS;
    return true;
  }
  return false;
}
