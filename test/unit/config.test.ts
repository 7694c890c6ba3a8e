import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mergeScopes, organizationLabel, readOrganizations, readScopedOrganizations } from '../../src/config/organizations';
import { NUMBER_SETTINGS, readClientOptions, readNumberSetting, type Inspected } from '../../src/config/client-options';
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

describe('numeric settings', () => {
  /** What VS Code's inspect() returns, per key under brella. */
  const input = (values: Record<string, Inspected>, apiBaseUrl?: string) => ({
    inspect: (key: string) => values[key],
    apiBaseUrl,
    proxy: undefined,
    proxyStrictSSL: undefined,
  });

  test('without settings the defaults are used and nothing is reported', () => {
    const { options, problems } = readClientOptions(input({}), true);
    assert.deepEqual(problems, []);
    assert.deepEqual(options, {
      baseUrl: DEFAULT_API_BASE_URL, requestsPerSecond: 10, maxConcurrentRequests: 6, pageSize: 500, timeoutMs: 30_000, proxyUrl: undefined, proxyStrictSSL: true,
    });
  });

  test('requestsPerSecond 0 is reported by its path and the default is used, not one request every 10 s', () => {
    const { options, problems } = readClientOptions(input({ requestsPerSecond: { globalValue: 0 } }), true);
    assert.equal(options.requestsPerSecond, 10);
    assert.deepEqual(problems, ['brella.requestsPerSecond must be a number from 0.1 to 50, not 0; the default 10 is used']);
  });

  const bad: Array<[string, Inspected, string]> = [
    ['maxConcurrentRequests', { workspaceValue: 2.5 }, 'brella.maxConcurrentRequests (workspace) must be a whole number from 1 to 32, not 2.5; the default 6 is used'],
    ['maxConcurrentRequests', { globalValue: 100 }, 'brella.maxConcurrentRequests must be a whole number from 1 to 32, not 100; the default 6 is used'],
    ['pageSize', { workspaceFolderValue: 501 }, 'brella.pageSize (folder) must be a whole number from 1 to 500, not 501; the default 500 is used'],
    ['pageSize', { globalValue: '50' }, 'brella.pageSize must be a whole number from 1 to 500, not "50"; the default 500 is used'],
    ['requestsPerSecond', { globalValue: -1 }, 'brella.requestsPerSecond must be a number from 0.1 to 50, not -1; the default 10 is used'],
    ['requestTimeoutSeconds', { globalValue: 1 }, 'brella.requestTimeoutSeconds must be a number from 5 to 600, not 1; the default 30 is used'],
  ];
  for (const [key, inspected, problem] of bad) {
    test(`${key} ${JSON.stringify(inspected)} is reported`, () => {
      assert.deepEqual(readClientOptions(input({ [key]: inspected }), true).problems, [problem]);
    });
  }

  test('good values are used as they are, the innermost scope first', () => {
    const { options, problems } = readClientOptions(input({
      requestsPerSecond: { globalValue: 2.5, workspaceValue: 4 },
      maxConcurrentRequests: { globalValue: 3 },
      pageSize: { globalValue: 200, workspaceValue: 100, workspaceFolderValue: 50 },
      requestTimeoutSeconds: { globalValue: 90 },
    }), true);
    assert.deepEqual(problems, []);
    assert.deepEqual([options.requestsPerSecond, options.maxConcurrentRequests, options.pageSize, options.timeoutMs], [4, 3, 50, 90_000]);
  });

  test('an untrusted workspace cannot raise how hard the key is used: its values are not read', () => {
    const values = {
      requestsPerSecond: { globalValue: 5, workspaceValue: 50 },
      maxConcurrentRequests: { workspaceValue: 32 },
      pageSize: { globalValue: 100, workspaceFolderValue: 0 },
    };
    const untrusted = readClientOptions(input(values), false);
    assert.deepEqual([untrusted.options.requestsPerSecond, untrusted.options.maxConcurrentRequests, untrusted.options.pageSize], [5, 6, 100]);
    assert.deepEqual(untrusted.problems, [], 'a value that is not read is not reported either');
    const trusted = readClientOptions(input(values), true);
    assert.deepEqual([trusted.options.requestsPerSecond, trusted.options.maxConcurrentRequests, trusted.options.pageSize], [50, 32, 500]);
    assert.deepEqual(trusted.problems, ['brella.pageSize (folder) must be a whole number from 1 to 500, not 0; the default 500 is used']);
  });

  test('an untrusted workspace cannot make the demo generate 500 000 slices', () => {
    const inspected = { globalValue: 1000, workspaceValue: 500_000 };
    assert.equal(readNumberSetting(NUMBER_SETTINGS.largeAttendeeSlices, inspected, false, []), 1000);
    assert.equal(readNumberSetting(NUMBER_SETTINGS.largeAttendeeSlices, inspected, true, []), 500_000);
    const problems: string[] = [];
    assert.equal(readNumberSetting(NUMBER_SETTINGS.largeAttendeeSlices, { globalValue: 600_000 }, true, problems), 0);
    assert.deepEqual(problems, ['brella.demo.largeAttendeeSlices must be a whole number from 0 to 500000, not 600000; the default 0 is used']);
  });

  test('a refused base URL is reported with the other problems, and the clients get its error', () => {
    const { options, problems } = readClientOptions(input({}, 'http://example.com/api'), true);
    assert.ok(options.baseUrl instanceof Error);
    assert.equal(problems.length, 1);
    assert.match(problems[0], /^brella\.apiBaseUrl "http:\/\/example\.com\/api" uses http: to another machine/);
  });
});

describe('brella.organizations in an untrusted workspace', () => {
  const inspected = { globalValue: [{ id: 1, name: 'Mine' }], workspaceValue: [{ id: 1, name: 'Theirs' }, { id: 666 }] };

  test('only the user\'s organizations are read; the workspace\'s are not, nor its problems', () => {
    const untrusted = readScopedOrganizations({ ...inspected, workspaceValue: [...inspected.workspaceValue, { id: 'x' }] }, false);
    assert.deepEqual(untrusted.organizations.map((o) => [o.id, o.name, o.scope]), [[1, 'Mine', 'user']]);
    assert.deepEqual(untrusted.problems, []);
  });

  test('a trusted workspace adds its organizations and wins for the same id', () => {
    const trusted = readScopedOrganizations(inspected, true);
    assert.deepEqual(trusted.organizations.map((o) => [o.id, o.name, o.scope]), [[1, 'Theirs', 'workspace'], [666, undefined, 'workspace']]);
  });
});
