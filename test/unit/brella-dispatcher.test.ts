/**
 * The client must not touch undici's global dispatcher nor break global fetch. This file imports nothing from
 * src/brella statically: the "before" snapshot is taken first, in this fresh test process.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';

const V1 = Symbol.for('undici.globalDispatcher.1');
const V2 = Symbol.for('undici.globalDispatcher.2');
const globals = globalThis as unknown as Record<symbol, unknown>;
const before = { v1: globals[V1], v2: globals[V2], has1: Object.getOwnPropertySymbols(globalThis).includes(V1) };

test('loading and using the client leaves the global dispatcher alone; global fetch still works', async () => {
  assert.equal(before.v1, undefined, 'nothing set it before this test (fresh process)');
  const brella = await import('../../src/brella/index.ts');
  const { startFake, fakeClient, listDoc, event } = await import('./helpers/brella-fake.ts');
  assert.equal(globals[V1], before.v1, 'importing the client changed the global dispatcher');
  assert.equal(Object.getOwnPropertySymbols(globalThis).includes(V1), before.has1, 'importing the client defined the global dispatcher symbol');

  const fake = await startFake(() => ({ body: listDoc([event(1)]) }));
  for (const options of [{}, { env: { HTTP_PROXY: 'http://127.0.0.1:9', NO_PROXY: '*' } }]) {
    const { client } = fakeClient(fake, options);
    assert.equal((await client.listEvents(1)).items.length, 1);
    await client.close();
  }
  const proxied = brella.createBrellaClient({ apiKey: 'sk_live_SECRET123_dispatcher', baseUrl: fake.baseUrl, proxyUrl: 'http://127.0.0.1:9' });
  await proxied.close();
  assert.equal(globals[V1], before.v1, 'using the client changed the global dispatcher');
  assert.equal(globals[V2], before.v2);

  const server = createServer((_req, res) => res.end('plain fetch ok'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const res = await fetch(`http://127.0.0.1:${port}/`);
  assert.equal(await res.text(), 'plain fetch ok');
  await new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
  await fake.close();

  // fetch installed Node's own dispatcher, not one of the client's
  const { default: Agent } = await import('undici/lib/dispatcher/agent.js');
  const installed = Reflect.get(globalThis, V1) as object | undefined;
  assert.ok(installed !== undefined && !(installed instanceof Agent), 'global fetch runs on a dispatcher from the client\'s undici');
});
