/**
 * The sponsors' visitor lists as one Excel workbook: written by src/features/kit/xlsx-workbook.ts from the tables of
 * src/reports/visitor-lists.ts, opened again with exceljs. Summary first, a sheet per booth, Query last; valid and
 * unique sheet names; dates of the wall clock in the report's zone, ids as text, counts as numbers, and a name that
 * looks like a formula kept as text.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { DATE_FORMAT, writeWorkbook } from '../../src/features/kit/xlsx-workbook.ts';
import type { ReportRow, ReportVisit } from '../../src/model/report.ts';
import { visitorListSheets, visitorListsQuery, visitorListTables } from '../../src/reports/visitor-lists.ts';

const ZONE = { zone: 'Europe/Helsinki', zoneName: 'Europe/Helsinki' };
const TARGET = {
  organizationId: 12, eventId: 34, eventName: 'Nordic Summit',
  window: { startFrom: '2023-05-10T00:00:00.000Z', startTo: '2023-05-12T00:00:00.000Z' },
};
const FORMULA = '=HYPERLINK("http://x","y")';

const row = (id: string, name: string, visits: ReportVisit[]): ReportRow => ({
  attendeeId: id, name, email: `${id}@example.com`, company: null, checkedIn: true, firstSeen: null, lastSeen: null, slices: 1, appSeconds: 0,
  streamSeconds: 0, sponsorSeconds: 0, distinctStreams: 0, distinctSponsors: 0, visits, days: [], asOf: '2023-05-12T00:00:00.000Z',
});
const booth = (id: string, seconds: number, more: Partial<ReportVisit> = {}): ReportVisit => ({
  kind: 'sponsor', trackableType: 'Sponsor', trackableId: id, seconds, slices: 2, clicks: 1, ...more,
});

/** Cells of a sheet by header: `cell(row, header)`, rows counted from 1 (the header). */
function reader(sheet: ExcelJS.Worksheet): { header: string[]; cell(row: number, label: string): ExcelJS.Cell } {
  const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
  return { header, cell: (r, label) => sheet.getRow(r).getCell(header.indexOf(label) + 1) };
}

