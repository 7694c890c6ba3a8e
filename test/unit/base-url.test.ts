/**
 * brella.apiBaseUrl: https anywhere; plain http only to this machine as its plain names spell it (localhost,
 * 127.x.x.x, [::1]); never a user name or password, a query or a fragment. The URLs below look like loopback
 * to a careless check and are not.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createBrellaClient, isLoopbackHost } from '../../src/brella/index.ts';
import { BaseUrlError, checkBaseUrl } from '../../src/config/base-url.ts';

const refused: Array<[string, RegExp]> = [
  // A public name that starts with "localhost".
  ['http://localhost.evil.com/api/integration', /^brella\.apiBaseUrl "http:\/\/localhost\.evil\.com\/api\/integration" uses http: to another machine; API keys are only sent over https:/],
  ['http://localhost.evil.com:8080', /uses http: to another machine/],
  // An IPv4-mapped IPv6 address: not taken as this machine (write 127.0.0.1).
  ['http://[::ffff:127.0.0.1]:8080/api/integration', /uses http: to \[::ffff:7f00:1\], an IPv4 address written as IPv6, which is not taken as this machine; .* For this machine write http:\/\/127\.0\.0\.1\.$/],
  // "localhost" is the user name; the host is evil.com.
  ['http://localhost@evil.com/api/integration', /^brella\.apiBaseUrl must not contain a user name or password/],
  ['http://localhost:pw@evil.com', /must not contain a user name or password/],
  ['https://localhost@evil.com', /must not contain a user name or password/],
  ['http://@evil.com', /must not contain a user name or password/],
  // "@localhost" is the fragment; the host is evil.com.
  ['http://evil.com#@localhost', /^brella\.apiBaseUrl "http:\/\/evil\.com#@localhost" must not have a query or fragment\.$/],
  ['https://api.brella.io/api/integration#', /must not have a query or fragment/],
  ['http://localhost./api', /uses http: to another machine/],
  ['http://foo.localhost/api', /uses http: to another machine/],
];

describe('brella.apiBaseUrl: look-alikes of loopback', () => {
  for (const [value, message] of refused) {
    test(`refuses ${value}`, () => {
      assert.throws(() => checkBaseUrl(value), (error: Error) => error instanceof BaseUrlError && message.test(error.message));
    });
  }

  test('a refused URL with a password does not repeat it', () => {
    assert.throws(() => checkBaseUrl('http://me:hunter2@evil.com'), (error: Error) => !error.message.includes('hunter2'));
  });

  test('what is accepted: https anywhere (a look-alike name included), http to loopback spelled plainly', () => {
    assert.equal(checkBaseUrl('https://localhost.evil.com/api'), 'https://localhost.evil.com/api');
    assert.equal(checkBaseUrl('http://127.0.0.1:8080/api/integration/'), 'http://127.0.0.1:8080/api/integration');
    assert.equal(checkBaseUrl('http://127.1.2.3:8080/x'), 'http://127.1.2.3:8080/x');
    assert.equal(checkBaseUrl('http://LOCALHOST:1/x'), 'http://localhost:1/x');
    assert.equal(checkBaseUrl('http://[::1]:9/x'), 'http://[::1]:9/x');
    // URL itself rewrites these to 127.0.0.1 before any check.
    assert.equal(checkBaseUrl('http://127.1:8080/x'), 'http://127.0.0.1:8080/x');
  });
});

describe('one loopback rule for http and for the proxy', () => {
  test('the hosts http is allowed to are exactly those the client reaches without a proxy', async () => {
    const hosts = ['localhost', '127.0.0.1', '127.9.9.9', '[::1]', 'localhost.evil.com', '[::ffff:7f00:1]', 'evil.com', 'localhost.', '10.0.0.1'];
    for (const host of hosts) {
      const httpAllowed = (() => {
        try {
          checkBaseUrl(`http://${host}:9/api`);
          return true;
        } catch {
          return false;
        }
      })();
      assert.equal(isLoopbackHost(host), httpAllowed, host);
      const client = createBrellaClient({ baseUrl: `http://${host}:9/api`, apiKey: 'k_loopback_rule', proxyUrl: 'http://127.0.0.1:3128' });
      assert.equal(client.route, httpAllowed ? 'direct' : 'proxy', host);
      await client.close();
    }
  });
});
