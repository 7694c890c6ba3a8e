import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Frame, Locator } from 'playwright-core';
import { createDemoData, NORDIC_SUMMIT_EVENT_ID, PARTNER_DAY_EVENT_ID } from '../../../src/demo';
import { LocalBrella } from '../local-brella';
import { keepForReadme } from '../tools';
import { AFTER_RELOAD_MS, withVSCode, type Workbench } from '../workbench';

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
    await item.click({ timeout: 2_000 }).catch(() => undefined); // a short wait: the menu may close between the check and the click
  }
  const input = vs.page.locator('.quick-input-widget:visible input.input');
  await vs.page.locator('.quick-input-widget:visible .quick-input-title', { hasText: '1/3 What' }).waitFor();
  await input.press('Enter'); // Presence
  await vs.page.locator('.quick-input-widget:visible .quick-input-title', { hasText: 'start_from' }).waitFor();
  // The value is set after the title shows: read it once it has settled.
  assert.equal(await vs.waitForInputValue(startFrom).catch(() => input.inputValue()), startFrom, 'the window starts on the first day at 00:00 UTC');
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

/** Waits for `locator`, failing with what was awaited. */
async function waitFor(locator: Locator, what: string, timeoutMs = 30_000): Promise<void> {
  try {
    await locator.waitFor({ timeout: timeoutMs });
  } catch {
    throw new Error(`waited ${timeoutMs / 1000} s for ${what}`);
  }
}

/**
 * Waits until no run is under way (the summary is not busy) and the summary shows exactly `expected` (item id →
 * text, e.g. `{ attendees: '40' }` for #summary-attendees); fails with what it shows instead.
 */
async function waitForSummary(frame: Frame, expected: Record<string, string>, what: string, timeoutMs = 60_000): Promise<void> {
  let summary = frame.locator('#summary:not([aria-busy])');
  const exact = (value: string): RegExp => new RegExp(`^${value.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`);
  for (const [id, value] of Object.entries(expected)) summary = summary.filter({ has: frame.locator(`#summary-${id}`, { hasText: exact(value) }) });
  try {
    await summary.waitFor({ timeout: timeoutMs });
  } catch (error) {
    // A string, not a function: this file is type-checked without the DOM library.
    const shown = await frame.evaluate(`(() => {
      const summary = document.getElementById('summary');
      const items = Object.fromEntries(${JSON.stringify(Object.keys(expected))}.map((id) => [id, document.getElementById('summary-' + id)?.textContent ?? null]));
      return { busy: !summary || summary.hasAttribute('aria-busy'), items };
    })()`).catch(() => 'unreadable') as unknown;
    throw new Error(`waited for ${what} to end with the summary ${JSON.stringify(expected)}; it shows ${JSON.stringify(shown)} (${(error as Error).message.split('\n')[0]})`, { cause: error });
  }
}

/** Answers ("row" lines) of the kept report lines asked at or after `since` (ISO), one per attendee. */
function answersSince(storage: string, since: string): number {
  const ids = new Set<string>();
  for (const name of readdirSync(storage)) {
    for (const line of readFileSync(path.join(storage, name), 'utf8').split('\n')) {
      const parsed = (() => { try { return JSON.parse(line) as { t?: string; at?: string; row?: { attendeeId: string } }; } catch { return undefined; } })();
      if (parsed?.t === 'row' && parsed.at !== undefined && parsed.at >= since && parsed.row) ids.add(parsed.row.attendeeId);
    }
  }
  return ids.size;
}

/** One attendee's row in the report table as the panel shows it (column label → text): filtered to it, then the filter cleared. */
async function rowOf(frame: Frame, attendeeId: string): Promise<Record<string, string>> {
  const filter = frame.locator('#filter-box');
  await filter.fill(attendeeId);
  await filter.press('Enter');
  const row = frame.locator('[role="row"]').filter({ visible: true, has: frame.locator('[role="gridcell"][aria-colindex="1"]', { hasText: new RegExp(`^${attendeeId}$`) }) });
  await waitFor(row, `a row of attendee ${attendeeId} in the report table`, 10_000);
  const labels = await frame.locator('[role="columnheader"] .bt-label').allInnerTexts();
  const cells = await row.first().locator('[role="gridcell"]').allInnerTexts();
  await filter.fill('');
  await filter.press('Enter');
  return Object.fromEntries(labels.map((label, i) => [label.trim(), (cells[i] ?? '').trim()]));
}

