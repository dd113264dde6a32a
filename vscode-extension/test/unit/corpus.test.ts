// The tree-sitter grammars' corpus inputs and the project's examples, tokenized with our TextMate
// grammars: no runaway region (a string, comment or body that fails to end)
// may swallow the statements after it.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { scopesAt, tokenize } from './textmate';

const grammars = path.join(__dirname, '..', '..', '..', 'grammars');

interface Case { file: string; name: string; input: string }

function corpus(lang: string): Case[] {
  const dir = path.join(grammars, lang, 'test', 'corpus');
  if (!fs.existsSync(dir)) {
    return [];
  }
  const cases: Case[] = [];
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.txt') && !f.startsWith('error'))) {
    const text = fs.readFileSync(path.join(dir, file), 'utf8');
    const re = /^={3,}\n(.*)\n={3,}\n([\s\S]*?)\n-{3,}\n/gm;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (!/:error|ERROR|MISSING/.test(m[0])) {
        cases.push({ file, name: m[1].trim(), input: m[2] });
      }
    }
  }
  return cases.concat(examples(lang));
}

/** The project's example files (examples/ at the root of the repository). */
function examples(lang: string): Case[] {
  const root = path.join(grammars, '..', 'examples');
  const found: Case[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.existsSync(dir) ? fs.readdirSync(dir, { withFileTypes: true }) : []) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        walk(full);
      } else if (entry.name.endsWith(`.${lang}`)) {
        found.push({ file: path.relative(root, full), name: 'example', input: fs.readFileSync(full, 'utf8') });
      }
    }
  };
  walk(root);
  return found;
}

// A statement keyword at the start of a line, and the scope it must get.
const STARTS: Record<string, [RegExp, string][]> = {
  wit: [
    [/^(interface|world)\s+%?[a-z]/, 'storage.type'],
    [/^package\s+[a-z]/, 'keyword.other.package.wit'],
  ],
  smithy: [
    [/^(structure|union|list|map|service|operation|resource|enum|intEnum)\s+[A-Za-z_]/, 'storage.type'],
    [/^(string|integer|blob|boolean|timestamp|document)\s+[A-Za-z_]/, 'storage.type.primitive.smithy'],
    [/^namespace\s/, 'keyword.other.namespace.smithy'],
  ],
};

for (const lang of ['smithy', 'wit']) {
  const cases = corpus(lang);
  test(`${lang} corpus and examples: statements after every construct still start a statement`, { skip: cases.length === 0 && 'no corpus' }, async () => {
    let checked = 0;
    const failures: string[] = [];
    for (const c of cases) {
      const lines = await tokenize(`source.${lang}`, c.input);
      c.input.split('\n').forEach((line, i) => {
        for (const [pattern, scope] of STARTS[lang]) {
          if (pattern.test(line)) {
            checked++;
            const scopes = scopesAt(lines, i, 0);
            if (!scopes.some((s) => s === scope || s.startsWith(`${scope}.`))) {
              failures.push(`${c.file} "${c.name}" line ${i + 1}: ${JSON.stringify(line)} has ${scopes.join(' ')}`);
            }
          }
        }
      });
    }
    assert.ok(checked > 10, `only ${checked} statements checked`);
    assert.deepEqual(failures, []);
  });
}
