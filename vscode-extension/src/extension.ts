import * as path from 'node:path';
import { execFile } from 'node:child_process';
import * as vscode from 'vscode';
import {
  DidChangeConfigurationNotification,
  LanguageClient,
  LanguageClientOptions,
  RevealOutputChannelOn,
  ServerOptions,
  TransportKind,
} from 'vscode-languageclient/node';
import { bundledServer, findPython, installBundled, isInstalled, noPythonMessage, privateEnvironment, pythonCandidates } from './bundled';
import { JAR_FILE_CONTENTS, JAR_SCHEME, JarDocumentsFeature } from './jarDocuments';
import { binDirOf, languageOf, locateServer, resolvePathSetting, shellQuote } from './locate';
import { onInterpreterChange, selectedInterpreter } from './python';
import { RESTART_SETTINGS, SERVER_SETTINGS, serverSettings } from './settings';

const SELECTOR = [
  { scheme: 'file', language: 'smithy' },
  { scheme: 'file', language: 'wit' },
  { scheme: 'untitled', language: 'smithy' },
  { scheme: 'untitled', language: 'wit' },
  { scheme: JAR_SCHEME, language: 'smithy' },
];

let client: LanguageClient | undefined;
let output: vscode.OutputChannel;
let traceOutput: vscode.OutputChannel;
let serverCommand: string | undefined;
let starting: Promise<void> = Promise.resolve();
let extensionPath = '';
let storagePath = '';
// Set when the user was already told why the bundled server cannot run.
let failureShown = false;

function config(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration('witsmith');
}

function firstFolder(): string | undefined {
  return vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
}

function currentServerSettings() {
  const c = config();
  return serverSettings((key, fallback) => c.get(key, fallback), firstFolder());
}

async function findServer(): Promise<string | undefined> {
  const python = await selectedInterpreter(vscode.workspace.workspaceFolders?.[0]?.uri);
  const found = locateServer({
    setting: resolvePathSetting(config().get<string>('server.path', ''), firstFolder()),
    pythonBinDir: python ? binDirOf(python) : undefined,
    envPath: process.env.PATH,
  });
  if (found) {
    output.appendLine(`Using ${found.command} (from the ${found.source}).`);
  }
  return found?.command;
}

async function offerInstall(): Promise<void> {
  const setting = config().get<string>('server.path', '');
  const bundled = bundledServer(extensionPath);
  const message = setting
    ? `witsmith: the server at "${setting}" (witsmith.server.path) was not found or cannot be run.`
    : 'witsmith: the witsmith language server was not found in the selected Python environment or on PATH, and the bundled one could not be installed.';
  const useBundled = setting ? 'Use the bundled server' : 'Retry installing';
  const guide = 'Open setup guide';
  const choice = await vscode.window.showWarningMessage(message, ...(bundled ? [useBundled, guide] : [guide]));
  if (choice === useBundled) {
    if (setting) {
      // Clearing the setting restarts the server, which then installs the bundled one.
      await config().update('server.path', undefined, vscode.ConfigurationTarget.Global);
    } else {
      await restart();
    }
  } else if (choice === guide) {
    await openSetupGuide();
  }
}

/** The extension's README (its "Installing the server" section), in the Markdown preview. */
async function openSetupGuide(): Promise<void> {
  const fs = await import('node:fs');
  const file = ['README.md', 'readme.md'].map((name) => path.join(extensionPath, name)).find((f) => fs.existsSync(f));
  if (file) {
    await vscode.commands.executeCommand('markdown.showPreview', vscode.Uri.file(file));
  }
}

/**
 * The witsmith that ships in the extension, installed on first start (and after an
 * update) into a private environment in the global storage. Undefined when the
 * extension carries no server or no usable Python is found (the user is told why).
 */