/** "1:02:03" → 3723. */
const durationSeconds = (t: string): number => t.split(':').map(Number).reduce((total, part) => total * 60 + part, 0);

/** YYYY-MM-DD of an instant in a time zone (the report cuts days in the event's zone). */
const dayIn = (zone: string, ms: number): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(ms);

test('event report on the demo organization: the summary equals the local Brella\'s count; cancel, resume, export CSV, reload', async () => {
  assert.ok(checkedIn.length > 0 && checkedIn.length < people.length);
  const brella = await LocalBrella.create();
  await withVSCode('report', { userSettings: { 'brella.demo.openOnStartup': true }, env: brella.env }, async (vs) => {
    // The view activates the extension, which opens the demo organization by itself (brella.demo.openOnStartup).
    await vs.openActivity('Brella');
    await vs.treeItem(new RegExp(`^${event.name}`)).waitFor();
    // The local Brella holds every request after seven answers (the event, the attendee list and five attendees'
    // slices): the first run is caught part way, whatever the pace of the machine.
    await brella.hold({ after: 7 });
    const frame = await reportFromContextMenu(vs);
    assert.equal(await frame.locator('#notice').count(), 0, 'the panel tells how a run ended in #outcome only');

    // Cancel the first run from its notification: finished rows stay, the rest are "not asked yet".
    await waitFor(frame.locator('#progress-text', { hasText: /^([5-9]|[1-3]\d) \/ 40 attendees/ }), 'the first run to show 5 to 39 of 40 attendees done');
    await vs.page.locator('.notification-toast', { hasText: `Event report: ${event.name}` }).getByRole('button', { name: 'Cancel' }).click();
    await waitFor(frame.locator('#outcome[data-state="partial"]'), 'the cancelled run to end in the partial state');
    await brella.hold({ release: true });
    const kept = Number(await text(frame, '#summary-attendees'));
    assert.ok(kept >= 5 && kept < people.length, `${kept} rows kept`);
    assert.equal(await text(frame, '#outcome-title'), `Cancelled: ${kept} attendees have a row.`);
    assert.equal(await text(frame, '#summary-missing'), String(people.length - kept));
    // Resume asks only those never asked.
    await frame.locator('#action-resume').click();
    await waitForSummary(frame, { attendees: String(people.length), missing: '0', failures: '0', reused: `${kept} / ${people.length - kept}` }, 'Resume after the cancel');
    assert.equal(await text(frame, '#summary-checked-in'), String(checkedIn.length));
    assert.equal(await text(frame, '#summary-not-checked-in'), String(people.length - checkedIn.length));
    assert.match(await text(frame, '#summary-window'), new RegExp(`${startFrom.slice(0, 10)} 00:00 → now UTC \\(${startFrom.slice(0, 10)} 03:00 → now Europe/Helsinki\\)`));
    assert.match((await frame.locator('#chart-attendees svg').getAttribute('aria-label')) ?? '', /days cut in Europe\/Helsinki/);
    assert.ok(await frame.getByRole('grid').getByRole('columnheader', { name: 'As of' }).isVisible(), 'the table ends with the "As of" column');
    // The event's days ended long before any row was asked: none is partial.
    assert.equal(await frame.locator('#chart-partial').count(), 0);
    await vs.screenshot('report');

    // Export CSV through the save dialog and read it back.
    await frame.locator('#export-csv').click();
    const file = `report-${PARTNER_DAY_EVENT_ID}-presence.csv`;
    await vs.acceptInput(new RegExp(`${file}$`));
    await vs.waitForNotification(new RegExp(`Exported ${people.length} report rows`));
    const csv = readFileSync(path.join(vs.server.workspace, file), 'utf8').replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    assert.equal(csv.length, people.length + 1);
    assert.match(csv[0]!, /^Attendee id,Name,Email,Company,Checked in,.*,As of$/);
    const yes = csv.slice(1).filter((line) => line.split(',').includes('yes')).map((line) => line.split(',')[0]);
    assert.deepEqual(yes.sort(), checkedIn.map((p) => String(p.id)).sort());

    // The rows are kept in the extension's storage, without the key.
    const storage = path.join(vs.server.dir, 'user-data', 'User', 'globalStorage', 'brella-explorer.brella-explorer', 'reports');
    assert.ok(existsSync(storage), 'rows are kept in the extension\'s global storage');
    for (const name of readdirSync(storage)) assert.doesNotMatch(readFileSync(path.join(storage, name), 'utf8'), /demo_[0-9a-f]{8,}/, 'no key in kept rows');

    // The row inspector: Enter on a row shows the attendee in full; Copy as cURL copies their query without the key.
    const first = checkedIn[0]!;
    const name = `${first.firstName} ${first.lastName}`;
    // Attendees are asked in a random order, so the table is filtered to the one the steps use.
    const filter = frame.locator('#filter-box');
    await filter.fill(String(first.id));
    await filter.press('Enter');
    await frame.getByRole('gridcell', { name: String(first.id), exact: true }).click();
    await frame.getByRole('grid').press('Enter');
    const pane = frame.locator('#report-inspector');
    await pane.waitFor();
    assert.equal(await text(frame, '#report-inspector-title'), name);
    assert.equal(await pane.locator('.insp-field', { has: frame.locator('dt', { hasText: /^Checked in$/ }) }).locator('.insp-value').innerText(), 'yes');
    await vs.screenshot('report-inspector');
    await pane.locator('#inspector-copy-curl').click();
    const curl = await vs.waitForClipboard((t) => t.startsWith('curl ') && t.includes(`/attendees/${first.id}/tracking_session_slices`));
    assert.match(curl, /tracking_type=time_spent/);
    assert.match(curl, /\$BRELLA_API_KEY/);
    assert.doesNotMatch(curl, /demo_[0-9a-f]{8,}/, 'no key in the copied command');
    await pane.press('Escape');
    await pane.waitFor({ state: 'hidden' });

    // Clicking an attendee's name opens their slices with the same window and kind.
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
    const restored = await vs.webviewFrame('#outcome[data-state="restored"]', AFTER_RELOAD_MS);
    assert.equal(await text(restored, '#summary-attendees'), String(people.length));
    assert.equal(await text(restored, '#summary-checked-in'), String(checkedIn.length));
    assert.equal(await text(restored, '#summary-missing'), '0');
    assert.match(await text(restored, '#summary-reused'), /^\d+ \/ 0$/, 'nothing was asked since the reload');

    // A reload in the middle of Refresh All: the window's extension host stops the report and saves every answer
    // it has finished first. Every row stays meanwhile (the earlier answer until a newer one), so the reloaded
    // panel has them all, and the kept lines hold at least as many answers of this run as the progress said.
    const refreshStarted = new Date().toISOString();
    await restored.locator('#run-full').click();
    const progress = restored.locator('#progress-text', { hasText: /^([5-9]|[1-3]\d) \/ 40 attendees/ });
    await waitFor(progress, 'Refresh All to show 5 to 39 of 40 attendees done');
    const shown = Number(/^(\d+)/.exec(await progress.innerText())![1]);
    await vs.runCommand('Developer: Reload Window');
    await vs.page.waitForEvent('load');
    await vs.ready();
    await vs.page.getByRole('tab', { name: new RegExp(`Report · Presence · ${event.name}`) }).click();
    const again = await vs.webviewFrame('#outcome[data-state="restored"]', AFTER_RELOAD_MS);
    assert.equal(await text(again, '#summary-attendees'), String(people.length));
    assert.equal(await text(again, '#summary-checked-in'), String(checkedIn.length));
    const saved = answersSince(storage, refreshStarted);
    assert.ok(saved >= shown && saved <= people.length, `${saved} answers of Refresh All saved, ${shown} shown done before the reload`);
    // Resume has no one left to ask: every attendee has a row.
    await again.locator('#run-resume').click();
    await waitForSummary(again, { attendees: String(people.length), missing: '0', reused: `${people.length} / 0` }, 'Resume with every attendee answered');
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
    // The run can end before the panel has its window text (the report runs as the panel opens): the summary's
    // Window line is filled in when the panel is initialized and the report sent again.
    await waitFor(frame.locator('#summary-window', { hasText: /2023-05-10 00:00 → 2023-05-12 00:00 UTC/ }), 'the summary to show the typed window');
    await frame.locator('#chart-engagement svg[role="img"]').waitFor();
    assert.match((await frame.locator('#chart-engagement svg').getAttribute('aria-label')) ?? '', /stream and sponsor-booth time, per day \(days cut in Europe\/Helsinki\)/);
    assert.ok(await frame.getByRole('grid').getByRole('columnheader', { name: /Sponsor-booth time/ }).isVisible());
    await vs.screenshot('report-engagement');
    await sponsorsAndStreams(vs, frame, truthOfTrackables(summit.id, featured, window));
  });
});

