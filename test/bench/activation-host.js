// A minimal extension host for the activation benchmark (activation.bench.ts runs it in a fresh node process):
// loads dist/extension.js with a stand-in `vscode` module, calls activate() and asks the Events tree for its
// first level, the way VS Code does when the view is visible, then prints the times as one JSON line, with the
// other bundles of its folder (dist/transport.js, dist/demo.js, …) that were loaded meanwhile (none is expected)
// and the commands and panel serializers activate() registered.
// With `--use` after the settings, it then uses what activation deferred, untimed (test/unit/bundles.test.ts): opens
// the first event of the tree, restores a panel of each kind from a saved state that does not fit, runs
// brella.openRecentQuery, and adds to the line the bundles loaded by then and the errors the extension logged.
// Members the stand-in does not define answer as no-ops, so new API calls in activate() do not break it.
const Module = require('node:module');
const path = require('node:path');
const { performance } = require('node:perf_hooks');

const [extensionFile, settingsJson, use] = process.argv.slice(2);
const settings = JSON.parse(settingsJson ?? '{}');
const root = path.resolve(__dirname, '..', '..');

const disposable = () => ({ dispose() {} });
/** Anything not defined: a function that returns a disposable, and whose members are the same. */
function lenient(target = function () {}) {
  return new Proxy(target, {
    get(t, key) {
      if (key in t) return t[key];
      if (key === 'then') return undefined;
      return lenient(function () { return disposable(); });
    },
    apply: (t, self, args) => Reflect.apply(t, self, args) ?? disposable(),
  });
}

class EventEmitter {
  listeners = new Set();
  event = (listener) => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };
  fire(value) { for (const l of this.listeners) l(value); }
  dispose() { this.listeners.clear(); }
}
const uri = (fsPath) => ({ scheme: 'file', fsPath, path: fsPath, toString: () => `file://${fsPath}`, with: () => uri(fsPath) });
const treeProviders = new Map();
const commands = new Map();
const serializers = new Map();
const errors = [];
const config = (section) => ({
  get: (key, fallback) => settings[section ? `${section}.${key}` : key] ?? fallback,
  has: (key) => `${section}.${key}` in settings,
  inspect: (key) => ({ key: `${section}.${key}`, globalValue: settings[section ? `${section}.${key}` : key] }),
  update: async () => undefined,
});
const logger = () => lenient({ info() {}, warn() {}, error(message) { errors.push(String(message)); }, debug() {}, trace() {}, append() {}, appendLine() {}, show() {}, dispose() {} });

const vscode = lenient({
  EventEmitter,
  Disposable: class { constructor(fn) { this.dispose = fn; } static from(...d) { return { dispose: () => d.forEach((x) => x.dispose()) }; } },
  TreeItem: class { constructor(label, collapsibleState) { this.label = label; this.collapsibleState = collapsibleState; } },
  ThemeIcon: class { constructor(id, color) { this.id = id; this.color = color; } },
  ThemeColor: class { constructor(id) { this.id = id; } },
  MarkdownString: class {
    constructor(value = '') { this.value = value; }
    appendText(t) { this.value += t; return this; }
    appendMarkdown(t) { this.value += t; return this; }
    appendCodeblock(t) { this.value += t; return this; }
  },
  Uri: { file: uri, parse: (s) => uri(s), joinPath: (base, ...parts) => uri(path.join(base.fsPath, ...parts)) },
  TreeItemCollapsibleState: { None: 0, Collapsed: 1, Expanded: 2 },
  ConfigurationTarget: { Global: 1, Workspace: 2, WorkspaceFolder: 3 },
  ViewColumn: { Active: -1, Beside: -2, One: 1 },
  ProgressLocation: { SourceControl: 1, Window: 10, Notification: 15 },
  InputBoxValidationSeverity: { Info: 1, Warning: 2, Error: 3 },
  StatusBarAlignment: { Left: 1, Right: 2 },
  l10n: { t: (message, ...args) => String(message).replace(/\{(\d+)\}/g, (whole, i) => (i < args.length ? String(args[i]) : whole)) },
  window: lenient({
    createOutputChannel: logger,
    createTreeView: (id, options) => {
      treeProviders.set(id, options.treeDataProvider);
      return lenient({ dispose() {}, visible: true });
    },
    registerWebviewPanelSerializer: (viewType, serializer) => {
      serializers.set(viewType, serializer);
      return disposable();
    },
    registerTreeDataProvider: (id, provider) => {
      treeProviders.set(id, provider);
      return disposable();
    },
  }),
  workspace: lenient({
    getConfiguration: config,
    isTrusted: true,
    workspaceFolders: undefined,
  }),
  commands: lenient({
    registerCommand: (id, run) => {
      commands.set(id, run);
      return disposable();
    },
    executeCommand: async () => undefined,
  }),
  env: lenient({ clipboard: { readText: async () => '', writeText: async () => undefined }, language: 'en' }),
  version: '1.96.0',
});

