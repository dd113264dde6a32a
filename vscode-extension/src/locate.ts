// Finding the witsmith executable. No `vscode` import here, so that the unit
// tests run without VS Code.
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface Found {
  /** The executable to run. */
  command: string;
  /** Where it was found, for the output channel. */
  source: 'setting' | 'python environment' | 'PATH';
}

export interface LocateInput {
  /** The `witsmith.server.path` setting, already resolved (empty when unset). */
  setting: string;
  /** The bin (Scripts on Windows) folder of the selected Python environment, if any. */
  pythonBinDir?: string;
  /** The PATH environment variable. */
  envPath?: string;
  platform?: NodeJS.Platform;
  /** Tells whether a file exists and can be run (injectable for tests). */
  isExecutable?: (file: string) => boolean;
}

export function isExecutableFile(file: string): boolean {
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) {
      return false;
    }
    if (process.platform === 'win32') {
      return true;
    }
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function names(platform: NodeJS.Platform): string[] {
  return platform === 'win32' ? ['witsmith.exe', 'witsmith.cmd', 'witsmith.bat', 'witsmith'] : ['witsmith'];
}

/** The bin folder of a Python interpreter (`/venv/bin/python` → `/venv/bin`). */
export function binDirOf(pythonExecutable: string): string {
  return path.dirname(pythonExecutable);
}

/**
 * The witsmith executable: the setting when it is set (a path, or a bare name
 * looked up on PATH), else `witsmith` in the Python environment's bin folder,
 * else on PATH. Undefined when none is found.
 */
export function locateServer(input: LocateInput): Found | undefined {
  const platform = input.platform ?? process.platform;
  const isExec = input.isExecutable ?? isExecutableFile;
  const pathDirs = (input.envPath ?? '').split(platform === 'win32' ? ';' : ':').filter((d) => d !== '');
  const setting = input.setting.trim();
  if (setting !== '') {
    const bare = !setting.includes('/') && !setting.includes('\\');
    if (!bare) {
      return isExec(setting) ? { command: setting, source: 'setting' } : undefined;
    }
    for (const dir of pathDirs) {
      const candidate = path.join(dir, setting);
      if (isExec(candidate)) {
        return { command: candidate, source: 'setting' };
      }
    }
    return undefined;
  }
  if (input.pythonBinDir) {
    for (const name of names(platform)) {
      const candidate = path.join(input.pythonBinDir, name);
      if (isExec(candidate)) {
        return { command: candidate, source: 'python environment' };
      }
    }
  }
  for (const dir of pathDirs) {
    for (const name of names(platform)) {
      const candidate = path.join(dir, name);
      if (isExec(candidate)) {
        return { command: candidate, source: 'PATH' };
      }
    }
  }
  return undefined;
}

/** The language of a document for `witsmith parse --language`, from its language id or file name. */
export function languageOf(languageId: string, fileName: string): 'smithy' | 'wit' | undefined {
  if (languageId === 'smithy' || languageId === 'wit') {
    return languageId;
  }
  const ext = path.extname(fileName).toLowerCase();
  return ext === '.smithy' ? 'smithy' : ext === '.wit' ? 'wit' : undefined;
}

/** Quotes one argument for a POSIX shell or PowerShell/cmd terminal. */
export function shellQuote(arg: string, platform: NodeJS.Platform = process.platform): string {
  if (/^[A-Za-z0-9_./:=@%+-]+$/.test(arg)) {
    return arg;
  }
  if (platform === 'win32') {
    return `"${arg.replace(/"/g, '""')}"`;
  }
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** The `witsmith.server.path` setting with `~` and `${workspaceFolder}` expanded (bare names stay bare). */
export function resolvePathSetting(value: string, folder: string | undefined): string {
  let p = value.trim();
  if (p === '') {
    return p;
  }
  if (folder !== undefined) {
    p = p.replace(/\$\{workspaceFolder\}/g, folder);
  }
  if (p === '~' || p.startsWith('~/')) {
    p = path.join(process.env.HOME ?? '', p.slice(1));
  }
  if ((p.includes('/') || p.includes('\\')) && !path.isAbsolute(p) && folder !== undefined) {
    p = path.join(folder, p);
  }
  return p;
}
