/**
 * The local Brella (src/demo) is loaded when the demo organization is first opened, not when the extension
 * activates: its code (server, data generator) stays out of activation unless it is used.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';

const loaded = (): string[] => Object.keys(require.cache).filter((file) => /[\\/]src[\\/]demo[\\/]/.test(file));

test('the demo service loads the local Brella only when the demo organization is opened', async () => {
  const { DemoOrganization } = await import('../../src/services/demo.ts');
  assert.deepEqual(loaded(), [], 'src/demo was loaded with the service');
  const demo = new DemoOrganization();
  const { organization, baseUrl } = await demo.open({ largeAttendeeSlices: 0 });
  try {
    assert.ok(loaded().some((file) => /server\.ts$/.test(file)), 'opening the demo loads its server');
    assert.match(baseUrl, /^http:\/\/127\.0\.0\.1:\d+\//);
    assert.ok(organization.events.length > 0);
  } finally {
    await demo.close();
  }
});
