/**
 * The extension host's side of one slices query, on its own in a fresh process (memory.bench.ts bundles this
 * file like dist/extension.js and runs it with --expose-gc): the client reads every page of one attendee with
 * reading ahead, and a SlicesSession keeps the rows and posts each page, serialized as VS Code's postMessage
 * does. Prints one JSON line: peak RSS and heap while the rows arrive, and what stays once they are there.
 * Args: base URL, API key, organization, event, attendee.
 */
import { createBrellaClient } from '../../src/brella';
import { SlicesSession } from '../../src/features/slices/session';
import { trackPeakMemory } from './peak-memory';

async function main(): Promise<void> {
  const [baseUrl, apiKey, org, event, attendee] = process.argv.slice(2);
  const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
  gc();
  const memory = trackPeakMemory();
  const { baseline, sample } = memory;
  let posted = 0;
  let rows = 0;
  let pages = 0;
  const client = createBrellaClient({ baseUrl, apiKey });
  const session = new SlicesSession(
    { organizationId: Number(org), eventId: Number(event), attendeeId: Number(attendee), attendeeName: 'Bench', eventName: 'Bench' },
    {
      client: async () => client,
      post: (message) => {
        // postMessage serializes the message before it leaves the extension host.
        posted += JSON.stringify(message).length;
        if (message.type === 'page') pages++;
        if (message.type === 'done') rows = message.rows;
        if (message.type === 'failed') throw new Error(message.message);
        sample();
      },
    },
  );
  const started = performance.now();
  await session.run({});
  const seconds = (performance.now() - started) / 1000;
  const { peakRss, peakHeap } = memory.stop();
  gc();
  const retained = process.memoryUsage();
  console.log(JSON.stringify({
    rows, pages, seconds, postedMB: posted / 2 ** 20,
    baselineRssMB: baseline.rss / 2 ** 20, peakRssMB: peakRss / 2 ** 20, peakHeapMB: peakHeap / 2 ** 20,
    retainedHeapMB: retained.heapUsed / 2 ** 20, retainedRssMB: retained.rss / 2 ** 20,
    rawPages: session.rawJson.length,
  }));
  await client.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
