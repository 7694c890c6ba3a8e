/**
 * One attendee in depth, in the real VS Code: Event time in the table, the timeline (and its screenshot for the
 * README), the Sessions tab against the local Brella, saved queries in the presets and recent runs.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import { createDemoData, NORDIC_SUMMIT_EVENT_ID, startDemoServer } from '../../../src/demo';
import { formatTime } from '../../../webview/table/format';
import { dayNumber } from '../../../webview/table/zones';
import { keepForReadme } from '../tools';
import { acmeOrganizations, featuredAttendee, openAcmeSummit, openAttendee, openDemoAttendee } from '../steps';
import { withVSCode } from '../workbench';

const data = createDemoData({});
const { summit, attendee: checkedIn, fullName } = featuredAttendee(data);
const HEL = 'Europe/Helsinki';

/** The text of a cell of the first row the grid shows (aria-rowindex 2). */
const firstRowCell = (frame: Frame, col: number) => frame.locator(`[role=row][aria-rowindex="2"] [role=gridcell][aria-colindex="${col}"]`).first().textContent();

test('Event time shows event-local times; the timeline is there and a click on a bar selects its row; the Sessions tab lists the attendee\'s sessions, and a session\'s inspector shows its slices', async () => {
  const expected = data.expectedSlices(NORDIC_SUMMIT_EVENT_ID, checkedIn.id, { tracking_type: 'time_spent', start_from: summit.startTime.slice(0, 10) });
  const byId = new Map(expected.map((s) => [String(s.id), s]));
  const sessions = data.sessionsByAttendee.get(checkedIn.id) ?? [];
  assert.ok(sessions.length > 0, 'the demo attendee has sessions');
  await withVSCode('attendee', { userSettings: { 'brella.timeZone': 'utc' } }, async (vs) => {
    const frame = await openDemoAttendee(vs, summit.name, fullName);
    await frame.locator('#preset-presence').click();
    await frame.locator('#run').click();
    await frame.locator('#status', { hasText: `${expected.length} rows` }).waitFor();

    // UTC first (the setting), then Event time from the panel's time-zone menu.
    const id = (await firstRowCell(frame, 1))!;
    const slice = byId.get(id)!;
    assert.ok(slice, `row ${id} is one of the attendee's slices`);
    assert.equal(await firstRowCell(frame, 5), formatTime(slice.startTime, 'utc'));
    await frame.locator('vscode-option[value="event"]', { hasText: `Event time (${HEL})` }).waitFor({ state: 'attached' });
    await frame.locator('#time-zone').click();
    await frame.locator('vscode-option[value="event"]').click();
    const local = formatTime(slice.startTime, HEL);
    assert.notEqual(local, formatTime(slice.startTime, 'utc'));
    await frame.locator(`[role=row][aria-rowindex="2"] [role=gridcell][aria-colindex="5"]`, { hasText: local }).waitFor();
    await frame.locator('#summary', { hasText: `times in Event time (${HEL})` }).waitFor();

    // The timeline: one lane per Helsinki day of the results, and a click on a bar selects its row.
    const days = new Set(expected.map((s) => dayNumber(HEL, Date.parse(s.startTime))));
    await frame.locator('#timeline').waitFor();
    assert.ok((await frame.locator('#timeline-totals tbody tr').count()) >= days.size);
    const d = (await frame.locator('.tl-app').getAttribute('d'))!;
    const m = /^M([\d.]+) ([\d.]+)h([\d.]+)v([\d.]+)/.exec(d);
    assert.ok(m, 'an app bar is drawn');
    const box = (await frame.locator('#timeline-svg').boundingBox())!;
    await vs.page.mouse.move(box.x + Number(m[1]) + Number(m[3]) / 2, box.y + Number(m[2]) + Number(m[4]) / 2);
    await frame.locator('#timeline-tip').waitFor();
    await vs.page.mouse.click(box.x + Number(m[1]) + Number(m[3]) / 2, box.y + Number(m[2]) + Number(m[4]) / 2);
    const tip = (await frame.locator('#timeline-tip').textContent())!;
    const from = /(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d) →/.exec(tip)?.[1];
    assert.ok(from, tip);
    const selected = frame.locator('.bt-active-row [role=gridcell][aria-colindex="5"]');
    await selected.waitFor();
    assert.equal(await selected.textContent(), from, 'the selected row starts where the clicked bar starts');

    // The Sessions tab: the local Brella's sessions of this attendee, in the same table.
    await frame.locator('#tab-sessions').click();
    await frame.locator('#sessions-status', { hasText: `${sessions.length} ${sessions.length === 1 ? 'session' : 'sessions'} ·` }).waitFor();
    assert.equal(await frame.locator('#sessions-grid [role=grid]').getAttribute('aria-rowcount'), String(sessions.length + 1));
    const ids = (await frame.locator('#sessions-grid [role=gridcell][aria-colindex="1"]').allTextContents()).filter((t) => t !== '');
    assert.ok(ids.every((sid) => sessions.some((s) => String(s.id) === sid)), ids.join(','));
    // "What" names each session by the name Brella includes for its trackable (the app's is the event's name).
    const what = (await frame.locator('#sessions-grid [role=gridcell][aria-colindex="2"]').allTextContents()).filter((t) => t !== '');
    assert.ok(what.length > 0 && what.every((w) => !/^\S+ \d+$/.test(w)), `named, not "type id": ${what.join(', ')}`);
    if (sessions.some((x) => x.trackableType === 'Event')) assert.ok(what.includes('Nordic Summit 2023'), what.join(', '));

    // A session's inspector: Show These Slices narrows the Slices tab to that session's slices of the run.
    const session = sessions.find((x) => expected.some((e) => e.sessionId === x.id))!;
    const ofSession = expected.filter((e) => e.sessionId === session.id).length;
    const sessionRow = frame.locator('#sessions-grid [role=row]').filter({ has: frame.locator('[role=gridcell][aria-colindex="1"]', { hasText: new RegExp(`^${session.id}$`) }) });
    await sessionRow.locator('[role=gridcell]').first().click();
    await vs.page.keyboard.press('Enter');
    await frame.locator('#sessions-inspector-title', { hasText: String(session.id) }).waitFor();
    await frame.locator('#session-inspector-show-slices').click();
    await frame.locator('#scope-text').waitFor();
    await frame.locator(`[role=grid][aria-rowcount="${ofSession + 1}"]`).first().waitFor();
    assert.equal(await frame.locator('#tab-slices').getAttribute('aria-selected'), 'true');
    await frame.locator('#scope-clear').click();
    await frame.locator(`[role=grid][aria-rowcount="${expected.length + 1}"]`).first().waitFor();

    // Every kind of slice, for the README's picture: the timeline with a stream bar's hover text.
    const all = data.expectedSlices(NORDIC_SUMMIT_EVENT_ID, checkedIn.id, {});
    await frame.locator('#tab-slices').click();
    await frame.locator('#preset-everything').click();
    await frame.locator('#run').click();
    await frame.locator('#status', { hasText: `Done · ${all.length} rows` }).waitFor();
    const kinds = new Set(all.map((x) => x.trackingType));
    const kind = kinds.has('streamlink') ? 'stream' : 'app';
    await frame.locator('.tl-legend .tl-key', { hasText: kind === 'stream' ? 'stream (streamlink)' : 'app' }).waitFor();
    const bar = /^M([\d.]+) ([\d.]+)h([\d.]+)v([\d.]+)/.exec((await frame.locator(`.tl-${kind}`).getAttribute('d'))!)!;
    const svg = (await frame.locator('#timeline-svg').boundingBox())!;
    await vs.page.mouse.move(svg.x + Number(bar[1]) + Number(bar[3]) / 2, svg.y + Number(bar[2]) + Number(bar[4]) / 2);
    await frame.locator('#timeline-tip').waitFor();
    const shot = await vs.screenshot('timeline');
    keepForReadme(shot, 'timeline.png');
  });
});

