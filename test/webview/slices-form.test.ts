/** The slices webview's filter form in headless chromium: built from `init`, inline validation, run, presets. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkSliceFilters } from '../../src/model/filters';
import { SLICE_FILTER_FIELDS } from '../../src/model/filter-fields';
import { fromWebview } from '../../src/protocol/slices';
import { initMessage, reloadReady, savedState, showMoreFilters, slicesPages, TARGET, until, type SlicesPage } from './slices-harness';

const { open, ready } = slicesPages();
/** Always shown; the other fields fold under More filters. */
const MAIN = ['tracking_type', 'start_from', 'start_to'];
const isOpen = async (sp: SlicesPage): Promise<boolean> => (await sp.page.locator('#more-filters').getAttribute('open')) !== null;

test('posts ready, then builds the form from the init fields with their labels, and one note on the zone', async () => {
  const sp = await ready();
  assert.equal(await sp.text('#title'), 'Slices · Ada Lovelace · Brella Summit');
  // The form names its own zone once, beside the window, instead of the definition's "midnight UTC" on every date field.
  assert.equal(await sp.page.locator('.zone-note').count(), 1);
  assert.equal(await sp.text('#zone-note'), 'A date alone means 00:00 UTC.');
  assert.equal(await sp.page.locator('.form-window #zone-note').count(), 1, 'the note sits with the window fields');
  for (const field of SLICE_FILTER_FIELDS) {
    const el = sp.page.locator(`[data-field="${field.name}"]`);
    assert.equal(await el.count(), 1, field.name);
    assert.ok(((await el.textContent()) ?? '').includes(field.label), `${field.name} shows "${field.label}"`);
    assert.ok(!((await el.textContent()) ?? '').includes('A date alone'), `${field.name} has no note of its own`);
    assert.equal(await el.locator('input').first().getAttribute('title'), field.help.replace(' A date alone (YYYY-MM-DD) means midnight UTC.', ''));
    if (field.kind !== 'types') assert.equal(await el.locator('input').getAttribute('placeholder'), field.example);
    // Each date field is described by its help, the one zone note and its own error.
    const described = field.kind === 'types' ? await el.getAttribute('aria-describedby') : await el.locator('input').getAttribute('aria-describedby');
    const id = `field-${field.name}`;
    assert.equal(described, field.kind === 'instant' ? `${id}-help zone-note ${id}-error` : `${id}-help ${id}-error`, field.name);
  }
  for (const t of SLICE_FILTER_FIELDS[0]!.suggestions ?? []) assert.equal(await sp.page.locator(`vscode-checkbox[data-type="${t}"]`).count(), 1);
  await sp.close();
});

test('a bad date shows an inline error next to its field and posts no run', async () => {
  const sp = await ready();
  const input = sp.page.locator('[data-field="start_from"] input');
  await input.fill('2023-13-45');
  await input.press('Enter');
  const error = sp.page.locator('[data-error-for="start_from"]');
  await error.waitFor();
  assert.match((await error.textContent()) ?? '', /^start_from: "2023-13-45" is not a date/);
  assert.equal(await input.getAttribute('aria-invalid'), 'true');
  assert.equal(await sp.page.evaluate(() => (globalThis as unknown as { document: { activeElement: { id: string } } }).document.activeElement.id), 'field-start_from');
  await sp.page.click('#run');
  assert.deepEqual(await sp.sent('run'), []);
  // Fixing it clears the error on the next run.
  await input.fill('2023-05-10');
  await input.press('Enter');
  await until(async () => (await sp.sent('run')).length === 1, 'run');
  assert.equal(await error.isVisible(), false);
  await sp.close();
});

test('Enter in a field posts run with values the filter definition accepts; Run turns into Cancel', async () => {
  const sp = await ready();
  await showMoreFilters(sp);
  await sp.page.click('vscode-checkbox[data-type="sponsor"]');
  await sp.page.fill('[data-field="tracking_type"] input', 'sponsor_media_click');
  await sp.page.fill('[data-field="start_from"] input', ' 2023-05-10 ');
  await sp.page.fill('[data-field="end_to"] input', '2023-05-12T18:00:00+03:00');
  await sp.page.fill('[data-field="duration"] input', '300');
  await sp.page.press('[data-field="duration"] input', 'Enter');
  const [run] = await until(async () => sp.sent('run'), 'run');
  assert.deepEqual(run!.filters, {
    tracking_type: ['sponsor', 'sponsor_media_click'],
    start_from: '2023-05-10',
    end_to: '2023-05-12T18:00:00+03:00',
    duration: '300',
  });
  assert.ok(fromWebview.safeParse(run).success);
  const normalized = checkSliceFilters(run!.filters);
  assert.ok(normalized.ok);
  assert.equal(normalized.filters.end_to, '2023-05-12T15:00:00.000Z');
  assert.equal(await sp.page.locator('#run').evaluate((el) => (el as unknown as { disabled: boolean }).disabled), true);
  assert.equal(await sp.page.locator('#cancel').isVisible(), true);
  await sp.close();
});

