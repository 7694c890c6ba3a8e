/**
 * Saved queries in the real VS Code: written in a workspace's settings, shown under their event in the tree, run
 * from there for an attendee (the slices panel opens with the query's filters and its rows), and saved from the
 * panel back into the same workspace settings.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createDemoData, NORDIC_SUMMIT_EVENT_ID, startDemoServer } from '../../../src/demo';
import { withVSCode } from '../workbench';

const data = createDemoData({});
const people = data.attendeesByEvent.get(NORDIC_SUMMIT_EVENT_ID)!;
const checkedIn = people.find((a) => a.id === data.featured.find((f) => f.eventId === NORDIC_SUMMIT_EVENT_ID)!.attendeeIds[0])!;
const fullName = `${checkedIn.firstName} ${checkedIn.lastName}`;

test('a saved query in workspace settings appears under its event, runs for a chosen attendee, and the panel saves another', async () => {
  const brella = await startDemoServer({ rateLimit: false });
  const filters = { tracking_type: 'time_spent', start_from: '2023-05-10T00:00:00.000Z', start_to: '2023-05-12T00:00:00.000Z' };
  const expected = data.expectedSlices(NORDIC_SUMMIT_EVENT_ID, checkedIn.id, filters);
  assert.ok(expected.length > 0);
  const organizations = [{
    id: brella.organizationId, name: 'Acme',
    events: [{ id: NORDIC_SUMMIT_EVENT_ID, name: 'Summit', start: '2023-05-10', end: '2023-05-14', attendees: [{ id: checkedIn.id, name: fullName }], savedQueries: [{ name: 'First two days', filters }] }],
  }];
  const settingsFile = '.vscode/settings.json';
  try {
    await withVSCode('saved-queries', {
      userSettings: { 'brella.timeZone': 'utc' },
      machineSettings: { 'brella.apiBaseUrl': brella.baseUrl },
      workspaceFiles: { [settingsFile]: JSON.stringify({ 'brella.organizations': organizations }, null, 2) },
    }, async (vs) => {
      await vs.openActivity('Brella');
      await vs.runCommand('Brella: Set API Key…');
      await vs.answerInput(brella.apiKey);
      await vs.waitForNotification(/The API key of Acme works/);
      await vs.treeItem(/^Summit/).click();

      // The saved query is a tree item under its event, its filters as the description.
      const item = vs.treeItem(/^First two days, tracking_type time_spent · start_from 2023-05-10T00:00:00\.000Z/);
      await item.waitFor();
      // Away from the event, so its hover does not cover the item.
      await vs.page.mouse.move(900, 10);
      await vs.page.locator('.context-view .rendered-markdown').waitFor({ state: 'hidden' });
      await item.click();
      // Which attendee? The id finds the one of the tree; Enter once the list shows it.
      const input = vs.page.locator('.quick-input-widget:visible input.input');
      await input.fill(String(checkedIn.id));
      await vs.page.locator('.quick-input-list .monaco-list-row', { hasText: fullName }).waitFor();
      await input.press('Enter');
      await vs.page.getByRole('tab', { name: new RegExp(`Slices · ${fullName}`) }).waitFor();
      const frame = await vs.webviewFrame('#run');
      await frame.locator('#status', { hasText: `${expected.length} rows` }).waitFor();
      await frame.locator('#summary', { hasText: new RegExp(`^${expected.length} slices`) }).waitFor();
      assert.equal(await frame.locator('[data-field="start_to"] input').inputValue(), filters.start_to);
      await vs.screenshot('saved-query-run');

      // Saved from the panel: into the workspace settings the event came from, and into the tree.
      await frame.locator('[data-field="start_to"] input').fill('2023-05-11T00:00:00.000Z');
      await frame.locator('#save-query').click();
      await vs.answerInput('Day one');
      await vs.treeItem(/^Day one, tracking_type time_spent/).waitFor();
      const written = JSON.parse(readFileSync(path.join(vs.server.workspace, settingsFile), 'utf8'));
      assert.deepEqual(written['brella.organizations'][0].events[0].savedQueries.map((q: { name: string }) => q.name), ['First two days', 'Day one']);
      assert.equal(written['brella.organizations'][0].events[0].savedQueries[1].filters.start_to, '2023-05-11T00:00:00.000Z');
      assert.ok(!JSON.stringify(written).includes(brella.apiKey), 'no key in settings');
    });
  } finally {
    await brella.close();
  }
});
