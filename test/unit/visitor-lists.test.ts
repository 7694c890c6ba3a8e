import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ReportRow, ReportVisit } from '../../src/model/report';
import { sponsorVisitorLists } from '../../src/reports';

const row = (id: string, name: string, visits: ReportVisit[]): ReportRow => ({
  attendeeId: id, name, email: `${id}@example.com`, company: 'Acme, Inc.', checkedIn: true, firstSeen: null, lastSeen: null, slices: 1, appSeconds: 0,
  streamSeconds: 0, sponsorSeconds: 0, distinctStreams: 0, distinctSponsors: 0, visits, days: [], asOf: '2023-05-12T00:00:00.000Z',
});
const booth = (id: string, seconds: number, slices = 1): ReportVisit => ({ kind: 'sponsor', trackableType: 'Sponsor', trackableId: id, seconds, slices });

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
  assert.ok(seven.startsWith('\uFEFFAttendee id,Name,Email,Company,Time (s),Visits (slices)\r\n'));
  assert.deepEqual(seven.slice(1).trimEnd().split('\r\n').slice(1), [
    '2,"Ada ""the"" Lovelace",2@example.com,"Acme, Inc.",300,3',
    '1,"\'=HYPERLINK(""http://x"",""y"")",1@example.com,"Acme, Inc.",100,2',
  ]);
  const summary = files[2]!.text.slice(1).trimEnd().split('\r\n');
  assert.equal(summary[0], 'Sponsor booth,Id,Unique visitors,Visits (slices),Total time (s),Median time per visitor (s),Visitor list');
  assert.deepEqual(summary.slice(1), ['Sponsor 7,7,2,5,400,200,Sponsor-7-visitors.csv', 'Sponsor 8,8,1,1,10,10,Sponsor-8-visitors.csv']);
});

test('no booth visited: no files but the summary', () => {
  const { files, sponsors } = sponsorVisitorLists([row('1', 'A', [])]);
  assert.equal(sponsors, 0);
  assert.deepEqual(files.map((f) => f.name), ['sponsors-summary.csv']);
});