test('the host may still reject filters: `invalid` errors show inline, opening More filters for a folded field', async () => {
  const sp = await ready();
  await sp.page.press('[data-field="start_from"] input', 'Enter');
  const [run] = await until(async () => sp.sent('run'), 'run');
  assert.equal(await isOpen(sp), false);
  // A refusal of another request (a Copy as… posted meanwhile) shows its problem and leaves the run waiting.
  await sp.deliver({ type: 'invalid', requestId: run!.requestId + 1000, errors: [{ field: 'duration', message: 'duration: not a number' }] });
  assert.equal(await sp.text('[data-error-for="duration"]'), 'duration: not a number');
  assert.equal(await sp.page.locator('[data-error-for="duration"]').isVisible(), true, 'More filters opened to show it');
  assert.equal(await sp.page.locator('#cancel').isVisible(), true, 'the run still waits for its answer');
  await sp.deliver({ type: 'invalid', requestId: run!.requestId, errors: [{ field: 'trackable_type', message: 'trackable_type: "X" is not known' }] });
  assert.equal(await sp.text('[data-error-for="trackable_type"]'), 'trackable_type: "X" is not known');
  assert.equal(await sp.page.locator('#run').evaluate((el) => (el as unknown as { disabled: boolean }).disabled), false);
  assert.equal(await sp.page.locator('#cancel').isVisible(), false);
  await sp.close();
});

test('presets: presence fills time_spent + start_from; during sets the event range; everything clears', async () => {
  const sp = await ready();
  await showMoreFilters(sp);
  await sp.page.fill('[data-field="duration"] input', '60');
  await sp.page.click('#preset-presence');
  const checked = (t: string) => sp.page.locator(`vscode-checkbox[data-type="${t}"]`).evaluate((el) => (el as unknown as { checked: boolean }).checked);
  assert.equal(await checked('time_spent'), true);
  assert.equal(await checked('sponsor'), false);
  assert.equal(await sp.page.inputValue('[data-field="start_from"] input'), '2023-05-10T00:00:00.000Z');
  assert.match(await sp.text('#preset-note'), /from 10 May 2023 00:00 UTC \(00:00 UTC of the first day, as Brella recommends\)/);
  assert.equal(await sp.page.inputValue('[data-field="duration"] input'), '');
  await sp.page.click('#run');
  const [run] = await until(async () => sp.sent('run'), 'run');
  assert.deepEqual(run!.filters, { tracking_type: ['time_spent'], start_from: '2023-05-10T00:00:00.000Z' });
  await sp.deliver({ type: 'done', runId: 1, rows: 0, cancelled: false });

  await sp.page.click('#preset-during');
  assert.equal(await sp.page.inputValue('[data-field="start_from"] input'), '2023-05-10T00:00:00.000Z');
  assert.equal(await sp.page.inputValue('[data-field="start_to"] input'), '2023-05-12T23:59:59.999Z');
  assert.match(await sp.text('#preset-note'), /in UTC \(the event has no time zone in Brella\)/);
  assert.equal(await checked('time_spent'), true, 'during keeps the other filters');
  await sp.page.click('#preset-everything');
  for (const f of SLICE_FILTER_FIELDS) {
    if (f.kind !== 'types') assert.equal(await sp.page.inputValue(`[data-field="${f.name}"] input`), '', f.name);
  }
  assert.equal(await checked('time_spent'), false);
  await sp.close();
});

test('with the event\'s zone, "During the event" covers its local days; presence stays at 00:00 UTC; a typed date is midnight in Event time', async () => {
  const sp = await open();
  await until(async () => (await sp.sent('ready')).length === 1, 'ready');
  await sp.deliver(initMessage({ target: { ...TARGET, timeZone: 'Europe/Helsinki' }, timeZone: 'event' }));
  await sp.page.locator('[data-field="start_from"] input').waitFor();
  await sp.page.click('#preset-during');
  assert.equal(await sp.page.inputValue('[data-field="start_from"] input'), '2023-05-10T00:00:00.000+03:00');
  assert.equal(await sp.page.inputValue('[data-field="start_to"] input'), '2023-05-12T23:59:59.999+03:00');
  assert.match(await sp.text('#preset-note'), /2023-05-10 00:00 to 2023-05-12 23:59:59 in Event time \(Europe\/Helsinki\)/);
  await sp.page.click('#preset-presence');
  assert.equal(await sp.page.inputValue('[data-field="start_from"] input'), '2023-05-10T00:00:00.000Z');
  assert.equal(await sp.text('#zone-note'), 'A date alone means 00:00 Event time (Europe/Helsinki).');
  await sp.page.fill('[data-field="start_from"] input', '2023-03-26');
  await showMoreFilters(sp);
  await sp.page.fill('[data-field="end_to"] input', '2023-10-29');
  await sp.page.click('#run');
  const [run] = await until(async () => sp.sent('run'), 'run');
  // Midnight in Helsinki: +02:00 in winter time (both DST days start before the change at 03:00/04:00).
  assert.deepEqual(run!.filters, { tracking_type: ['time_spent'], start_from: '2023-03-26T00:00:00.000+02:00', end_to: '2023-10-29T00:00:00.000+03:00' });
  assert.equal(checkSliceFilters(run!.filters).ok, true);
  await sp.close();
});

