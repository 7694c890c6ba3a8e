import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { NORDIC_SUMMIT_EVENT_ID, type DemoServer } from '../../src/demo/index.ts';
import { call, quietServer, slicesPath } from './helpers/demo-http.ts';

const ATTENDEES = `/organizations/1001/events/${NORDIC_SUMMIT_EVENT_ID}/attendees`;

describe('demo server: paging', () => {
  let server: DemoServer;
  before(async () => {
    server = await quietServer({ attendeeCount: 1203, largeAttendee: 1500 });
  });
  after(() => server.close());
  const total = 1204;

  it('defaults to 50 per page with consistent meta and absolute links', async () => {
    const a = await call(server, ATTENDEES);
    assert.equal(a.json.data.length, 50);
    assert.deepEqual(a.json.meta, { total_pages: Math.ceil(total / 50), total_count: total, current_page: 1, page_size: 50 });
    const { links } = a.json;
    assert.equal(links.self, `${server.baseUrl}${ATTENDEES}?page[number]=1&page[size]=50`);
    assert.equal(links.first, links.self);
    assert.equal(links.last, `${server.baseUrl}${ATTENDEES}?page[number]=25&page[size]=50`);
    assert.equal(links.next, `${server.baseUrl}${ATTENDEES}?page[number]=2&page[size]=50`);
    assert.equal(links.prev, undefined);
  });

  it('clamps page[size] to 500', async () => {
    const a = await call(server, ATTENDEES, { query: { 'page[size]': 10_000 } });
    assert.equal(a.status, 200);
    assert.equal(a.json.data.length, 500);
    assert.equal(a.json.meta.page_size, 500);
    assert.equal(a.json.meta.total_pages, 3);
    assert.match(a.json.links.next, /page\[size\]=500/);
  });

  it('follows links.next through every page, without gaps or repeats', async () => {
    const ids: string[] = [];
    let next: string | undefined = `${server.baseUrl}${ATTENDEES}?page[size]=500`;
    let pages = 0;
    while (next) {
      const a = await call(server, next);
      pages++;
      assert.equal(a.json.meta.current_page, pages);
      if (pages > 1) assert.match(a.json.links.prev, new RegExp(`page\\[number\\]=${pages - 1}&`));
      ids.push(...a.json.data.map((r: { id: string }) => r.id));
      next = a.json.links.next;
    }
    assert.equal(pages, 3);
    assert.equal(new Set(ids).size, total);
    assert.deepEqual(ids, server.data.attendeesByEvent.get(NORDIC_SUMMIT_EVENT_ID)!.map((x) => String(x.id)));
  });

  it('answers data: [] past the end, still with meta and links', async () => {
    const a = await call(server, ATTENDEES, { query: { 'page[size]': 500, 'page[number]': 9 } });
    assert.equal(a.status, 200);
    assert.deepEqual(a.json.data, []);
    assert.equal(a.json.meta.total_count, total);
    assert.equal(a.json.links.next, undefined);
    assert.match(a.json.links.prev, /page\[number\]=3&/);
  });

  it('answers 400 to invalid page parameters, naming them', async () => {
    for (const [name, value] of [['page[size]', '0'], ['page[size]', 'ten'], ['page[number]', '0'], ['page[number]', '-1'], ['page[number]', '1.5']] as const) {
      const a = await call(server, ATTENDEES, { query: { [name]: value } });
      assert.equal(a.status, 400, `${name}=${value}`);
      assert.equal(a.json.errors[0].status, '400');
      assert.equal(a.json.errors[0].source.parameter, name);
    }
  });

  it('pages slices, keeping the filters in the links', async () => {
    const query = { tracking_type: 'time_spent,sponsor', start_from: '2023-05-10T00:00:00.000Z', 'page[size]': 100 };
    const a = await call(server, slicesPath(NORDIC_SUMMIT_EVENT_ID, server.data.largeAttendeeId!), { query });
    const expected = server.data.expectedSlices(NORDIC_SUMMIT_EVENT_ID, server.data.largeAttendeeId!, query);
    assert.equal(a.json.meta.total_count, expected.length);
    assert.equal(a.json.meta.total_pages, Math.ceil(expected.length / 100));
    assert.ok(a.json.links.next.includes('tracking_type=time_spent,sponsor&start_from=2023-05-10T00:00:00.000Z'));
    const second = await call(server, a.json.links.next);
    assert.deepEqual(second.json.data.map((r: { id: string }) => r.id), expected.slice(100, 200).map((s) => String(s.id)));
  });

  it('pages events and sessions too, with an empty list as total_pages 0', async () => {
    const events = await call(server, '/organizations/1001/events', { query: { 'page[size]': 3, 'page[number]': 2 } });
    assert.deepEqual(events.json.data.map((e: { id: string }) => e.id), ['5004']);
    assert.deepEqual(events.json.meta, { total_pages: 2, total_count: 4, current_page: 2, page_size: 3 });
    const nothing = server.data.featured[0]!.attendeeIds[3]!;
    const sessions = await call(server, `${ATTENDEES}/${nothing}/tracking_sessions`);
    assert.equal(sessions.status, 200);
    assert.deepEqual(sessions.json.data, []);
    assert.equal(sessions.json.meta.total_pages, 0);
    assert.equal(sessions.json.links.next, undefined);
  });
});
