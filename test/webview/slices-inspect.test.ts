/** The Slices tab's row inspector in headless chromium: opening, following the active row, the raw resource, copying, closing. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { packSlices } from '../../src/protocol/packed-slices';
import { slicesPages, until, type SlicesPage } from './slices-harness';
import { makeRows } from './rows';

const ROWS = makeRows(200, 3);
const { ready } = slicesPages();

async function loaded(): Promise<SlicesPage> {
  const sp = await ready();
  await sp.deliver({ type: 'started', runId: 1, filters: {} }, { type: 'page', runId: 1, rows: packSlices(ROWS), page: 1, pagesKnown: 1, rowsSoFar: ROWS.length });
  await sp.deliver({ type: 'done', runId: 1, rows: ROWS.length, cancelled: false });
  return sp;
}

/** The row the grid shows at this position (arrival order: no sort). */
const activeId = (sp: SlicesPage) => sp.page.locator('[role=row][aria-selected=true] [role=gridcell]').first().textContent();
const field = (sp: SlicesPage, label: string) =>
  sp.page.locator('#slices-inspector .insp-field', { has: sp.page.locator('dt', { hasText: new RegExp(`^${label}$`) }) });

test('Enter opens the inspector on the active slice: every attribute, times in the zone and in UTC, its raw resource from the host', async () => {
  const sp = await loaded();
  const pane = sp.page.locator('#slices-inspector');
  assert.equal(await pane.isVisible(), false);
  const grid = sp.page.locator('[role=grid]');
  await sp.deliver({ type: 'eventZone', timeZone: 'Europe/Helsinki' }, { type: 'timeZone', timeZone: 'event' });
  const first = ROWS.find((r) => r.extra.deviceName !== undefined)!;
  await sp.page.getByRole('gridcell', { name: first.id, exact: true }).click();
  assert.equal(await activeId(sp), first.id);
  await sp.page.keyboard.press('Enter');
  await until(() => pane.isVisible(), 'the inspector opens');
  assert.equal(await sp.text('#slices-inspector-title'), `Slice ${first.id} · ${first.trackingType}`);
  assert.deepEqual(await sp.sent('inspect'), [{ type: 'inspect', id: first.id }]);
  assert.equal(await field(sp, 'Id').locator('.insp-value').textContent(), first.id);
  assert.equal(await field(sp, 'Duration').locator('.insp-note').textContent(), `${first.durationSeconds} s`);
  // Times in the event's zone (UTC+3 in May), with UTC as the second reading.
  const wall = new Date(Date.parse(first.startTime) + 3 * 3600_000).toISOString();
  assert.equal(await field(sp, 'Start').locator('.insp-value').textContent(), `${wall.slice(0, 10)} ${wall.slice(11, 19)}`);
  assert.equal(await field(sp, 'Start').locator('.insp-note').textContent(), `${first.startTime.slice(0, 10)} ${first.startTime.slice(11, 19)} UTC`);
  assert.match(await pane.locator('[data-section="Slice"] .insp-section-note').textContent() ?? '', /Europe\/Helsinki.*then in UTC/);
  assert.equal(await field(sp, 'Tracking session').locator('.insp-value').textContent(), first.trackingSessionId);
  // Extra attributes (no column needed) are listed.
  assert.equal(await field(sp, 'Device name').locator('.insp-value').textContent(), String(first.extra.deviceName));
  assert.match(await pane.locator('[data-section="Raw resource"]').textContent() ?? '', /Loading/);

  // The host answers: the raw resource as text (never markup), the trackable's name from `included`.
  const raw = JSON.stringify({ type: 'tracking-session-slice', id: first.id, attributes: { 'tracking-type': first.trackingType, 'note': '<img src=x onerror="document.body.dataset.owned=1">' } }, null, 2);
  await sp.deliver({ type: 'resource', id: first.id, resource: raw, related: '[{"type":"sponsor","id":"1"}]', names: { trackable: '<b>Main</b> Stage' } });
  await until(async () => (await pane.locator('.insp-code').count()) === 2, 'raw and included shown');
  assert.equal(await pane.locator('[data-section="Raw resource"] code').textContent(), raw);
  assert.equal(await field(sp, 'Trackable').locator('.insp-note').textContent(), '<b>Main</b> Stage');
  assert.equal(await pane.locator('img, b').count(), 0);
  assert.equal(await sp.page.evaluate('document.body.dataset.owned'), undefined);
  await pane.locator('#inspector-copy-raw').click();
  assert.deepEqual((await sp.sent('copy')).at(-1), { type: 'copy', text: raw });
  await pane.locator('#inspector-copy-row').click();
  assert.deepEqual(JSON.parse((await sp.sent('copy')).at(-1)!.text), first);
  await pane.locator('button[aria-label="Copy Id"]').click();
  assert.deepEqual((await sp.sent('copy')).at(-1), { type: 'copy', text: first.id });

  // The pane follows the active row; an answer for another slice does not replace the shown one.
  await grid.focus();
  await sp.page.keyboard.press('ArrowDown');
  const secondId = await activeId(sp);
  const second = ROWS.find((r) => r.id === secondId)!;
  assert.notEqual(second, first);
  await until(async () => (await sp.text('#slices-inspector-title')).startsWith(`Slice ${second.id} `), 'follows the active row');
  assert.deepEqual((await sp.sent('inspect')).at(-1), { type: 'inspect', id: second.id });
  await sp.deliver({ type: 'resource', id: first.id, resource: raw, related: null, names: {} });
  await sp.deliver({ type: 'resource', id: second.id, resource: null, related: null, names: {}, note: 'The raw resource can be shown when the run is done.' });
  await until(async () => /when the run is done/.test(await pane.locator('[data-section="Raw resource"]').textContent() ?? ''), 'the note for the shown slice');
  assert.equal(await pane.locator('.insp-code').count(), 0);

  // Escape closes it and gives the table the focus back; a double click opens it again.
  await sp.page.keyboard.press('Escape');
  await until(async () => !(await pane.isVisible()), 'Escape closes');
  assert.equal(await sp.page.evaluate('document.activeElement?.getAttribute("role")'), 'grid');
  await sp.page.getByRole('gridcell', { name: first.id, exact: true }).dblclick();
  await until(async () => (await pane.isVisible()) && (await sp.text('#slices-inspector-title')).startsWith(`Slice ${first.id} `), 'a double click opens it');
  // The splitter resizes the pane from the keyboard.
  const before = (await pane.boundingBox())!.width;
  await sp.page.locator('#slices-inspector').locator('xpath=preceding-sibling::*[@role="separator"]').focus();
  await sp.page.keyboard.press('ArrowLeft');
  await until(async () => (await pane.boundingBox())!.width > before, 'wider');
  // A new run closes it.
  await sp.deliver({ type: 'started', runId: 2, filters: {} });
  await until(async () => !(await pane.isVisible()), 'a new run closes the pane');
  await sp.close();
});

