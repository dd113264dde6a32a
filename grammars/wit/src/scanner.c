/*
 * External scanner for the WIT grammar.
 *
 * It recognises three kinds of token the generated lexer cannot:
 *
 *  - comments: `// ...` and nestable `/* ... * /` block comments;
 *  - doc comments: `/// ...` and `/** ... * /`, emitted as `doc_comment`
 *    only where the grammar accepts documentation (before a declaration or
 *    member, or before a closing brace), and as plain `comment` elsewhere;
 *  - angle brackets: `<` and `>` are counted so that a type nested 100
 *    levels deep is a syntax error, matching the reference parser's limit;
 *  - identifiers: plain (`foo-bar`) or `%`-escaped (`%interface`). A plain
 *    word that is a reserved WIT keyword is rejected here, so the generated
 *    lexer turns it into the keyword token. This makes keywords reserved
 *    everywhere, as in the reference parser, instead of contextual.
 */

#include "tree_sitter/parser.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum TokenType {
  IDENTIFIER,
  DOC_COMMENT,
  COMMENT,
  ERROR_SENTINEL,
  OPEN_ANGLE,
  CLOSE_ANGLE,
};

/* The reference parser rejects anonymous types nested 100 levels deep. */
#define MAX_TYPE_NESTING 99

typedef struct {
  uint8_t depth; /* currently open `<` brackets */
} Scanner;

static const char *const KEYWORDS[] = {
    "as",       "async",  "bool",   "borrow",      "char",   "constructor",
    "enum",     "error-context",    "export",      "f32",    "f64",
    "flags",    "from",   "func",   "future",      "import", "include",
    "interface", "list",  "map",    "option",      "own",    "package",
    "record",   "resource", "result", "s16",       "s32",    "s64",
    "s8",       "static", "stream", "string",      "tuple",  "type",
    "u16",      "u32",    "u64",    "u8",          "use",    "variant",
    "with",     "world",  "_",
};

#define KEYWORD_COUNT (sizeof(KEYWORDS) / sizeof(KEYWORDS[0]))
#define MAX_KEYWORD_LEN 16

void *tree_sitter_wit_external_scanner_create(void) {
  Scanner *scanner = (Scanner *)malloc(sizeof(Scanner));
  scanner->depth = 0;
  return scanner;
}

void tree_sitter_wit_external_scanner_destroy(void *payload) { free(payload); }

unsigned tree_sitter_wit_external_scanner_serialize(void *payload, char *buffer) {
  Scanner *scanner = (Scanner *)payload;
  buffer[0] = (char)scanner->depth;
  return 1;
}

void tree_sitter_wit_external_scanner_deserialize(void *payload, const char *buffer,
                                                  unsigned length) {
  Scanner *scanner = (Scanner *)payload;
  scanner->depth = length > 0 ? (uint8_t)buffer[0] : 0;
}

static inline void advance(TSLexer *lexer) { lexer->advance(lexer, false); }

static inline bool is_ident_start(int32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
}

static inline bool is_ident_continue(int32_t c) {
  return is_ident_start(c) || (c >= '0' && c <= '9') || c == '-';
}

static bool is_keyword(const char *word) {
  for (size_t i = 0; i < KEYWORD_COUNT; i++) {
    if (strcmp(word, KEYWORDS[i]) == 0) return true;
  }
  return false;
}

/* Called after `/` has been consumed. */
static bool scan_comment(TSLexer *lexer, const bool *valid_symbols) {
  bool doc = false;
  if (lexer->lookahead == '/') {
    advance(lexer);
    doc = lexer->lookahead == '/';
    while (!lexer->eof(lexer) && lexer->lookahead != '\n') advance(lexer);
  } else if (lexer->lookahead == '*') {
    advance(lexer);
    if (lexer->lookahead == '*') {
      advance(lexer);
      if (lexer->lookahead == '/') {
        /* `/**` + `/`: an empty plain comment. */
        advance(lexer);
        lexer->result_symbol = COMMENT;
        return true;
      }
      doc = true;
    }
    unsigned depth = 1;
    while (depth > 0) {
      if (lexer->eof(lexer)) return false; /* unterminated */
      int32_t c = lexer->lookahead;
      advance(lexer);
      if (c == '/' && lexer->lookahead == '*') {
        advance(lexer);
        depth++;
      } else if (c == '*' && lexer->lookahead == '/') {
        advance(lexer);
        depth--;
      }
    }
  } else {
    return false;
  }
  if (doc && valid_symbols[DOC_COMMENT]) {
    lexer->result_symbol = DOC_COMMENT;
  } else {
    lexer->result_symbol = COMMENT;
  }
  return true;
}

static bool scan_identifier(TSLexer *lexer) {
  char word[MAX_KEYWORD_LEN + 1];
  size_t len = 0;
  bool escaped = false;
  if (lexer->lookahead == '%') {
    escaped = true;
    advance(lexer);
    if (!is_ident_start(lexer->lookahead)) return false;
  }
  while (!lexer->eof(lexer) && is_ident_continue(lexer->lookahead)) {
    if (len <= MAX_KEYWORD_LEN) {
      int32_t c = lexer->lookahead;
      word[len < MAX_KEYWORD_LEN ? len : MAX_KEYWORD_LEN] = c < 0x80 ? (char)c : '?';
      len++;
    }
    advance(lexer);
  }
  if (!escaped && len <= MAX_KEYWORD_LEN) {
    word[len] = '\0';
    if (is_keyword(word)) return false;
  }
  lexer->result_symbol = IDENTIFIER;
  return true;
}

bool tree_sitter_wit_external_scanner_scan(void *payload, TSLexer *lexer,
                                           const bool *valid_symbols) {
  Scanner *scanner = (Scanner *)payload;

  /* Doc comments are only expected between declarations, where no type is
   * open. After error recovery (e.g. a `>` inserted as missing) the bracket
   * count may be stale; forget it there so that one broken type cannot
   * affect the rest of the file. */
  if (valid_symbols[DOC_COMMENT] && !valid_symbols[ERROR_SENTINEL]) scanner->depth = 0;

  while (lexer->lookahead == ' ' || lexer->lookahead == '\t' || lexer->lookahead == '\n' ||
         lexer->lookahead == '\r' || lexer->lookahead == '\f' || lexer->lookahead == '\v' ||
         lexer->lookahead == 0xFEFF) {
    lexer->advance(lexer, true);
  }

  if (lexer->lookahead == '/') {
    if (!valid_symbols[COMMENT] && !valid_symbols[DOC_COMMENT]) return false;
    advance(lexer);
    return scan_comment(lexer, valid_symbols);
  }

  if (lexer->lookahead == '<' && valid_symbols[OPEN_ANGLE]) {
    if (scanner->depth >= MAX_TYPE_NESTING) return false;
    advance(lexer);
    scanner->depth++;
    lexer->result_symbol = OPEN_ANGLE;
    return true;
  }

  if (lexer->lookahead == '>' && valid_symbols[CLOSE_ANGLE]) {
    advance(lexer);
    if (scanner->depth > 0) scanner->depth--;
    lexer->result_symbol = CLOSE_ANGLE;
    return true;
  }

  if (valid_symbols[IDENTIFIER] && (lexer->lookahead == '%' || is_ident_start(lexer->lookahead))) {
    return scan_identifier(lexer);
  }

  return false;
}
