/**
 * npm run demo-server -- [--port N] [--large N] [--latency MS] [--rps N (0: no limit)] [--seed N] [--attendees N] [--key KEY]
 * Starts the local Brella and prints what a client needs; stops on Ctrl-C.
 */
import { parseArgs } from 'node:util';
import { LARGE_ATTENDEE_ID, NORDIC_SUMMIT_EVENT_ID, startDemoServer } from '../src/demo/index.ts';

function num(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} wants a non-negative number, got ${JSON.stringify(text)}`);
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' }, large: { type: 'string' }, latency: { type: 'string' }, rps: { type: 'string' },
      seed: { type: 'string' }, attendees: { type: 'string' }, key: { type: 'string' }, help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log('usage: npm run demo-server -- [--port N] [--large N] [--latency MS] [--rps N] [--seed N] [--attendees N] [--key KEY]');
    return;
  }
  const rps = num('rps', values.rps);
  const large = num('large', values.large);
  const latency = num('latency', values.latency);
  const server = await startDemoServer({
    port: num('port', values.port) ?? 0,
    seed: num('seed', values.seed),
    attendeeCount: num('attendees', values.attendees),
    apiKey: values.key,
    largeAttendee: large ? Math.floor(large) : false,
    rateLimit: rps === undefined ? undefined : rps === 0 ? false : { requestsPerSecond: rps, burst: Math.max(1, Math.ceil(rps)) },
    faults: latency ? { latencyMs: latency } : undefined,
  });
  const featured = server.data.featured.find((f) => f.eventId === NORDIC_SUMMIT_EVENT_ID);
  const attendee = featured?.attendeeIds[0] ?? 0;
  console.log(`Local Brella listening.
  base URL:        ${server.baseUrl}
  API key:         ${server.apiKey}
  organization id: ${server.organizationId}
  main event id:   ${NORDIC_SUMMIT_EVENT_ID} (featured attendees: ${featured?.attendeeIds.join(', ') ?? '-'})${
    server.data.largeAttendeeId ? `\n  large attendee:  ${LARGE_ATTENDEE_ID} (${large} slices)` : ''}
  requests seen:   curl -s -H 'Brella-API-Access-Token: ${server.apiKey}' ${server.origin}/_demo/requests
  answers only:    Host 127.0.0.1:${server.port}, localhost:${server.port} or [::1]:${server.port}

Try:
  curl -s -H 'Brella-API-Access-Token: ${server.apiKey}' -H 'Accept: application/vnd.brella.v4+json' \\
    '${server.baseUrl}/organizations/${server.organizationId}/events/${NORDIC_SUMMIT_EVENT_ID}/attendees/${attendee}/tracking_session_slices?tracking_type=time_spent&start_from=2023-05-10T00:00:00.000Z'

Ctrl-C stops it.`);
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping the local Brella.');
    void server.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
