import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { BrellaNetworkError } from '../../src/brella/index.ts';
import { event, everythingSaid, fakeClient, listDoc, startFake, type FakeServer } from './helpers/brella-fake.ts';
import { startProxy, viaName, type TestProxy } from './helpers/brella-proxy.ts';

let fake: FakeServer;
let proxy: TestProxy;
before(async () => {
  fake = await startFake(() => ({ body: listDoc([event(1)]) }));
  proxy = await startProxy();
});
after(async () => {
  await proxy.close();
  await fake.close();
});

/** The fake by a name that is not loopback (brella.test), reachable only through the test proxy. */
const remote = () => ({ baseUrl: viaName(fake.baseUrl) });
const host = () => new URL(viaName(fake.origin)).host;

describe('proxy', () => {
  test('proxyUrl: every request goes through the proxy, with the same headers arriving', async () => {
    proxy.seen.length = 0;
    fake.requests.length = 0;
    const { client, key } = fakeClient(remote(), { proxyUrl: proxy.url, env: { NO_PROXY: '*' } });
    assert.equal(client.route, 'proxy');
    await client.listEvents(1);
    await client.listAttendees(1, 2);
    await client.close();
    assert.ok(proxy.seen.length >= 1);
    assert.deepEqual([...new Set(proxy.seen.map((s) => `${s.method} ${s.target}`))], [`CONNECT ${host()}`]);
    assert.equal(fake.requests.length, 2);
    assert.equal(fake.requests[0].headers['brella-api-access-token'], key);
    assert.equal(fake.requests[0].headers.accept, 'application/vnd.brella.v4+json');
  });

  test('HTTP_PROXY / http_proxy from the environment are used', async () => {
    for (const name of ['HTTP_PROXY', 'http_proxy']) {
      proxy.seen.length = 0;
      const { client } = fakeClient(remote(), { env: { [name]: proxy.url } });
      assert.equal(client.route, 'env-proxy');
      await client.listEvents(1);
      await client.close();
      assert.deepEqual(proxy.seen.map((s) => `${s.method} ${s.target}`), [`CONNECT ${host()}`], name);
    }
  });

  test('HTTPS_PROXY alone does not carry an http:// base URL (as curl); process.env is the default environment', async () => {
    proxy.seen.length = 0;
    const saved = process.env.HTTPS_PROXY;
    process.env.HTTPS_PROXY = proxy.url;
    try {
      const { client } = fakeClient(remote(), { env: undefined, retries: 0 });
      assert.equal(client.route, 'env-proxy');
      // Not through the proxy, so straight to brella.test, which no DNS knows.
      await assert.rejects(client.listEvents(1), BrellaNetworkError);
      await client.close();
    } finally {
      if (saved === undefined) delete process.env.HTTPS_PROXY;
      else process.env.HTTPS_PROXY = saved;
    }
    assert.equal(proxy.seen.length, 0);
  });

  test('NO_PROXY exempts the host', async () => {
    for (const noProxy of ['brella.test', `brella.test:${new URL(fake.origin).port}`, '.test', '*']) {
      proxy.seen.length = 0;
      const { client } = fakeClient(remote(), { env: { HTTP_PROXY: proxy.url, NO_PROXY: noProxy }, retries: 0 });
      // Direct to brella.test, which no DNS knows: the proxy never sees it.
      await assert.rejects(client.listEvents(1), BrellaNetworkError, noProxy);
      await client.close();
      assert.equal(proxy.seen.length, 0, noProxy);
    }
  });

  test('a loopback base URL never goes through a proxy: not proxyUrl, not HTTP(S)_PROXY, whatever NO_PROXY says', async () => {
    const port = new URL(fake.origin).port;
    const bases = [fake.baseUrl, `http://localhost:${port}/api/integration`];
    const envs: NodeJS.ProcessEnv[] = [{ HTTP_PROXY: proxy.url }, { http_proxy: proxy.url, HTTPS_PROXY: proxy.url, NO_PROXY: 'example.com' }];
    for (const baseUrl of bases) {
      const cases: Array<Parameters<typeof fakeClient>[1]> = [
        { proxyUrl: proxy.url },
        { proxyUrl: proxy.url, env: { HTTP_PROXY: proxy.url } },
        ...envs.map((env) => ({ env })),
      ];
      for (const options of cases) {
        proxy.seen.length = 0;
        fake.requests.length = 0;
        const { client, key } = fakeClient({ baseUrl }, options);
        assert.equal(client.route, 'direct', `${baseUrl} ${JSON.stringify(options)}`);
        await client.listEvents(1);
        await client.close();
        assert.equal(proxy.seen.length, 0, `${baseUrl} ${JSON.stringify(options)}`);
        assert.equal(fake.requests.length, 1);
        assert.equal(fake.requests[0].headers['brella-api-access-token'], key);
      }
    }
  });

  test('without proxy settings the client goes direct', async () => {
    proxy.seen.length = 0;
    const { client } = fakeClient(fake, { env: {} });
    assert.equal(client.route, 'direct');
    await client.listEvents(1);
    await client.close();
    assert.equal(proxy.seen.length, 0);
  });

  test('a dead proxy is a network error naming the proxy, never its password or the key', async () => {
    const dead = await startProxy();
    await dead.close();
    const proxyUrl = dead.url.replace('http://', 'http://me:hunter2@');
    const { client, logs } = fakeClient(remote(), { proxyUrl, retries: 0 });
    const error = await client.listEvents(1).then(() => assert.fail('expected a rejection'), (e: unknown) => e);
    await client.close();
    assert.ok(error instanceof BrellaNetworkError, String(error));
    assert.match(error.message, new RegExp(`Check the network, the base URL and the proxy ${dead.url.replace(/[.:/]/g, '\\$&')}\\.$`));
    const text = everythingSaid([error, ...logs]);
    assert.ok(!text.includes('hunter2'));
    assert.ok(!text.includes('SECRET123'));
  });
});