describe('the visitor lists workbook', async () => {
  const rows = [
    row('0100', FORMULA, [
      booth('007', 300, { first: '2023-05-10T07:00:00.000Z', last: '2023-05-10T08:00:00.000Z' }),
      booth('8', 100, { first: '2023-01-10T07:30:15.000Z', last: '2023-01-10T08:00:00.000Z' }),
    ]),
    row('0200', '<b>Tom & "Jerry"</b>\u0007 \u2028😀', [booth('007', 60, { first: '2023-05-11T06:00:00.000Z', last: '2023-05-11T06:10:00.000Z', clicks: 4 }), booth('9', 10)]),
  ];
  const names = new Map([['sponsor|Sponsor|007', '@SUM(1+1)*cmd'], ['sponsor|Sponsor|8', 'summary']]);
  const lists = visitorListTables(rows, names, ZONE);
  const bytes = await writeWorkbook({ sheets: visitorListSheets(lists), query: visitorListsQuery(lists, { target: TARGET, exportedAt: '2023-05-12T09:05:00.000Z' }) });
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  const sheetNames = workbook.worksheets.map((s) => s.name);

  test('Summary first, a sheet per booth (most time first), Query last; names valid and unique', () => {
    assert.deepEqual(sheetNames, ['Summary', '@SUM(1+1) cmd', 'summary (2)', 'Sponsor 9', 'Query']);
    for (const name of sheetNames) {
      assert.ok(name.length > 0 && name.length <= 31, name);
      assert.doesNotMatch(name, /[[\]:*?/\\]/);
    }
    assert.equal(new Set(sheetNames.map((n) => n.toLowerCase())).size, sheetNames.length);
  });

  test('the summary: names (a formula-looking one as text), ids as text, counts and seconds as numbers, dates in the zone, sheet names', () => {
    const { header, cell } = reader(workbook.getWorksheet('Summary')!);
    assert.deepEqual(header, [
      'Sponsor booth', 'Type', 'Id', 'Unique visitors', 'Visits (slices)', 'Total time (s)', 'Median time per visitor (s)', 'Media clicks',
      'First visit (Europe/Helsinki)', 'Last visit (Europe/Helsinki)', 'Visitor list',
    ]);
    assert.equal(cell(2, 'Sponsor booth').value, '@SUM(1+1)*cmd');
    assert.equal(cell(2, 'Sponsor booth').type, ExcelJS.ValueType.String);
    assert.equal(cell(2, 'Id').value, '007');
    assert.equal(cell(2, 'Id').type, ExcelJS.ValueType.String);
    for (const [label, value] of [['Unique visitors', 2], ['Visits (slices)', 4], ['Total time (s)', 360], ['Median time per visitor (s)', 180], ['Media clicks', 5]] as const) {
      assert.equal(cell(2, label).value, value, label);
      assert.equal(cell(2, label).type, ExcelJS.ValueType.Number, label);
    }
    const first = cell(2, 'First visit (Europe/Helsinki)');
    assert.equal(first.type, ExcelJS.ValueType.Date);
    assert.equal((first.value as Date).getTime(), Date.UTC(2023, 4, 10, 10, 0, 0), '07:00 UTC is 10:00 in Helsinki in May');
    assert.equal(first.numFmt, DATE_FORMAT);
    assert.equal((cell(2, 'Last visit (Europe/Helsinki)').value as Date).getTime(), Date.UTC(2023, 4, 11, 9, 10, 0));
    assert.equal((cell(3, 'First visit (Europe/Helsinki)').value as Date).getTime(), Date.UTC(2023, 0, 10, 9, 30, 15), 'winter: +02:00');
    assert.equal(cell(4, 'First visit (Europe/Helsinki)').value, null, 'no slice time: an empty cell');
    assert.deepEqual([2, 3, 4].map((r) => cell(r, 'Visitor list').value), sheetNames.slice(1, 4));
    assert.deepEqual([2, 3, 4].map((r) => cell(r, 'Sponsor booth').value), ['@SUM(1+1)*cmd', 'summary', 'Sponsor 9']);
  });

  test('a booth\'s sheet: its visitors most time first, a formula-looking name as text, ids as text, first visit a date in the zone', () => {
    const { header, cell } = reader(workbook.getWorksheet('@SUM(1+1) cmd')!);
    assert.deepEqual(header, ['Attendee id', 'Name', 'Email', 'Company', 'Time (s)', 'Visits (slices)', 'Media clicks', 'First visit (Europe/Helsinki)']);
    assert.deepEqual([2, 3].map((r) => cell(r, 'Attendee id').value), ['0100', '0200']);
    assert.equal(cell(2, 'Attendee id').type, ExcelJS.ValueType.String);
    const name = cell(2, 'Name');
    assert.equal(name.type, ExcelJS.ValueType.String, 'text, not a formula');
    assert.equal(name.value, FORMULA);
    assert.equal(name.formula, undefined);
    assert.equal(cell(3, 'Name').value, '<b>Tom & "Jerry"</b> \u2028😀', 'markup as text, a control character left out');
    assert.equal(cell(2, 'Company').value, null);
    assert.equal(cell(2, 'Time (s)').value, 300);
    assert.equal(cell(2, 'Time (s)').type, ExcelJS.ValueType.Number);
    assert.equal(cell(3, 'Media clicks').value, 4);
    assert.equal(cell(3, 'Visits (slices)').type, ExcelJS.ValueType.Number);
    assert.equal((cell(3, 'First visit (Europe/Helsinki)').value as Date).getTime(), Date.UTC(2023, 4, 11, 9, 0, 0));
    assert.equal(workbook.getWorksheet('Sponsor 9')!.rowCount, 2);
  });

  test('the Query sheet: the event, the window and when exported (dates in the zone), the zone, what the lists hold', () => {
    const items = new Map<string, ExcelJS.CellValue>();
    workbook.getWorksheet('Query')!.eachRow((r) => items.set(String(r.getCell(1).value), r.getCell(2).value));
    assert.equal(items.get('Event'), 'Nordic Summit (34)');
    assert.equal(items.get('Organization'), 12);
    assert.equal((items.get('Window from') as Date).getTime(), Date.UTC(2023, 4, 10, 3, 0, 0));
    assert.equal((items.get('Window to') as Date).getTime(), Date.UTC(2023, 4, 12, 3, 0, 0));
    assert.equal((items.get('Exported at') as Date).getTime(), Date.UTC(2023, 4, 12, 12, 5, 0));
    assert.match(String(items.get('Time zone')), /^Europe\/Helsinki /);
    assert.equal(items.get('Sponsor booths'), 3);
    assert.equal(items.get('Booths named'), 2);
    assert.equal(items.get('Visitors listed'), 4);
  });

  test('no cell of any sheet is a formula', () => {
    let cells = 0;
    for (const sheet of workbook.worksheets) {
      sheet.eachRow((r) => r.eachCell((c) => {
        cells++;
        assert.notEqual(c.type, ExcelJS.ValueType.Formula, `${sheet.name}!${c.address}`);
      }));
    }
    assert.ok(cells > 50, `${cells} cells`);
  });
});

test('a workbook needs a sheet of rows', async () => {
  await assert.rejects(writeWorkbook({ sheets: [], query: [] }), /needs a table/);
});
