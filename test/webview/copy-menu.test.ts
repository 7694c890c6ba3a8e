/**
 * Copy ▾ beside each table (slices, sessions, the report's attendees): the selected rows as tab-separated text
 * or a Markdown table, with a header row, and the active cell, chosen with the mouse or the keyboard alone.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { packSlices } from '../../src/protocol/packed-slices';
import { slicesPages, until } from './slices-harness';
import { makeRows } from './rows';
import { makeReportRows, reportPages } from './report-harness';

const ROWS = makeRows(50, 3);
const slices = slicesPages();
const report = reportPages();

test('slices: two rows selected copy as TSV and as Markdown with a header row; the cell alone; the menu works from the keyboard', async () => {
  const sp = await slices.ready();
  await sp.deliver({ type: 'started', runId: 1, filters: {} }, { type: 'page', runId: 1, rows: packSlices(ROWS), page: 1, pagesKnown: 1, rowsSoFar: ROWS.length });
  await sp.deliver({ type: 'done', runId: 1, rows: ROWS.length, cancelled: false });
  const [a, b] = ROWS;
  await sp.page.getByRole('gridcell', { name: a!.id, exact: true }).click();
  await sp.page.keyboard.press('Shift+ArrowDown');
  const copies = async () => (await sp.sent('copy')).map((m) => m.text);

  assert.equal(await sp.page.locator('#copy-rows-menu').isVisible(), false);
  await sp.page.click('#copy-rows');
  assert.equal(await sp.page.locator('#copy-rows').getAttribute('aria-expanded'), 'true');
  await sp.page.click('#copy-rows-markdown');
  const markdown = (await until(async () => (await copies()).at(-1), 'a copy')).split('\n');
  assert.equal(markdown.length, 4, markdown.join('\n'));
  assert.match(markdown[0]!, /^\| Id \| /);
  assert.match(markdown[1]!, /^\| -+ \| /);
  assert.ok(markdown[2]!.startsWith(`| ${a!.id} |`) && markdown[3]!.startsWith(`| ${b!.id} |`), markdown.join('\n'));
  assert.equal(await sp.page.locator('#copy-rows-menu').isVisible(), false, 'choosing closes the menu');

  // Keyboard alone: Enter opens it on its first item (TSV); ArrowDown twice reaches Copy Cell.
  await sp.page.locator('#copy-rows').focus();
  await sp.page.keyboard.press('Enter');
  await until(() => sp.page.locator('#copy-rows-menu').isVisible(), 'the menu opens');
  await sp.page.keyboard.press('Enter');
  const tsv = (await until(async () => ((await copies()).length === 2 ? (await copies())[1] : undefined), 'a second copy')).split('\n');
  assert.equal(tsv.length, 3);
  assert.match(tsv[0]!, /^Id\t/);
  assert.equal(tsv[1]!.split('\t')[0], a!.id);
  await sp.page.keyboard.press('Enter');
  await until(() => sp.page.locator('#copy-rows-menu').isVisible(), 'the menu opens again');
  await sp.page.keyboard.press('ArrowDown');
  await sp.page.keyboard.press('ArrowDown');
  await sp.page.keyboard.press('Enter');
  await until(async () => (await copies()).length === 3, 'a third copy');
  assert.equal((await copies())[2], b!.id, 'the active cell: the id of the row Shift+ArrowDown reached');
  await sp.page.locator('#copy-rows').focus();
  await sp.page.keyboard.press('Enter');
  await sp.page.keyboard.press('Escape');
  await until(async () => !(await sp.page.locator('#copy-rows-menu').isVisible()), 'Escape closes the menu');
  assert.equal((await copies()).length, 3, 'nothing copied on Escape');
  await sp.close();
});

test('report: the attendees table copies its selected rows as Markdown', async () => {
  const rows = makeReportRows(12);
  const rp = await report.ready();
  await rp.deliver({ type: 'started', runId: 1, mode: 'full' }, { type: 'rows', runId: 1, rows, failures: [] });
  await rp.page.getByRole('gridcell', { name: '100003', exact: true }).click(); // Person 0002's id (a click on a name opens the slices)
  await rp.page.keyboard.press('Shift+ArrowDown');
  await rp.page.click('#copy-rows');
  await rp.page.click('#copy-rows-markdown');
  const text = await until(async () => (await rp.sent('copy')).at(-1)?.text, 'a copy');
  const lines = text.split('\n');
  assert.equal(lines.length, 4, text);
  assert.match(lines[0]!, /^\| /);
  assert.ok(lines[2]!.includes('Person 0002') && lines[3]!.includes('Person 0003'), text);
  await rp.close();
});
