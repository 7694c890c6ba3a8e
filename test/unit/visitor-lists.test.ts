import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ReportRow, ReportVisit } from '../../src/model/report';
import { sponsorVisitorLists } from '../../src/reports';
import { SHEET_NAME_MAX, slugOf, visitorListSheets, visitorListTables } from '../../src/reports/visitor-lists';

const row = (id: string, name: string, visits: ReportVisit[]): ReportRow => ({
  attendeeId: id, name, email: `${id}@example.com`, company: 'Acme, Inc.', checkedIn: true, firstSeen: null, lastSeen: null, slices: 1, appSeconds: 0,
  streamSeconds: 0, sponsorSeconds: 0, distinctStreams: 0, distinctSponsors: 0, visits, days: [], asOf: '2023-05-12T00:00:00.000Z',
});
const booth = (id: string, seconds: number, slices = 1, more: Partial<ReportVisit> = {}): ReportVisit => ({
  kind: 'sponsor', trackableType: 'Sponsor', trackableId: id, seconds, slices, ...more,
});
const lines = (text: string): string[] => text.slice(1).trimEnd().split('\r\n');

const VISITOR_HEADER = 'Attendee id,Name,Email,Company,Time (s),Visits (slices),Media clicks,First visit (UTC)';
const SUMMARY_HEADER = 'Sponsor booth,Type,Id,Unique visitors,Visits (slices),Total time (s),Median time per visitor (s),Media clicks,First visit (UTC),Last visit (UTC),Visitor list';

test('one CSV per booth with its visitors (most time first) and a summary; formulas kept as text; streams and unnamed visits left out', () => {
  const rows = [
    row('1', '=HYPERLINK("http://x","y")', [booth('7', 100, 2), booth('8', 10)]),
    row('2', 'Ada "the" Lovelace', [booth('7', 300, 3), { kind: 'stream', trackableType: 'StreamLink', trackableId: '9', seconds: 60, slices: 1 }]),
    row('3', 'No booth', [{ kind: 'sponsor', trackableType: null, trackableId: null, sessionId: '5', seconds: 40, slices: 1 }]),
  ];
  const { files, sponsors } = sponsorVisitorLists(rows);
  assert.equal(sponsors, 2);
  assert.deepEqual(files.map((f) => f.name), ['Sponsor-7-visitors.csv', 'Sponsor-8-visitors.csv', 'sponsors-summary.csv']);
  const seven = files[0]!.text;
  assert.ok(seven.startsWith(`\uFEFF${VISITOR_HEADER}\r\n`));
  assert.deepEqual(lines(seven).slice(1), [
    '2,"Ada ""the"" Lovelace",2@example.com,"Acme, Inc.",300,3,0,',
    '1,"\'=HYPERLINK(""http://x"",""y"")",1@example.com,"Acme, Inc.",100,2,0,',
  ]);
  const summary = lines(files[2]!.text);
  assert.equal(summary[0], SUMMARY_HEADER);
  assert.deepEqual(summary.slice(1), ['Sponsor 7,Sponsor,7,2,5,400,200,0,,,Sponsor-7-visitors.csv', 'Sponsor 8,Sponsor,8,1,1,10,10,0,,,Sponsor-8-visitors.csv']);
});

test('media clicks, first and last visit: per visitor and per booth, times as ISO text in UTC', () => {
  const rows = [
    row('1', 'Ada', [booth('7', 100, 2, { clicks: 3, first: '2023-05-10T07:00:00.000Z', last: '2023-05-10T08:00:00.000Z' })]),
    row('2', 'Bob', [booth('7', 50, 1, { clicks: 1, first: '2023-05-11T12:30:00+03:00', last: '2023-05-11T13:00:00+03:00' })]),
    row('3', 'Cy', [booth('7', 0, 0, { clicks: 2 })]),
  ];
  const { files } = sponsorVisitorLists(rows);
  assert.deepEqual(lines(files[0]!.text).slice(1), [
    '1,Ada,1@example.com,"Acme, Inc.",100,2,3,2023-05-10T07:00:00.000Z',
    '2,Bob,2@example.com,"Acme, Inc.",50,1,1,2023-05-11T09:30:00.000Z',
    '3,Cy,3@example.com,"Acme, Inc.",0,0,2,',
  ]);
  // The booth's first visit is the earliest and its last the latest of its visitors' (clicks only: none).
  assert.deepEqual(lines(files[1]!.text).slice(1), ['Sponsor 7,Sponsor,7,3,3,150,50,6,2023-05-10T07:00:00.000Z,2023-05-11T10:00:00.000Z,Sponsor-7-visitors.csv']);
});

