/**
 * undici is loaded when the first client is made, not when the API layer is imported (at the extension's
 * activation): its modules and the node:net/tls/http modules behind them are about a fifth of activation. It comes
 * through src/brella/transport.ts, which the build makes a bundle of its own (dist/transport.js; the bundled
 * layer is checked in bundles.test.ts).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';

const undiciLoaded = (): string[] => Object.keys(require.cache).filter((file) => /[\\/]node_modules[\\/]undici[\\/]/.test(file));
const transportLoaded = (): boolean => Object.keys(require.cache).some((file) => /[\\/]src[\\/]brella[\\/]transport\.ts$/.test(file));

test('importing the API layer loads no undici; the first client does', async () => {
  const { createBrellaClient } = await import('../../src/brella/index.ts');
  assert.deepEqual(undiciLoaded(), [], 'undici was loaded with the API layer');
  assert.equal(transportLoaded(), false, 'the transport was loaded with the API layer');
  const client = createBrellaClient({ apiKey: 'sk_live_lazy_undici_test', baseUrl: 'http://127.0.0.1:9/api/integration' });
  try {
    assert.ok(transportLoaded(), 'the client loads undici through transport.ts');
    assert.ok(undiciLoaded().some((file) => /dispatcher[\\/]agent\.js$/.test(file)), 'the client runs on undici\'s Agent');
  } finally {
    await client.close();
  }
});