async function privateServer(): Promise<string | undefined> {
  const bundled = bundledServer(extensionPath);
  if (!bundled || !storagePath) {
    return undefined;
  }
  const env = privateEnvironment(storagePath);
  if (isInstalled(storagePath, bundled.version)) {
    output.appendLine(`Using ${env.witsmith} (from the bundled package).`);
    return env.witsmith;
  }
  const search = await findPython(pythonCandidates(await selectedInterpreter(vscode.workspace.workspaceFolders?.[0]?.uri)));
  if (!search.found) {
    const message = noPythonMessage(search);
    output.appendLine(message);
    void vscode.window.showErrorMessage(message, 'Open setup guide').then((choice) => choice && openSetupGuide());
    failureShown = true;
    return undefined;
  }
  const python = search.found;
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `witsmith: installing the language server ${bundled.version} (first start only)…` },
    async () => {
      try {
        const command = await installBundled(python, storagePath, bundled, (line) => output.appendLine(line));
        output.appendLine(`Using ${command} (from the bundled package).`);
        return command;
      } catch (error) {
        output.appendLine(`Installing the bundled server failed: ${error instanceof Error ? error.message : String(error)}`);
        void vscode.window.showErrorMessage('witsmith: installing the bundled language server failed. See the witsmith output.', 'Show output')
          .then((choice) => choice && output.show());
        failureShown = true;
        return undefined;
      }
    },
  );
}

async function start(): Promise<void> {
  serverCommand = await findServer();
  failureShown = false;
  if (!serverCommand && !config().get<string>('server.path', '').trim()) {
    serverCommand = await privateServer();
  }
  if (!serverCommand) {
    output.appendLine('The witsmith server was not found (witsmith.server.path, the selected Python environment, PATH, the bundled package).');
    if (!failureShown) {
      void offerInstall();
    }
    return;
  }
  const args = ['serve', ...config().get<string[]>('server.args', [])];
  const serverOptions: ServerOptions = {
    run: { command: serverCommand, args, transport: TransportKind.stdio },
    debug: { command: serverCommand, args, transport: TransportKind.stdio },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: SELECTOR,
    outputChannel: output,
    traceOutputChannel: traceOutput,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    initializationOptions: currentServerSettings(),
    synchronize: {
      fileEvents: vscode.workspace.createFileSystemWatcher('**/{*.smithy,*.wit,smithy-build.json,codegen.toml,witsmith.toml}'),
    },
    middleware: {
      workspace: {
        // The server may also ask for its settings (workspace/configuration).
        configuration: (params) => params.items.map((item) => {
          const all = currentServerSettings();
          return item.section === 'witsmith' ? all.witsmith : item.section ? undefined : all;
        }),
      },
    },
  };
  client = new LanguageClient('witsmith', 'witsmith', serverOptions, clientOptions);
  client.registerFeature(new JarDocumentsFeature());
  try {
    await client.start();
  } catch (error) {
    output.appendLine(`The server failed to start: ${String(error)}`);
    vscode.window.showErrorMessage(`witsmith: the language server failed to start (${serverCommand}). See the witsmith output.`, 'Show output')
      .then((choice) => choice && output.show());
  }
}

async function stop(): Promise<void> {
  const old = client;
  client = undefined;
  if (old) {
    try {
      await old.stop(5000);
    } catch (error) {
      output.appendLine(`Stopping the server: ${String(error)}`);
    }
  }
}

function restart(): Promise<void> {
  starting = starting.then(async () => {
    await stop();
    await start();
  });
  return starting;
}

async function showSyntaxTree(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  const language = editor && languageOf(editor.document.languageId, editor.document.fileName);
  if (!editor || !language) {
    vscode.window.showInformationMessage('witsmith: open a .smithy or .wit file first.');
    return;
  }
  const command = serverCommand ?? (await findServer());
  if (!command) {
    void offerInstall();
    return;
  }
  const document = editor.document;
  // Parse what is in the editor, saved or not, through a temporary file.
  const os = await import('node:os');
  const fs = await import('node:fs/promises');
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'witsmith-'));
  const file = path.join(dir, path.basename(document.fileName) || `untitled.${language}`);
  await fs.writeFile(file, document.getText());
  const text = await new Promise<string>((resolve) => {
    execFile(command, ['parse', '--language', language, file], { maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve(stdout + (stderr ? `\n; ${stderr.trim().split('\n').join('\n; ')}\n` : '') + (error && !stdout ? `; ${error.message}\n` : ''));
    });
  });
  await fs.rm(dir, { recursive: true, force: true });
  const uri = vscode.Uri.from({ scheme: TREE_SCHEME, path: `/${path.basename(document.fileName)}.tree`, query: String(Date.now()) });
  trees.set(uri.toString(), `; syntax tree of ${vscode.workspace.asRelativePath(document.uri)} (witsmith parse --language ${language})\n${text.split(file).join(path.basename(file))}`);
  const doc = await vscode.languages.setTextDocumentLanguage(await vscode.workspace.openTextDocument(uri), 'witsmith-tree');
  await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: true });
}

