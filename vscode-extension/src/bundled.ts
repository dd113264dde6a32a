// The witsmith server that ships inside the extension: a wheel (and the sdist, for
// platforms no wheel fits) under `server/`, installed on first start into a private
// virtual environment in the extension's global storage. No `vscode` import here,
// so that the unit tests run without VS Code.
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The oldest Python that witsmith runs on. */
export const MINIMUM_PYTHON: readonly [number, number] = [3, 11];

export interface BundledServer {
  /** The folder holding the artifacts (pip's --find-links). */
  dir: string;
  /** The witsmith version the artifacts carry. */
  version: string;
}

/** The artifacts in `<extension>/server`: `witsmith-<version>-*.whl` and/or `witsmith-<version>.tar.gz`. */
export function bundledServer(extensionPath: string): BundledServer | undefined {
  const dir = path.join(extensionPath, 'server');
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return undefined;
  }
  for (const name of names.sort()) {
    const match = /^witsmith-([0-9][^-]*?)(?:-.*\.whl|\.tar\.gz)$/.exec(name);
    if (match) {
      return { dir, version: match[1] };
    }
  }
  return undefined;
}

/** Where the private environment lives, and its executables. */
export function privateEnvironment(storagePath: string, platform: NodeJS.Platform = process.platform) {
  const venv = path.join(storagePath, 'server-venv');
  const bin = platform === 'win32' ? path.join(venv, 'Scripts') : path.join(venv, 'bin');
  return {
    venv,
    python: path.join(bin, platform === 'win32' ? 'python.exe' : 'python'),
    witsmith: path.join(bin, platform === 'win32' ? 'witsmith.exe' : 'witsmith'),
    // Written after a successful install: the version installed, so an update of
    // the extension reinstalls and a half-finished install is never used.
    marker: path.join(venv, 'witsmith-bundled-version'),
  };
}

/** True when the private environment already holds this version of witsmith. */
export function isInstalled(storagePath: string, version: string, platform: NodeJS.Platform = process.platform): boolean {
  const env = privateEnvironment(storagePath, platform);
  try {
    return fs.readFileSync(env.marker, 'utf8').trim() === version && fs.existsSync(env.witsmith);
  } catch {
    return false;
  }
}

export type Run = (command: string, args: string[]) => Promise<{ code: number; stdout: string; stderr: string }>;

export const run: Run = (command, args) => new Promise((resolve) => {
  execFile(command, args, { maxBuffer: 16 * 1024 * 1024, timeout: 15 * 60 * 1000 }, (error, stdout, stderr) => {
    const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
    resolve({ code, stdout: String(stdout), stderr: String(stderr) || (error && !stdout ? error.message : '') });
  });
});

export interface PythonFound {
  command: string;
  /** The prefix arguments (`py -3` on Windows). */
  args: string[];
  version: [number, number];
}

export interface PythonSearch {
  /** The first Python that is new enough, if any. */
  found?: PythonFound;
  /** Every Python that answered but is too old ("python3 is 3.9"). */
  tooOld: string[];
}

/** The Pythons to try: the selected interpreter first, then the usual names on PATH. */
export function pythonCandidates(selected: string | undefined, platform: NodeJS.Platform = process.platform): [string, string[]][] {
  const names: [string, string[]][] = platform === 'win32'
    ? [['py', ['-3']], ['python', []], ['python3', []]]
    : [['python3', []], ['python', []]];
  return selected ? [[selected, []], ...names] : names;
}

/** Finds a Python 3.11+ to create the private environment with. */
export async function findPython(candidates: [string, string[]][], runner: Run = run): Promise<PythonSearch> {
  const tooOld: string[] = [];
  for (const [command, args] of candidates) {
    const answer = await runner(command, [...args, '-c', 'import sys; print("%d.%d" % sys.version_info[:2])']);
    const match = answer.code === 0 ? /^(\d+)\.(\d+)/.exec(answer.stdout.trim()) : null;
    if (!match) {
      continue;
    }
    const version: [number, number] = [Number(match[1]), Number(match[2])];
    if (version[0] > MINIMUM_PYTHON[0] || (version[0] === MINIMUM_PYTHON[0] && version[1] >= MINIMUM_PYTHON[1])) {
      return { found: { command, args, version }, tooOld };
    }
    tooOld.push(`${[command, ...args].join(' ')} is ${version.join('.')}`);
  }
  return { tooOld };
}

/** Why no Python could be used, in words a user can act on. */
export function noPythonMessage(search: PythonSearch): string {
  const need = `Python ${MINIMUM_PYTHON.join('.')} or newer`;
  return search.tooOld.length > 0
    ? `witsmith needs ${need} to run its language server, but ${search.tooOld.join(', ')}. Install a newer Python, or set witsmith.server.path to a witsmith you installed.`
    : `witsmith needs ${need} to run its language server, and none was found (python3, python). Install Python, or set witsmith.server.path to a witsmith you installed.`;
}

/**
 * Creates the private environment and installs the bundled witsmith into it: pip
 * takes the wheel where it fits the platform and builds the sdist elsewhere (that
 * needs a C compiler). Returns the witsmith executable; throws with pip's output.
 */
export async function installBundled(
  python: PythonFound,
  storagePath: string,
  bundled: BundledServer,
  log: (line: string) => void,
  runner: Run = run,
  platform: NodeJS.Platform = process.platform,
): Promise<string> {
  const env = privateEnvironment(storagePath, platform);
  fs.rmSync(env.venv, { recursive: true, force: true });
  fs.mkdirSync(storagePath, { recursive: true });
  const steps: [string, string[]][] = [
    [python.command, [...python.args, '-m', 'venv', env.venv]],
    [env.python, ['-m', 'pip', 'install', '--disable-pip-version-check', '--find-links', bundled.dir, `witsmith==${bundled.version}`]],
  ];
  for (const [command, args] of steps) {
    log(`Running ${[command, ...args].join(' ')}`);
    const result = await runner(command, args);
    if (result.code !== 0) {
      throw new Error(`${path.basename(command)} ${args.slice(0, 3).join(' ')} failed (exit ${result.code}):\n${(result.stderr || result.stdout).trim()}`);
    }
  }
  fs.writeFileSync(env.marker, `${bundled.version}\n`);
  return env.witsmith;
}
