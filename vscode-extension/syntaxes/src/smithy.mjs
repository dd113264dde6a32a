// Source of syntaxes/smithy.tmLanguage.json (`npm run grammars` writes it).
// Written from grammars/smithy/grammar.js and its highlights query: every
// construct of the tree-sitter grammar has a rule here.

const ID = String.raw`(?:_+[A-Za-z0-9]|[A-Za-z])[A-Za-z0-9_]*`;
const NS = String.raw`${ID}(?:\.${ID})*`;
const SHAPE_ID = String.raw`(?:${NS}#)?${ID}(?:\$${ID})?`;
const SIMPLE = 'blob|boolean|string|byte|short|integer|long|float|double|bigInteger|bigDecimal|timestamp|document';
const AGGREGATE = 'structure|union|list|set|map';
const PRELUDE = 'Blob|Boolean|String|Byte|Short|Integer|Long|Float|Double|BigInteger|BigDecimal|Timestamp|Document|Unit|PrimitiveBoolean|PrimitiveByte|PrimitiveShort|PrimitiveInteger|PrimitiveLong|PrimitiveFloat|PrimitiveDouble';
const W = String.raw`(?<![A-Za-z0-9_$#.])`;
const E = String.raw`(?![A-Za-z0-9_])`;

const braces = (name, patterns) => ({
  name,
  begin: String.raw`\{`,
  beginCaptures: { 0: { name: 'punctuation.section.braces.begin.smithy' } },
  end: String.raw`\}`,
  endCaptures: { 0: { name: 'punctuation.section.braces.end.smithy' } },
  patterns,
});

// A shape statement: the keyword and name, then `for`, `with [...]` and a body,
// up to the closing brace of the body.
const shape = (keywords, keywordScope, nameScope, body) => ({
  name: 'meta.shape.smithy',
  begin: String.raw`${W}(${keywords})\s+(${ID})${E}`,
  beginCaptures: {
    1: { name: keywordScope },
    2: { name: nameScope },
  },
  end: String.raw`(?<=\})`,
  patterns: [
    { include: '#comments' },
    { include: '#for-resource' },
    { include: '#mixins' },
    body,
  ],
});

