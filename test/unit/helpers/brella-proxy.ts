/**
 * A small HTTP proxy on 127.0.0.1 for the client's tests: tunnels CONNECT (what undici's ProxyAgent sends,
 * even for http targets) and forwards absolute-URI requests; records what passed through it. Host names under
 * `.test` (reserved, never in DNS) lead to 127.0.0.1, so a test can reach its local server by a name that is
 * not loopback, as a real Brella is not: `http://brella.test:<port>` only works through this proxy.
 */
import { createServer, request as httpRequest } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';

export interface ProxySeen {
  method: string;
  /** "host:port" for CONNECT, the absolute URI otherwise. */
  target: string;
  headers: Record<string, string | string[] | undefined>;
}

export interface TestProxy {
  url: string;
  seen: ProxySeen[];
  close(): Promise<void>;
}

/** The address the proxy connects to for a host name. */
export function proxyResolve(host: string): string {
  return /\.test$/i.test(host) ? '127.0.0.1' : host;
}

/** The fake's base URL with its host replaced by `name` (a .test name the proxy resolves to 127.0.0.1). */
export function viaName(baseUrl: string, name = 'brella.test'): string {
  const url = new URL(baseUrl);
  url.hostname = name;
  return url.toString().replace(/\/+$/, '');
}

export async function startProxy(): Promise<TestProxy> {
  const seen: ProxySeen[] = [];
  const sockets = new Set<Duplex>();
  const server = createServer((req, res) => {
    seen.push({ method: req.method ?? 'GET', target: req.url ?? '', headers: req.headers });
    const target = new URL(req.url ?? '');
    target.hostname = proxyResolve(target.hostname);
    const upstream = httpRequest(target, { method: req.method, headers: req.headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  server.on('connect', (req, client, head) => {
    seen.push({ method: 'CONNECT', target: req.url ?? '', headers: req.headers });
    const [host, port] = (req.url ?? '').split(':');
    const upstream = connect(Number(port), proxyResolve(host), () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(client);
    sockets.add(upstream);
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
