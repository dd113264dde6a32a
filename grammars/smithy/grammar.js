/**
 * Tree-sitter grammar for the Smithy interface definition language.
 *
 * Covers Smithy IDL 2.0 and the 1.0 forms still found in real models
 * (`set` shapes, `version` in services, `@box`, `$version: "1.0"`).
 *
 * Smithy is newline sensitive in a few places (statements must be separated
 * by line breaks, keywords must be followed by spaces on the same line, a
 * default value must be followed by a line break, ...). Those checks are done
 * by the external scanner in src/scanner.c, which produces zero-width
 * assertion tokens (and the same-line keywords `with`, `for` and `=`).
 */

const IDENTIFIER = /(_+[A-Za-z0-9]|[A-Za-z])[A-Za-z0-9_]*/;

const SIMPLE_TYPES = [
  'blob', 'boolean', 'string', 'byte', 'short', 'integer', 'long', 'float',
  'double', 'bigInteger', 'bigDecimal', 'timestamp', 'document',
];

const ESCAPE = /\\(["\\/bfnrt]|u[0-9A-Fa-f]{4}|\r?\n)/;

/**
 * A required line break (newline, comment or end of input). It is a visible,
 * anonymous, zero-width node so that a missing one shows up in the tree as
 * (MISSING "line_break").
 */
const lineBreak = $ => alias($._br, 'line_break');

module.exports = grammar({
  name: 'smithy',

  word: $ => $.identifier,

  externals: $ => [
    $._br, // a line break (newline, comment or end of input) comes next
    $._nobr, // the next token is on the same line
    $._sp, // at least one space or tab, then a token on the same line
    $._ws, // at least one whitespace character or a comment comes next
    $._with, // the `with` keyword, on the same line as what precedes it
    $._for, // the `for` keyword, on the same line as what precedes it
    $._inline_with, // `with` in an inline structure (line breaks allowed)
    $._inline_for, // `for` in an inline structure (line breaks allowed)
    $._assign, // `=` of a value assignment, on the same line
    $._close_check, // never produced: marks where a `}` may close a body
    $._error_sentinel,
  ],

  extras: $ => [/[ \t\r\n\uFEFF]/, ',', $.comment],

  supertypes: $ => [$._node_value, $._shape],

  rules: {
    source_file: $ => seq(
      repeat(seq($.control_statement, lineBreak($))),
      repeat(seq($.metadata_statement, lineBreak($))),
      optional(seq(
        $.namespace_statement, lineBreak($),
        repeat(seq($.use_statement, lineBreak($))),
        repeat(seq($._statement, lineBreak($))),
        optional($._dangling_docs),
      )),
    ),

    // ---------------------------------------------------------------- comments

    comment: _ => token(seq('//', /[^\n]*/)),

    doc_comment: _ => token(prec(1, seq('///', /[^\n]*/))),

    // ------------------------------------------------------- control section

    control_statement: $ => seq(
      '$',
      field('key', $._node_object_key),
      $._nobr,
      ':',
      $._nobr,
      field('value', $._node_value),
    ),

    metadata_statement: $ => seq(
      'metadata',
      $._sp,
      field('key', $._node_object_key),
      $._nobr,
      '=',
      $._nobr,
      field('value', $._node_value),
    ),

    // -------------------------------------------------------- shape section

    namespace_statement: $ => seq(
      'namespace',
      $._sp,
      field('namespace', $.namespace),
    ),

    use_statement: $ => seq(
      optional($._docs),
      'use',
      $._sp,
      field('shape_id', $.shape_id),
    ),

    _statement: $ => choice($._shape, $.apply_statement),

    apply_statement: $ => seq(
      optional($._docs),
      'apply',
      $._sp,
      field('target', $.shape_id),
      $._ws,
      choice(
        $.trait,
        seq('{', optional($._traits), $._close),
      ),
    ),

    _shape: $ => choice(
      $.simple_shape,
      $.enum_shape,
      $.int_enum_shape,
      $.list_shape,
      $.set_shape,
      $.map_shape,
      $.structure_shape,
      $.union_shape,
      $.service_shape,
      $.operation_shape,
      $.resource_shape,
    ),

    // Doc comments and traits in any order (right recursive so that doc
    // comments can also be accepted where no shape follows).
    _traits: $ => choice(
      seq($.doc_comment, optional($._traits)),
      seq($.trait, optional($._traits)),
    ),

    _docs: $ => seq($.doc_comment, optional($._docs)),

    // Documentation comments that are not followed by a shape or member.
    _dangling_docs: $ => $._docs,

    simple_shape: $ => seq(
      optional($._traits),
      field('type', choice(...SIMPLE_TYPES)),
      $._sp,
      field('name', $.identifier),
      optional(field('mixins', $.mixins)),
    ),

    enum_shape: $ => seq(
      optional($._traits),
      'enum',
      $._enum_rest,
    ),

    int_enum_shape: $ => seq(
      optional($._traits),
      'intEnum',
      $._enum_rest,
    ),

    _enum_rest: $ => seq(
      $._sp,
      field('name', $.identifier),
      optional(field('mixins', $.mixins)),
      field('body', $.enum_body),
    ),

    enum_body: $ => seq(
      '{',
      repeat(choice(
        $.enum_member,
        seq(alias($._enum_member_with_value, $.enum_member), lineBreak($)),
      )),
      optional($._dangling_docs),
      $._close,
    ),

    enum_member: $ => seq(
      optional($._traits),
      field('name', $.identifier),
    ),

    _enum_member_with_value: $ => seq(
      optional($._traits),
      field('name', $.identifier),
      alias($._assign, '='),
      $._nobr,
      field('value', $._node_value),
    ),

    list_shape: $ => seq(optional($._traits), 'list', $._aggregate_rest),
    set_shape: $ => seq(optional($._traits), 'set', $._aggregate_rest),
    map_shape: $ => seq(optional($._traits), 'map', $._aggregate_rest),
    structure_shape: $ => seq(optional($._traits), 'structure', $._aggregate_rest),
    union_shape: $ => seq(optional($._traits), 'union', $._aggregate_rest),

    _aggregate_rest: $ => seq(
      $._sp,
      field('name', $.identifier),
      optional($._for_resource),
      optional(field('mixins', $.mixins)),
      field('body', $.shape_body),
    ),

    // The closing brace of a body. `_close_check` is never produced by the
    // scanner; it only makes the scanner run where a body may end (see
    // src/scanner.c, recovery of unclosed bodies).
    _close: $ => choice('}', $._close_check),

    _for_resource: $ => seq(
      alias($._for, 'for'),
      field('resource', $.shape_id),
    ),

    mixins: $ => seq(
      alias($._with, 'with'),
      '[',
      repeat1($.shape_id),
      ']',
    ),

    _inline_mixins: $ => seq(
      alias($._inline_with, 'with'),
      '[',
      repeat1($.shape_id),
      ']',
    ),

    shape_body: $ => seq(
      '{',
      repeat(choice(
        $.shape_member,
        seq(alias($._shape_member_with_default, $.shape_member), lineBreak($)),
        $.elided_member,
        seq(alias($._elided_member_with_default, $.elided_member), lineBreak($)),
      )),
      optional($._dangling_docs),
      $._close,
    ),

    shape_member: $ => seq(
      optional($._traits),
      field('name', $.identifier),
      ':',
      field('target', $.shape_id),
    ),

    _shape_member_with_default: $ => seq(
      optional($._traits),
      field('name', $.identifier),
      ':',
      field('target', $.shape_id),
      $._default,
    ),

    elided_member: $ => seq(
      optional($._traits),
      '$',
      field('name', alias($._immediate_identifier, $.identifier)),
    ),

    _elided_member_with_default: $ => seq(
      optional($._traits),
      '$',
      field('name', alias($._immediate_identifier, $.identifier)),
      $._default,
    ),

    _default: $ => seq(
      alias($._assign, '='),
      $._nobr,
      field('default', $._node_value),
    ),

    service_shape: $ => seq(optional($._traits), 'service', $._entity_rest),
    resource_shape: $ => seq(optional($._traits), 'resource', $._entity_rest),

    _entity_rest: $ => seq(
      $._sp,
      field('name', $.identifier),
      optional(field('mixins', $.mixins)),
      field('body', $.node_object),
    ),

    operation_shape: $ => seq(
      optional($._traits),
      'operation',
      $._sp,
      field('name', $.identifier),
      optional(field('mixins', $.mixins)),
      field('body', $.operation_body),
    ),

    operation_body: $ => seq(
      '{',
      repeat($.operation_property),
      $._close,
    ),

    // `input`/`output` may be a shape id (`input: Foo`) or an inline
    // structure (`input := { ... }`); anything else (`errors: [...]`, and
    // unknown keys reported later) is a plain node value.
    operation_property: $ => choice(
      seq(
        field('key', choice(
          alias('input', $.identifier),
          alias('output', $.identifier),
        )),
        choice(
          seq(':', field('value', $._node_value)),
          seq(':=', field('value', $.inline_structure)),
        ),
      ),
      seq(
        field('key', $.identifier),
        ':',
        field('value', $._node_value),
      ),
    ),

    inline_structure: $ => seq(
      optional($._traits),
      optional(seq(
        alias($._inline_for, 'for'),
        field('resource', $.shape_id),
      )),
      optional(field('mixins', alias($._inline_mixins, $.mixins))),
      field('body', $.shape_body),
    ),

    // ----------------------------------------------------------------- traits

    trait: $ => seq(
      '@',
      field('id', $.shape_id),
      optional(seq(
        token.immediate('('),
        optional(field('value', choice($._node_value, $.trait_body))),
        ')',
      )),
    ),

    // The structured form of a trait value: `@trait(key: value, ...)`.
    trait_body: $ => repeat1($.node_object_kvp),

    // -------------------------------------------------------------- shape ids

    shape_id: $ => seq(
      optional(seq(
        field('namespace', $.namespace),
        token.immediate('#'),
      )),
      field('name', $.identifier),
      optional(seq(
        token.immediate('$'),
        field('member', alias($._immediate_identifier, $.identifier)),
      )),
    ),

    namespace: $ => seq(
      $.identifier,
      repeat(seq(
        token.immediate('.'),
        alias($._immediate_identifier, $.identifier),
      )),
    ),

    identifier: _ => IDENTIFIER,

    _immediate_identifier: _ => token.immediate(IDENTIFIER),

    // ------------------------------------------------------------ node values

    _node_value: $ => choice(
      $.node_array,
      $.node_object,
      $.number,
      $.boolean,
      $.null,
      $.string,
      $.text_block,
      $.shape_id,
    ),

    node_array: $ => seq('[', repeat($._node_value), ']'),

    node_object: $ => seq('{', repeat($.node_object_kvp), $._close),

    node_object_kvp: $ => seq(
      field('key', $._node_object_key),
      ':',
      field('value', $._node_value),
    ),

    _node_object_key: $ => choice($.identifier, $.string),

    number: _ => token(seq(
      optional('-'),
      choice('0', /[1-9][0-9]*/),
      optional(/\.[0-9]+/),
      optional(/[eE][+-]?[0-9]+/),
    )),

    boolean: _ => choice('true', 'false'),

    null: _ => 'null',

    // Strings keep their escape sequences as children so that an invalid
    // escape only breaks the string it is in.
    string: $ => seq(
      '"',
      repeat(choice(
        alias($._string_content, $.string_content),
        $.escape_sequence,
      )),
      token.immediate('"'),
    ),

    _string_content: _ => token.immediate(prec(1, /[^"\\]+/)),

    // A text block starts with three double quotes and a line break; its
    // content may contain single and doubled quotes.
    text_block: $ => seq(
      '"""',
      token.immediate(/[ \t]*\r?\n/),
      repeat(choice(
        alias($._text_block_content, $.string_content),
        $.escape_sequence,
      )),
      token.immediate(prec(2, '"""')),
    ),

    _text_block_content: _ => token.immediate(prec(1, choice(
      /[^"\\]+/,
      /"|""/,
    ))),

    escape_sequence: _ => token.immediate(ESCAPE),
  },
});