export default {
  $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
  name: 'Smithy',
  scopeName: 'source.smithy',
  fileTypes: ['smithy'],
  patterns: [
    { include: '#comments' },
    { include: '#control' },
    { include: '#metadata' },
    { include: '#namespace' },
    { include: '#use' },
    { include: '#apply' },
    { include: '#trait' },
    { include: '#shapes' },
    { include: '#mixins' },
    { include: '#values' },
  ],
  repository: {
    comments: {
      patterns: [
        {
          name: 'comment.block.documentation.smithy',
          begin: String.raw`^\s*(///)`,
          beginCaptures: { 1: { name: 'punctuation.definition.comment.smithy' } },
          while: String.raw`^\s*(///)`,
          whileCaptures: { 1: { name: 'punctuation.definition.comment.smithy' } },
          contentName: 'meta.embedded.block.markdown',
          patterns: [{ include: 'text.html.markdown' }],
        },
        {
          name: 'comment.line.documentation.smithy',
          begin: '///',
          beginCaptures: { 0: { name: 'punctuation.definition.comment.smithy' } },
          end: '$',
          contentName: 'meta.embedded.block.markdown',
          patterns: [{ include: 'text.html.markdown#inline' }],
        },
        {
          name: 'comment.line.double-slash.smithy',
          begin: '//',
          beginCaptures: { 0: { name: 'punctuation.definition.comment.smithy' } },
          end: '$',
        },
      ],
    },
    control: {
      name: 'meta.control.smithy',
      begin: String.raw`^\s*(\$)(?:(${ID})|("(?:[^"\\]|\\.)*"))\s*(:)`,
      beginCaptures: {
        1: { name: 'punctuation.definition.variable.smithy' },
        2: { name: 'variable.language.control.smithy' },
        3: { name: 'variable.language.control.smithy' },
        4: { name: 'punctuation.separator.key-value.smithy' },
      },
      end: '$',
      patterns: [{ include: '#values' }],
    },
    metadata: {
      name: 'meta.metadata.smithy',
      begin: String.raw`^\s*(metadata)\s+(?:(${ID})|("(?:[^"\\]|\\.)*"))\s*(=)`,
      beginCaptures: {
        1: { name: 'keyword.other.metadata.smithy' },
        2: { name: 'variable.other.property.metadata.smithy' },
        3: { name: 'variable.other.property.metadata.smithy' },
        4: { name: 'keyword.operator.assignment.smithy' },
      },
      end: String.raw`(?<=[\]}"])|(?=$)`,
      patterns: [{ include: '#values' }],
    },
    namespace: {
      match: String.raw`^\s*(namespace)\s+(${NS})`,
      captures: {
        1: { name: 'keyword.other.namespace.smithy' },
        2: { name: 'entity.name.namespace.smithy' },
      },
    },
    use: {
      match: String.raw`^\s*(use)\s+(${SHAPE_ID})`,
      captures: {
        1: { name: 'keyword.control.import.smithy' },
        2: { patterns: [{ include: '#shape-id' }] },
      },
    },
    apply: {
      // `apply X @trait` or `apply X { @a @b }`, up to the end of the trait or block.
      name: 'meta.apply.smithy',
      begin: String.raw`^\s*(apply)\s+(${SHAPE_ID})`,
      beginCaptures: {
        1: { name: 'keyword.other.apply.smithy' },
        2: { patterns: [{ include: '#shape-id' }] },
      },
      end: String.raw`(?<=[})])|$`,
      patterns: [
        { include: '#comments' },
        { include: '#trait' },
        braces('meta.body.apply.smithy', [{ include: '#comments' }, { include: '#trait' }]),
      ],
    },
    'shape-id': {
      patterns: [
        {
          match: String.raw`${W}(?:(${NS})(#))?(?:(${PRELUDE})|(${ID}))(?:(\$)(${ID}))?${E}`,
          captures: {
            1: { name: 'entity.name.namespace.smithy' },
            2: { name: 'punctuation.separator.namespace.smithy' },
            3: { name: 'support.type.prelude.smithy' },
            4: { name: 'entity.name.type.smithy' },
            5: { name: 'punctuation.separator.member.smithy' },
            6: { name: 'variable.other.member.smithy' },
          },
        },
      ],
    },
    trait: {
      patterns: [
        {
          name: 'meta.annotation.trait.smithy',
          begin: String.raw`(@)(${SHAPE_ID})(\()`,
          beginCaptures: {
            1: { name: 'punctuation.definition.annotation.smithy' },
            2: { name: 'entity.name.function.decorator.smithy' },
            3: { name: 'punctuation.section.parens.begin.smithy' },
          },
          end: String.raw`\)`,
          endCaptures: { 0: { name: 'punctuation.section.parens.end.smithy' } },
          patterns: [{ include: '#comments' }, { include: '#object-members' }, { include: '#values' }],
        },
        {
          name: 'meta.annotation.trait.smithy',
          match: String.raw`(@)(${SHAPE_ID})`,
          captures: {
            1: { name: 'punctuation.definition.annotation.smithy' },
            2: { name: 'entity.name.function.decorator.smithy' },
          },
        },
      ],
    },
    'for-resource': {
      match: String.raw`${W}(for)\s+(${SHAPE_ID})`,
      captures: {
        1: { name: 'keyword.other.for.smithy' },
        2: { patterns: [{ include: '#shape-id' }] },
      },
    },
    mixins: {
      begin: String.raw`${W}(with)\s*(\[)`,
      beginCaptures: {
        1: { name: 'keyword.other.with.smithy' },
        2: { name: 'punctuation.section.brackets.begin.smithy' },
      },
      end: String.raw`\]`,
      endCaptures: { 0: { name: 'punctuation.section.brackets.end.smithy' } },
      patterns: [{ include: '#comments' }, { include: '#shape-id' }],
    },
    shapes: {
      patterns: [
        shape(AGGREGATE, 'storage.type.$1.smithy', 'entity.name.type.smithy', { include: '#shape-body' }),
        shape('enum|intEnum', 'storage.type.$1.smithy', 'entity.name.type.enum.smithy', { include: '#enum-body' }),
        shape('service|resource', 'storage.type.$1.smithy', 'entity.name.type.$1.smithy', { include: '#object' }),
        shape('operation', 'storage.type.operation.smithy', 'entity.name.function.operation.smithy', { include: '#operation-body' }),
        {
          name: 'meta.shape.simple.smithy',
          match: String.raw`${W}(${SIMPLE})\s+(${ID})${E}`,
          captures: {
            1: { name: 'storage.type.primitive.smithy' },
            2: { name: 'entity.name.type.smithy' },
          },
        },
      ],
    },
    'shape-body': braces('meta.body.shape.smithy', [
      { include: '#comments' },
      { include: '#trait' },
      {
        // `name: Target` or `$name` (an elided member)
        match: String.raw`(?:(${ID})\s*(:)\s*(${SHAPE_ID})|(\$)(${ID}))`,
        captures: {
          1: { name: 'variable.other.property.smithy' },
          2: { name: 'punctuation.separator.type.smithy' },
          3: { patterns: [{ include: '#shape-id' }] },
          4: { name: 'punctuation.definition.variable.smithy' },
          5: { name: 'variable.other.property.smithy' },
        },
      },
      { include: '#assignment' },
    ]),
    'enum-body': braces('meta.body.enum.smithy', [
      { include: '#comments' },
      { include: '#trait' },
      { include: '#assignment' },
      { match: ID, name: 'variable.other.enummember.smithy' },
    ]),
    'operation-body': braces('meta.body.operation.smithy', [
      { include: '#comments' },
      {
        name: 'meta.inline-structure.smithy',
        begin: String.raw`${W}(input|output)\s*(:=)`,
        beginCaptures: {
          1: { name: 'variable.other.property.smithy' },
          2: { name: 'keyword.operator.assignment.inline.smithy' },
        },
        end: String.raw`(?<=\})`,
        patterns: [
          { include: '#comments' },
          { include: '#trait' },
          { include: '#for-resource' },
          { include: '#mixins' },
          { include: '#shape-body' },
        ],
      },
      { include: '#object-members' },
      { include: '#values' },
    ]),
    assignment: {
      begin: '=',
      beginCaptures: { 0: { name: 'keyword.operator.assignment.smithy' } },
      end: String.raw`(?<=[\]}"])|(?=$|//|[,}])`,
      patterns: [{ include: '#values' }],
    },
    'object-members': {
      patterns: [
        {
          match: String.raw`(?:(${ID})|("(?:[^"\\]|\\.)*"))\s*(:)(?!=)`,
          captures: {
            1: { name: 'support.type.property-name.smithy' },
            2: { name: 'support.type.property-name.smithy' },
            3: { name: 'punctuation.separator.key-value.smithy' },
          },
        },
      ],
    },
    object: braces('meta.object.smithy', [
      { include: '#comments' },
      { include: '#object-members' },
      { include: '#values' },
    ]),
    array: {
      name: 'meta.array.smithy',
      begin: String.raw`\[`,
      beginCaptures: { 0: { name: 'punctuation.section.brackets.begin.smithy' } },
      end: String.raw`\]`,
      endCaptures: { 0: { name: 'punctuation.section.brackets.end.smithy' } },
      patterns: [{ include: '#comments' }, { include: '#values' }],
    },
    values: {
      patterns: [
        { include: '#comments' },
        { include: '#text-block' },
        { include: '#string' },
        {
          match: String.raw`-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?${E}`,
          name: 'constant.numeric.smithy',
        },
        { match: String.raw`${W}(?:true|false)${E}`, name: 'constant.language.boolean.smithy' },
        { match: String.raw`${W}null${E}`, name: 'constant.language.null.smithy' },
        { include: '#object' },
        { include: '#array' },
        { include: '#shape-id' },
        { match: ',', name: 'punctuation.separator.comma.smithy' },
      ],
    },
    string: {
      name: 'string.quoted.double.smithy',
      begin: '"',
      beginCaptures: { 0: { name: 'punctuation.definition.string.begin.smithy' } },
      end: '"',
      endCaptures: { 0: { name: 'punctuation.definition.string.end.smithy' } },
      patterns: [{ include: '#escape' }],
    },
    'text-block': {
      name: 'string.quoted.triple.smithy',
      begin: '"""',
      beginCaptures: { 0: { name: 'punctuation.definition.string.begin.smithy' } },
      end: '"""',
      endCaptures: { 0: { name: 'punctuation.definition.string.end.smithy' } },
      patterns: [{ include: '#escape' }],
    },
    escape: {
      patterns: [
        { match: String.raw`\\(?:["\\/bfnrt]|u[0-9A-Fa-f]{4}|$)`, name: 'constant.character.escape.smithy' },
        { match: String.raw`\\.`, name: 'invalid.illegal.escape.smithy' },
      ],
    },
  },
};