test('presets that need the event dates are disabled when the target has none', async () => {
  const sp = await open();
  await sp.deliver(initMessage({ target: { ...TARGET, eventStart: undefined, eventEnd: undefined } }));
  await sp.page.locator('#preset-presence').waitFor();
  const disabled = (id: string) => sp.page.locator(id).evaluate((el) => (el as unknown as { disabled: boolean }).disabled);
  await until(async () => disabled('#preset-presence'), 'presence disabled');
  assert.equal(await disabled('#preset-during'), true);
  assert.equal(await disabled('#preset-everything'), false);
  await sp.close();
});

test('Copy as… cURL, PowerShell and fetch post the form values; an invalid form posts nothing', async () => {
  const sp = await ready();
  await showMoreFilters(sp);
  await sp.page.fill('[data-field="duration"] input', 'soon');
  await sp.page.click('#copy-as');
  await sp.page.click('#copy-curl');
  assert.match(await sp.text('[data-error-for="duration"]'), /^duration: "soon" is not a whole number/);
  assert.deepEqual(await sp.sent('copyAs'), []);
  await sp.page.fill('[data-field="duration"] input', '120');
  for (const format of ['curl', 'powershell', 'fetch'] as const) {
    await sp.page.click('#copy-as');
    assert.equal(await sp.page.locator('#copy-as').getAttribute('aria-expanded'), 'true');
    await sp.page.click(`#copy-${format}`);
    assert.equal(await sp.page.locator('#copy-menu').isVisible(), false);
  }
  const copies = await until(async () => ((await sp.sent('copyAs')).length === 3 ? sp.sent('copyAs') : undefined), 'copyAs');
  assert.deepEqual(copies.map((c) => [c.format, c.filters]), [['curl', { duration: '120' }], ['powershell', { duration: '120' }], ['fetch', { duration: '120' }]]);
  // Keyboard: the menu opens on the focused first item, arrows move, Escape closes and returns to the button.
  await sp.page.focus('#copy-as');
  await sp.page.keyboard.press('Enter');
  await sp.page.keyboard.press('ArrowDown');
  assert.equal(await sp.page.evaluate(() => (globalThis as unknown as { document: { activeElement: { id: string } } }).document.activeElement.id), 'copy-powershell');
  await sp.page.keyboard.press('Escape');
  assert.equal(await sp.page.locator('#copy-menu').isVisible(), false);
  await sp.close();
});

/** The ids Tab reaches from the page's start, in order of first focus. */
async function tabStops(sp: SlicesPage, presses = 40): Promise<string[]> {
  const seen: string[] = [];
  for (let i = 0; i < presses; i++) {
    await sp.page.keyboard.press('Tab');
    const id = await sp.page.evaluate(() => {
      const el = (globalThis as unknown as { document: { activeElement: { id: string; tagName: string; getAttribute(n: string): string | null } | null } }).document.activeElement;
      return el === null ? '' : el.id || el.getAttribute('role') || el.tagName.toLowerCase();
    });
    if (!seen.includes(id)) seen.push(id);
  }
  return seen;
}

test('Tab reaches the presets, the shown fields, the More filters toggle, Run, and the toolbar; once open, every field', async () => {
  const sp = await ready();
  const seen = await tabStops(sp);
  for (const id of ['tab-slices', 'preset-during', 'preset-presence', 'preset-everything', 'save-query', 'field-tracking_type', 'field-start_from', 'field-start_to', 'more-filters-toggle', 'run', 'filter-box', 'columns', 'group-by', 'time-zone', 'export-csv', 'export-json', 'copy-as', 'open-raw', 'grid']) {
    assert.ok(seen.includes(id), `${id} in ${seen.join(' ')}`);
  }
  assert.ok(!seen.includes('field-duration'), `a folded field is no tab stop: ${seen.join(' ')}`);
  // Enter on the toggle opens the fold (it runs nothing); then Tab reaches every field, before Run.
  await sp.page.focus('#more-filters-toggle');
  await sp.page.keyboard.press('Enter');
  await until(() => isOpen(sp), 'More filters open');
  assert.deepEqual(await sp.sent('run'), []);
  await sp.page.focus('#tab-slices');
  const all = await tabStops(sp, 30);
  for (const f of SLICE_FILTER_FIELDS) assert.ok(all.includes(`field-${f.name}`), `field-${f.name} in ${all.join(' ')}`);
  assert.ok(all.indexOf('more-filters-toggle') < all.indexOf('field-end_from') && all.indexOf('field-end_time') < all.indexOf('run') && all.indexOf('run') < all.indexOf('filter-box'), all.join(' '));
  await sp.close();
});

