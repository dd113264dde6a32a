// The manifest, language configurations and sources agree.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';

const root = path.join(__dirname, '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const extensionSource = fs.readFileSync(path.join(root, 'src', 'extension.ts'), 'utf8');

test('every contributed command is registered, and every registered command contributed', () => {
  const contributed = pkg.contributes.commands.map((c: { command: string }) => c.command).sort();
  const registered = [...extensionSource.matchAll(/registerCommand\('([^']+)'/g)].map((m) => m[1]).sort();
  assert.deepEqual(registered, contributed);
});

test('grammar and configuration files exist for both languages', () => {
  for (const lang of pkg.contributes.languages) {
    assert.ok(fs.existsSync(path.join(root, lang.configuration)), lang.configuration);
  }
  for (const grammar of pkg.contributes.grammars) {
    const file = path.join(root, grammar.path);
    assert.equal(JSON.parse(fs.readFileSync(file, 'utf8')).scopeName, grammar.scopeName);
  }
});

test('settings mirror what the server reads', () => {
  const props = Object.keys(pkg.contributes.configuration.properties).sort();
  for (const key of ['witsmith.rules', 'witsmith.wit.features', 'witsmith.wit.allFeatures', 'witsmith.wit.searchPaths', 'witsmith.smithy.modelPaths', 'witsmith.smithy.mavenRepositories', 'witsmith.trace.server', 'witsmith.server.path']) {
    assert.ok(props.includes(key), key);
  }
});

test('the engine is no newer than the VS Code types used to compile', () => {
  const engine = pkg.engines.vscode.replace(/^\^/, '');
  const types = pkg.devDependencies['@types/vscode'].replace(/^[\^~]/, '');
  assert.equal(engine, types);
});

for (const lang of ['smithy', 'wit']) {
  const config = JSON.parse(fs.readFileSync(path.join(root, 'language-configuration', `${lang}.json`), 'utf8'));
  test(`${lang} language configuration: regexes compile, /// continues on Enter`, () => {
    const regexes: string[] = [config.wordPattern, config.indentationRules.increaseIndentPattern, config.indentationRules.decreaseIndentPattern];
    for (const rule of config.onEnterRules) {
      regexes.push(...['beforeText', 'afterText', 'previousLineText'].map((k) => rule[k]).filter(Boolean));
    }
    for (const r of regexes) {
      assert.doesNotThrow(() => new RegExp(r), r);
    }
    const doc = config.onEnterRules.find((r: { beforeText: string }) => new RegExp(r.beforeText).test('    /// Greets people.'));
    assert.equal(doc?.action.appendText, '/// ');
    assert.ok(!new RegExp(doc.beforeText).test('    // plain'));
    assert.equal(config.comments.lineComment, '//');
    assert.ok(new RegExp(config.indentationRules.increaseIndentPattern).test('structure A {'));
    assert.ok(new RegExp(config.indentationRules.decreaseIndentPattern).test('    }'));
  });
}
