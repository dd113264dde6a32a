import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import {
  bundledServer, findPython, installBundled, isInstalled, noPythonMessage, privateEnvironment, pythonCandidates, Run,
} from '../../src/bundled';

function scratch(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'witsmith-bundled-'));
}

/** A runner that answers `-c` version probes from a table and records every call. */
function fakeRunner(versions: Record<string, string | undefined>, calls: string[][] = []): Run {
  return async (command, args) => {
    calls.push([command, ...args]);
    if (args.includes('-c')) {
      const version = versions[command];
      return version === undefined ? { code: 127, stdout: '', stderr: 'not found' } : { code: 0, stdout: `${version}\n`, stderr: '' };
    }
    return { code: 0, stdout: '', stderr: '' };
  };
}

test('the bundled artifacts and their version are found in server/', () => {
  const dir = scratch();
  assert.equal(bundledServer(dir), undefined);
  fs.mkdirSync(path.join(dir, 'server'));
  fs.writeFileSync(path.join(dir, 'server', 'witsmith-0.3.1.tar.gz'), '');
  fs.writeFileSync(path.join(dir, 'server', 'witsmith-0.3.1-cp311-cp311-linux_x86_64.whl'), '');
  assert.deepEqual(bundledServer(dir), { dir: path.join(dir, 'server'), version: '0.3.1' });
});

test('the first Python that is 3.11 or newer is chosen; older ones are named', async () => {
  const search = await findPython(pythonCandidates(undefined, 'linux'), fakeRunner({ python3: '3.9', python: '3.12' }));
  assert.deepEqual(search.found, { command: 'python', args: [], version: [3, 12] });
  assert.deepEqual(search.tooOld, ['python3 is 3.9']);
});

test('the selected interpreter is tried first, and Windows uses the py launcher', async () => {
  assert.deepEqual(pythonCandidates('/venv/bin/python', 'linux')[0], ['/venv/bin/python', []]);
  assert.deepEqual(pythonCandidates(undefined, 'win32')[0], ['py', ['-3']]);
});

test('no usable Python gives a message that says what was found and what to do', async () => {
  const none = await findPython(pythonCandidates(undefined, 'linux'), fakeRunner({}));
  assert.equal(none.found, undefined);
  assert.match(noPythonMessage(none), /needs Python 3\.11 or newer.*none was found/);
  const old = await findPython(pythonCandidates(undefined, 'linux'), fakeRunner({ python3: '3.10' }));
  assert.match(noPythonMessage(old), /python3 is 3\.10/);
  assert.match(noPythonMessage(old), /witsmith\.server\.path/);
});

test('installing creates the environment, installs the bundled version, then marks it installed', async () => {
  const storage = scratch();
  const bundled = { dir: '/ext/server', version: '0.3.1' };
  const calls: string[][] = [];
  const env = privateEnvironment(storage, 'linux');
  assert.equal(isInstalled(storage, '0.3.1', 'linux'), false);
  const runner: Run = async (command, args) => {
    calls.push([command, ...args]);
    if (args.includes('venv')) {
      fs.mkdirSync(path.dirname(env.witsmith), { recursive: true });
      fs.writeFileSync(env.witsmith, '');
    }
    return { code: 0, stdout: '', stderr: '' };
  };
  const command = await installBundled({ command: 'python3', args: [], version: [3, 11] }, storage, bundled, () => {}, runner, 'linux');
  assert.equal(command, env.witsmith);
  assert.deepEqual(calls[0], ['python3', '-m', 'venv', env.venv]);
  assert.deepEqual(calls[1].slice(0, 3), [env.python, '-m', 'pip']);
  assert.ok(calls[1].includes('--find-links') && calls[1].includes('/ext/server') && calls[1].includes('witsmith==0.3.1'));
  assert.equal(isInstalled(storage, '0.3.1', 'linux'), true);
  // An update of the extension (another bundled version) installs again.
  assert.equal(isInstalled(storage, '0.3.2', 'linux'), false);
});

test('a failed install throws with pip\'s output and leaves nothing marked installed', async () => {
  const storage = scratch();
  const runner: Run = async (_command, args) => (args.includes('pip')
    ? { code: 1, stdout: '', stderr: 'ERROR: No matching distribution found for tree-sitter' }
    : { code: 0, stdout: '', stderr: '' });
  await assert.rejects(
    installBundled({ command: 'python3', args: [], version: [3, 11] }, storage, { dir: '/x', version: '1.0.0' }, () => {}, runner, 'linux'),
    /python -m pip install failed \(exit 1\):\nERROR: No matching distribution/,
  );
  assert.equal(isInstalled(storage, '1.0.0', 'linux'), false);
});
