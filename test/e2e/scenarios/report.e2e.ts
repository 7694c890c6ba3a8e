import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import type { Frame } from 'playwright-core';
import { createDemoData, NORDIC_SUMMIT_EVENT_ID, PARTNER_DAY_EVENT_ID } from '../../../src/demo';
import { withVSCode, type Workbench } from '../workbench';

const data = createDemoData({});
const event = data.events.find((e) => e.id === PARTNER_DAY_EVENT_ID)!;
const people = data.attendeesByEvent.get(PARTNER_DAY_EVENT_ID)!;
const startFrom = `${event.startTime.slice(0, 10)}T00:00:00.000Z`;
/** The local Brella's own count: attendees with a time_spent slice starting at or after the first day, 00:00 UTC. */
const checkedIn = people.filter((p) => data.expectedSlices(event.id, p.id, { tracking_type: 'time_spent', start_from: startFrom }).length > 0);

/** Runs "Event Report…" from the event's context menu and accepts every default with Enter. */
async function reportFromContextMenu(vs: Workbench): Promise<Frame> {
  await vs.openActivity('Brella');
  await vs.treeItem(new RegExp(`^${event.name}`)).click({ button: 'right' });
  // The context menu ignores a click that comes right after it opened: click until it closes.
  const item = vs.page.getByRole('menuitem', { name: 'Event Report…' });
  await item.waitFor();
  for (let attempt = 0; attempt < 10 && (await item.isVisible()); attempt++) {
    await vs.page.waitForTimeout(200);
    await item.click().catch(() => undefined);
  }
  const input = vs.page.locator('.quick-input-widget:visible input.input');
  await vs.page.locator('.quick-input-widget:visible .quick-input-title', { hasText: '1/3 What' }).waitFor();
  await input.press('Enter'); // Presence
  await vs.page.locator('.quick-input-widget:visible .quick-input-title', { hasText: 'start_from' }).waitFor();
  assert.equal(await input.inputValue(), startFrom, 'the window starts on the first day at 00:00 UTC');
  // The typed instant is read back in UTC and in the event's zone.
  await vs.page.locator('.quick-input-widget:visible', { hasText: `${event.timeZone}` }).waitFor();
  await input.press('Enter');
  await vs.page.locator('.quick-input-widget:visible .quick-input-title', { hasText: 'start_to' }).waitFor();
  await input.press('Enter'); // open-ended
  await vs.page.locator('.quick-input-widget:visible .quick-input-title', { hasText: '3/3 Who' }).waitFor();
  await input.press('Enter'); // every attendee
  await vs.page.getByRole('tab', { name: new RegExp(`Report · Presence · ${event.name}`) }).waitFor();
  return vs.webviewFrame('#run-resume');
}

const text = (frame: Frame, selector: string): Promise<string> => frame.locator(selector).innerText().then((t) => t.trim());