test('names: the summary says them, file names carry a safe slug, every file name is unique whatever the case', () => {
  const rows = [
    row('1', 'A', [booth('7', 500), booth('8', 400), booth('a/b', 300), booth('a_b', 200), booth('X', 100), { ...booth('x', 50) }]),
  ];
  const names = new Map([
    ['sponsor|Sponsor|7', 'Café Nord / Ltd.'], ['sponsor|Sponsor|8', '=cmd|"/c calc"!A1'], ['sponsor|Sponsor|X', '日本'], ['sponsor|Sponsor|x', '  '],
  ]);
  const { files } = sponsorVisitorLists(rows, names);
  const fileNames = files.map((f) => f.name);
  assert.deepEqual(fileNames, [
    'Sponsor-7-cafe-nord-ltd-visitors.csv', 'Sponsor-8-cmd-c-calc-a1-visitors.csv', 'Sponsor-a_b-visitors.csv', 'Sponsor-a_b-2-visitors.csv',
    'Sponsor-X-visitors.csv', 'Sponsor-x-2-visitors.csv', 'sponsors-summary.csv',
  ]);
  assert.equal(new Set(fileNames.map((n) => n.toLowerCase())).size, fileNames.length);
  for (const name of fileNames) {
    assert.match(name, /^[A-Za-z0-9._-]+$/);
    assert.ok(name.length <= 160, name);
  }
  const summary = lines(files[files.length - 1]!.text).slice(1);
  assert.deepEqual(summary.map((l) => l.split(',')[0]), ['Café Nord / Ltd.', '"\'=cmd|""/c calc""!A1"', 'Sponsor a/b', 'Sponsor a_b', '日本', 'Sponsor x']);
  assert.deepEqual(summary.map((l) => l.split(',').at(-1)), fileNames.slice(0, -1));
});

test('a long name makes a short slug; a long id stays within its share', () => {
  assert.equal(slugOf('Ångström & Söhne — the biggest booth of the whole event, really'), 'angstrom-sohne-the-biggest-booth-of-the');
  assert.equal(slugOf('!!!'), '');
  const { files } = sponsorVisitorLists([row('1', 'A', [booth('9'.repeat(200), 10)])], new Map([[`sponsor|Sponsor|${'9'.repeat(200)}`, 'N'.repeat(300)]]));
  assert.ok(files[0]!.name.length <= 160, files[0]!.name);
});

test('sheet names: at most 31 characters, none of []:*?/\\, unique whatever the case, never empty nor Summary or Query', () => {
  const ids = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];
  const rows = [row('1', 'A', ids.map((id, i) => booth(id, 1000 - i)))];
  const names = new Map(Object.entries({
    1: 'Summary', 2: 'A very long sponsor name that goes on and on', 3: 'A VERY LONG SPONSOR NAME THAT GOES ON AND ON', 4: "'[Acme]: *what?* a/b\\c'",
    5: '???', 6: 'query', 7: 'Emoji 😀😀😀😀😀😀😀😀😀😀😀😀😀', 8: 'acme what a b c',
    9: 'Line\nbreak\u0007\tand tab',
  }).map(([id, name]) => [`sponsor|Sponsor|${id}`, name]));
  const lists = visitorListTables(rows, names);
  const sheets = visitorListSheets(lists).map((s) => s.name);
  assert.deepEqual(sheets, [
    'Summary', 'Summary (2)', 'A very long sponsor name that g', 'A VERY LONG SPONSOR NAME TH (2)', 'Acme what a b c', 'Sponsor 5', 'query (2)',
    'Emoji 😀😀😀😀😀😀😀😀😀😀😀😀', 'acme what a b c (2)', 'Line break and tab',
  ]);
  for (const name of sheets) {
    assert.ok(name.length > 0 && name.length <= SHEET_NAME_MAX, name);
    assert.doesNotMatch(name, /[[\]:*?/\\\p{Cc}]|^'|'$/u);
    assert.doesNotMatch(name, /[\uD800-\uDBFF]$/, 'no half of a surrogate pair');
  }
  assert.equal(new Set(sheets.map((s) => s.toLowerCase())).size, sheets.length);
  assert.ok(lists.booths.every((b) => b.named));
  assert.equal(lists.visitors, 9);
});

test('no booth visited: no files but the summary', () => {
  const { files, sponsors } = sponsorVisitorLists([row('1', 'A', [])]);
  assert.equal(sponsors, 0);
  assert.deepEqual(files.map((f) => f.name), ['sponsors-summary.csv']);
  assert.deepEqual(lines(files[0]!.text), [SUMMARY_HEADER]);
});
