/** The report's rows in the shared table model: its own columns, yes/no, ties broken by the first column, CSV. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TableModel } from '../../webview/table/model';
import { asGridRows, gridColumns } from '../../webview/report/columns';
import type { ReportColumn, ReportRow } from '../../src/protocol/report';

const COLUMNS: ReportColumn[] = [
  { id: 'attendeeId', label: 'Attendee id', kind: 'text' },
  { id: 'name', label: 'Name', kind: 'text' },
  { id: 'checkedIn', label: 'Checked in', kind: 'boolean' },
  { id: 'appSeconds', label: 'Time in the app', kind: 'duration' },
  { id: 'streamSeconds', label: 'Stream time', kind: 'duration' },
];
const row = (id: string, checkedIn: boolean, appSeconds: number): ReportRow => ({
  attendeeId: id, name: `P${id}`, email: null, company: null, checkedIn, firstSeen: null, lastSeen: null, slices: 0, appSeconds, days: [], asOf: '2023-05-20T00:00:00.000Z',
});

test('report rows use the report\'s columns only, show yes/no, and an absent engagement field is empty', () => {
  const model = new TableModel(asGridRows([row('3', true, 60), row('1', false, 0)]), { columns: gridColumns(COLUMNS), timeZone: 'utc' });
  assert.deepEqual(model.columns.map((c) => c.key), ['attendeeId', 'name', 'checkedIn', 'appSeconds', 'streamSeconds']);
  assert.equal(model.cellText(0, model.columns[2]!), 'yes');
  assert.equal(model.cellText(1, model.columns[2]!), 'no');
  assert.equal(model.cellText(0, model.columns[4]!), '');
  assert.equal(model.toCsv().replace(/^\uFEFF/, ''), 'Attendee id,Name,Checked in,Time in the app (s),Stream time (s)\r\n3,P3,yes,60,\r\n1,P1,no,0,\r\n');
});

test('rows that tie on the sorted column keep the order of the first column (attendee id), not their arrival', () => {
  const model = new TableModel(asGridRows([row('3', true, 60), row('1', true, 60), row('2', false, 0)]), { columns: gridColumns(COLUMNS) });
  model.sortBy('checkedIn', 'desc');
  assert.deepEqual(model.visibleRows().map((r) => (r as unknown as ReportRow).attendeeId), ['1', '3', '2']);
  model.setFilter('yes');
  assert.equal(model.rowCount, 2);
});
