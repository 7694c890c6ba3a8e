/**
 * Excel export: workbooks written by src/features/kit/xlsx-workbook.ts (exceljs) for a few slices and for an
 * event report, opened again with exceljs: the types and values of the cells (times are Excel dates of the wall
 * clock in the chosen zone, durations and counts numbers, ids text), the Query sheet, and no API key anywhere in
 * the file. Then the protocol's check of the exportXlsx message, and the webview's table of what is shown.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { createBrellaClient } from '../../src/brella/index.ts';
import { DATE_FORMAT, writeWorkbook, type QueryItem } from '../../src/features/kit/xlsx-workbook.ts';
import { reportQuery, sliceQuery, tableRows } from '../../src/features/kit/xlsx.ts';
import { wallClock } from '../../src/features/kit/xlsx-zone.ts';
import { parseSlicesMessage } from '../../src/features/slices/messages.ts';
import { fromReportWebview, type ReportPanelTarget, type ReportRow, type ReportSummary } from '../../src/protocol/report.ts';
import { exportTableOf, shownTable, XLSX_MAX_ROWS, type ExportTable, type PanelTarget, type ShownGrid } from '../../src/protocol/slices.ts';
import { reportColumns } from '../../src/reports/index.ts';
import { gridColumns, reportTable } from '../../webview/report/columns.ts';
import { BASE_COLUMNS, ExtraColumns } from '../../webview/table/columns.ts';
import type { GridState, Row } from '../../webview/table/types.ts';
import { slice } from '../webview/rows.ts';

/** A key that must never be written: recognisable, so a leak is easy to spot. */
const FAKE_KEY = 'sk_live_FAKE_KEY_xlsx_never_written_0123';
const BASE = 'https://api.brella.io/api/integration';
const TARGET: PanelTarget = { organizationId: 12, eventId: 34, attendeeId: 56, attendeeName: 'Ada Lovelace', eventName: 'Nordic Summit', timeZone: 'Europe/Helsinki' };
const FILTERS = { tracking_type: ['time_spent', 'sponsor'], start_from: '2023-05-10T00:00:00.000+03:00' };

const SLICES = [
  slice('1001', { startTime: '2023-05-10T07:00:00.000Z', endTime: '2023-05-10T08:00:00.000Z', durationSeconds: 3600, trackingSessionId: '0042', extra: { note: '=HYPERLINK("x")', seats: 3 } }),
  // Winter: Helsinki is UTC+2, not +3.
  slice('1002', { trackingType: 'sponsor', trackableType: 'Sponsor', trackableId: '7', startTime: '2023-01-10T07:30:15.000Z', durationSeconds: 90, extra: { seats: 4 } }),
  slice('1003', { startTime: 'not a time', durationSeconds: 0 }),
];

function slicesTable(zone = 'Europe/Helsinki'): ExportTable {
  const extras = new ExtraColumns();
  extras.scan(SLICES);
  return exportTableOf<Row>(SLICES, [...BASE_COLUMNS, ...extras.columns()], { zone, zoneName: zone, totalRows: 5, filter: 'x' });
}

async function open(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  return workbook;
}