test('the Sessions tab has the same inspector: the session, its trackable\'s name as text, its slices, Copy Slice Ids', async () => {
  const sp = await ready();
  await sp.page.click('#tab-sessions');
  await until(async () => (await sp.sent('loadSessions')).length === 1, 'loadSessions');
  const sessions = [
    { id: '9001', durationSeconds: 3329, interactionCount: 14, trackableType: 'StreamLink', trackableId: '9101', trackableName: 'Keynote <b>stage</b>', sliceIds: ['11', '12', '13'], extra: { 'attendeeId': 7 } },
    { id: '9002', durationSeconds: 120, interactionCount: 3, trackableType: 'Sponsor', trackableId: '7201', trackableName: null, sliceIds: [], extra: {} },
  ];
  await sp.deliver({ type: 'sessionsLoading' }, { type: 'sessions', sessions, complete: true });
  await sp.page.locator('#sessions-grid').getByRole('gridcell', { name: '9001', exact: true }).click();
  await sp.page.keyboard.press('Enter');
  const pane = sp.page.locator('#sessions-inspector');
  await until(() => pane.isVisible(), 'the inspector opens');
  assert.equal(await sp.text('#sessions-inspector-title'), 'Session 9001 · Keynote <b>stage</b>');
  assert.equal(await pane.locator('b').count(), 0);
  assert.match(await pane.locator('[data-section="Slices"]').textContent() ?? '', /3 slices listed/);
  await pane.locator('#session-inspector-copy-ids').click();
  assert.deepEqual((await sp.sent('copy')).at(-1), { type: 'copy', text: '11\n12\n13' });
  await sp.page.locator('#sessions-grid [role=grid]').focus();
  await sp.page.keyboard.press('ArrowDown');
  await until(async () => (await sp.text('#sessions-inspector-title')) === 'Session 9002 · Sponsor 7201', 'follows the active row');
  assert.match(await pane.locator('[data-section="Slices"]').textContent() ?? '', /listed no slices/);
  await sp.close();
});

