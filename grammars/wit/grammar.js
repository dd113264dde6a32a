/**
 * @file Tree-sitter grammar for WIT, the WebAssembly Component Model
 *       interface definition language.
 * @license MIT
 *
 * Conventions (see README.md for the full node reference):
 *  - Every declaration node ends in `_item` (`interface_item`, `record_item`,
 *    `func_item`, ...) and exposes `name` and, where it has one, `body`.
 *  - Doc comments (`///`, `/** *\/`) and feature gates (`@since`, `@unstable`,
 *    `@deprecated`) that precede a declaration or member are children of that
 *    node, under the fields `docs` and `gate`.
 *  - Lists of members use one repeated field per element (`names`, `with`,
 *    `element`), so `children_by_field_name` returns them in source order.
 *  - Identifiers are lexed by the external scanner: any identifier shape is
 *    accepted (casing is checked later), but reserved words need a `%`
 *    prefix, exactly as in the reference parser.
 */

/* eslint-disable arrow-parens */
/* eslint-disable camelcase */
/* eslint-disable-next-line spaced-comment */
/// <reference types="tree-sitter-cli/dsl" />
// @ts-check

const PRIMITIVES = [
  'bool',
  's8', 's16', 's32', 's64',
  'u8', 'u16', 'u32', 'u64',
  'f32', 'f64',
  'char', 'string',
  'error-context',
];

/**
 * One or more `rule`s separated by commas, with an optional trailing comma.
 *
 * @param {RuleOrLiteral} rule
 * @return {SeqRule}
 */
function commaSep1(rule) {
  return seq(rule, repeat(seq(',', rule)), optional(','));
}

/**
 * Zero or more `rule`s separated by commas, with an optional trailing comma.
 *
 * @param {RuleOrLiteral} rule
 * @return {ChoiceRule}
 */
function commaSep(rule) {
  return optional(commaSep1(rule));
}

/**
 * Docs and gates that may precede a declaration or member.
 *
 * @param {GrammarSymbols<string>} $
 * @return {RuleOrLiteral[]}
 */
function prefix($) {
  return [
    optional(field('docs', $._docs)),
    optional(field('gate', $._gates)),
  ];
}

/**
 * A brace-delimited body: members, then optional dangling doc comments.
 *
 * @param {GrammarSymbols<string>} $
 * @param {RuleOrLiteral} members
 * @return {SeqRule}
 */
function block($, members) {
  return seq('{', members, optional(field('docs', $._docs)), '}');
}