test('event report on the demo organization: the summary equals the local Brella\'s count; cancel, resume, export CSV, reload', async () => {
  assert.ok(checkedIn.length > 0 && checkedIn.length < people.length);
  await withVSCode('report', { userSettings: { 'brella.demo.openOnStartup': true } }, async (vs) => {
    // The view activates the extension, which opens the demo organization by itself (brella.demo.openOnStartup).
    await vs.openActivity('Brella');
    await vs.treeItem(new RegExp(`^${event.name}`)).waitFor();
    const frame = await reportFromContextMenu(vs);
    await frame.locator('#summary-attendees', { hasText: new RegExp(`^${people.length}$`) }).waitFor({ timeout: 30_000 });
    assert.equal(await text(frame, '#summary-checked-in'), String(checkedIn.length));
    assert.equal(await text(frame, '#summary-not-checked-in'), String(people.length - checkedIn.length));
    assert.match(await text(frame, '#summary-window'), new RegExp(`${startFrom.slice(0, 10)} 00:00 → now UTC \\(${startFrom.slice(0, 10)} 03:00 → now Europe/Helsinki\\)`));
    assert.match((await frame.locator('#chart-attendees svg').getAttribute('aria-label')) ?? '', /days cut in Europe\/Helsinki/);
    await vs.screenshot('report');

    // Run everyone again and cancel from the notification: finished rows stay; Resume asks only the rest.
    await frame.locator('#run-full').click();
    await frame.locator('#progress-text', { hasText: /^([5-9]|[1-3]\d) \/ 40 attendees/ }).waitFor({ timeout: 20_000 });
    await vs.page.locator('.notification-toast', { hasText: `Event report: ${event.name}` }).getByRole('button', { name: 'Cancel' }).click();
    await frame.locator('#outcome[data-state="partial"]').waitFor({ timeout: 20_000 });
    const kept = Number(await text(frame, '#summary-attendees'));
    assert.ok(kept >= 5 && kept < people.length, `${kept} rows kept`);
    await frame.locator('#action-resume').click();
    await frame.locator('#summary-reused', { hasText: `${kept} / ${people.length - kept}` }).waitFor({ timeout: 30_000 });
    assert.equal(await text(frame, '#summary-attendees'), String(people.length));
    assert.equal(await text(frame, '#summary-checked-in'), String(checkedIn.length));

    // Export CSV through the save dialog and read it back.
    await frame.locator('#export-csv').click();
    const file = `report-${PARTNER_DAY_EVENT_ID}-presence.csv`;
    await vs.acceptInput(new RegExp(`${file}$`));
    await vs.waitForNotification(new RegExp(`Exported ${people.length} report rows`));
    const csv = readFileSync(path.join(vs.server.workspace, file), 'utf8').replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    assert.equal(csv.length, people.length + 1);
    assert.match(csv[0]!, /^Attendee id,Name,Email,Company,Checked in,/);
    const yes = csv.slice(1).filter((line) => line.split(',').includes('yes')).map((line) => line.split(',')[0]);
    assert.deepEqual(yes.sort(), checkedIn.map((p) => String(p.id)).sort());

    // The rows are kept in the extension's storage, without the key.
    const storage = path.join(vs.server.dir, 'user-data', 'User', 'globalStorage', 'brella-explorer.brella-explorer', 'reports');
    assert.ok(existsSync(storage), 'rows are kept in the extension\'s global storage');
    for (const name of readdirSync(storage)) assert.doesNotMatch(readFileSync(path.join(storage, name), 'utf8'), /demo_[0-9a-f]{8,}/, 'no key in kept rows');

    // Clicking an attendee's name opens their slices with the same window and kind.
    const first = checkedIn[0]!;
    const name = `${first.firstName} ${first.lastName}`;
    await frame.getByRole('gridcell', { name, exact: true }).click();
    await vs.page.getByRole('tab', { name: new RegExp(`Slices · ${name}`) }).waitFor();
    const slices = await vs.webviewFrame('[data-field="start_from"] input');
    assert.equal(await slices.locator('[data-field="start_from"] input').inputValue(), startFrom);

    // After a window reload the report panel comes back with its rows, asking Brella nothing.
    await vs.page.getByRole('tab', { name: new RegExp(`Report · Presence · ${event.name}`) }).click();
    await vs.runCommand('Developer: Reload Window');
    await vs.page.waitForEvent('load');
    await vs.ready();
    await vs.page.getByRole('tab', { name: new RegExp(`Report · Presence · ${event.name}`) }).click();
    const restored = await vs.webviewFrame('#outcome[data-state="restored"]');
    assert.equal(await text(restored, '#summary-attendees'), String(people.length));
    assert.equal(await text(restored, '#summary-checked-in'), String(checkedIn.length));
    assert.equal(await text(restored, '#summary-reused'), `${people.length} / 0`);

    // A reload in the middle of a run: the window's extension host stops the report and saves every row it has
    // finished first, so the reloaded panel shows at least as many as the progress said, and Resume asks the rest.
    await restored.locator('#run-full').click();
    const progress = restored.locator('#progress-text', { hasText: /^([5-9]|[1-3]\d) \/ 40 attendees/ });
    await progress.waitFor({ timeout: 20_000 });
    const shown = Number(/^(\d+)/.exec(await progress.innerText())![1]);
    await vs.runCommand('Developer: Reload Window');
    await vs.page.waitForEvent('load');
    await vs.ready();
    await vs.page.getByRole('tab', { name: new RegExp(`Report · Presence · ${event.name}`) }).click();
    const again = await vs.webviewFrame('#outcome[data-state="restored"]');
    const saved = Number(await text(again, '#summary-attendees'));
    assert.ok(saved >= shown && saved <= people.length, `${saved} rows saved, ${shown} shown done before the reload`);
    await again.locator('#run-resume').click();
    await again.locator('#summary-reused', { hasText: `${saved} / ${people.length - saved}` }).waitFor({ timeout: 30_000 });
    assert.equal(await text(again, '#summary-attendees'), String(people.length));
    assert.equal(await text(again, '#summary-checked-in'), String(checkedIn.length));
  });
});

