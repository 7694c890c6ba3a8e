// Runs inside VS Code's extension host (loaded by @vscode/test-electron). A minimal runner: each test is an
// async function; a failure is reported and makes `run()` reject, which fails the VS Code process.
// It asserts what the code-server scenarios assert about activation, the view and the commands
// (test/e2e/scenarios/welcome.e2e.ts, sidebar.e2e.ts), through the extension API instead of the UI.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import pkg from '../../../package.json';
import nls from '../../../package.nls.json';

const EXTENSION_ID = `${pkg.publisher}.${pkg.name}`;
const VIEW_ID = 'brella.events';
const CONTAINER_ID = 'brella';
/** A manifest text as VS Code shows it: a `%key%` placeholder replaced by its English in package.nls.json. */
const text = (value: string): string => (/^%[^%\s]+%$/.test(value) ? (nls as Record<string, string>)[value.slice(1, -1)] : value);

function extension(): vscode.Extension<unknown> {
  const found = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(found, `${EXTENSION_ID} is installed in the Extension Development Host`);
  return found;
}

async function until(what: string, check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new assert.AssertionError({ message: `${what} within ${timeoutMs / 1000} s` });
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const tests: Array<[string, () => Promise<void>]> = [
  ['the extension is present with the manifest of this checkout, and not active before its view opens', async () => {
    const ext = extension();
    const manifest = ext.packageJSON as typeof pkg;
    assert.equal(manifest.version, pkg.version);
    assert.equal(manifest.main, './dist/extension.js');
    assert.equal(ext.isActive, false, 'nothing activates it before the Brella view or a command is used');
  }],
  ['the Brella activity-bar entry holds the Events view, and opening the view activates the extension', async () => {
    const manifest = extension().packageJSON as typeof pkg;
    assert.deepEqual(manifest.contributes.viewsContainers.activitybar.map((c) => c.id), [CONTAINER_ID]);
    assert.deepEqual(manifest.contributes.views[CONTAINER_ID].map((v) => v.id), [VIEW_ID]);
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.ok(registered.has(`${VIEW_ID}.focus`), `VS Code registered ${VIEW_ID}.focus for the view`);
    assert.ok(registered.has(`workbench.view.extension.${CONTAINER_ID}`), 'VS Code registered the command that opens the container');
    await vscode.commands.executeCommand(`workbench.view.extension.${CONTAINER_ID}`);
    await vscode.commands.executeCommand(`${VIEW_ID}.focus`);
    await until('the extension activates when its view opens (onView:brella.events)', () => extension().isActive);
  }],
  ['activate() resolves and the extension stays active', async () => {
    const ext = extension();
    await ext.activate();
    assert.equal(ext.isActive, true);
  }],
  ['every command in the manifest is registered, each with the Brella category', async () => {
    const contributed = pkg.contributes.commands;
    assert.ok(contributed.length >= 10, `the manifest contributes the commands (${contributed.length})`);
    for (const c of contributed) assert.equal(text(c.category), 'Brella', `${c.command} has the Brella category`);
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.map((c) => c.command).filter((id) => !registered.has(id));
    assert.deepEqual(missing, [], 'every contributed command has a handler once the extension is active');
    for (const id of ['brella.addOrganization', 'brella.openDemo', 'brella.showLog', 'brella.querySlices', 'brella.refresh']) {
      assert.ok(registered.has(id), `${id} is registered`);
    }
  }],
  ['"Brella: Show Log" and "Brella: Refresh" run without an error', async () => {
    await vscode.commands.executeCommand('brella.showLog');
    await vscode.commands.executeCommand('brella.refresh');
  }],
  ['"Open Demo Organization" starts the local Brella and resolves without an error', async () => {
    await vscode.commands.executeCommand('brella.openDemo');
    await vscode.commands.executeCommand(`${VIEW_ID}.focus`);
  }],
];

export async function run(): Promise<void> {
  let failed = 0;
  for (const [name, body] of tests) {
    try {
      await body();
      console.log(`✔ ${name}`);
    } catch (error) {
      failed++;
      console.error(`✘ ${name}\n  ${(error as Error).stack ?? String(error)}`);
    }
  }
  console.log(`${tests.length - failed} passed, ${failed} failed`);
  if (failed > 0) throw new Error(`${failed} integration test(s) failed`);
}
