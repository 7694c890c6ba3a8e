import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync, createWriteStream, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { CODE_SERVER, NODE24_BIN, VSIX } from './tools';

const run = promisify(execFile);

export interface CodeServerOptions {
  /** Written to `User/settings.json` on top of the quiet defaults below. */
  userSettings?: Record<string, unknown>;
  /** Written to `Machine/settings.json`: settings of machine scope are read reliably only from there. */
  machineSettings?: Record<string, unknown>;
  /** Files to create in the opened workspace folder, by relative path. */
  workspaceFiles?: Record<string, string>;
  /** Port to listen on; a free one by default. */
  port?: number;
  /** Keep the folder after stop (for `npm start`, so a restart would not lose state, and for debugging). */
  keep?: boolean;
  /** Open the workspace in restricted mode (workspace trust on, the folder not trusted). Default: trust off. */
  untrusted?: boolean;
  /** Extra environment variables for code-server and so its extension host (e.g. the local Brella's port and key). */
  env?: Record<string, string>;
}

export interface CodeServer {
  url: string;
  port: number;
  /** The isolated folder holding user data, extensions, HOME, TMPDIR and the workspace of this run. */
  dir: string;
  workspace: string;
  logFile: string;
  env: NodeJS.ProcessEnv;
  stop(): Promise<void>;
}

const QUIET_SETTINGS = {
  'workbench.startupEditor': 'none',
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'telemetry.telemetryLevel': 'off',
  'workbench.tips.enabled': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'security.workspace.trust.enabled': false,
};

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function writeJson(file: string, value: unknown): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(value, null, 2));
}

/** Starts one isolated code-server with the packaged extension installed; `stop()` kills its process group. */
export async function startCodeServer(options: CodeServerOptions = {}): Promise<CodeServer> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'brella-e2e-'));
  const folders = ['user-data', 'extensions', 'home', 'tmp', 'workspace', 'xdg-config', 'xdg-data', 'xdg-cache'];
  for (const folder of folders) mkdirSync(path.join(dir, folder), { recursive: true });
  const workspace = path.join(dir, 'workspace');
  const trust = options.untrusted ? { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never' } : {};
  writeJson(path.join(dir, 'user-data', 'User', 'settings.json'), { ...QUIET_SETTINGS, ...trust, ...options.userSettings });
  writeJson(path.join(dir, 'user-data', 'Machine', 'settings.json'), options.machineSettings ?? {});
  for (const [file, content] of Object.entries(options.workspaceFiles ?? {})) {
    mkdirSync(path.dirname(path.join(workspace, file)), { recursive: true });
    writeFileSync(path.join(workspace, file), content);
  }

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: `${NODE24_BIN}:${process.env.PATH ?? ''}`,
    HOME: path.join(dir, 'home'),
    TMPDIR: path.join(dir, 'tmp'),
    XDG_CONFIG_HOME: path.join(dir, 'xdg-config'),
    XDG_DATA_HOME: path.join(dir, 'xdg-data'),
    XDG_CACHE_HOME: path.join(dir, 'xdg-cache'),
    NODE_OPTIONS: '',
    ...options.env,
  };
  delete env.VSCODE_IPC_HOOK_CLI;
  const base = ['--config', path.join(dir, 'config.yaml'), '--user-data-dir', path.join(dir, 'user-data'), '--extensions-dir', path.join(dir, 'extensions')];
  await run(CODE_SERVER, [...base, '--install-extension', VSIX], { env });

  const port = options.port ?? (await freePort());
  const logFile = path.join(dir, 'code-server.log');
  const log = createWriteStream(logFile);
  const child: ChildProcess = spawn(
    CODE_SERVER,
    [...base, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check',
      ...(options.untrusted ? [] : ['--disable-workspace-trust']), '--disable-getting-started-override', '--ignore-last-opened', workspace],
    { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`;
  const stop = async (): Promise<void> => {
    if (child.pid !== undefined && child.exitCode === null) {
      try { process.kill(-child.pid, 'SIGTERM'); } catch { /* already gone */ }
      const killed = await Promise.race([exited.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 5000))]);
      if (!killed) try { process.kill(-child.pid, 'SIGKILL'); } catch { /* already gone */ }
    }
    log.end();
    if (!options.keep && !process.env.BRELLA_E2E_KEEP) rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  };

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`code-server exited with code ${child.exitCode}; see ${logFile}`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (response.ok) break;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) {
      await stop();
      throw new Error('code-server did not become healthy within 60 s');
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { url, port, dir, workspace, logFile, env, stop };
}

/**
 * Resolves once the workbench page answers: the HTML of the given URL loads and the workbench script it names
 * is served. Throws with what did not answer after `timeoutMs`.
 */
export async function waitForWorkbench(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    try {
      const page = await fetch(url);
      const html = await page.text();
      const script = /src="([^"]*workbench[^"]*\.js)"/.exec(html)?.[1];
      if (page.ok && script) {
        const asset = await fetch(new URL(script, url));
        await asset.arrayBuffer();
        if (asset.ok) return;
        last = `the workbench script answered ${asset.status}`;
      } else {
        last = page.ok ? 'the page names no workbench script' : `the page answered ${page.status}`;
      }
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the workbench did not answer within ${timeoutMs / 1000} s (${last})`);
}
