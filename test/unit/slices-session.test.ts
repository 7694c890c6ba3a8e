import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createBrellaClient, type BrellaClient } from '../../src/brella';
import { startDemoServer, NORDIC_SUMMIT_EVENT_ID, type DemoServer } from '../../src/demo';
import type { PanelTarget, ToWebview } from '../../src/protocol/slices';
import { SlicesSession } from '../../src/features/slices/session';
import { unpackSlices } from '../../src/protocol/packed-slices';
import { MissingKeyError } from '../../src/services/brella';
import { webviewHtml } from '../../src/features/kit/webview-html';

let server: DemoServer;
let client: BrellaClient;
let target: PanelTarget;

before(async () => {
  server = await startDemoServer({ rateLimit: false, largeAttendee: 2_400 });
  client = createBrellaClient({ baseUrl: server.baseUrl, apiKey: server.apiKey, pageSize: 500, requestsPerSecond: 50 });
  target = { organizationId: server.organizationId, eventId: NORDIC_SUMMIT_EVENT_ID, attendeeId: server.data.largeAttendeeId!, attendeeName: 'Large', eventName: 'Summit', eventStart: '2023-05-10' };
});
after(async () => {
  await client.close();
  await server.close();
});

function session(t: PanelTarget = target, make: () => Promise<BrellaClient> = async () => client) {
  const posted: ToWebview[] = [];
  return { s: new SlicesSession(t, { client: make, post: (m) => posted.push(structuredClone(m)) }), posted };
}

/** The ids of the slices the session's last run holds, from its raw pages. */
const sliceIdsOf = (s: SlicesSession): string[] =>
  s.rawJson.flatMap((p) => ((p.body as { data?: Array<{ id: string }> }).data ?? []).map((r) => String(r.id)));