test('from the palette: Engagement of the configured attendees over a typed window; a bad date is refused in the input box', async () => {
  const summit = data.events.find((e) => e.id === NORDIC_SUMMIT_EVENT_ID)!;
  const featured = data.featured.find((f) => f.eventId === NORDIC_SUMMIT_EVENT_ID)!.attendeeIds;
  const window = { start_from: '2023-05-10T00:00:00.000Z', start_to: '2023-05-12T00:00:00.000Z' };
  const inApp = featured.filter((id) => data.expectedSlices(summit.id, id, { ...window, tracking_type: 'time_spent' }).length > 0);
  await withVSCode('report-palette', { userSettings: { 'brella.demo.openOnStartup': true } }, async (vs) => {
    await vs.openActivity('Brella');
    await vs.treeItem(new RegExp(`^${summit.name}`)).waitFor();
    await vs.runCommand('Brella: Event Report…');
    await vs.answerInput(summit.name);
    await vs.answerInput('Engagement');
    const input = vs.page.locator('.quick-input-widget:visible input.input');
    await vs.page.locator('.quick-input-widget:visible .quick-input-title', { hasText: 'start_from' }).waitFor();
    await input.fill('2023-13-45');
    await input.press('Enter');
    // The box refuses it and stays: nothing was asked of Brella, no panel opened.
    await vs.page.locator('.quick-input-widget:visible .quick-input-message', { hasText: /2023-13-45/ }).waitFor();
    assert.equal(await vs.page.getByRole('tab', { name: /^Report · / }).count(), 0);
    await vs.answerInput('2023-05-10');
    await vs.page.locator('.quick-input-widget:visible .quick-input-title', { hasText: 'start_to' }).waitFor();
    await input.fill('2023-05-09');
    await vs.page.locator('.quick-input-widget:visible .quick-input-message', { hasText: /is before start_from/ }).waitFor();
    await vs.answerInput('2023-05-12');
    await vs.answerInput('configured');
    await vs.page.getByRole('tab', { name: new RegExp(`Report · Engagement · ${summit.name}`) }).waitFor();
    const frame = await vs.webviewFrame('#run-resume');
    await frame.locator('#summary-attendees', { hasText: new RegExp(`^${featured.length}$`) }).waitFor({ timeout: 30_000 });
    assert.equal(await text(frame, '#summary-checked-in'), String(inApp.length));
    assert.equal(await text(frame, '#summary-reused'), `0 / ${featured.length}`);
    assert.match(await text(frame, '#summary-window'), /2023-05-10 00:00 → 2023-05-12 00:00 UTC/);
    await frame.locator('#chart-engagement svg[role="img"]').waitFor();
    assert.match((await frame.locator('#chart-engagement svg').getAttribute('aria-label')) ?? '', /stream and sponsor-booth time, per day \(days cut in Europe\/Helsinki\)/);
    assert.ok(await frame.getByRole('grid').getByRole('columnheader', { name: /Sponsor-booth time/ }).isVisible());
    await vs.screenshot('report-engagement');
  });
});
