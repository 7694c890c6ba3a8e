/**
 * Benchmark of the sponsors' visitor lists (not a test): node --import tsx test/bench/visitor-lists.bench.ts
 * An engagement report of 20 000 attendees who each visited 10 of 300 sponsor booths and 5 of 40 streams: the time
 * to sum the booths and streams across the event (what the Sponsors and Streams tabs show) and to write every
 * booth's visitor list and the summary into a folder, against the 5 s goal. Same run, same machine.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ReportRow, ReportVisit } from '../../src/model/report';
import { summarizeTrackables } from '../../src/model/trackables';
import { sponsorVisitorLists } from '../../src/reports';

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
      visits.push({ kind: sponsor ? 'sponsor' : 'stream', trackableType: sponsor ? 'Sponsor' : 'StreamLink', trackableId: id, seconds: 30 + rand(3600), slices: 1 + rand(5) });
    }
    return {
      attendeeId: String(100_000 + i), name: `Person ${i}`, email: `p${i}@example.com`, company: i % 3 ? 'Acme' : null, checkedIn: true,
      firstSeen: null, lastSeen: null, slices: 20, appSeconds: 0, streamSeconds: 0, sponsorSeconds: 0, distinctStreams: 5, distinctSponsors: 10,
      visits, days: [], asOf: '2023-05-12T00:00:00.000Z',
    };
  });
}

export async function runVisitorListsBench(attendees = 20_000): Promise<string> {
  const data = rows(attendees, 300, 40);
  let t = performance.now();
  const summary = summarizeTrackables(data);
  const summed = performance.now() - t;
  const dir = mkdtempSync(path.join(tmpdir(), 'brella-visitor-lists-'));
  try {
    t = performance.now();
    const { files, sponsors } = sponsorVisitorLists(data);
    for (const f of files) writeFileSync(path.join(dir, f.name), f.text);
    const wrote = performance.now() - t;
    return [
      `Sponsors and streams across an engagement report of ${attendees.toLocaleString('en')} attendees (10 of 300 booths and 5 of 40 streams each)`,
      `  sum every booth and stream (${summary.trackables.length} rows): ${summed.toFixed(0)} ms`,
      `  write ${sponsors} visitor lists and the summary (${files.length} files): ${wrote.toFixed(0)} ms · ${(wrote / WRITE_GOAL_MS).toFixed(2)} × the ${WRITE_GOAL_MS / 1000} s goal`,
    ].join('\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (/visitor-lists\.bench\.ts$/.test(process.argv[1] ?? '')) void runVisitorListsBench().then((text) => console.log(text));