describe('the slices session', () => {
  test('streams every page to the webview and ends with the count the server holds', async () => {
    const { s, posted } = session();
    await s.run({ tracking_type: ['time_spent', 'sponsor', 'streamlink'] });
    const expected = server.data.expectedSlices(target.eventId, target.attendeeId, { tracking_type: 'time_spent,sponsor,streamlink' }).length;
    const pages = posted.filter((m) => m.type === 'page');
    assert.ok(pages.length >= 5, `${pages.length} pages`);
    assert.equal(pages.reduce((n, m) => n + (m.type === 'page' ? m.rows.count : 0), 0), expected);
    assert.deepEqual(posted.at(-1), { type: 'done', runId: 1, rows: expected, cancelled: false });
    assert.equal(posted[0].type, 'started');
    assert.ok(s.rawJson.length === pages.length);
  });

  test('the inspector gets a slice as the server sent it, after the run; never the key', async () => {
    const { s } = session();
    assert.match(s.resource('1').note ?? '', /Run the query/);
    const running = s.run({ tracking_type: ['sponsor'] });
    assert.match(s.resource('1').note ?? '', /when the run is done/);
    await running;
    const rows = sliceIdsOf(s);
    const some = rows[Math.floor(rows.length / 2)]!;
    const answer = s.resource(some);
    assert.equal(answer.type, 'resource');
    const resource = JSON.parse(answer.resource!);
    assert.equal(resource.id, some);
    assert.equal(resource.attributes['tracking-type'] ?? resource.attributes.tracking_type, 'sponsor');
    assert.ok(!JSON.stringify(answer).includes(server.apiKey));
    assert.match(s.resource('no-such-slice').note ?? '', /not in the pages/);
  });

  test('a bad date is answered inline and nothing reaches the server', async () => {
    const { s, posted } = session();
    server.requests.clear();
    await s.run({ start_from: '2023-13-45' });
    assert.equal(server.requests.count, 0);
    assert.equal(posted.length, 1);
    const [invalid] = posted;
    assert.equal(invalid.type, 'invalid');
    if (invalid.type === 'invalid') assert.equal(invalid.errors[0].field, 'start_from');
  });

  test('replies name the request they answer: invalid and started carry its id, and a cURL refusal its own', async () => {
    const { s, posted } = session();
    await s.run({ start_from: '2023-13-45' }, 7);
    assert.deepEqual([posted.at(-1)?.type, (posted.at(-1) as { requestId?: number }).requestId], ['invalid', 7]);
    assert.equal(await s.curl({ end_to: 'soon' }, 8), undefined);
    assert.deepEqual([posted.at(-1)?.type, (posted.at(-1) as { requestId?: number }).requestId], ['invalid', 8]);
    await s.run({}, 9);
    const started = posted.find((m) => m.type === 'started');
    assert.equal(started?.type === 'started' ? started.requestId : undefined, 9);
  });

  test('cancel keeps the rows that came and says so', async () => {
    const { s, posted } = session();
    const running = s.run({});
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        if (posted.some((m) => m.type === 'page')) { clearInterval(timer); resolve(); }
      }, 1);
    });
    s.cancel();
    await running;
    const done = posted.at(-1);
    assert.equal(done?.type, 'done');
    if (done?.type === 'done') {
      assert.equal(done.cancelled, true);
      assert.ok(done.rows > 0);
    }
  });

  test('a reloaded webview gets the last result again', async () => {
    const { s, posted } = session();
    await s.run({ tracking_type: 'sponsor' });
    const total = posted.filter((m) => m.type === 'page').reduce((n, m) => n + (m.type === 'page' ? m.rows.count : 0), 0);
    posted.length = 0;
    await s.replay();
    assert.deepEqual(posted.map((m) => m.type), ['started', 'page', 'done']);
    const page = posted[1];
    assert.equal(page.type === 'page' && page.rows.count, total);
  });

  test('a large result is sent again as a small first message, then larger ones, rows in order', async () => {
    const { s, posted } = session();
    await s.run({});
    const sent = posted.filter((m) => m.type === 'page').flatMap((m) => (m.type === 'page' ? unpackSlices(m.rows).map((r) => r.id) : []));
    assert.ok(sent.length > 500 && sent.length < 5_500, `${sent.length} rows`);
    posted.length = 0;
    await s.replay();
    const pages = posted.filter((m) => m.type === 'page');
    assert.deepEqual(pages.map((m) => m.type === 'page' && m.rows.count), [500, sent.length - 500]);
    assert.deepEqual(pages.map((m) => m.type === 'page' && m.rowsSoFar), [500, sent.length]);
    assert.deepEqual(pages.flatMap((m) => (m.type === 'page' ? unpackSlices(m.rows).map((r) => r.id) : [])), sent);
    const sentAt = pages.map((m) => m.type === 'page' && m.sentAt);
    assert.equal(new Set(sentAt).size, 1, 'every chunk counts from the moment the host had all rows');
    assert.equal(posted.at(-1)?.type, 'done');
  });

  test('a wrong key fails with the 403 message and offers Set API Key', async () => {
    const wrong = createBrellaClient({ baseUrl: server.baseUrl, apiKey: 'not-the-key', requestsPerSecond: 50 });
    const { s, posted } = session(target, async () => wrong);
    await s.run({});
    await wrong.close();
    const failed = posted.at(-1);
    assert.equal(failed?.type, 'failed');
    if (failed?.type === 'failed') {
      assert.equal(failed.status, 403);
      assert.match(failed.message, /refused the API key for organization 1001/);
      assert.deepEqual(failed.actions, ['setApiKey', 'retry', 'showLog']);
    }
  });

  test('no key: the failure offers Set API Key', async () => {
    const { s, posted } = session(target, async () => { throw new MissingKeyError(1001); });
    await s.run({});
    const failed = posted.at(-1);
    assert.equal(failed?.type === 'failed' && failed.actions.join(), 'setApiKey');
  });

  test('cURL text has the exact URL, every header, and $BRELLA_API_KEY instead of the key', async () => {
    const { s } = session();
    const curl = await s.curl({ tracking_type: 'time_spent', start_from: '2023-05-10' });
    assert.ok(curl);
    assert.match(curl!, /tracking_session_slices\?tracking_type=time_spent&start_from=2023-05-10T00%3A00%3A00\.000Z/);
    assert.match(curl!, /-H 'Brella-API-Access-Token: '"\$BRELLA_API_KEY"/);
    assert.match(curl!, /Accept: application\/vnd\.brella\.v4\+json/);
    assert.match(curl!, /User-Agent: brella-explorer\//);
  });

  test('the key appears in no message, no cURL text and no HTML of a whole session', async () => {
    const { s, posted } = session();
    await s.run({ tracking_type: 'time_spent', start_from: '2023-05-10' });
    await s.run({ start_from: 'bad' });
    await s.replay();
    const curl = await s.curl({ duration: 60 });
    const html = webviewHtml({ cspSource: 'vscode-resource:', scriptUri: 'x.js', styleUri: 'x.css', view: 'slices', title: 'Slices' });
    const everything = JSON.stringify(posted) + curl + html + JSON.stringify(s.rawJson);
    assert.ok(posted.length > 3);
    assert.equal(everything.includes(server.apiKey), false);
  });
});

