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

/**
 * The local Brella's port and demo key when the environment fixes them, so that end-to-end tests, which start VS
 * Code with them, can reach its `/_demo` control routes: BRELLA_DEMO_PORT (1024 to 65535) and BRELLA_DEMO_KEY
 * (`demo_` and 32 to 64 hex digits, the form of the key the server makes itself). Each is used only when valid and
 * otherwise ignored; the server still listens on 127.0.0.1 only. The key is never logged, shown or stored.
 */
export function demoServerEnv(env: Record<string, string | undefined> = process.env): { port?: number; apiKey?: string } {
  const port = /^\d{4,5}$/.test(env.BRELLA_DEMO_PORT ?? '') ? Number(env.BRELLA_DEMO_PORT) : undefined;
  const apiKey = env.BRELLA_DEMO_KEY;
  return {
    ...(port !== undefined && port >= 1024 && port <= 65_535 ? { port } : {}),
    ...(apiKey !== undefined && /^demo_[0-9a-f]{32,64}$/.test(apiKey) ? { apiKey } : {}),
  };
}

export class DemoOrganization {
  private server: Promise<DemoServer> | undefined;
  private organization: ConfiguredOrganization | undefined;

  get current(): ConfiguredOrganization | undefined {
    return this.organization;
  }

  /** Starts the local Brella once and returns the organization with its featured events and attendees. */
  async open(options: DemoOptions): Promise<{ organization: ConfiguredOrganization; baseUrl: string; apiKey: string }> {
    // Loaded on first use: the local Brella's code stays out of the extension's activation. The build makes it a
    // bundle of its own, dist/demo.js, which this import requires (esbuild.js, LAZY_BUNDLES).
    this.server ??= import('../demo').then(({ startDemoServer }) =>
      startDemoServer({ ...(options.largeAttendeeSlices > 0 ? { largeAttendee: options.largeAttendeeSlices } : {}), ...demoServerEnv() }));
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