/** Every part of the zip (a workbook is one), inflated, from its central directory. */
function zipParts(bytes: Uint8Array): Map<string, string> {
  const zip = Buffer.from(bytes);
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(end >= 0, 'a zip archive');
  const parts = new Map<string, string>();
  let at = zip.readUInt32LE(end + 16);
  for (let i = zip.readUInt16LE(end + 10); i > 0; i--) {
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    const local = zip.readUInt32LE(at + 42);
    const data = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const raw = zip.subarray(data, data + size);
    parts.set(name, (method === 8 ? inflateRawSync(raw) : raw).toString('utf8'));
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return parts;
}

/** The Query sheet as label → cell value. */
function queryOf(workbook: ExcelJS.Workbook): Map<string, ExcelJS.CellValue> {
  const sheet = workbook.getWorksheet('Query');
  assert.ok(sheet, 'a Query sheet');
  const items = new Map<string, ExcelJS.CellValue>();
  sheet.eachRow((row) => items.set(String(row.getCell(1).value), row.getCell(2).value));
  return items;
}

describe('a slices workbook', async () => {
  const client = createBrellaClient({ apiKey: FAKE_KEY, baseUrl: BASE });
  const url = client.describeSliceRequest(TARGET.organizationId, TARGET.eventId, TARGET.attendeeId, { tracking_type: ['time_spent', 'sponsor'], start_from: FILTERS.start_from }).url;
  await client.close();
  const table = slicesTable();
  const query = sliceQuery({ target: TARGET, url, filters: FILTERS, ranAt: '2023-05-12T09:00:00.000Z', exportedAt: '2023-05-12T09:05:00.000Z' }, table);
  const bytes = await writeWorkbook({ sheet: 'Slices', table, query });
  const workbook = await open(bytes);
  const sheet = workbook.getWorksheet('Slices')!;
  const header = (sheet.getRow(1).values as unknown[]).slice(1);
  const column = (label: string) => header.indexOf(label) + 1;

  test('the header names the zone of the times and the unit of durations; the rows keep their order', () => {
    assert.deepEqual(workbook.worksheets.map((s) => s.name), ['Slices', 'Query']);
    assert.deepEqual(header, ['Id', 'Tracking type', 'Trackable type', 'Trackable id', 'Start (Europe/Helsinki)', 'End (Europe/Helsinki)', 'Duration (s)', 'Click time (Europe/Helsinki)', 'Session id', 'Note', 'Seats']);
    assert.equal(sheet.rowCount, 1 + SLICES.length);
    assert.equal(tableRows(table), SLICES.length);
  });

  test('times are Excel dates of the wall clock in the zone, summer and winter, with a date-time format', () => {
    const summer = sheet.getRow(2).getCell(column('Start (Europe/Helsinki)'));
    assert.equal(summer.type, ExcelJS.ValueType.Date);
    assert.ok(summer.value instanceof Date);
    assert.equal((summer.value as Date).getTime(), Date.UTC(2023, 4, 10, 10, 0, 0), '07:00 UTC is 10:00 in Helsinki in May');
    assert.equal(summer.numFmt, DATE_FORMAT);
    assert.equal((sheet.getRow(2).getCell(column('End (Europe/Helsinki)')).value as Date).getTime(), Date.UTC(2023, 4, 10, 11, 0, 0));
    const winter = sheet.getRow(3).getCell(column('Start (Europe/Helsinki)')).value as Date;
    assert.equal(winter.getTime(), Date.UTC(2023, 0, 10, 9, 30, 15), '07:30:15 UTC is 09:30:15 in Helsinki in January');
  });

  test('durations and counts are numbers; ids, formulas and numeric-looking text stay text; nothing is empty', () => {
    const first = sheet.getRow(2);
    assert.equal(first.getCell(column('Duration (s)')).value, 3600);
    assert.equal(first.getCell(column('Duration (s)')).type, ExcelJS.ValueType.Number);
    assert.equal(first.getCell(column('Seats')).value, 3);
    for (const [label, value] of [['Id', '1001'], ['Session id', '0042'], ['Note', '=HYPERLINK("x")']] as const) {
      const cell = first.getCell(column(label));
      assert.equal(cell.type, ExcelJS.ValueType.String, `${label} is text`);
      assert.equal(cell.value, value);
    }
    assert.equal(sheet.getRow(3).getCell(column('Trackable id')).value, '7');
    assert.equal(first.getCell(column('Click time (Europe/Helsinki)')).value, null, 'no click time: an empty cell');
    assert.equal(sheet.getRow(4).getCell(column('Start (Europe/Helsinki)')).value, 'not a time', 'a time that is not an instant stays text');
  });

  test('the Query sheet holds the request URL (without the key), the filters, the zone and when it ran', () => {
    const items = queryOf(workbook);
    assert.equal(items.get('Request'), url);
    assert.match(String(items.get('Request')), /\/organizations\/12\/events\/34\/attendees\/56\//);
    assert.equal(items.get('Filter tracking_type'), 'time_spent, sponsor');
    assert.equal(items.get('Filter start_from'), FILTERS.start_from);
    assert.equal(items.get('Attendee'), 'Ada Lovelace (56)');
    assert.equal(items.get('Rows exported'), 3);
    assert.equal(items.get('Rows loaded'), 5);
    assert.equal(items.get('Table filter'), 'x');
    assert.match(String(items.get('Time zone')), /^Europe\/Helsinki /);
    assert.equal((items.get('Ran at') as Date).getTime(), Date.UTC(2023, 4, 12, 12, 0, 0), 'in the table\'s zone too');
  });

  test('the API key is in no part of the file', () => {
    const parts = zipParts(bytes);
    assert.ok(parts.has('xl/worksheets/sheet1.xml') && parts.has('xl/worksheets/sheet2.xml'), [...parts.keys()].join(', '));
    for (const [name, text] of parts) {
      assert.ok(!text.includes(FAKE_KEY) && !text.includes('FAKE_KEY'), `${name} holds the key`);
    }
    assert.ok(parts.get('xl/worksheets/sheet2.xml')!.includes('api.brella.io'), 'the URL is there, as text');
  });
});

describe('a report workbook', async () => {
  const target: ReportPanelTarget = {
    organizationId: 12, eventId: 34, eventName: 'Nordic Summit', kind: 'engagement', who: 'all', timeZone: 'Europe/Helsinki',
    window: { startFrom: '2023-05-10T00:00:00.000Z', startTo: '2023-05-12T00:00:00.000Z' },
  };
  const rows: ReportRow[] = [
    {
      attendeeId: '100028', name: 'Person 0027', email: 'p27@example.com', company: 'Acme', checkedIn: true, firstSeen: '2023-05-10T07:00:00.000Z',
      lastSeen: '2023-05-11T09:00:00.000Z', slices: 5, appSeconds: 627, streamSeconds: 120, sponsorSeconds: 0, distinctStreams: 1, distinctSponsors: 0, days: [],
      asOf: '2023-05-12T08:00:00.000Z',
    },
    { attendeeId: '100031', name: 'Person 0030', email: null, company: null, checkedIn: false, firstSeen: null, lastSeen: null, slices: 0, appSeconds: 0, days: [], asOf: '2023-05-12T08:00:00.000Z' },
  ];
  const summary: ReportSummary = {
    attendees: 2, checkedIn: 1, notCheckedIn: 1, percent: 50, failures: 0, missing: 3, reused: 0, asked: 2, dropped: 0,
    window: target.window, kind: 'engagement', dayZone: 'Europe/Helsinki',
  };
  const table = exportTableOf(rows as unknown as Row[], gridColumns(reportColumns('engagement')), { zone: 'utc', zoneName: 'UTC' });
  const query = reportQuery({ target, summary, ranAt: undefined, exportedAt: '2023-05-12T09:05:00.000Z' }, table);
  const workbook = await open(await writeWorkbook({ sheet: 'Report', table, query }));
  const sheet = workbook.getWorksheet('Report')!;
  const header = (sheet.getRow(1).values as unknown[]).slice(1);
  const cell = (row: number, label: string) => sheet.getRow(row).getCell(header.indexOf(label) + 1);

  test('ids are text, counts and durations numbers, times dates (UTC here), checked in yes/no', () => {
    assert.equal(cell(2, 'Attendee id').value, '100028');
    assert.equal(cell(2, 'Attendee id').type, ExcelJS.ValueType.String);
    assert.equal(cell(2, 'Slices').value, 5);
    assert.equal(cell(2, 'Time in the app (s)').value, 627);
    assert.equal(cell(2, 'Streams').value, 1);
    assert.equal((cell(2, 'First seen (UTC)').value as Date).getTime(), Date.UTC(2023, 4, 10, 7, 0, 0));
    assert.equal(cell(2, 'Checked in').value, 'yes');
    assert.equal(cell(3, 'Checked in').value, 'no');
    assert.equal(cell(3, 'First seen (UTC)').value, null);
    assert.equal(cell(3, 'Stream time (s)').value, null, 'an absent figure is an empty cell');
  });

  test('the Query sheet holds the window, who, kind and the summary figures', () => {
    const items = queryOf(workbook);
    assert.equal((items.get('Window from') as Date).getTime(), Date.UTC(2023, 4, 10));
    assert.equal((items.get('Window to') as Date).getTime(), Date.UTC(2023, 4, 12));
    assert.equal(items.get('Who'), 'All attendees');
    assert.match(String(items.get('Kind')), /^Engagement/);
    assert.equal(items.get('Attendees'), 2);
    assert.equal(items.get('Checked in'), 1);
    assert.equal(items.get('Checked in (%)'), 50);
    assert.equal(items.get('Not asked yet'), 3);
    assert.equal(items.get('Days cut in'), 'Europe/Helsinki');
  });
});

describe('the exportXlsx message', () => {
  const valid = () => ({ type: 'exportXlsx', table: slicesTable() });
  const refused = (message: unknown): string | undefined => {
    let warning: string | undefined;
    assert.equal(parseSlicesMessage(message, (text) => (warning = text)), undefined, 'refused');
    return warning;
  };

  test('a table of the shown rows passes, in the slices and the report protocol', () => {
    assert.ok(parseSlicesMessage(valid(), assert.fail));
    assert.ok(fromReportWebview.safeParse(valid()).success);
  });

  test('columns of different lengths, a wrong type, an unknown zone, text too long or too many rows are refused', () => {
    const table = slicesTable();
    const uneven = { ...table, columns: [...table.columns.slice(1), { ...table.columns[0]!, values: ['1'] }] };
    assert.match(refused({ type: 'exportXlsx', table: uneven }) ?? '', /one value per row/);
    const textInNumbers = table.columns.map((c) => (c.kind === 'duration' ? { ...c, values: c.values.map(String) } : c));
    refused({ type: 'exportXlsx', table: { ...table, columns: textInNumbers } });
    refused({ type: 'exportXlsx', table: { ...table, columns: [{ ...table.columns[0]!, kind: 'formula' }] } });
    assert.match(refused({ type: 'exportXlsx', table: { ...table, zone: 'Mars/Olympus' } }) ?? '', /time zone/);
    refused({ type: 'exportXlsx', table: { ...table, columns: [{ key: 'id', header: 'Id', kind: 'text', values: ['x'.repeat(32_768)] }] } });
    refused({ type: 'exportXlsx', table: { ...table, columns: [{ key: 'id', header: 'Id', kind: 'text', values: new Array(XLSX_MAX_ROWS + 1).fill(null) }] } });
    refused({ type: 'exportXlsx', table: { ...table, columns: [] } });
    refused({ type: 'exportXlsx' });
    assert.equal(fromReportWebview.safeParse({ type: 'exportXlsx', table: { ...table, zone: 'Mars/Olympus' } }).success, false);
  });
});

/** A grid as the apps see it: its state and its filtered rows in display order. */
function fakeGrid(rows: Row[], state: Partial<GridState>): ShownGrid<Row> & Parameters<typeof reportTable>[0] {
  return { getState: () => ({ totalRows: 9, filter: '', pinnedColumns: [], columns: [], ...state }) as GridState, rows: () => rows } as never;
}

describe('the table the webview sends', () => {
  test('the shown columns, the pinned first, a column no reader knows left out, this computer\'s zone by name', () => {
    const columns = [
      { key: 'id', label: 'Id', kind: 'text', hidden: false, pinned: false },
      { key: 'startTime', label: 'Start', kind: 'time', hidden: false, pinned: false },
      { key: 'durationSeconds', label: 'Duration', kind: 'duration', hidden: true, pinned: false },
      { key: 'unknown', label: 'Unknown', kind: 'text', hidden: false, pinned: false },
      { key: 'extra.seats', label: 'Seats', kind: 'number', hidden: false, pinned: true },
    ] as GridState['columns'];
    const reader = (key: string) => (key === 'extra.seats' ? (r: Row) => r.extra['seats'] as number : BASE_COLUMNS.find((c) => c.key === key)?.get);
    const table = shownTable(fakeGrid(SLICES.slice(0, 2), { columns, pinnedColumns: ['extra.seats'], filter: 'ab' }), reader, { zone: 'local', zoneName: 'local time' });
    assert.deepEqual(table.columns.map((c) => c.key), ['extra.seats', 'id', 'startTime']);
    assert.deepEqual(table.columns[0]!.values, [3, 4]);
    assert.deepEqual(table.columns[2]!.values, [SLICES[0]!.startTime, SLICES[1]!.startTime]);
    assert.equal(table.zone, Intl.DateTimeFormat().resolvedOptions().timeZone);
    assert.equal(table.filter, 'ab');
    assert.equal(table.totalRows, 9);
    assert.ok(parseSlicesMessage({ type: 'exportXlsx', table }, assert.fail));
  });

  test('report: its own columns by key, booleans as yes/no, UTC named', () => {
    const row = { attendeeId: '7', name: 'N', email: null, company: null, checkedIn: true, firstSeen: null, lastSeen: null, slices: 2, appSeconds: 60, days: [], asOf: '2023-05-12T08:00:00.000Z' };
    const columns = [
      { key: 'checkedIn', label: 'Checked in', kind: 'text', hidden: false, pinned: false },
      { key: 'slices', label: 'Slices', kind: 'number', hidden: false, pinned: false },
    ] as GridState['columns'];
    const table = reportTable(fakeGrid([row as unknown as Row], { columns }), reportColumns('presence'), 'utc');
    assert.deepEqual(table.columns.map((c) => [c.key, c.values]), [['checkedIn', ['yes']], ['slices', [2]]]);
    assert.equal(table.zoneName, 'UTC');
  });
});

test('wallClock: UTC as it is, an IANA zone across its change of offset, this computer\'s zone', () => {
  const at = Date.UTC(2023, 2, 26, 0, 59, 59);
  assert.equal(wallClock('utc')(at), at);
  const helsinki = wallClock('Europe/Helsinki');
  assert.equal(helsinki(at), at + 2 * 3_600_000, 'before 03:00 local on 26 March: +02:00');
  assert.equal(helsinki(at + 1000), at + 1000 + 3 * 3_600_000, 'from then on: +03:00');
  assert.equal(wallClock('local')(at), at - new Date(at).getTimezoneOffset() * 60_000);
  assert.throws(() => wallClock('Mars/Olympus'), RangeError);
});

test('a Query value that is not an instant stays text, and an empty table still makes a workbook', async () => {
  const table: ExportTable = { columns: [{ key: 'id', header: 'Id', kind: 'text', values: [] }], zone: 'utc', zoneName: 'UTC' };
  const query: QueryItem[] = [{ name: 'Ran at', value: { instant: 'yesterday' } }, { name: 'Nothing', value: null }];
  const workbook = await open(await writeWorkbook({ sheet: 'Slices', table, query }));
  assert.equal(workbook.getWorksheet('Slices')!.rowCount, 1);
  assert.equal(queryOf(workbook).get('Ran at'), 'yesterday');
});
