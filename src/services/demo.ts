/**
 * The demo organization: the local Brella started inside the extension host on 127.0.0.1 with its own key,
 * shown in the tree without touching settings. No `vscode` import.
 */
import type { DemoServer } from '../demo';
import type { ConfiguredOrganization } from '../config/organizations';

export interface DemoOptions {
  /** Slices of one extra attendee, for trying large tables (0 for none). */
  largeAttendeeSlices: number;
}

export class DemoOrganization {
  private server: Promise<DemoServer> | undefined;
  private organization: ConfiguredOrganization | undefined;

  get current(): ConfiguredOrganization | undefined {
    return this.organization;
  }

  /** Starts the local Brella once and returns the organization with its featured events and attendees. */
  async open(options: DemoOptions): Promise<{ organization: ConfiguredOrganization; baseUrl: string; apiKey: string }> {
    // Loaded on first use: the local Brella's code stays out of the extension's activation.
    this.server ??= import('../demo').then(({ startDemoServer }) =>
      startDemoServer(options.largeAttendeeSlices > 0 ? { largeAttendee: options.largeAttendeeSlices } : {}));
    let server: DemoServer;
    try {
      server = await this.server;
    } catch (error) {
      this.server = undefined;
      throw error;
    }
    const { data } = server;
    const dateOf = (iso: string): string => iso.slice(0, 10);
    this.organization = {
      id: data.organization.id,
      name: data.organization.name,
      scope: 'demo',
      events: data.events
        .filter((e) => e.organizationId === data.organization.id)
        .map((e) => {
          const featured = data.featured.find((f) => f.eventId === e.id)?.attendeeIds ?? [];
          const people = data.attendeesByEvent.get(e.id) ?? [];
          return {
            id: e.id,
            name: e.name,
            start: dateOf(e.startTime),
            end: dateOf(e.endTime),
            attendees: featured.map((id) => {
              const person = people.find((p) => p.id === id);
              const name = [person?.firstName, person?.lastName].filter(Boolean).join(' ');
              return name ? { id, name } : { id };
            }),
          };
        }),
    };
    return { organization: this.organization, baseUrl: server.baseUrl, apiKey: server.apiKey };
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    this.organization = undefined;
    if (server) await (await server).close();
  }
}
