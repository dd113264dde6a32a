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
 *
 * The scanner keeps no state.
 */

#include "tree_sitter/parser.h"

#include <stdbool.h>
#include <stdint.h>

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
                         valid_symbols[INLINE_WITH] || valid_symbols[INLINE_FOR];
  bool saw_space = false; /* spaces or tabs */
  bool saw_ws = false;    /* any whitespace, commas included */
  bool saw_newline = false;

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
    lexer->advance(lexer, true);
  }

  /* Zero-width tokens end here, before the next token. */
  lexer->mark_end(lexer);

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
