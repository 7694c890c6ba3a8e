// Runs inside VS Code's extension host (loaded by @vscode/test-electron). A minimal runner: each test is an
// async function; a failure is reported and makes `run()` reject, which fails the VS Code process.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import pkg from '../../../package.json';

const EXTENSION_ID = `${pkg.publisher}.${pkg.name}`;

const tests: Array<[string, () => Promise<void>]> = [
  ['the extension activates', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is installed`);
    await extension.activate();
    assert.equal(extension.isActive, true);
  }],
  ['every command in the manifest is registered', async () => {
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = pkg.contributes.commands.map((c) => c.command).filter((id) => !registered.has(id));
    assert.deepEqual(missing, []);
  }],
  ['the Events view can be opened', async () => {
    await vscode.commands.executeCommand('brella.events.focus');
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