const TREE_SCHEME = 'witsmith-tree';
const trees = new Map<string, string>();

function checkWorkspace(): void {
  const folder = vscode.workspace.workspaceFolders?.[0];
  const command = serverCommand;
  if (!folder) {
    vscode.window.showInformationMessage('witsmith: open a folder to check it.');
    return;
  }
  if (!command) {
    void offerInstall();
    return;
  }
  const settings = currentServerSettings().witsmith;
  const args = ['check', '--format', 'text'];
  if (settings.wit.allFeatures) {
    args.push('--all-features');
  } else if (settings.wit.features.length > 0) {
    args.push('--features', settings.wit.features.join(','));
  }
  for (const [code, level] of Object.entries(settings.rules)) {
    args.push('--severity', `${code}=${level}`);
  }
  args.push('.');
  const task = new vscode.Task(
    { type: 'witsmith', task: 'check' },
    folder,
    'check workspace',
    'witsmith',
    new vscode.ProcessExecution(command, args, { cwd: folder.uri.fsPath }),
    '$witsmith',
  );
  task.presentationOptions = { reveal: vscode.TaskRevealKind.Always, clear: true };
  output.appendLine(`Running ${[command, ...args].map((a) => shellQuote(a)).join(' ')}`);
  void vscode.tasks.executeTask(task);
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  extensionPath = context.extensionPath;
  storagePath = context.globalStorageUri.fsPath;
  output = vscode.window.createOutputChannel('witsmith');
  traceOutput = vscode.window.createOutputChannel('witsmith (trace)');
  context.subscriptions.push(output, traceOutput);

  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider(TREE_SCHEME, {
      provideTextDocumentContent: (uri) => trees.get(uri.toString()) ?? '',
    }),
    // Read-only models from the jars of Smithy's Maven dependencies (go to definition into them).
    vscode.workspace.registerTextDocumentContentProvider(JAR_SCHEME, {
      provideTextDocumentContent: async (uri) =>
        client ? client.sendRequest<string>(JAR_FILE_CONTENTS, { uri: uri.toString(true) }) : '',
    }),
    vscode.commands.registerCommand('witsmith.restartServer', () => restart()),
    vscode.commands.registerCommand('witsmith.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('witsmith.showSyntaxTree', () => showSyntaxTree()),
    vscode.commands.registerCommand('witsmith.checkWorkspace', () => checkWorkspace()),
    vscode.workspace.onDidCloseTextDocument((doc) => {
      if (doc.uri.scheme === TREE_SCHEME) {
        trees.delete(doc.uri.toString());
      }
    }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (RESTART_SETTINGS.some((s) => event.affectsConfiguration(s))) {
        void restart();
      } else if (SERVER_SETTINGS.some((s) => event.affectsConfiguration(s)) && client?.isRunning()) {
        void client.sendNotification(DidChangeConfigurationNotification.type, { settings: currentServerSettings() });
      }
    }),
  );
  const interpreterWatch = await onInterpreterChange(() => {
    if (!config().get<string>('server.path', '')) {
      output.appendLine('The Python interpreter changed; restarting.');
      void restart();
    }
  });
  if (interpreterWatch) {
    context.subscriptions.push(interpreterWatch);
  }
  await restart();
}

export async function deactivate(): Promise<void> {
  await stop();
}
