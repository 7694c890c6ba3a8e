/** A 3xx is never followed: the key is sent to the base URL only, never to a Location. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { BrellaResponseError } from '../../src/brella/index.ts';
import { event, everythingSaid, fakeClient, listDoc, startFake, type FakeServer } from './helpers/brella-fake.ts';

let elsewhere: FakeServer;
before(async () => {
  elsewhere = await startFake(() => ({ body: listDoc([event(1)]) }));
});
after(() => elsewhere.close());

for (const status of [301, 302, 303, 307, 308]) {
  test(`${status}: not followed, the Location never hears of the key`, async () => {
    const location = `${elsewhere.baseUrl}/organizations/1/events`;
    const fake = await startFake([{ status, headers: { location }, raw: '' }]);
    const { client, logs, key } = fakeClient(fake);
    const error = await client.listEvents(1).then(() => assert.fail('expected a rejection'), (e: unknown) => e);
    await client.close();
    await fake.close();
    assert.equal(elsewhere.requests.length, 0, `the redirect was followed to ${location}`);
    assert.equal(fake.requests.length, 1, 'a redirect is not retried');
    assert.ok(error instanceof BrellaResponseError, String(error));
    assert.equal(error.status, status);
    assert.equal(
      error.message,
      `Brella answered GET /api/integration/organizations/1/events?page%5Bsize%5D=500&page%5Bnumber%5D=1 with a redirect (${status} to ${location}). ` +
        'Redirects are not followed, so the API key goes nowhere else; check the base URL (https://, host and path).',
    );
    assert.ok(!everythingSaid([error, ...logs]).includes(key));
  });
}

test('a relative Location on the same server is not followed either', async () => {
  const fake = await startFake((req) => (req.pathname.includes('/moved') ? { body: listDoc([event(1)]) } : { status: 302, headers: { location: '/moved' }, raw: '' }));
  const { client } = fakeClient(fake);
  await assert.rejects(client.listEvents(1), (error: BrellaResponseError) => error.status === 302);
  await client.close();
  await fake.close();
  assert.deepEqual(fake.requests.map((r) => r.pathname), ['/api/integration/organizations/1/events']);
});