interface TrackableTruth {
  id: string;
  seconds: number;
  visitors: Set<number>;
  /** Streams: viewers per 15-minute bucket. */
  quarters: Map<number, Set<number>>;
}

/** Each booth and stream of these attendees' slices in the window, from the local Brella's data alone. */
function truthOfTrackables(eventId: number, attendeeIds: readonly number[], window: { start_from: string; start_to: string }): { sponsor: TrackableTruth[]; stream: TrackableTruth[] } {
  const Q = 15 * 60_000;
  const out = { sponsor: new Map<string, TrackableTruth>(), stream: new Map<string, TrackableTruth>() };
  for (const id of attendeeIds) {
    for (const s of data.expectedSlices(eventId, id, window)) {
      const kind = s.trackingType === 'sponsor' ? 'sponsor' : s.trackingType === 'streamlink' ? 'stream' : undefined;
      if (kind === undefined || s.trackableId === null) continue;
      const key = String(s.trackableId);
      const t = out[kind].get(key) ?? { id: key, seconds: 0, visitors: new Set(), quarters: new Map() };
      t.seconds += Math.max(0, s.durationSeconds);
      t.visitors.add(id);
      const end = Math.max(s.startMs, s.endMs);
      const first = Math.floor(s.startMs / Q);
      for (let q = first; q <= Math.max(first, Math.floor((end - 1) / Q)); q++) t.quarters.set(q, (t.quarters.get(q) ?? new Set()).add(id));
      out[kind].set(key, t);
    }
  }
  const top = (m: Map<string, TrackableTruth>): TrackableTruth[] => [...m.values()].sort((a, b) => b.seconds - a.seconds);
  return { sponsor: top(out.sponsor), stream: top(out.stream) };
}

