import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { brellaProblems, EXTENSION_ID, waitForHostLog } from '../host-log';
import { withVSCode } from '../workbench';

const ACTIVATED = new RegExp(`_doActivateExtension ${EXTENSION_ID.replace(/\./g, '\\.')}\\b`, 'i');

test('the extension host log holds no error from Brella Explorer and no PendingMigrationError, after activation and after a reload', async () => {
  await withVSCode('host-log', {}, async (vs) => {
    const userData = path.join(vs.server.dir, 'user-data');
    await vs.openActivity('Brella');
    await vs.view('Events').getByRole('button', { name: 'Open Demo Organization' }).click();
    await vs.treeItem(/^Demo Organization/).waitFor();
    await waitForHostLog(userData, ACTIVATED, 1);

    // After a reload the extension loads as its extension host starts. An extension loaded before VS Code's full
    // error handler is in place gets a read of `navigator` logged as an error (later, it goes to telemetry only),
    // so both activations are checked.
    await vs.runCommand('Developer: Reload Window');
    await vs.page.waitForEvent('load');
    await vs.ready();
    await waitForHostLog(userData, /Eager extensions activated/, 2, 60_000);
    await vs.runCommand('Brella: Open Demo Organization');
    await vs.treeItem(/^Nordic Summit 2023/).waitFor();
    await waitForHostLog(userData, ACTIVATED, 2);
    await vs.page.waitForTimeout(1000);
    const log = await waitForHostLog(userData, ACTIVATED, 2);
    assert.deepEqual(brellaProblems(log, EXTENSION_ID), []);
  });
});
