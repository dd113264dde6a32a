// The server's configuration, built from the `witsmith.*` settings. No `vscode`
// import here, so that the unit tests run without VS Code.
import * as os from 'node:os';
import * as path from 'node:path';

export type Severity = 'error' | 'warning' | 'information' | 'hint' | 'off';

/** What the server reads from initializationOptions and didChangeConfiguration. */
export interface ServerSettings {
  witsmith: {
    rules: Record<string, Severity>;
    wit: { features: string[]; allFeatures: boolean; searchPaths: string[] };
    smithy: { modelPaths: string[]; mavenRepositories: string[] };
  };
}

/** Reads one setting under `witsmith.` (the shape of WorkspaceConfiguration.get). */
export type Getter = <T>(key: string, fallback: T) => T;

const SEVERITIES = new Set(['error', 'warning', 'information', 'hint', 'off']);

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v.trim() !== '') : [];
}

/** Expands `~` and `${workspaceFolder}`, and makes relative paths absolute against the folder. */
export function resolvePath(value: string, folder: string | undefined): string {
  let p = value.trim();
  if (folder !== undefined) {
    p = p.replace(/\$\{workspaceFolder\}/g, folder);
  }
  if (p === '~' || p.startsWith('~/')) {
    p = path.join(os.homedir(), p.slice(1));
  }
  if (!path.isAbsolute(p) && folder !== undefined) {
    p = path.join(folder, p);
  }
  return p;
}

export function serverSettings(get: Getter, folder: string | undefined): ServerSettings {
  const rules: Record<string, Severity> = {};
  const rawRules = get<unknown>('rules', {});
  if (rawRules && typeof rawRules === 'object') {
    for (const [code, level] of Object.entries(rawRules as Record<string, unknown>)) {
      if (typeof level === 'string' && SEVERITIES.has(level)) {
        rules[code] = level as Severity;
      }
    }
  }
  return {
    witsmith: {
      rules,
      wit: {
        features: strings(get<unknown>('wit.features', [])),
        allFeatures: get<unknown>('wit.allFeatures', false) === true,
        searchPaths: strings(get<unknown>('wit.searchPaths', [])).map((p) => resolvePath(p, folder)),
      },
      smithy: {
        modelPaths: strings(get<unknown>('smithy.modelPaths', [])).map((p) => resolvePath(p, folder)),
        mavenRepositories: strings(get<unknown>('smithy.mavenRepositories', [])).map((p) => resolvePath(p, folder)),
      },
    },
  };
}

/** Settings whose change needs a new server process rather than a didChangeConfiguration. */
export const RESTART_SETTINGS = ['witsmith.server.path', 'witsmith.server.args'];
/** Settings sent to the running server. */
export const SERVER_SETTINGS = ['witsmith.rules', 'witsmith.wit', 'witsmith.smithy'];
