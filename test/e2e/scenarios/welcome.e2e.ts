import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { createDemoData, NORDIC_SUMMIT_EVENT_ID } from '../../../src/demo';
import { brellaProblems, EXTENSION_ID, waitForExtensionLog, waitForHostLog } from '../host-log';
import { keepForReadme } from '../tools';
import { AFTER_RELOAD_MS, withVSCode } from '../workbench';

const ACTIVATION_LINE = /Brella Explorer \d+\.\d+\.\d+ activated in \d+ ms/;
const ACTIVATED = new RegExp(`_doActivateExtension ${EXTENSION_ID.replace(/\./g, '\\.')}\\b`, 'i');

// One VS Code for these steps, in order: each goes on from what the one before left (a fresh VS Code, the
// activated extension, the open demo organization), as a new user would.
test('a fresh VS Code: the Brella entry, its welcome text and its log; the demo organization; a clean extension host log', async (t) => {
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

    await t.test('empty state → "Open Demo Organization" → the demo organization, its events, attendees and the full count', async () => {
      const data = createDemoData({});
      const summit = data.events.find((e) => e.id === NORDIC_SUMMIT_EVENT_ID)!;
      const expectedCount = data.attendeesByEvent.get(NORDIC_SUMMIT_EVENT_ID)!.length;
      const featured = data.featured.find((f) => f.eventId === NORDIC_SUMMIT_EVENT_ID)!.attendeeIds;
      const firstFeatured = data.attendeesByEvent.get(NORDIC_SUMMIT_EVENT_ID)!.find((a) => a.id === featured[0])!;
      await vs.openActivity('Brella');
      await vs.view('Events').getByRole('button', { name: 'Open Demo Organization' }).click();
      await vs.treeItem(/^Demo Organization/).waitFor();
      const event = vs.treeItem(new RegExp(`^${summit.name}`));
      await event.click();
      await vs.treeItem(new RegExp(`^${firstFeatured.firstName} ${firstFeatured.lastName}`)).waitFor();
      const all = vs.treeItem(/^All attendees/);
      await all.click();
      await vs.treeItem(new RegExp(`^All attendees.*${expectedCount}`)).waitFor();
      const rows = vs.page.getByRole('treeitem');
      assert.ok((await rows.count()) > 10, 'the attendees of the event are listed');
      await vs.screenshot('sidebar-demo');
    });

    await t.test('the walkthrough "Get started with Brella Explorer" has its four steps; its Open the Demo button completes the first', async () => {
      await vs.runCommand('Welcome: Open Walkthrough...');
      await vs.answerInput('Get started with Brella Explorer');
      const steps = vs.page.locator('.getting-started-step');
      const titles = ['Open the demo organization', 'Add your organization and its API key', "Query an attendee's tracking slices", 'Run an event report'];
      for (const title of titles) await steps.filter({ hasText: title }).first().waitFor({ state: 'attached' });
      // VS Code counts a step's command once its walkthrough is open (this VS Code opens with no welcome page).
      await vs.page.getByRole('button', { name: 'Open the Demo', exact: true }).click();
      const done = vs.page.locator('.getting-started-step[aria-checked="true"]');
      await done.filter({ hasText: titles[0] }).first().waitFor({ state: 'attached' });
      assert.equal(await done.filter({ hasText: titles[2] }).count(), 0, 'no slices were queried yet');
      keepForReadme(await vs.screenshot('walkthrough'), 'walkthrough.png');
    });

    await t.test('Keyboard Shortcuts lists the panels\' three keys under Brella', async () => {
      // Ctrl+K Ctrl+S, with the focus on the workbench (keys pressed in a webview stay there).
      await vs.page.evaluate('document.activeElement && document.activeElement.blur()');
      await vs.page.keyboard.press('Control+K');
      await vs.page.keyboard.press('Control+S');
      const editor = vs.page.locator('.keybindings-editor');
      await editor.waitFor();
      // The editor opens with the focus in its search box.
      await vs.page.keyboard.type('Brella: ');
      const keys: Array<[string, RegExp]> = [['Run the Slices Query', /, Control\+Enter,/], ['Focus the Table Filter', /, Control\+F,/], ['Copy the Slices Query as cURL', /, Control\+Shift\+C,/]];
      for (const [title, key] of keys) {
        const row = editor.locator('.monaco-list-row', { hasText: title }).first();
        await row.waitFor();
        assert.match((await row.getAttribute('aria-label')) ?? '', key, title); // "Brella: <title>, <key>, <when>, …"
      }
      keepForReadme(await vs.screenshot('keybindings'), 'keybindings.png');
    });

    await t.test('the extension host log holds no error from Brella Explorer and no PendingMigrationError, after activation and after a reload', async () => {
      const userData = path.join(vs.server.dir, 'user-data');
      await waitForHostLog(userData, ACTIVATED, 1);
      // After a reload the extension loads as its extension host starts. An extension loaded before VS Code's full
      // error handler is in place gets a read of `navigator` logged as an error (later, it goes to telemetry only),
      // so both activations are checked.
      await vs.runCommand('Developer: Reload Window');
      await vs.page.waitForEvent('load');
      await vs.ready();
      await waitForHostLog(userData, /Eager extensions activated/, 2, AFTER_RELOAD_MS);
      await vs.runCommand('Brella: Open Demo Organization');
      await vs.treeItem(/^Nordic Summit 2023/).waitFor();
      await waitForHostLog(userData, ACTIVATED, 2);
      await vs.page.waitForTimeout(1000);
      const log = await waitForHostLog(userData, ACTIVATED, 2);
      assert.deepEqual(brellaProblems(log, EXTENSION_ID), []);
    });
  });
});
