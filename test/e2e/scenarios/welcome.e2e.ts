import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withVSCode } from '../workbench';

test('the Brella activity-bar entry opens the Events view with its welcome text', async () => {
  await withVSCode('welcome', {}, async (vs) => {
    await vs.openActivity('Brella');
    const events = vs.view('Events');
    await events.waitFor();
    const welcome = events.locator('.welcome-view-content');
    await welcome.waitFor();
    assert.match(await welcome.innerText(), /shows what your attendees did at a Brella event/);
    await vs.screenshot('welcome');
  });
});

test('the extension activates: "Brella: Show Log" opens its log with the activation line', async () => {
  await withVSCode('activation', {}, async (vs) => {
    await vs.openActivity('Brella');
    await vs.runCommand('Brella: Show Log');
    const line = await vs.waitForOutputLine(/Brella Explorer \d+\.\d+\.\d+ activated in \d+ ms/);
    assert.match(line, /\[info\]/);
  });
});
