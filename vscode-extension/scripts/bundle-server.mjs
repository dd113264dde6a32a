// Copies the witsmith release artifacts (the wheel and the sdist that `python -m
// build` writes to the repository's dist/, or to $WITSMITH_DIST) into server/, so
// that the .vsix carries the language server itself. Fails when they are missing:
// an extension without its server would only work where witsmith is installed.
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = resolve(process.env.WITSMITH_DIST ?? join(root, '..', 'dist'));
const init = readFileSync(join(root, '..', 'server', 'witsmith', '__init__.py'), 'utf8');
const version = /__version__\s*=\s*"([^"]+)"/.exec(init)?.[1];
if (!version) {
  throw new Error('no __version__ in server/witsmith/__init__.py');
}
const names = existsSync(dist) ? readdirSync(dist) : [];
const wanted = names.filter((n) => n === `witsmith-${version}.tar.gz` || (n.startsWith(`witsmith-${version}-`) && n.endsWith('.whl')));
if (!wanted.some((n) => n.endsWith('.tar.gz'))) {
  console.error(`No witsmith-${version}.tar.gz in ${dist}. Build the release artifacts first, from the repository root:\n  .ci/check-release   (or: python3 -m build --outdir dist .)`);
  process.exit(1);
}
const target = join(root, 'server');
rmSync(target, { recursive: true, force: true });
mkdirSync(target);
for (const name of wanted) {
  copyFileSync(join(dist, name), join(target, name));
  console.log(`bundled ${name}`);
}
