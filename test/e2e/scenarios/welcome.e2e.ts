import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { EXTENSION_ID, waitForExtensionLog } from '../host-log';
import { withVSCode } from '../workbench';

const ACTIVATION_LINE = /Brella Explorer \d+\.\d+\.\d+ activated in \d+ ms/;

// One VS Code for both steps: the second only reads what the first left (the activated extension).
test('a fresh VS Code: the Brella entry, its welcome text and its log', async (t) => {
  await withVSCode('welcome', {}, async (vs) => {
    await t.test('the Brella activity-bar entry opens the Events view with its welcome text', async () => {
      await vs.openActivity('Brella');
      const events = vs.view('Events');
      await events.waitFor();
      const welcome = events.locator('.welcome-view-content');
      await welcome.waitFor();
      assert.match(await welcome.innerText(), /shows what your attendees did at a Brella event/);
      await vs.screenshot('welcome');
    });

    await t.test('the extension activates: "Brella: Show Log" opens its log with the activation line', async () => {
      // VS Code lists a log channel in the Output view only once its file holds a line: until then, showing it
      // shows nothing. Wait for that line in the file, then for the view on the channel, then for the line there.
      await waitForExtensionLog(path.join(vs.server.dir, 'user-data'), EXTENSION_ID, ACTIVATION_LINE);
      await vs.runCommand('Brella: Show Log');
      await vs.waitForOutputChannel('Brella');
      const line = await vs.waitForOutputLine(ACTIVATION_LINE);
      assert.match(line, /\[info\]/);
    });
  });
});
