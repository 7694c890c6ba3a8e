import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mergeScopes, organizationLabel, readOrganizations } from '../../src/config/organizations';
import { checkBaseUrl, DEFAULT_API_BASE_URL } from '../../src/config/base-url';
import { ApiKeyStore, checkKeyInput, secretName, type SecretStorageLike } from '../../src/config/keys';

describe('brella.organizations', () => {
  test('a valid value loads with every field', () => {
    const { organizations, problems } = readOrganizations([
      { id: 1001, name: 'Acme', events: [{ id: 7, name: 'Summit', start: '2023-05-10', end: '2023-05-14', attendees: [{ id: 5, name: 'Jane' }, { id: 6 }] }] },
      { id: 2002 },
    ], 'user');
    assert.deepEqual(problems, []);
    assert.deepEqual(organizations, [
      { id: 1001, name: 'Acme', scope: 'user', events: [{ id: 7, name: 'Summit', start: '2023-05-10', end: '2023-05-14', attendees: [{ id: 5, name: 'Jane' }, { id: 6 }] }] },
      { id: 2002, scope: 'user', events: [] },
    ]);
  });

  test('an invalid event id is named by its path and everything valid still loads', () => {
    const { organizations, problems } = readOrganizations([{ id: 1, events: [{ id: 7 }, { id: -3 }] }, { id: 2 }], 'user');
    assert.deepEqual(problems, ['brella.organizations[0].events[1].id must be a positive integer']);
    assert.deepEqual(organizations.map((o) => [o.id, o.events.map((e) => e.id)]), [[1, [7]], [2, []]]);
  });

  const cases: Array<[string, unknown, string]> = [
    ['a string id', [{ id: '1001' }], 'brella.organizations[0].id must be a positive integer'],
    ['a fractional id', [{ id: 1.5 }], 'brella.organizations[0].id must be a positive integer'],
    ['zero', [{ id: 0 }], 'brella.organizations[0].id must be a positive integer'],
    ['a missing id', [{ name: 'x' }], 'brella.organizations[0].id must be a positive integer'],
    ['an entry that is not an object', ['1001'], 'brella.organizations[0] must be an object like { "id": 123 }'],
    ['events that are not a list', [{ id: 1, events: {} }], 'brella.organizations[0].events must be a list'],
    ['a bad date', [{ id: 1, events: [{ id: 2, start: '10.05.2023' }] }], 'brella.organizations[0].events[0].start must be a date as YYYY-MM-DD'],
    ['an impossible date', [{ id: 1, events: [{ id: 2, end: '2023-02-30' }] }], 'brella.organizations[0].events[0].end is not a real date'],
    ['start after end', [{ id: 1, events: [{ id: 2, start: '2023-05-14', end: '2023-05-10' }] }], 'brella.organizations[0].events[0].start 2023-05-14 is after its end 2023-05-10'],
    ['a bad attendee', [{ id: 1, events: [{ id: 2, attendees: [{ id: 3 }, { id: 'x' }] }] }], 'brella.organizations[0].events[0].attendees[1].id must be a positive integer'],
    ['an empty name', [{ id: 1, name: '  ' }], 'brella.organizations[0].name must not be empty'],
    ['a duplicate', [{ id: 1 }, { id: 1 }], 'brella.organizations[1].id 1 is listed twice; the first one is used'],
    ['not a list', { id: 1 }, 'brella.organizations must be a list of organizations'],
  ];
  for (const [what, value, problem] of cases) {
    test(`${what} is reported`, () => {
      assert.deepEqual(readOrganizations(value, 'user').problems, [problem]);
    });
  }

  test('an invalid attendee drops only that attendee', () => {
    const { organizations } = readOrganizations([{ id: 1, events: [{ id: 2, attendees: [{ id: 3 }, { id: 'x' }, { id: 4 }] }] }], 'user');
    assert.deepEqual(organizations[0].events[0].attendees.map((a) => a.id), [3, 4]);
  });

  test('workspace entries win over user entries of the same id, and keep their scope', () => {
    const merged = mergeScopes(readOrganizations([{ id: 1, name: 'U' }, { id: 2 }], 'user'), readOrganizations([{ id: 1, name: 'W' }], 'workspace'));
    assert.deepEqual(merged.organizations.map((o) => [o.id, o.name, o.scope]), [[1, 'W', 'workspace'], [2, undefined, 'user']]);
  });

  test('an organization without a name is labelled by its id', () => {
    assert.equal(organizationLabel({ id: 1001 }), 'Organization 1001');
    assert.equal(organizationLabel({ id: 1001, name: 'Acme' }), 'Acme');
  });
});