test('the fields not always shown sit under More filters, closed at first; its title counts those in use', async () => {
  const sp = await ready();
  assert.equal(await isOpen(sp), false);
  assert.equal(await sp.text('#more-filters-toggle'), 'More filters');
  for (const f of SLICE_FILTER_FIELDS) {
    const folded = await sp.page.locator(`#more-filters [data-field="${f.name}"]`).count();
    assert.equal(folded, MAIN.includes(f.name) ? 0 : 1, `${f.name} ${MAIN.includes(f.name) ? 'always shown' : 'under More filters'}`);
    assert.equal(await sp.page.locator(`[data-field="${f.name}"]`).isVisible(), MAIN.includes(f.name), f.name);
  }
  await showMoreFilters(sp);
  await sp.page.fill('[data-field="duration"] input', '300');
  assert.equal(await sp.text('#more-filters-toggle'), 'More filters (1 active)');
  await sp.page.fill('[data-field="end_to"] input', '2023-05-12');
  await sp.page.fill('[data-field="start_from"] input', '2023-05-10');
  assert.equal(await sp.text('#more-filters-toggle'), 'More filters (2 active)', 'only folded fields count');
  await sp.page.fill('[data-field="duration"] input', ' ');
  assert.equal(await sp.text('#more-filters-toggle'), 'More filters (1 active)');
  // Closed, the title still says so; a run that uses them opens the fold again.
  await sp.page.click('#more-filters-toggle');
  assert.equal(await isOpen(sp), false);
  assert.equal(await sp.text('#more-filters-toggle'), 'More filters (1 active)');
  await sp.page.click('#run');
  await until(async () => (await sp.sent('run')).length === 1, 'run');
  assert.equal(await isOpen(sp), true, 'the run uses end_to: More filters shows it');
  await sp.close();
});

test('More filters opens by itself when a saved query, a recent run or the host puts values there; a preset that does not stays closed', async () => {
  const sp = await open();
  await until(async () => (await sp.sent('ready')).length === 1, 'ready');
  await sp.deliver(initMessage({
    savedQueries: [{ name: 'Short ones', filters: { duration: '60' } }],
    recentRuns: [{ filters: { trackable_type: 'Sponsor', end_from: '2023-05-10' }, rows: 3, at: '2023-05-12T08:00:00.000Z' }],
  }));
  await sp.page.locator('#preset-during').click();
  assert.equal(await isOpen(sp), false);
  await sp.page.locator('[data-saved-query="Short ones"]').click();
  assert.equal(await isOpen(sp), true);
  assert.equal(await sp.text('#more-filters-toggle'), 'More filters (1 active)');
  assert.equal(await sp.page.inputValue('[data-field="duration"] input'), '60');
  await sp.page.click('#more-filters-toggle');
  await sp.page.locator('#recent-runs summary').click();
  await sp.page.click('#recent-run-0');
  await until(async () => (await sp.sent('run')).length === 1, 'run');
  assert.equal(await isOpen(sp), true);
  assert.equal(await sp.text('#more-filters-toggle'), 'More filters (2 active)');
  // A later init carrying the host's filters (a run from the tree) opens it too.
  await sp.page.click('#more-filters-toggle');
  await sp.deliver(initMessage({ filters: { start_time: '2023-05-10T09:30:00.000Z' } }));
  assert.equal(await isOpen(sp), true);
  assert.equal(await sp.page.locator('[data-field="start_time"] input').isVisible(), true);
  await sp.close();
});

test('More filters stays open or closed across a reload, even when the restored values use it', async () => {
  const sp = await ready();
  await showMoreFilters(sp);
  await until(async () => (await savedState(sp)).moreFiltersOpen === true, 'open saved');
  await reloadReady(sp);
  assert.equal(await isOpen(sp), true);
  await sp.page.fill('[data-field="duration"] input', '60');
  await sp.page.click('#more-filters-toggle');
  await until(async () => (await savedState(sp)).moreFiltersOpen === false, 'closed saved');
  await reloadReady(sp);
  assert.equal(await sp.page.inputValue('[data-field="duration"] input'), '60');
  assert.equal(await isOpen(sp), false);
  assert.equal(await sp.text('#more-filters-toggle'), 'More filters (1 active)');
  await sp.close();
});