const memento = () => {
  const values = new Map();
  return { get: (k, d) => (values.has(k) ? values.get(k) : d), update: async (k, v) => void values.set(k, v), keys: () => [...values.keys()], setKeysForSync() {} };
};
const secrets = new Map();
const secretChanged = new EventEmitter();
const context = lenient({
  subscriptions: [],
  extensionUri: uri(root),
  extensionPath: root,
  extension: { id: 'brella-explorer.brella-explorer', packageJSON: require(path.join(root, 'package.json')), extensionUri: uri(root) },
  globalState: memento(),
  workspaceState: memento(),
  secrets: { get: async (k) => secrets.get(k), store: async (k, v) => void secrets.set(k, v), delete: async (k) => void secrets.delete(k), onDidChange: secretChanged.event },
  globalStorageUri: uri(path.join(root, '.bench-storage')),
  storageUri: undefined,
  logUri: uri(path.join(root, '.bench-logs')),
  extensionMode: 1,
});

const load = Module._load;
Module._load = function (request, ...rest) {
  return request === 'vscode' ? vscode : load.call(this, request, ...rest);
};

async function main() {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const extension = require(path.resolve(extensionFile));
  const loaded = performance.now();
  await extension.activate(context);
  const activated = performance.now();
  const tree = treeProviders.get('brella.events');
  const items = await tree.getChildren(undefined);
  await Promise.all(items.map((item) => tree.getTreeItem(item)));
  const ready = performance.now();
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000;
  const bundle = path.resolve(extensionFile);
  const others = () => Object.keys(require.cache).filter((file) => path.dirname(file) === path.dirname(bundle) && file !== bundle).map((file) => path.basename(file));
  const alsoLoaded = others();
  const registered = { commands: [...commands.keys()], serializers: [...serializers.keys()] };
  const deferred = use === '--use' ? await useDeferred(tree, items) : undefined;
  const line = { loadMs: loaded - started, activateMs: activated - loaded, treeMs: ready - activated, totalMs: ready - started, cpuMs, roots: items.length, alsoLoaded, registered };
  console.log(JSON.stringify(deferred ? { ...line, used: { loaded: others().sort(), disposedPanels: deferred.disposedPanels, errors } } : line));
  for (const d of context.subscriptions) d.dispose?.();
  await extension.deactivate?.();
  process.exit(0);
}

/** What activation deferred: an event's attendees, the restore of a panel of each kind, a command's code. */
async function useDeferred(tree, items) {
  const [event] = await tree.getChildren(items[0]);
  await tree.getChildren(event);
  let disposedPanels = 0;
  for (const serializer of serializers.values()) {
    const panel = lenient({ dispose() { disposedPanels++; }, webview: lenient({ options: {} }) });
    await serializer.deserializeWebviewPanel(panel, { target: 'not a target' });
  }
  await commands.get('brella.openRecentQuery')?.();
  return { disposedPanels };
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
