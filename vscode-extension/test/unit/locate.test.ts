import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { binDirOf, languageOf, locateServer, resolvePathSetting, shellQuote } from '../../src/locate';

const files = (...names: string[]) => (file: string) => names.includes(file);

test('the setting wins, as a path', () => {
  assert.deepEqual(
    locateServer({ setting: '/opt/w/witsmith', pythonBinDir: '/venv/bin', envPath: '/usr/bin', platform: 'linux', isExecutable: files('/opt/w/witsmith', '/venv/bin/witsmith') }),
    { command: '/opt/w/witsmith', source: 'setting' },
  );
});

test('a setting that does not exist finds nothing (no silent fallback)', () => {
  assert.equal(locateServer({ setting: '/nope/witsmith', pythonBinDir: '/venv/bin', platform: 'linux', isExecutable: files('/venv/bin/witsmith') }), undefined);
});

test('a bare name in the setting is looked up on PATH', () => {
  assert.deepEqual(
    locateServer({ setting: 'witsmith-dev', envPath: '/a:/b', platform: 'linux', isExecutable: files('/b/witsmith-dev') }),
    { command: '/b/witsmith-dev', source: 'setting' },
  );
});

test('then the Python environment, then PATH', () => {
  assert.deepEqual(
    locateServer({ setting: '', pythonBinDir: '/venv/bin', envPath: '/usr/bin', platform: 'linux', isExecutable: files('/venv/bin/witsmith', '/usr/bin/witsmith') }),
    { command: '/venv/bin/witsmith', source: 'python environment' },
  );
  assert.deepEqual(
    locateServer({ setting: '', pythonBinDir: '/venv/bin', envPath: '/x:/usr/bin', platform: 'linux', isExecutable: files('/usr/bin/witsmith') }),
    { command: '/usr/bin/witsmith', source: 'PATH' },
  );
  assert.equal(locateServer({ setting: '', envPath: '/x', platform: 'linux', isExecutable: files() }), undefined);
});

test('Windows names and separators', () => {
  assert.deepEqual(
    locateServer({ setting: '', envPath: 'C:\\a;C:\\py\\Scripts', platform: 'win32', isExecutable: files(path.join('C:\\py\\Scripts', 'witsmith.exe')) }),
    { command: path.join('C:\\py\\Scripts', 'witsmith.exe'), source: 'PATH' },
  );
});

test('the bin folder of an interpreter', () => {
  assert.equal(binDirOf('/home/u/.venv/bin/python3'), '/home/u/.venv/bin');
});

test('the server path setting: workspace folder, home and relative paths', () => {
  assert.equal(resolvePathSetting('${workspaceFolder}/.venv/bin/witsmith', '/ws'), '/ws/.venv/bin/witsmith');
  assert.equal(resolvePathSetting('.venv/bin/witsmith', '/ws'), '/ws/.venv/bin/witsmith');
  assert.equal(resolvePathSetting('witsmith', '/ws'), 'witsmith');
  assert.equal(resolvePathSetting('  ', '/ws'), '');
  assert.ok(resolvePathSetting('~/bin/witsmith', undefined).endsWith('/bin/witsmith'));
});

test('the language of a document', () => {
  assert.equal(languageOf('smithy', 'a.txt'), 'smithy');
  assert.equal(languageOf('plaintext', '/a/b.WIT'), 'wit');
  assert.equal(languageOf('plaintext', '/a/b.json'), undefined);
});

test('quoting arguments for a terminal', () => {
  assert.equal(shellQuote('wit/syntax-error=off', 'linux'), 'wit/syntax-error=off');
  assert.equal(shellQuote("it's here", 'linux'), `'it'\\''s here'`);
  assert.equal(shellQuote('a b', 'win32'), '"a b"');
});
