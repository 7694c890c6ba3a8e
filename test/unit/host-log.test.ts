/** The e2e check of the extension host log finds what VS Code writes there (records copied from code-server's log). */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { brellaProblems, extensionHostLogFiles, logRecords, waitForHostLog } from '../e2e/host-log';

const ID = 'brella-explorer.brella-explorer';
const LOG = `2026-11-28 05:09:54.900 [info] Extension host with pid 2240 started
2026-11-28 05:09:55.320 [info] ExtensionService#_doActivateExtension brella-explorer.brella-explorer, startup: false, activationEvent: 'onView:brella.events'
2026-11-28 05:09:55.503 [error] PendingMigrationError: navigator is now a global in nodejs, please see https://aka.ms/vscode-extensions/navigator for additional info on this error.
    at get (file:///cs/lib/vscode/out/vs/workbench/api/node/extensionHostProcess.js:473:7297)
    at /tmp/brella-e2e-x/extensions/brella-explorer.brella-explorer-0.1.0/dist/extension.js:28:33498
    at new ZodObject (/tmp/brella-e2e-x/extensions/brella-explorer.brella-explorer-0.1.0/dist/extension.js:28:43894)
2026-11-28 05:09:56.000 [error] Error: EEXIST: file already exists, open '/tmp/x/user-data/User/workspaceStorage/1/vscode.lock'
2026-11-28 05:09:56.100 [error] Activating extension brella-explorer.brella-explorer failed due to an error:
2026-11-28 05:09:56.101 [error] TypeError: boom
    at activate (/tmp/brella-e2e-x/extensions/brella-explorer.brella-explorer-0.1.0/dist/extension.js:1:2)
2026-11-28 05:09:56.200 [warning] [Deprecation Warning] 'PendingMigrationError' is deprecated. navigator is now a global
2026-11-28 05:09:57.000 [info] Eager extensions activated
`;

test('log records keep their stack lines; problems are Brella errors and any PendingMigrationError', () => {
  const records = logRecords(LOG);
  assert.equal(records.length, 8);
  assert.match(records[2]!, /PendingMigrationError[\s\S]*new ZodObject/);
  const problems = brellaProblems(LOG, ID);
  assert.deepEqual(problems.map((p) => p.slice(24, 60)), [
    '[error] PendingMigrationError: navig',
    '[error] Activating extension brella-',
    '[error] TypeError: boom\n    at activ',
    "[warning] [Deprecation Warning] 'Pen",
  ]);
  assert.deepEqual(brellaProblems(LOG.split('\n').filter((l) => !/error|Deprecation|^\s+at /.test(l)).join('\n'), ID), [], 'info lines are no problem');
  const lock = "2026-11-28 05:09:56.000 [error] Error: EEXIST: file already exists, open '/tmp/brella-e2e-AbC/user-data/User/workspaceStorage/1/vscode.lock'";
  assert.deepEqual(brellaProblems(lock, ID), [], 'VS Code errors about files in the brella-e2e-… folder are not ours');
});

test('finds exthost logs under user-data/logs and waits for a record', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'host-log-test-'));
  try {
    const session = path.join(dir, 'logs', '20261128T050436');
    mkdirSync(path.join(session, 'exthost1', ID), { recursive: true });
    mkdirSync(path.join(session, 'exthost2'), { recursive: true });
    writeFileSync(path.join(session, 'exthost1', 'remoteexthost.log'), LOG);
    writeFileSync(path.join(session, 'exthost2', 'remoteexthost.log'), LOG.split('\n').slice(0, 2).join('\n'));
    writeFileSync(path.join(session, 'exthost1', ID, 'Brella.log'), 'not a host log');
    writeFileSync(path.join(session, 'remoteagent.log'), 'not a host log');
    assert.deepEqual(extensionHostLogFiles(dir).map((f) => path.relative(session, f)), [path.join('exthost1', 'remoteexthost.log'), path.join('exthost2', 'remoteexthost.log')]);
    const text = await waitForHostLog(dir, /_doActivateExtension brella-explorer\.brella-explorer\b/, 2, 1000);
    assert.equal(brellaProblems(text, ID).length, 4);
    await assert.rejects(waitForHostLog(dir, /_doActivateExtension brella-explorer\.brella-explorer\b/, 3, 300), /do not record/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