/** A row of a Sponsors or Streams table by its Id cell. */
const trackableRow = (frame: Frame, grid: string, id: string): Locator =>
  frame.locator(`${grid} [role="row"]`).filter({ has: frame.locator('[role="gridcell"][aria-colindex="2"]', { hasText: new RegExp(`^${id}$`) }) });

/**
 * The Sponsors tab: the busiest booth's unique visitors and total time equal the local Brella's, and its visitor
 * list names exactly its visitors; the Streams tab: the busiest stream's chart peaks where the data does.
 */
async function sponsorsAndStreams(vs: Workbench, frame: Frame, truth: ReturnType<typeof truthOfTrackables>): Promise<void> {
  const booth = truth.sponsor[0]!;
  const stream = truth.stream[0]!;
  assert.ok(booth && stream, 'the configured attendees visited a booth and watched a stream');
  await frame.locator('#tab-sponsors').click();
  const boothRow = trackableRow(frame, '#sponsor-grid', booth.id);
  await waitFor(boothRow, `booth ${booth.id} in the Sponsors tab`);
  const cells = await boothRow.first().locator('[role="gridcell"]').allInnerTexts();
  assert.equal(cells[3]?.trim(), String(booth.visitors.size), 'unique visitors');
  assert.equal(durationSeconds(cells[5]!.trim()), booth.seconds, 'total time');
  await boothRow.first().locator('[role="gridcell"]').first().click();
  await waitFor(frame.locator('#sponsor-visitors-title', { hasText: new RegExp(` · ${booth.visitors.size}$`) }), 'the booth\'s visitor list');
  const visitorRows = frame.locator('#sponsor-visitors [role="row"][aria-rowindex]:not([aria-rowindex="1"])').filter({ visible: true });
  const names = await visitorRows.locator('[role="gridcell"][aria-colindex="1"]').allInnerTexts();
  const people = data.attendeesByEvent.get(NORDIC_SUMMIT_EVENT_ID)!;
  const expected = [...booth.visitors].map((id) => people.find((p) => p.id === id)!).map((p) => [p.firstName?.trim(), p.lastName?.trim()].filter(Boolean).join(' ') || `Attendee ${p.id}`);
  assert.deepEqual(names.map((n) => n.trim()).sort(), expected.sort(), 'the visitors are the booth\'s');
  await frame.locator('#sponsor-visitors-title').scrollIntoViewIfNeeded();
  await vs.screenshot('report-sponsors');
  await frame.locator('#tab-streams').click();
  const streamRow = trackableRow(frame, '#stream-grid', stream.id);
  await waitFor(streamRow, `stream ${stream.id} in the Streams tab`);
  await streamRow.first().locator('[role="gridcell"]').first().click();
  const peak = Math.max(...[...stream.quarters.values()].map((v) => v.size));
  await waitFor(frame.locator('#stream-peak', { hasText: new RegExp(`^Peak: ${peak} concurrent viewers? at `) }), `the chart's peak of ${peak}`);
  assert.equal(await frame.locator('#stream-chart rect.chart-peak').getAttribute('data-value'), String(peak));
  await frame.locator('#stream-chart').scrollIntoViewIfNeeded();
  await vs.screenshot('report-stream-chart');
  await visitorListsWorkbook(vs, frame, booth);
}