describe('the webview HTML', () => {
  test('has a strict CSP: nothing by default, scripts only with the nonce, styles from the webview source', () => {
    const html = webviewHtml({ cspSource: 'https://x.vscode-cdn.net', scriptUri: 'https://x/webview.js', styleUri: 'https://x/webview.css', view: 'slices', title: 'A <b>', nonce: 'abc123' });
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'nonce-abc123'(;|$)/);
    assert.match(csp, /style-src https:\/\/x\.vscode-cdn\.net 'nonce-abc123'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    assert.match(html, /<script nonce="abc123" src="https:\/\/x\/webview\.js"><\/script>/);
    assert.match(html, /<title>A &lt;b&gt;<\/title>/);
    assert.doesNotMatch(html, /\son\w+=/);
  });
});

describe('paging with known totals', () => {
  test('reads pages ahead once meta announces them, and still delivers rows in page order', async () => {
    const slow = await startDemoServer({ rateLimit: false, largeAttendee: 3_000, faults: { latencyMs: 300 } });
    const fast = createBrellaClient({ baseUrl: slow.baseUrl, apiKey: slow.apiKey, pageSize: 500, requestsPerSecond: 50, maxConcurrentRequests: 6 });
    try {
      const pages: number[] = [];
      const ids: string[] = [];
      const list = await fast.listSlices(slow.organizationId, NORDIC_SUMMIT_EVENT_ID, slow.data.largeAttendeeId!, {}, {
        onPage: (info, rows) => { pages.push(info.page); ids.push(...rows.map((r) => r.id)); },
      });
      const expected = slow.data.expectedSlices(NORDIC_SUMMIT_EVENT_ID, slow.data.largeAttendeeId!).map((s) => String(s.id));
      assert.deepEqual(ids, expected);
      assert.deepEqual(list.items.map((s) => s.id), expected);
      assert.deepEqual(pages, pages.map((_, i) => i + 1));
      assert.ok(pages.length >= 5);
      const log = slow.requests.list();
      assert.equal(log.length, pages.length, 'no page is requested twice');
      // Pages 2..5 were in flight together: page 5 was asked for before page 2 was answered (each waits 300 ms).
      const [arrived5, page2] = [Date.parse(log[4]!.time), log[1]!];
      assert.ok(arrived5 < Date.parse(page2.time) + page2.durationMs, `page 5 arrived ${arrived5 - Date.parse(page2.time) - page2.durationMs} ms after page 2 was answered`);
    } finally {
      await fast.close();
      await slow.close();
    }
  });
});
