// Source of syntaxes/tree.tmLanguage.json: the S-expression syntax trees that
// `witsmith parse` prints (shown by "witsmith: Show Syntax Tree").
export default {
  $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
  name: 'witsmith syntax tree',
  scopeName: 'source.witsmith-tree',
  patterns: [
    { match: ';.*$', name: 'comment.line.semicolon.witsmith-tree' },
    {
      match: String.raw`(\()(ERROR|MISSING)\b`,
      captures: {
        1: { name: 'punctuation.section.parens.begin.witsmith-tree' },
        2: { name: 'invalid.illegal.witsmith-tree' },
      },
    },
    {
      match: String.raw`(\()([A-Za-z_][A-Za-z0-9_]*)`,
      captures: {
        1: { name: 'punctuation.section.parens.begin.witsmith-tree' },
        2: { name: 'entity.name.tag.witsmith-tree' },
      },
    },
    { match: String.raw`[A-Za-z_][A-Za-z0-9_]*(?=:)`, name: 'variable.other.property.witsmith-tree' },
    { match: '"(?:[^"\\\\]|\\\\.)*"', name: 'string.quoted.double.witsmith-tree' },
    {
      match: String.raw`\[(\d+), (\d+)\]`,
      name: 'meta.position.witsmith-tree',
      captures: {
        1: { name: 'constant.numeric.line.witsmith-tree' },
        2: { name: 'constant.numeric.column.witsmith-tree' },
      },
    },
    { match: String.raw`\)`, name: 'punctuation.section.parens.end.witsmith-tree' },
  ],
};
