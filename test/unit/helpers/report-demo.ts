/** The local Brella, a client of it and the Nordic Summit report target, as the event report tests start them. */
import { createBrellaClient, type BrellaClient } from '../../../src/brella';
import { NORDIC_SUMMIT_EVENT_ID, startDemoServer, type DemoAttendee, type DemoServer, type DemoServerOptions } from '../../../src/demo';
import type { ReportTarget } from '../../../src/reports';

export interface ReportDemo {
  server: DemoServer;
  client: BrellaClient;
  target: ReportTarget;
  /** The event's attendees, as the server generated them. */
  main: DemoAttendee[];
  /** Every request log entry of the client, as JSON text (to check that the key is in none). */
  clientLog: string[];
}

export async function openReportDemo(
  options: DemoServerOptions, limits: { requestsPerSecond: number; maxConcurrentRequests: number }, timeZone: string,
): Promise<ReportDemo> {
  const server = await startDemoServer(options);
  const clientLog: string[] = [];
  const client = createBrellaClient({ baseUrl: server.baseUrl, apiKey: server.apiKey, ...limits, log: (entry) => clientLog.push(JSON.stringify(entry)) });
  const target: ReportTarget = { organizationId: server.organizationId, eventId: NORDIC_SUMMIT_EVENT_ID, eventName: 'Nordic Summit 2023', timeZone };
  return { server, client, target, main: server.data.attendeesByEvent.get(NORDIC_SUMMIT_EVENT_ID)!, clientLog };
}

export async function closeReportDemo({ client, server }: Pick<ReportDemo, 'client' | 'server'>): Promise<void> {
  await client.close();
  await server.close();
}