module.exports = grammar({
  name: 'wit',

  externals: $ => [
    $.identifier,
    $.doc_comment,
    $.comment,
    $._error_sentinel,
    $._open_angle,
    $._close_angle,
  ],

  extras: $ => [/\s/, $.comment],

  supertypes: $ => [$._type, $._gate],

  inline: $ => [$._lt, $._gt],

  rules: {
    source_file: $ => seq(
      optional($.package_decl),
      repeat($._toplevel_item),
      optional(field('docs', $._docs)),
    ),

    _docs: $ => repeat1($.doc_comment),

    _gates: $ => repeat1($._gate),

    // ----------------------------------------------------------------------
    // Packages

    package_decl: $ => seq(
      optional(field('docs', $._docs)),
      'package',
      field('name', $.package_name),
      ';',
    ),

    package_name: $ => seq(
      field('namespace', $.identifier),
      ':',
      field('name', $.identifier),
      optional(seq('@', field('version', $.version))),
    ),

    package_block: $ => seq(
      optional(field('docs', $._docs)),
      'package',
      field('name', $.package_name),
      field('body', $.package_body),
    ),

    // wit-parser rejects a package block inside another, but reads it as one to say so;
    // parsing it keeps the tree whole and lets the model report it on its name.
    package_body: $ => block($, repeat(choice($._package_member, $.package_block))),

    _toplevel_item: $ => choice(
      $.package_block,
      $._package_member,
    ),

    _package_member: $ => choice(
      $.toplevel_use,
      $.interface_item,
      $.world_item,
    ),

    toplevel_use: $ => seq(
      ...prefix($),
      'use',
      field('path', $.use_path),
      optional(seq('as', field('alias', $.identifier))),
      ';',
    ),

    // `iface`, or `ns:pkg/iface` with an optional `@version`.
    use_path: $ => choice(
      field('interface', $.identifier),
      seq(
        field('namespace', $.identifier),
        ':',
        field('package', $.identifier),
        '/',
        field('interface', $.identifier),
        optional(seq('@', field('version', $.version))),
      ),
    ),

    // ----------------------------------------------------------------------
    // Feature gates

    _gate: $ => choice($.since_gate, $.unstable_gate, $.deprecated_gate),

    since_gate: $ => seq(
      '@', 'since', '(', 'version', '=', field('version', $.version), ')',
    ),

    unstable_gate: $ => seq(
      '@', 'unstable', '(', 'feature', '=', field('feature', $.identifier), ')',
    ),

    deprecated_gate: $ => seq(
      '@', 'deprecated', '(', 'version', '=', field('version', $.version), ')',
    ),

    // ----------------------------------------------------------------------
    // Interfaces

    interface_item: $ => seq(
      ...prefix($),
      'interface',
      field('name', $.identifier),
      field('body', $.interface_body),
    ),

    interface_body: $ => block($, repeat($._interface_member)),

    _interface_member: $ => choice(
      $.use_item,
      $.func_item,
      $._typedef,
    ),

    use_item: $ => seq(
      ...prefix($),
      'use',
      field('path', $.use_path),
      '.',
      '{',
      commaSep(field('names', $.use_name)),
      '}',
      ';',
    ),

    use_name: $ => seq(
      field('name', $.identifier),
      optional(seq('as', field('alias', $.identifier))),
    ),

    func_item: $ => seq(
      ...prefix($),
      field('name', $.identifier),
      ':',
      field('type', $.func_type),
      ';',
    ),

    func_type: $ => seq(
      optional(field('async', 'async')),
      'func',
      field('params', $.param_list),
      optional(seq('->', field('result', $._type))),
    ),

    param_list: $ => seq('(', commaSep($.param), ')'),

    param: $ => seq(
      field('name', $.identifier),
      ':',
      field('type', $._type),
    ),

    // ----------------------------------------------------------------------
    // Worlds

    world_item: $ => seq(
      ...prefix($),
      'world',
      field('name', $.identifier),
      field('body', $.world_body),
    ),

    world_body: $ => block($, repeat($._world_member)),

    _world_member: $ => choice(
      $.import_item,
      $.export_item,
      $.include_item,
      $.use_item,
      $._typedef,
    ),

    import_item: $ => seq(...prefix($), 'import', $._extern),

    export_item: $ => seq(...prefix($), 'export', $._extern),

    _extern: $ => choice(
      seq(field('kind', $.use_path), ';'),
      seq(
        field('name', $.identifier),
        ':',
        choice(
          seq(field('kind', $.func_type), ';'),
          seq('interface', field('kind', $.interface_body)),
          seq(field('kind', $.use_path), ';'),
        ),
      ),
    ),

    include_item: $ => seq(
      ...prefix($),
      'include',
      field('path', $.use_path),
      choice(
        ';',
        seq('with', '{', commaSep(field('with', $.include_name)), '}'),
      ),
    ),

    include_name: $ => seq(
      field('from', $.identifier),
      'as',
      field('to', $.identifier),
    ),

    // ----------------------------------------------------------------------
    // Type definitions

    _typedef: $ => choice(
      $.type_item,
      $.record_item,
      $.variant_item,
      $.enum_item,
      $.flags_item,
      $.resource_item,
    ),

    type_item: $ => seq(
      ...prefix($),
      'type',
      field('name', $.identifier),
      '=',
      field('type', $._type),
      ';',
    ),

    record_item: $ => seq(
      ...prefix($),
      'record',
      field('name', $.identifier),
      field('body', $.record_body),
    ),

    record_body: $ => block($, commaSep($.record_field)),

    record_field: $ => seq(
      ...prefix($),
      field('name', $.identifier),
      ':',
      field('type', $._type),
    ),

    variant_item: $ => seq(
      ...prefix($),
      'variant',
      field('name', $.identifier),
      field('body', $.variant_body),
    ),

    variant_body: $ => block($, commaSep($.variant_case)),

    variant_case: $ => seq(
      ...prefix($),
      field('name', $.identifier),
      optional(seq('(', field('type', $._type), ')')),
    ),

    enum_item: $ => seq(
      ...prefix($),
      'enum',
      field('name', $.identifier),
      field('body', $.enum_body),
    ),

    enum_body: $ => block($, commaSep($.enum_case)),

    enum_case: $ => seq(...prefix($), field('name', $.identifier)),

    flags_item: $ => seq(
      ...prefix($),
      'flags',
      field('name', $.identifier),
      field('body', $.flags_body),
    ),

    flags_body: $ => block($, commaSep($.flags_field)),

    flags_field: $ => seq(...prefix($), field('name', $.identifier)),

    resource_item: $ => seq(
      ...prefix($),
      'resource',
      field('name', $.identifier),
      choice(';', field('body', $.resource_body)),
    ),

    resource_body: $ => block($, repeat($._resource_member)),

    _resource_member: $ => choice(
      $.constructor,
      $.resource_method,
      $.static_method,
    ),

    constructor: $ => seq(
      ...prefix($),
      'constructor',
      field('params', $.param_list),
      optional(seq('->', field('result', $._type))),
      ';',
    ),

    resource_method: $ => seq(
      ...prefix($),
      field('name', $.identifier),
      ':',
      field('type', $.func_type),
      ';',
    ),

    static_method: $ => seq(
      ...prefix($),
      field('name', $.identifier),
      ':',
      'static',
      field('type', $.func_type),
      ';',
    ),

    // ----------------------------------------------------------------------
    // Types

    _type: $ => choice(
      $.primitive_type,
      $.list_type,
      $.map_type,
      $.option_type,
      $.result_type,
      $.tuple_type,
      $.handle,
      $.future_type,
      $.stream_type,
      $.named_type,
    ),

    primitive_type: _ => choice(...PRIMITIVES),

    list_type: $ => seq(
      'list', $._lt,
      field('element', $._type),
      optional(seq(',', field('size', $.integer))),
      $._gt,
    ),

    map_type: $ => seq(
      'map', $._lt,
      field('key', $._type),
      ',',
      field('value', $._type),
      $._gt,
    ),

    option_type: $ => seq('option', $._lt, field('type', $._type), $._gt),

    result_type: $ => seq(
      'result',
      optional(seq(
        $._lt,
        choice(
          seq(
            field('ok', $._type),
            optional(seq(',', field('err', $._type))),
          ),
          seq('_', ',', field('err', $._type)),
        ),
        $._gt,
      )),
    ),

    tuple_type: $ => seq(
      'tuple', $._lt, commaSep(field('element', $._type)), $._gt,
    ),

    handle: $ => seq(
      field('kind', choice('borrow', 'own')),
      $._lt,
      field('resource', $.named_type),
      $._gt,
    ),

    future_type: $ => seq(
      'future',
      optional(seq($._lt, field('type', $._type), $._gt)),
    ),

    stream_type: $ => seq(
      'stream',
      optional(seq($._lt, field('type', $._type), $._gt)),
    ),

    named_type: $ => field('name', $.identifier),

    // Angle brackets come from the external scanner, which counts their
    // nesting and refuses to open a 100th level, like the reference parser.
    _lt: $ => alias($._open_angle, '<'),
    _gt: $ => alias($._close_angle, '>'),

    // ----------------------------------------------------------------------
    // Tokens

    version: _ => token(seq(
      /[0-9]+\.[0-9]+\.[0-9]+/,
      optional(seq('-', /[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*/)),
      optional(seq('+', /[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*/)),
    )),

    integer: _ => /[0-9]+/,
  },
});