/** Export Visitor Lists… as one Excel workbook: a Summary row per booth, and the busiest booth's sheet lists its visitors. */
async function visitorListsWorkbook(vs: Workbench, frame: Frame, booth: TrackableTruth): Promise<void> {
  await frame.locator('#tab-sponsors').click();
  await frame.locator('#export-visitor-lists').click();
  await vs.answerInput('Excel workbook');
  const file = `report-${NORDIC_SUMMIT_EVENT_ID}-sponsor-visitors.xlsx`;
  await vs.acceptInput(new RegExp(`${file}$`));
  await vs.waitForNotification(/Exported \d+ sponsor visitor lists/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path.join(vs.server.workspace, file));
  const columnOf = (sheet: ExcelJS.Worksheet, label: string): number => (sheet.getRow(1).values as unknown[]).indexOf(label);
  const summary = workbook.getWorksheet('Summary')!;
  const shownBooths = await frame.locator('#sponsor-grid [role=grid]').getAttribute('aria-rowcount');
  assert.equal(summary.rowCount, Number(shownBooths), 'a Summary row per booth the tab shows (and the header)');
  let sheetName: string | undefined;
  summary.eachRow((row, n) => {
    if (n > 1 && String(row.getCell(columnOf(summary, 'Id')).value) === booth.id) sheetName = String(row.getCell(columnOf(summary, 'Visitor list')).value);
  });
  assert.ok(sheetName, `booth ${booth.id} is in the Summary`);
  const sheet = workbook.getWorksheet(sheetName)!;
  const ids = new Set<string>();
  sheet.eachRow((row, n) => { if (n > 1) ids.add(String(row.getCell(columnOf(sheet, 'Attendee id')).value)); });
  assert.deepEqual([...ids].sort(), [...booth.visitors].map(String).sort(), 'the booth\'s sheet lists its visitors');
}

