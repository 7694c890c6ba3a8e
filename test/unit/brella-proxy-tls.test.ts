import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createBrellaClient } from '../../src/brella';
import { startProxy, viaName, type TestProxy } from './helpers/brella-proxy';

/**
 * A Brella on https with a self-signed certificate, made for this run with openssl. It is reached as
 * brella.test (not loopback; the test proxy leads that name to 127.0.0.1), since loopback is never proxied.
 */
describe('http.proxyStrictSSL through the proxy', () => {
  let brella: Server;
  let baseUrl: string;
  let proxy: TestProxy;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'brella-tls-'));

  before(async () => {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem'), '-days', '1', '-subj', '/CN=brella.test', '-addext', 'subjectAltName=DNS:brella.test,IP:127.0.0.1'], { stdio: 'ignore' });
    brella = createServer({ key: readFileSync(path.join(dir, 'key.pem')), cert: readFileSync(path.join(dir, 'cert.pem')) }, (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/vnd.api+json' });
      res.end(JSON.stringify({ data: [{ id: '7', type: 'event', attributes: { name: 'Summit' } }], meta: { total_pages: 1, total_count: 1 } }));
    });
    await new Promise<void>((resolve) => brella.listen(0, '127.0.0.1', resolve));
    baseUrl = `https://brella.test:${(brella.address() as AddressInfo).port}/api/integration`;
    proxy = await startProxy();
  });
  after(async () => {
    await proxy.close();
    await new Promise((resolve) => brella.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  test('strict (the default): a certificate nobody signed is refused, through the proxy', async () => {
    const client = createBrellaClient({ baseUrl, apiKey: 'tls-key-1', proxyUrl: proxy.url, retries: 0 });
    await assert.rejects(client.listEvents(1), (error: Error) => /certificate|self[- ]signed/i.test(error.message) && !error.message.includes('tls-key-1'));
    await client.close();
    assert.ok(proxy.seen.some((s) => s.method === 'CONNECT'));
  });

  test('not strict: the same request goes through the proxy and succeeds', async () => {
    proxy.seen.length = 0;
    const client = createBrellaClient({ baseUrl, apiKey: 'tls-key-2', proxyUrl: proxy.url, proxyStrictSSL: false });
    const events = await client.listEvents(1);
    await client.close();
    assert.deepEqual(events.items.map((e) => e.name), ['Summit']);
    assert.deepEqual(proxy.seen.map((s) => `${s.method} ${s.target}`), [`CONNECT ${new URL(baseUrl).host}`]);
  });

  test('https to a loopback base URL goes direct, not through the proxy (and keeps strict TLS)', async () => {
    proxy.seen.length = 0;
    const loopback = viaName(baseUrl, '127.0.0.1');
    const client = createBrellaClient({ baseUrl: loopback, apiKey: 'tls-key-3', proxyUrl: proxy.url, proxyStrictSSL: false, retries: 0, env: { HTTPS_PROXY: proxy.url } });
    assert.equal(client.route, 'direct');
    await assert.rejects(client.listEvents(1), (error: Error) => /certificate|self[- ]signed/i.test(error.message) && !error.message.includes('tls-key-3'));
    await client.close();
    assert.deepEqual(proxy.seen, []);
  });
});
