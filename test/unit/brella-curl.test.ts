import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, test } from 'node:test';
import {
  API_KEY_PLACEHOLDER,
  DEFAULT_USER_AGENT,
  VERSION,
  createBrellaClient,
  describeSliceRequest,
  shellQuote,
  toCurl,
} from '../../src/brella/index.ts';
import pkg from '../../package.json';

const BASE = 'https://api.brella.io/api/integration';

/** Runs the cURL text in bash with `curl` replaced by a function printing its arguments, one per line. */
function curlArgs(text: string, env: Record<string, string> = {}): string[] {
  const out = execFileSync('bash', ['-c', `curl() { printf '%s\\n' "$@"; }\n${text}`], { env: { PATH: process.env.PATH ?? '', ...env } });
  return out.toString().split('\n').slice(0, -1);
}

describe('cURL', () => {
  test('user agent carries the package version', () => {
    assert.equal(VERSION, pkg.version);
    assert.equal(DEFAULT_USER_AGENT, `brella-explorer/${pkg.version}`);
  });

  test('describeSliceRequest: exact URL and the four documented headers, key as placeholder', () => {
    const d = describeSliceRequest(BASE, 12, 34, 56, { tracking_type: 'time_spent', start_from: '2023-05-10' });
    assert.equal(d.url, `${BASE}/organizations/12/events/34/attendees/56/tracking_session_slices?tracking_type=time_spent&start_from=2023-05-10T00%3A00%3A00.000Z&page%5Bsize%5D=500&page%5Bnumber%5D=1`);
    assert.deepEqual(d.headers, {
      'Brella-API-Access-Token': '$BRELLA_API_KEY',
      Accept: 'application/vnd.brella.v4+json',
      'Content-Type': 'application/json',
      'User-Agent': DEFAULT_USER_AGENT,
    });
  });

  test('toCurl text, and what a shell makes of it', () => {
    const d = describeSliceRequest(BASE, 12, 34, 56, { tracking_type: ['time_spent', 'sponsor'] }, { userAgent: 'brella-explorer/9.9.9' });
    const text = toCurl(d.url, d.headers);
    assert.equal(
      text,
      [
        `curl --globoff '${d.url}'`,
        `-H 'Brella-API-Access-Token: '"$BRELLA_API_KEY"`,
        `-H 'Accept: application/vnd.brella.v4+json'`,
        `-H 'Content-Type: application/json'`,
        `-H 'User-Agent: brella-explorer/9.9.9'`,
      ].join(' \\\n  '),
    );
    assert.deepEqual(curlArgs(text, { BRELLA_API_KEY: 'from-env' }), [
      '--globoff',
      d.url,
      '-H', 'Brella-API-Access-Token: from-env',
      '-H', 'Accept: application/vnd.brella.v4+json',
      '-H', 'Content-Type: application/json',
      '-H', 'User-Agent: brella-explorer/9.9.9',
    ]);
  });

  test('a real key given to toCurl is never written', () => {
    const text = toCurl('https://x.test/a', { 'brella-api-access-token': 'sk_live_SECRET123', Accept: 'a' });
    assert.ok(!text.includes('SECRET123'));
    assert.ok(text.includes(`"${API_KEY_PLACEHOLDER}"`));
  });

  test('quotes, dollars, backticks and spaces survive the shell unchanged', () => {
    const nasty = `it's $(rm -rf /) \`x\` "q" $HOME \\ end`;
    assert.equal(shellQuote("it's"), `'it'\\''s'`);
    const url = `https://x.test/a?q=${encodeURIComponent(nasty)}&b=[1]`;
    const args = curlArgs(toCurl(url, { 'User-Agent': nasty, 'X-Empty': '' }));
    assert.deepEqual(args, ['--globoff', url, '-H', `User-Agent: ${nasty}`, '-H', 'X-Empty: ']);
  });

  test('the client describes the request it sends (same URL and headers, its own agent and page size)', async () => {
    const client = createBrellaClient({ apiKey: 'sk_live_SECRET123_curl', baseUrl: BASE, userAgent: 'ua/1', pageSize: 50, env: {} });
    const d = client.describeSliceRequest(1, 2, 3, { duration: 5 });
    assert.equal(d.url, `${BASE}/organizations/1/events/2/attendees/3/tracking_session_slices?duration=5&page%5Bsize%5D=50&page%5Bnumber%5D=1`);
    assert.equal(d.headers['User-Agent'], 'ua/1');
    assert.equal(d.headers['Brella-API-Access-Token'], '$BRELLA_API_KEY');
    await client.close();
  });
});