test('Show These Slices narrows the Slices tab to the session\'s slices of the run; Show All puts every row back; a new run ends it', async () => {
  const sp = await ready();
  const rows = makeRows(120, 8);
  const session = rows[10]!.trackingSessionId!;
  const mine = rows.filter((r) => r.trackingSessionId === session);
  await sp.deliver({ type: 'started', runId: 1, filters: {} }, { type: 'page', runId: 1, rows: packSlices(rows), page: 1, pagesKnown: 1, rowsSoFar: rows.length });
  await sp.deliver({ type: 'done', runId: 1, rows: rows.length, cancelled: false });
  await sp.page.click('#tab-sessions');
  const sessions = [{ id: session, durationSeconds: 60, interactionCount: 1, trackableType: 'StreamLink', trackableId: '1', trackableName: 'Main <b>stage</b>', sliceIds: mine.map((r) => r.id), extra: {} }];
  await sp.deliver({ type: 'sessionsLoading' }, { type: 'sessions', sessions, complete: true });
  await sp.page.locator('#sessions-grid').getByRole('gridcell', { name: session, exact: true }).dblclick();
  await sp.page.locator('#session-inspector-show-slices').click();
  const grid = sp.page.locator('#grid-host [role=grid]');
  await until(async () => Number(await grid.getAttribute('aria-rowcount')) === mine.length + 1, 'only the session\'s slices');
  assert.equal(await sp.page.locator('#tab-slices').getAttribute('aria-selected'), 'true');
  assert.equal(await sp.text('#scope-text'), `Showing the ${mine.length} slices of session ${session} (Main <b>stage</b>).`);
  assert.equal(await sp.page.locator('#scope b').count(), 0);
  await sp.page.click('#scope-clear');
  await until(async () => Number(await grid.getAttribute('aria-rowcount')) === rows.length + 1, 'every row again');
  assert.equal(await sp.page.locator('#scope').isVisible(), false);
  // Narrowed again, a new run ends it.
  await sp.page.click('#tab-sessions');
  await sp.page.locator('#session-inspector-show-slices').click();
  await until(async () => Number(await grid.getAttribute('aria-rowcount')) === mine.length + 1, 'narrowed again');
  await sp.deliver({ type: 'started', runId: 2, filters: {} }, { type: 'page', runId: 2, rows: packSlices(rows.slice(0, 30)), page: 1, pagesKnown: 1, rowsSoFar: 30 });
  await until(async () => Number(await grid.getAttribute('aria-rowcount')) === 31, 'the new run\'s rows, all of them');
  assert.equal(await sp.page.locator('#scope').isVisible(), false);
  await sp.close();
});
