import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { checkSample, parseSample, scopesAt, tokenize } from './textmate';

const fixtures = path.join(__dirname, '..', '..', 'test', 'fixtures', 'grammar');

for (const file of fs.readdirSync(fixtures).sort()) {
  const scope = file.endsWith('.smithy') ? 'source.smithy' : file.endsWith('.wit') ? 'source.wit' : undefined;
  if (!scope) {
    continue;
  }
  test(`scope assertions in ${file}`, async () => {
    const { failures, count } = await checkSample(scope, path.join(fixtures, file));
    assert.ok(count > 0, 'the sample has no assertions');
    assert.deepEqual(failures, []);
  });
}

test('assertion lines: carets, the # column and negative scopes', () => {
  const { text, assertions } = parseSample('abc def\n#^^ x.y\n#   ^^^ z - w\n#< q\n# plain comment ^\n');
  assert.equal(text, 'abc def\n# plain comment ^\n');
  assert.deepEqual(assertions.map((a) => [a.line, a.columns, a.has, a.hasNot]), [
    [0, [0, 1, 2], ['x.y'], []],
    [0, [4, 5, 6], ['z'], ['w']],
    [0, [0], ['q'], []],
  ]);
});

test('every line of the real examples tokenizes without invalid scopes', async () => {
  const examples = path.join(__dirname, '..', '..', 'test', 'fixtures', 'workspace');
  // The workspace has subfolders (a file to format on save), so walk it and take only the sources.
  const files = fs.readdirSync(examples, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.smithy') || f.endsWith('.wit'));
  assert.ok(files.length >= 3, `expected the workspace's example files, found ${files}`);
  for (const file of files.sort()) {
    const scope = file.endsWith('.smithy') ? 'source.smithy' : 'source.wit';
    const lines = await tokenize(scope, fs.readFileSync(path.join(examples, file), 'utf8'));
    for (const line of lines) {
      for (const token of line) {
        assert.ok(!token.scopes.some((s) => s.startsWith('invalid')), `${file}:${token.line + 1}: ${token.text} is ${token.scopes}`);
      }
    }
  }
});

test('a Smithy body left unclosed does not swallow the next shape forever', async () => {
  const lines = await tokenize('source.smithy', 'namespace a\n\nstructure A {\n    a: String\n}\n\nstructure B {}\n');
  assert.ok(scopesAt(lines, 6, 0).includes('storage.type.structure.smithy'));
});

test('syntax trees: node names, fields, positions and errors', async () => {
  const text = '; syntax tree of a.smithy\n(shape_member [6, 4] - [7, 18]\n  name: (identifier [6, 4] - [6, 8])\n  (ERROR [6, 8] - [7, 9]) (MISSING ";" [1, 2] - [1, 2]))';
  const lines = await tokenize('source.witsmith-tree', text);
  assert.ok(scopesAt(lines, 0, 2).includes('comment.line.semicolon.witsmith-tree'));
  assert.ok(scopesAt(lines, 1, 1).includes('entity.name.tag.witsmith-tree'));
  assert.ok(scopesAt(lines, 1, 15).includes('constant.numeric.line.witsmith-tree'));
  assert.ok(scopesAt(lines, 2, 2).includes('variable.other.property.witsmith-tree'));
  assert.ok(scopesAt(lines, 3, 3).includes('invalid.illegal.witsmith-tree'));
  assert.ok(scopesAt(lines, 3, 28).includes('invalid.illegal.witsmith-tree'));
  assert.ok(scopesAt(lines, 3, 36).includes('string.quoted.double.witsmith-tree'));
});