test('a saved query is a preset that runs; the run opens again from the recent runs and from Open Recent Query; Copy as PowerShell/fetch keep the key out; Save Query… adds a preset', async () => {
  const brella = await startDemoServer({ rateLimit: false });
  const savedQueries = [{ name: 'App time on day one', filters: { tracking_type: 'time_spent', start_from: '2023-05-10T00:00:00.000+03:00', start_to: '2023-05-10T23:59:59.999+03:00' } }];
  const organizations = acmeOrganizations(brella.organizationId, { attendees: [{ id: checkedIn.id, name: fullName }], savedQueries });
  const expected = data.expectedSlices(NORDIC_SUMMIT_EVENT_ID, checkedIn.id, { tracking_type: 'time_spent', start_from: '2023-05-09T21:00:00.000Z', start_to: '2023-05-10T20:59:59.999Z' });
  try {
    await withVSCode('attendee-saved', { userSettings: { 'brella.organizations': organizations }, machineSettings: { 'brella.apiBaseUrl': brella.baseUrl } }, async (vs) => {
      await openAcmeSummit(vs, brella.apiKey);
      const frame = await openAttendee(vs, fullName);
      await frame.locator('[data-saved-query="App time on day one"]').click();
      assert.equal(await frame.locator('[data-field="start_to"] input').inputValue(), '2023-05-10T23:59:59.999+03:00');
      await frame.locator('#run').click();
      await frame.locator('#status', { hasText: `Done · ${expected.length} rows` }).waitFor();
      await frame.locator('#recent-runs summary', { hasText: 'Recent runs (1)' }).click();
      await frame.locator('#preset-everything').click();
      assert.equal(await frame.locator('[data-field="start_from"] input').inputValue(), '');
      await frame.locator('#recent-run-0').click();
      // Opened again with its filters, and run.
      assert.equal(await frame.locator('[data-field="start_to"] input').inputValue(), '2023-05-10T23:59:59.999+03:00');
      await frame.locator('#status', { hasText: `Done · ${expected.length} rows` }).waitFor();

      // Brella: Open Recent Query… finds the run by the attendee's name and opens it with its filters, run again.
      await frame.locator('#preset-everything').click();
      await vs.runCommand('Brella: Open Recent Query…');
      await vs.page.locator('.quick-input-list .monaco-list-row', { hasText: fullName }).first().waitFor();
      keepForReadme(await vs.screenshot('open-recent-query'), 'open-recent-query.png');
      await vs.answerInput(fullName);
      for (let i = 0; i < 100 && (await frame.locator('[data-field="start_to"] input').inputValue()) === ''; i++) await vs.page.waitForTimeout(100);
      assert.equal(await frame.locator('[data-field="start_to"] input').inputValue(), '2023-05-10T23:59:59.999+03:00');
      await frame.locator('#status', { hasText: `Done · ${expected.length} rows` }).waitFor();

      // Copy as PowerShell and as fetch: the exact request, the key read from the environment, never written.
      const url = `${brella.baseUrl}/organizations/${brella.organizationId}/events/${NORDIC_SUMMIT_EVENT_ID}/attendees/${checkedIn.id}/tracking_session_slices?`;
      for (const [format, label, variable] of [['powershell', 'PowerShell', '$env:BRELLA_API_KEY'], ['fetch', 'JavaScript fetch', 'process.env.BRELLA_API_KEY']] as const) {
        await frame.locator('#copy-as').click();
        await frame.locator(`#copy-${format}`).click();
        await frame.locator('#notice-text', { hasText: `Copied the request as ${label}` }).waitFor();
        const text = await vs.clipboard();
        assert.ok(text.includes(variable), text);
        assert.ok(text.includes(url), text);
        assert.ok(!text.includes(brella.apiKey), 'the key is not in the copied text');
      }

      // Save Query…: the name is asked in VS Code, and the query becomes a preset of the panel.
      await frame.locator('#save-query').click();
      await vs.answerInput('Day one again');
      await frame.locator('[data-saved-query="Day one again"]').waitFor();

      // The saved query run from the tree for this attendee: the open panel's form shows its filters.
      await frame.locator('#preset-everything').click();
      assert.equal(await frame.locator('[data-field="start_to"] input').inputValue(), '');
      const item = vs.treeItem(/^App time on day one/);
      await item.waitFor();
      await vs.page.mouse.move(900, 10);
      await item.click();
      const input = vs.page.locator('.quick-input-widget:visible input.input');
      await input.fill(String(checkedIn.id));
      await vs.page.locator('.quick-input-list .monaco-list-row', { hasText: fullName }).waitFor();
      await input.press('Enter');
      for (let i = 0; i < 100 && (await frame.locator('[data-field="start_to"] input').inputValue()) === ''; i++) await vs.page.waitForTimeout(100);
      assert.equal(await frame.locator('[data-field="start_to"] input').inputValue(), '2023-05-10T23:59:59.999+03:00');
      await frame.locator('#status', { hasText: `Done · ${expected.length} rows` }).waitFor();
    });
  } finally {
    await brella.close();
  }
});
