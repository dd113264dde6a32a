// Source of syntaxes/wit.tmLanguage.json (`npm run grammars` writes it).
// Written from grammars/wit/grammar.js and its highlights query: every
// construct of the tree-sitter grammar has a rule here.

const ID = String.raw`%?[A-Za-z_][A-Za-z0-9_-]*`;
const VERSION = String.raw`\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?`;
const PRIMITIVES = 'bool|s8|s16|s32|s64|u8|u16|u32|u64|f32|f64|char|string';
const TYPE_CTORS = 'list|map|option|result|tuple|borrow|own|future|stream';
// A lookahead that ends a word: WIT identifiers contain `-`.
const END = String.raw`(?![A-Za-z0-9_-])`;
const START = String.raw`(?<![A-Za-z0-9_%-])`;
const kw = (words) => `${START}(?:${words})${END}`;

const docLines = (lang) => ({
  name: `comment.block.documentation.${lang}`,
  begin: String.raw`^\s*(///)`,
  beginCaptures: { 1: { name: `punctuation.definition.comment.${lang}` } },
  while: String.raw`^\s*(///)`,
  whileCaptures: { 1: { name: `punctuation.definition.comment.${lang}` } },
  contentName: 'meta.embedded.block.markdown',
  patterns: [{ include: 'text.html.markdown' }],
});