describe('brella.apiBaseUrl', () => {
  test('https anywhere, http only to loopback', () => {
    assert.equal(checkBaseUrl(undefined), DEFAULT_API_BASE_URL);
    assert.equal(checkBaseUrl('https://api.brella.io/api/integration/'), 'https://api.brella.io/api/integration');
    assert.equal(checkBaseUrl('http://127.0.0.1:8080/api/integration'), 'http://127.0.0.1:8080/api/integration');
    assert.equal(checkBaseUrl('http://localhost:1/x'), 'http://localhost:1/x');
    assert.equal(checkBaseUrl('http://[::1]:9/x'), 'http://[::1]:9/x');
  });
  const refused: Array<[string, RegExp]> = [
    ['http://api.brella.io/api/integration', /http: to another machine/],
    ['http://10.0.0.5/api', /http: to another machine/],
    ['ftp://example.com', /must be an https: URL/],
    ['not a url', /is not a URL/],
    ['https://user:pw@api.brella.io', /user name or password/],
    ['https://api.brella.io/api?x=1', /query or fragment/],
  ];
  for (const [value, message] of refused) {
    test(`refuses ${value}`, () => assert.throws(() => checkBaseUrl(value), message));
  }
});

class FakeSecrets implements SecretStorageLike {
  readonly values = new Map<string, string>();
  private listeners: Array<(e: { key: string }) => unknown> = [];
  async get(key: string) { return this.values.get(key); }
  async store(key: string, value: string) { this.values.set(key, value); this.listeners.forEach((l) => l({ key })); }
  async delete(key: string) { this.values.delete(key); this.listeners.forEach((l) => l({ key })); }
  onDidChange(listener: (e: { key: string }) => unknown) { this.listeners.push(listener); return { dispose: () => undefined }; }
}

describe('API keys', () => {
  test('are stored per organization under brella.apiKey.<orgId> and announce changes', async () => {
    const secrets = new FakeSecrets();
    const keys = new ApiKeyStore(secrets);
    const changed: number[] = [];
    keys.onDidChange((id) => changed.push(id));
    await keys.set(1001, 'abc123');
    assert.equal(secrets.values.get(secretName(1001)), 'abc123');
    assert.equal(await keys.get(1001), 'abc123');
    assert.equal(await keys.has(2002), false);
    await keys.delete(1001);
    assert.equal(await keys.has(1001), false);
    assert.deepEqual(changed, [1001, 1001]);
  });

  test('refuse empty keys and keys with whitespace', async () => {
    assert.match(checkKeyInput('') ?? '', /Enter the API key/);
    assert.match(checkKeyInput('abc def') ?? '', /no spaces/);
    assert.equal(checkKeyInput('abc'), undefined);
    const keys = new ApiKeyStore(new FakeSecrets());
    await assert.rejects(keys.set(1, 'a\nb'), /no spaces/);
  });

  test('a session key (the demo organization) is never written to SecretStorage', async () => {
    const secrets = new FakeSecrets();
    const keys = new ApiKeyStore(secrets);
    keys.setSessionKey(1001, 'demo_key');
    assert.equal(await keys.get(1001), 'demo_key');
    assert.equal(secrets.values.size, 0);
  });
});
