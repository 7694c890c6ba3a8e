/**
 * Benchmark of the sponsors' visitor lists (not a test): node --import tsx test/bench/visitor-lists.bench.ts
 * An engagement report of 20 000 attendees who each visited 10 of 300 sponsor booths and 5 of 40 streams: the time
 * to sum the booths and streams across the event (what the Sponsors and Streams tabs show), to write every booth's
 * visitor list and the summary into a folder as CSV files, and to write them as one Excel workbook (a Summary sheet,
 * a sheet per booth, times in the event's zone; the writer loaded with it, as the host loads it), each against the
 * 5 s goal, with the process's CPU time beside the wall clock (a busy machine stretches the one, less the other).
 * Same run, same machine.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sheetsWorkbookBytes } from '../../src/features/kit/xlsx';
import type { ReportRow, ReportVisit } from '../../src/model/report';
import { summarizeTrackables } from '../../src/model/trackables';
import { sponsorVisitorLists } from '../../src/reports';
import { visitorListSheets, visitorListsQuery, visitorListTables } from '../../src/reports/visitor-lists';

export const WRITE_GOAL_MS = 5_000;

function rows(attendees: number, booths: number, streams: number): ReportRow[] {
  let seed = 7;
  const rand = (n: number): number => {
    seed = (Math.imul(seed, 1_664_525) + 1_013_904_223) >>> 0;
    return seed % n;
  };
  return Array.from({ length: attendees }, (_, i) => {
    const visits: ReportVisit[] = [];
    const seen = new Set<string>();
    while (visits.length < 15) {
      const sponsor = visits.length < 10;
      const id = String(sponsor ? 1000 + rand(booths) : 5000 + rand(streams));
      if (seen.has(id)) continue;
      seen.add(id);
      const first = Date.UTC(2023, 4, 10, 7) + rand(3 * 86_400) * 1000;
      visits.push({
        kind: sponsor ? 'sponsor' : 'stream', trackableType: sponsor ? 'Sponsor' : 'StreamLink', trackableId: id, seconds: 30 + rand(3600), slices: 1 + rand(5),
        clicks: rand(4), first: new Date(first).toISOString(), last: new Date(first + 3_600_000).toISOString(),
      });
    }
    return {
      attendeeId: String(100_000 + i), name: `Person ${i}`, email: `p${i}@example.com`, company: i % 3 ? 'Acme' : null, checkedIn: true,
      firstSeen: null, lastSeen: null, slices: 20, appSeconds: 0, streamSeconds: 0, sponsorSeconds: 0, distinctStreams: 5, distinctSponsors: 10,
      visits, days: [], asOf: '2023-05-12T00:00:00.000Z',
    };
  });
}

const TARGET = { organizationId: 1, eventId: 2, eventName: 'Bench Summit', window: { startFrom: '2023-05-10T00:00:00.000Z', startTo: '2023-05-13T00:00:00.000Z' } };

/** CPU time of the process since `from` (every thread: the zip's compression included). */
const cpuMs = (from: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(from);
  return (used.user + used.system) / 1000;
};

/** Every booth's name, as the report's naming gives them (so the files and sheets carry names). */
function namesOf(data: readonly ReportRow[]): Map<string, string> {
  return new Map(summarizeTrackables(data).trackables.filter((t) => t.kind === 'sponsor').map((t, i) => [t.key, `Sponsor Company ${i} Oy`]));
}

export async function runVisitorListsBench(attendees = 20_000): Promise<string> {
  const data = rows(attendees, 300, 40);
  const names = namesOf(data);
  let t = performance.now();
  const summary = summarizeTrackables(data);
  const summed = performance.now() - t;
  const dir = mkdtempSync(path.join(tmpdir(), 'brella-visitor-lists-'));
  try {
    t = performance.now();
    let cpu = process.cpuUsage();
    const { files, sponsors } = sponsorVisitorLists(data, names);
    for (const f of files) writeFileSync(path.join(dir, f.name), f.text);
    const wrote = performance.now() - t;
    const wroteCpu = cpuMs(cpu);
    t = performance.now();
    cpu = process.cpuUsage();
    const lists = visitorListTables(data, names, { zone: 'Europe/Helsinki', zoneName: 'Europe/Helsinki' });
    const sheets = visitorListSheets(lists);
    // As the host writes it: the workbook writer loaded with the first workbook (the sources here, not dist/xlsx.js).
    const bytes = await sheetsWorkbookBytes(sheets, visitorListsQuery(lists, { target: TARGET, exportedAt: new Date().toISOString() }));
    writeFileSync(path.join(dir, 'lists.xlsx'), bytes);
    const workbook = performance.now() - t;
    const workbookCpu = cpuMs(cpu);
    const ofGoal = (ms: number, cpuSpent: number): string =>
      `${ms.toFixed(0)} ms (process CPU ${cpuSpent.toFixed(0)} ms) · ${(ms / WRITE_GOAL_MS).toFixed(2)} × the ${WRITE_GOAL_MS / 1000} s goal`;
    return [
      `Sponsors and streams across an engagement report of ${attendees.toLocaleString('en')} attendees (10 of 300 booths and 5 of 40 streams each)`,
      `  sum every booth and stream (${summary.trackables.length} rows): ${summed.toFixed(0)} ms`,
      `  write ${sponsors} visitor lists and the summary as CSV (${files.length} files): ${ofGoal(wrote, wroteCpu)}`,
      `  write them as one Excel workbook (${sheets.length + 1} sheets, ${lists.visitors.toLocaleString('en')} visitor rows, ${(bytes.length / 1_048_576).toFixed(1)} MB): ${ofGoal(workbook, workbookCpu)}`,
    ].join('\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (/visitor-lists\.bench\.ts$/.test(process.argv[1] ?? '')) void runVisitorListsBench().then((text) => console.log(text));