export default {
  $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
  name: 'WIT',
  scopeName: 'source.wit',
  fileTypes: ['wit'],
  patterns: [{ include: '#comments' }, { include: '#items' }],
  repository: {
    comments: {
      patterns: [
        docLines('wit'),
        {
          name: 'comment.line.documentation.wit',
          begin: '///',
          beginCaptures: { 0: { name: 'punctuation.definition.comment.wit' } },
          end: '$',
          contentName: 'meta.embedded.block.markdown',
          patterns: [{ include: 'text.html.markdown#inline' }],
        },
        {
          name: 'comment.block.documentation.wit',
          begin: String.raw`/\*\*(?![*/])`,
          beginCaptures: { 0: { name: 'punctuation.definition.comment.begin.wit' } },
          end: String.raw`\*/`,
          endCaptures: { 0: { name: 'punctuation.definition.comment.end.wit' } },
          patterns: [{ include: '#block-comment' }],
        },
        { include: '#block-comment' },
        {
          name: 'comment.line.double-slash.wit',
          begin: '//',
          beginCaptures: { 0: { name: 'punctuation.definition.comment.wit' } },
          end: '$',
        },
      ],
    },
    'block-comment': {
      name: 'comment.block.wit',
      begin: String.raw`/\*`,
      beginCaptures: { 0: { name: 'punctuation.definition.comment.begin.wit' } },
      end: String.raw`\*/`,
      endCaptures: { 0: { name: 'punctuation.definition.comment.end.wit' } },
      patterns: [{ include: '#block-comment' }],
    },
    items: {
      patterns: [
        { include: '#gate' },
        { include: '#package' },
        { include: '#use' },
        { include: '#world-items' },
        { include: '#interface' },
        { include: '#world' },
        { include: '#typedefs' },
        { include: '#resource' },
        { include: '#func-item' },
        { include: '#body' },
        { include: '#punctuation' },
      ],
    },
    gate: {
      name: 'meta.annotation.gate.wit',
      begin: String.raw`(@)\s*(since|unstable|deprecated)${END}\s*(\()`,
      beginCaptures: {
        1: { name: 'punctuation.definition.annotation.wit' },
        2: { name: 'storage.type.annotation.wit' },
        3: { name: 'punctuation.section.parens.begin.wit' },
      },
      end: String.raw`\)`,
      endCaptures: { 0: { name: 'punctuation.section.parens.end.wit' } },
      patterns: [
        { include: '#comments' },
        { match: kw('version|feature'), name: 'variable.parameter.gate.wit' },
        { match: '=', name: 'keyword.operator.assignment.wit' },
        { include: '#version' },
        { match: ID, name: 'constant.other.feature.wit' },
      ],
    },
    version: {
      match: VERSION,
      name: 'constant.numeric.version.wit',
    },
    package: {
      name: 'meta.package.wit',
      match: String.raw`${START}(package)\s+(${ID})\s*(:)\s*(${ID})(?:\s*(@)\s*(${VERSION}))?`,
      captures: {
        1: { name: 'keyword.other.package.wit' },
        2: { name: 'entity.name.namespace.wit' },
        3: { name: 'punctuation.separator.namespace.wit' },
        4: { name: 'entity.name.namespace.package.wit' },
        5: { name: 'punctuation.separator.version.wit' },
        6: { name: 'constant.numeric.version.wit' },
      },
    },
    'use-path': {
      patterns: [
        {
          match: String.raw`(${ID})\s*(:)\s*(${ID})\s*(/)\s*(${ID})(?:\s*(@)\s*(${VERSION}))?`,
          captures: {
            1: { name: 'entity.name.namespace.wit' },
            2: { name: 'punctuation.separator.namespace.wit' },
            3: { name: 'entity.name.namespace.package.wit' },
            4: { name: 'punctuation.separator.path.wit' },
            5: { name: 'entity.name.type.interface.wit' },
            6: { name: 'punctuation.separator.version.wit' },
            7: { name: 'constant.numeric.version.wit' },
          },
        },
      ],
    },
    use: {
      name: 'meta.use.wit',
      begin: kw('use'),
      beginCaptures: { 0: { name: 'keyword.control.import.use.wit' } },
      end: ';',
      endCaptures: { 0: { name: 'punctuation.terminator.wit' } },
      patterns: [
        { include: '#comments' },
        { include: '#use-path' },
        { match: String.raw`\.`, name: 'punctuation.accessor.wit' },
        {
          begin: String.raw`\{`,
          beginCaptures: { 0: { name: 'punctuation.section.braces.begin.wit' } },
          end: String.raw`\}`,
          endCaptures: { 0: { name: 'punctuation.section.braces.end.wit' } },
          patterns: [
            { include: '#comments' },
            { match: kw('as'), name: 'keyword.control.as.wit' },
            { match: ',', name: 'punctuation.separator.comma.wit' },
            { match: ID, name: 'entity.name.type.wit' },
          ],
        },
        { match: kw('as'), name: 'keyword.control.as.wit' },
        { match: ID, name: 'entity.name.type.interface.wit' },
      ],
    },
    interface: {
      match: String.raw`${START}(interface)\s+(${ID})`,
      captures: {
        1: { name: 'storage.type.interface.wit' },
        2: { name: 'entity.name.type.interface.wit' },
      },
    },
    world: {
      match: String.raw`${START}(world)\s+(${ID})`,
      captures: {
        1: { name: 'storage.type.world.wit' },
        2: { name: 'entity.name.type.world.wit' },
      },
    },
    'world-items': {
      patterns: [
        {
          // import name: func(...);
          name: 'meta.function.extern.wit',
          begin: String.raw`${START}(import|export)\s+(${ID})\s*(:)\s*(?=(?:async\s+)?func${END})`,
          beginCaptures: {
            1: { name: 'keyword.control.import.wit' },
            2: { name: 'entity.name.function.extern.wit' },
            3: { name: 'punctuation.separator.type.wit' },
          },
          end: ';',
          endCaptures: { 0: { name: 'punctuation.terminator.wit' } },
          patterns: [{ include: '#comments' }, { include: '#signature' }],
        },
        {
          // export name: interface { ... }
          match: String.raw`${START}(import|export)\s+(${ID})\s*(:)\s*(interface)${END}`,
          captures: {
            1: { name: 'keyword.control.import.wit' },
            2: { name: 'entity.name.namespace.extern.wit' },
            3: { name: 'punctuation.separator.type.wit' },
            4: { name: 'storage.type.interface.wit' },
          },
        },
        {
          // import name: path;
          name: 'meta.extern.wit',
          begin: String.raw`${START}(import|export)\s+(${ID})\s*(:)(?!\s*${ID}\s*/)`,
          beginCaptures: {
            1: { name: 'keyword.control.import.wit' },
            2: { name: 'entity.name.namespace.extern.wit' },
            3: { name: 'punctuation.separator.type.wit' },
          },
          end: ';',
          endCaptures: { 0: { name: 'punctuation.terminator.wit' } },
          patterns: [
            { include: '#comments' },
            { include: '#use-path' },
            { match: ID, name: 'entity.name.type.interface.wit' },
          ],
        },
        {
          name: 'meta.extern.wit',
          begin: kw('import|export|include'),
          beginCaptures: { 0: { name: 'keyword.control.import.wit' } },
          end: String.raw`(;)|(?=\{)|(?<=\})`,
          endCaptures: { 1: { name: 'punctuation.terminator.wit' } },
          patterns: [
            { include: '#comments' },
            { include: '#use-path' },
            {
              begin: String.raw`${START}(with)${END}\s*(\{)`,
              beginCaptures: {
                1: { name: 'keyword.control.with.wit' },
                2: { name: 'punctuation.section.braces.begin.wit' },
              },
              end: String.raw`\}`,
              endCaptures: { 0: { name: 'punctuation.section.braces.end.wit' } },
              patterns: [
                { include: '#comments' },
                { match: kw('as'), name: 'keyword.control.as.wit' },
                { match: ',', name: 'punctuation.separator.comma.wit' },
                { match: ID, name: 'entity.name.namespace.wit' },
              ],
            },
            { match: ID, name: 'entity.name.type.interface.wit' },
          ],
        },
      ],
    },
    typedefs: {
      patterns: [
        {
          name: 'meta.type.alias.wit',
          begin: String.raw`${START}(type)\s+(${ID})\s*(=)`,
          beginCaptures: {
            1: { name: 'storage.type.type.wit' },
            2: { name: 'entity.name.type.alias.wit' },
            3: { name: 'keyword.operator.assignment.wit' },
          },
          end: ';',
          endCaptures: { 0: { name: 'punctuation.terminator.wit' } },
          patterns: [{ include: '#comments' }, { include: '#types' }],
        },
        {
          name: 'meta.record.wit',
          begin: String.raw`${START}(record)\s+(${ID})\s*(\{)`,
          beginCaptures: {
            1: { name: 'storage.type.record.wit' },
            2: { name: 'entity.name.type.record.wit' },
            3: { name: 'punctuation.section.braces.begin.wit' },
          },
          end: String.raw`\}`,
          endCaptures: { 0: { name: 'punctuation.section.braces.end.wit' } },
          patterns: [
            { include: '#comments' },
            { include: '#gate' },
            {
              match: String.raw`(${ID})\s*(:)`,
              captures: {
                1: { name: 'variable.other.property.wit' },
                2: { name: 'punctuation.separator.type.wit' },
              },
            },
            { include: '#types' },
          ],
        },
        {
          name: 'meta.variant.wit',
          begin: String.raw`${START}(variant)\s+(${ID})\s*(\{)`,
          beginCaptures: {
            1: { name: 'storage.type.variant.wit' },
            2: { name: 'entity.name.type.variant.wit' },
            3: { name: 'punctuation.section.braces.begin.wit' },
          },
          end: String.raw`\}`,
          endCaptures: { 0: { name: 'punctuation.section.braces.end.wit' } },
          patterns: [
            { include: '#comments' },
            { include: '#gate' },
            {
              begin: String.raw`\(`,
              beginCaptures: { 0: { name: 'punctuation.section.parens.begin.wit' } },
              end: String.raw`\)`,
              endCaptures: { 0: { name: 'punctuation.section.parens.end.wit' } },
              patterns: [{ include: '#comments' }, { include: '#types' }],
            },
            { match: ',', name: 'punctuation.separator.comma.wit' },
            { match: ID, name: 'variable.other.enummember.case.wit' },
          ],
        },
        {
          name: 'meta.enum.wit',
          begin: String.raw`${START}(enum|flags)\s+(${ID})\s*(\{)`,
          beginCaptures: {
            1: { name: 'storage.type.$1.wit' },
            2: { name: 'entity.name.type.$1.wit' },
            3: { name: 'punctuation.section.braces.begin.wit' },
          },
          end: String.raw`\}`,
          endCaptures: { 0: { name: 'punctuation.section.braces.end.wit' } },
          patterns: [
            { include: '#comments' },
            { include: '#gate' },
            { match: ',', name: 'punctuation.separator.comma.wit' },
            { match: ID, name: 'variable.other.enummember.wit' },
          ],
        },
      ],
    },
    resource: {
      patterns: [
        {
          match: String.raw`${START}(resource)\s+(${ID})`,
          captures: {
            1: { name: 'storage.type.resource.wit' },
            2: { name: 'entity.name.type.resource.wit' },
          },
        },
        {
          name: 'meta.function.constructor.wit',
          begin: String.raw`${START}(constructor)\s*(?=\()`,
          beginCaptures: { 1: { name: 'entity.name.function.constructor.wit' } },
          end: ';',
          endCaptures: { 0: { name: 'punctuation.terminator.wit' } },
          patterns: [{ include: '#comments' }, { include: '#signature' }],
        },
        {
          match: String.raw`${START}(static)${END}`,
          name: 'storage.modifier.static.wit',
        },
      ],
    },
    'func-item': {
      name: 'meta.function.wit',
      begin: String.raw`(${ID})\s*(:)\s*(?=(?:async\s+)?func${END})`,
      beginCaptures: {
        1: { name: 'entity.name.function.wit' },
        2: { name: 'punctuation.separator.type.wit' },
      },
      end: ';',
      endCaptures: { 0: { name: 'punctuation.terminator.wit' } },
      patterns: [{ include: '#comments' }, { include: '#signature' }],
    },
    signature: {
      patterns: [
        { match: kw('async'), name: 'storage.modifier.async.wit' },
        { match: kw('func'), name: 'storage.type.function.wit' },
        {
          name: 'meta.parameters.wit',
          begin: String.raw`\(`,
          beginCaptures: { 0: { name: 'punctuation.section.parameters.begin.wit' } },
          end: String.raw`\)`,
          endCaptures: { 0: { name: 'punctuation.section.parameters.end.wit' } },
          patterns: [
            { include: '#comments' },
            {
              match: String.raw`(${ID})\s*(:)`,
              captures: {
                1: { name: 'variable.parameter.wit' },
                2: { name: 'punctuation.separator.type.wit' },
              },
            },
            { include: '#types' },
          ],
        },
        { match: '->', name: 'keyword.operator.arrow.wit' },
        { include: '#types' },
      ],
    },
    types: {
      patterns: [
        { include: '#comments' },
        { match: kw(`${PRIMITIVES}|error-context`), name: 'support.type.primitive.wit' },
        {
          begin: String.raw`${START}(${TYPE_CTORS})\s*(<)`,
          beginCaptures: {
            1: { name: 'support.type.builtin.wit' },
            2: { name: 'punctuation.definition.typeparameters.begin.wit' },
          },
          end: '>',
          endCaptures: { 0: { name: 'punctuation.definition.typeparameters.end.wit' } },
          patterns: [
            { match: String.raw`${START}_${END}`, name: 'variable.language.placeholder.wit' },
            { match: String.raw`\b\d+\b`, name: 'constant.numeric.integer.wit' },
            { include: '#types' },
          ],
        },
        { match: kw(`${TYPE_CTORS}`), name: 'support.type.builtin.wit' },
        { match: ',', name: 'punctuation.separator.comma.wit' },
        { match: String.raw`${START}_${END}`, name: 'variable.language.placeholder.wit' },
        { match: ID, name: 'entity.name.type.wit' },
      ],
    },
    body: {
      begin: String.raw`\{`,
      beginCaptures: { 0: { name: 'punctuation.section.braces.begin.wit' } },
      end: String.raw`\}`,
      endCaptures: { 0: { name: 'punctuation.section.braces.end.wit' } },
      patterns: [{ include: '#comments' }, { include: '#items' }],
    },
    punctuation: {
      patterns: [
        { match: ';', name: 'punctuation.terminator.wit' },
        { match: ',', name: 'punctuation.separator.comma.wit' },
        { match: '=', name: 'keyword.operator.assignment.wit' },
        { match: '->', name: 'keyword.operator.arrow.wit' },
        { match: kw('package|interface|world|type|record|variant|enum|flags|resource'), name: 'storage.type.wit' },
        { match: kw('use|import|export|include|as|with'), name: 'keyword.control.import.wit' },
        { match: kw('func'), name: 'storage.type.function.wit' },
        { match: kw('async|static'), name: 'storage.modifier.wit' },
        { include: '#version' },
        { include: '#types' },
      ],
    },
  },
};
