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
}

export async function openReportDemo(
  options: DemoServerOptions, limits: { requestsPerSecond: number; maxConcurrentRequests: number }, timeZone: string,
): Promise<ReportDemo> {
  const server = await startDemoServer(options);
  const client = createBrellaClient({ baseUrl: server.baseUrl, apiKey: server.apiKey, ...limits });
  const target: ReportTarget = { organizationId: server.organizationId, eventId: NORDIC_SUMMIT_EVENT_ID, eventName: 'Nordic Summit 2023', timeZone };
  return { server, client, target, main: server.data.attendeesByEvent.get(NORDIC_SUMMIT_EVENT_ID)! };
}

export async function closeReportDemo({ client, server }: ReportDemo): Promise<void> {
  await client.close();
  await server.close();
}