test('event report while the local Brella changes: a key revoked mid-run pauses it with one message; Retry Failed then equals the local Brella; Update Check-ins and Refresh All show new slices and a new attendee', async () => {
  const brella = await LocalBrella.create();
  const notCheckedIn = people.filter((p) => !checkedIn.includes(p));
  /** Checks in during the event, but Brella learns of it only later. */
  const late = notCheckedIn[0]!;
  /** Checked in at the event, and comes back today. */
  const regular = checkedIn[0]!;
  const regularLatest = data.expectedSlices(event.id, regular.id, { tracking_type: 'time_spent', start_from: startFrom }).at(-1)!.startTime;
  type Logged = Awaited<ReturnType<LocalBrella['requests']>>;
  const sliceAsks = (log: Logged): Logged => log.filter((r) => r.path.endsWith('/tracking_session_slices'));
  const askedIds = (log: Logged): string[] => [...new Set(sliceAsks(log).map((r) => r.path.split('/').at(-2)!))].sort();
  const listings = (log: Logged): number => log.filter((r) => r.path.endsWith(`/events/${event.id}/attendees`)).length;
  const ids = (list: ReadonlyArray<{ id: number | string }>): string[] => list.map((p) => String(p.id)).sort();

  await withVSCode('report-live', {
    userSettings: { 'brella.demo.openOnStartup': true },
    // Half the default pace: the runs after the first one are watched while they go.
    machineSettings: { 'brella.requestsPerSecond': 5 },
    env: brella.env,
  }, async (vs) => {
    await vs.openActivity('Brella');
    await vs.treeItem(new RegExp(`^${event.name}`)).waitFor();
    const info = await brella.info();
    assert.equal(info.baseUrl, `${brella.origin}/api/integration`, 'the demo organization is served on the port the test chose');
    assert.equal(info.seed, data.seed, 'the local Brella serves the data this test computes its counts from');

    // 1. The key is revoked while the first run is under way: the local Brella revokes it on cue, after nine more
    // answers (the event, the attendee list and some attendees' slices), whatever the pace of the machine.
    await brella.clearRequests();
    assert.equal((await brella.setKeyRevoked(true, 9)).keyRevoked, false, 'revoked only after nine answers');
    const frame = await reportFromContextMenu(vs);
    const outcome = frame.locator('#outcome[data-state="paused"]');
    await waitFor(outcome, 'the run to pause after the key was revoked');
    assert.equal(await outcome.getAttribute('role'), 'alert');
    const kept = Number(await text(frame, '#summary-attendees'));
    const left = people.length - kept;
    assert.ok(kept >= 3 && left > 0, `${kept} rows before the pause`);
    // One message for the whole run, not one failure per attendee.
    const title = await text(frame, '#outcome-title');
    assert.match(title, /^Brella refused the API key for organization \d+: .+ The report paused: \d+ attendees? (was|were) not asked\. Set the organization's API key again \(Set API Key\), then Resume\.$/);
    assert.equal(Number(/The report paused: (\d+)/.exec(title)![1]), left, 'the message counts the attendees not asked');
    assert.equal(await text(frame, '#outcome-detail'), `${kept} attendees have a row; every finished row is kept.`);
    assert.deepEqual(await frame.locator('#outcome-actions [id^="action-"]').evaluateAll((buttons) => buttons.map((b) => b.id)), ['action-setApiKey', 'action-resume', 'action-showLog']);
    assert.equal(await frame.locator('#failure-list').isVisible(), false, 'no attendee is listed as failed');
    assert.equal(await text(frame, '#summary-failures'), '0');
    assert.equal(await text(frame, '#summary-missing'), String(left));
    assert.deepEqual((await vs.notifications()).filter((n) => /refused/i.test(n)), [], 'the refusal is told in the panel only');
    // The run stopped asking at the refusal: only the requests already under way were refused.
    const refused = (await brella.requests()).filter((r) => r.status === 403);
    assert.ok(refused.length >= 1 && refused.length <= 6, `${refused.length} requests refused (at most brella.maxConcurrentRequests, 6, were in flight)`);
    const shot = await vs.screenshot('event-report-paused');
    keepForReadme(shot, 'event-report-paused.png');

    // 2. Set API Key is offered first; the demo organization keeps its own key, so the key comes back on the
    // server's side. Retry Failed then asks only those never asked, and the report equals the local Brella.
    await frame.locator('#action-setApiKey').click();
    await vs.waitForNotification('The demo organization has its own key; nothing to set.');
    assert.equal((await brella.setKeyRevoked(false)).keyRevoked, false);
    await brella.clearRequests();
    await frame.locator('#run-retry').click();
    await waitForSummary(frame, {
      attendees: String(people.length), 'checked-in': String(checkedIn.length), 'not-checked-in': String(people.length - checkedIn.length),
      failures: '0', missing: '0', reused: `${kept} / ${left}`,
    }, 'Retry Failed after the key came back');
    assert.equal(await frame.locator('#outcome').isVisible(), false, 'a complete report shows no outcome message');
    await waitFor(frame.locator('#table-count', { hasText: `${people.length} attendees` }), `the table to hold ${people.length} rows`, 5_000);
    const retried = await brella.requests();
    assert.deepEqual(retried.filter((r) => r.status >= 300), [], 'every request of Retry Failed was answered');
    assert.equal(listings(retried), 0, 'Retry Failed does not list the attendees again');
    assert.equal(askedIds(retried).length, left, 'Retry Failed asks only the attendees never asked');

    // 3. Brella changes while the window is open: the late attendee's check-in during the event, the regular's
    // return today, and a newcomer who checked in today.
    const lateBefore = await rowOf(frame, String(late.id));
    const regularBefore = await rowOf(frame, String(regular.id));
    assert.equal(lateBefore['Checked in'], 'no');
    assert.equal(regularBefore['Checked in'], 'yes');
    const lateStart = new Date(Date.parse(event.startTime) + 2 * 3_600_000).toISOString();
    const todayStart = new Date(Math.floor((Date.now() - 11 * 60_000) / 1000) * 1000).toISOString();
    const eventDay = dayIn(event.timeZone, Date.parse(lateStart));
    const today = dayIn(event.timeZone, Date.parse(todayStart));
    const bar = (day: string): Locator => frame.locator(`#chart-attendees rect.chart-bar[data-day="${day}"]`);
    const eventDayBefore = Number(await bar(eventDay).getAttribute('data-value'));
    assert.equal(await bar(today).count(), 0, 'no one was in the app today yet');
    await brella.addSlices(event.id, late.id, [{ trackingType: 'time_spent', startTime: lateStart, durationSeconds: 900 }]);
    await brella.addSlices(event.id, regular.id, [{ trackingType: 'time_spent', startTime: todayStart, durationSeconds: 600 }]);
    const newcomer = await brella.addAttendee(event.id, { name: 'Ilona Uusitalo' });
    await brella.addSlices(event.id, newcomer, [{ trackingType: 'time_spent', startTime: todayStart, durationSeconds: 300 }]);

    // Update Check-ins lists the attendees again and asks only those not checked in and the new one.
    await brella.clearRequests();
    assert.ok(await frame.locator('#run-update').isVisible(), 'Update Check-ins is offered while the window is open');
    await frame.locator('#run-update').click();
    const all = people.length + 1;
    const checkedInNow = checkedIn.length + 2;
    await waitForSummary(frame, {
      attendees: String(all), 'checked-in': String(checkedInNow), 'not-checked-in': String(all - checkedInNow),
      failures: '0', missing: '0', reused: `${checkedIn.length} / ${notCheckedIn.length + 1}`,
    }, 'Update Check-ins');
    const updated = await brella.requests();
    assert.equal(listings(updated), 1, 'Update Check-ins lists the attendees again');
    assert.deepEqual(askedIds(updated), [...ids(notCheckedIn), newcomer].sort(), 'Update Check-ins asks the attendees not checked in and the new one');
    const lateNow = await rowOf(frame, String(late.id));
    assert.equal(lateNow['Checked in'], 'yes');
    assert.equal(lateNow['Time in the app'], '0:15:00');
    const newcomerRow = await rowOf(frame, newcomer);
    assert.equal(newcomerRow.Name, 'Ilona Uusitalo');
    assert.equal(newcomerRow['Checked in'], 'yes');
    assert.equal(newcomerRow['Time in the app'], '0:05:00');
    assert.deepEqual(await rowOf(frame, String(regular.id)), regularBefore, 'a checked-in row keeps its figures, as of when it was asked');
    // The event's day ended long before any row was asked: complete, one more attendee in the app. Today has not
    // ended, and every row was asked today: a partial day, and the note says so.
    assert.equal(Number(await bar(eventDay).getAttribute('data-value')), eventDayBefore + 1);
    assert.equal(await bar(eventDay).getAttribute('data-partial'), null, `${eventDay} is complete`);
    assert.equal(await bar(today).getAttribute('data-value'), '1', 'the newcomer was in the app today');
    const sameDay = (): boolean => dayIn(event.timeZone, Date.now()) === today;
    const checkPartialToday = async (when: string): Promise<void> => {
      assert.match((await bar(today).getAttribute('class')) ?? '', /\bchart-bar-partial\b/, `${today} is marked partial ${when}`);
      assert.equal(await frame.locator('#chart-attendees rect.chart-bar-partial').count(), 1, `only ${today} is partial ${when}`);
      const askedBefore = Number(await bar(today).getAttribute('data-partial'));
      // Every row was asked today, unless midnight (in the event's zone) passed during the test.
      if (sameDay()) assert.equal(askedBefore, all, `every row was last asked before ${today} ended`);
      else assert.ok(askedBefore >= 1 && askedBefore <= all, `${askedBefore} rows last asked before ${today} ended`);
      assert.equal(await text(frame, '#chart-partial'), `* Partial: ${today}, ${askedBefore} attendees last asked before this day ended. "Refresh All" makes them exact.`);
    };
    await checkPartialToday('after Update Check-ins');

    // Refresh All asks everyone, a known row only from its latest slice on: every new slice is in.
    await brella.clearRequests();
    await frame.locator('#run-full').click();
    await waitForSummary(frame, {
      attendees: String(all), 'checked-in': String(checkedInNow), failures: '0', missing: '0', reused: `0 / ${all}`,
    }, 'Refresh All');
    const refreshed = await brella.requests();
    assert.equal(listings(refreshed), 1, 'Refresh All lists the attendees again');
    assert.deepEqual(askedIds(refreshed), [...ids(people), newcomer].sort(), 'Refresh All asks every attendee');
    const regularAsk = sliceAsks(refreshed).find((r) => r.path.split('/').at(-2) === String(regular.id))!;
    assert.equal(Date.parse(regularAsk.query.start_from!), Date.parse(regularLatest), 'a known row is asked from its latest slice on');
    const regularAfter = await rowOf(frame, String(regular.id));
    assert.equal(durationSeconds(regularAfter['Time in the app']!), durationSeconds(regularBefore['Time in the app']!) + 600, 'the regular\'s time in the app grows by the 600 s added');
    assert.equal(Number(regularAfter.Slices), Number(regularBefore.Slices) + 1);
    assert.equal((await rowOf(frame, String(late.id)))['Time in the app'], '0:15:00', 'no slice is counted twice');
    assert.equal((await rowOf(frame, newcomer))['Time in the app'], '0:05:00', 'no slice is counted twice');
    assert.equal(await bar(today).getAttribute('data-value'), '2', 'the regular and the newcomer were in the app today');
    // Today is still partial: it has not ended, and the window is open-ended.
    await checkPartialToday('after Refresh All');
  });
});
