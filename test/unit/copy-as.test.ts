import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  COPY_FORMATS, createBrellaClient, copyAsText, describeSliceRequest, powerShellQuote, type CopyFormat, type RequestDescription,
} from '../../src/brella/index.ts';
import { NORDIC_SUMMIT_EVENT_ID, startDemoServer, type DemoServer } from '../../src/demo/index.ts';

/** A key that must never be written: recognisable, so a leak is easy to spot. */
const FAKE_KEY = 'sk_live_FAKE_KEY_do_not_print_0123456789';
const exec = promisify(execFile);
const BASE = 'https://api.brella.io/api/integration';

/** The description as a client would have it, but with the real key in the header (the worst case). */
function withKey(d: RequestDescription): RequestDescription {
  return { url: d.url, headers: { ...d.headers, 'Brella-API-Access-Token': FAKE_KEY } };
}

const request = withKey(describeSliceRequest(BASE, 12, 34, 56, { tracking_type: ['time_spent', 'sponsor'], start_from: '2023-05-10', trackable_type: 'Sponsor' }));

describe('Copy as cURL, PowerShell and fetch', () => {
  for (const format of COPY_FORMATS) {
    test(`${format}: the exact URL once, the key from BRELLA_API_KEY, never the key itself`, () => {
      const text = copyAsText(request, format);
      assert.ok(!text.includes(FAKE_KEY), text);
      assert.ok(!text.includes('FAKE_KEY'), text);
      assert.equal(text.split(request.url).length - 1, 1, `the URL appears exactly once in\n${text}`);
      const env = { curl: '"$BRELLA_API_KEY"', powershell: '$env:BRELLA_API_KEY', fetch: 'process.env.BRELLA_API_KEY' }[format];
      assert.ok(text.includes(env), text);
      for (const value of ['application/vnd.brella.v4+json', 'application/json', request.headers['User-Agent']!]) assert.ok(text.includes(value), `${value} in ${text}`);
    });
  }

  test('PowerShell: verbatim quoting, and User-Agent and Content-Type through their own parameters', () => {
    assert.equal(powerShellQuote("it's $env:X `n"), "'it''s $env:X `n'");
    const text = copyAsText(request, 'powershell');
    assert.equal(text, [
      '$headers = @{',
      "  'Brella-API-Access-Token' = $env:BRELLA_API_KEY",
      "  'Accept' = 'application/vnd.brella.v4+json'",
      '}',
      `(Invoke-WebRequest -UseBasicParsing -Method Get -Uri '${request.url}' -Headers $headers -ContentType 'application/json' -UserAgent '${request.headers['User-Agent']}').Content`,
    ].join('\n'));
  });

  test('a quote in the URL cannot end the PowerShell string early', () => {
    const text = copyAsText({ url: "https://x.test/a?q=it's", headers: {} }, 'powershell');
    assert.ok(text.includes("-Uri 'https://x.test/a?q=it''s'"));
  });

  test('fetch: string literals are JSON, so nothing in the URL or headers escapes them', () => {
    const url = 'https://x.test/a?q="`${process.exit()}`"';
    const text = copyAsText({ url, headers: { 'User-Agent': 'ua "1"' } }, 'fetch');
    assert.ok(text.startsWith(`const response = await fetch(${JSON.stringify(url)}, {`));
    assert.ok(text.includes(`"User-Agent": ${JSON.stringify('ua "1"')},`));
  });

  test('cURL is the existing toCurl text', () => {
    assert.match(copyAsText(request, 'curl'), /^curl --globoff '/);
  });
});

describe('the texts run: fetch in Node and cURL in bash reach the local Brella with the key from the environment', () => {
  let server: DemoServer;
  let dir: string;
  let description: RequestDescription;
  before(async () => {
    server = await startDemoServer({ rateLimit: false, attendeeCount: 10 });
    const attendee = server.data.attendeesByEvent.get(NORDIC_SUMMIT_EVENT_ID)![0]!.id;
    const client = createBrellaClient({ baseUrl: server.baseUrl, apiKey: server.apiKey, pageSize: 5 });
    description = client.describeSliceRequest(1001, NORDIC_SUMMIT_EVENT_ID, attendee, { tracking_type: 'time_spent' });
    await client.close();
    dir = mkdtempSync(path.join(tmpdir(), 'brella-copy-'));
  });
  after(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Asynchronous: the local Brella answers from this same process. */
  async function run(format: CopyFormat, key: string): Promise<string> {
    const text = copyAsText(description, format);
    assert.ok(!text.includes(server.apiKey));
    const env = { PATH: process.env.PATH ?? '', BRELLA_API_KEY: key };
    if (format === 'fetch') {
      const file = path.join(dir, 'request.mjs');
      writeFileSync(file, text);
      return (await exec(process.execPath, [file], { env, encoding: 'utf8' })).stdout;
    }
    return (await exec('bash', ['-c', text], { env, encoding: 'utf8' })).stdout;
  }

  test('fetch', async () => {
    const body = JSON.parse(await run('fetch', server.apiKey));
    assert.equal(body.data.length, 5);
    assert.equal(body.data[0].type, 'tracking-session-slice');
    assert.ok((await run('fetch', 'wrong')).includes('Invalid API key'));
  });

  test('cURL', async () => {
    const body = JSON.parse(await run('curl', server.apiKey));
    assert.equal(body.data.length, 5);
  });
});

