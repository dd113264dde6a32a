// Writes syntaxes/*.tmLanguage.json from syntaxes/src/*.mjs.
// `--check` fails instead when a committed file is out of date.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const check = process.argv.includes('--check');
let stale = 0;
for (const lang of ['smithy', 'wit', 'tree']) {
  const { default: grammar } = await import(join(root, 'syntaxes', 'src', `${lang}.mjs`));
  const text = JSON.stringify(grammar, null, 2) + '\n';
  const out = join(root, 'syntaxes', `${lang}.tmLanguage.json`);
  if (check) {
    let old = '';
    try { old = readFileSync(out, 'utf8'); } catch { /* missing */ }
    if (old !== text) { console.error(`${out} is out of date: run npm run grammars`); stale++; }
  } else {
    writeFileSync(out, text);
  }
}
process.exit(stale ? 1 : 0);
