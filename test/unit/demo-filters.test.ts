import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { NORDIC_SUMMIT_EVENT_ID, SLICE_FILTER_PARAMS, type DemoServer, type DemoSlice } from '../../src/demo/index.ts';
import { allSliceIds, call, quietServer, slicesPath } from './helpers/demo-http.ts';

const EV = NORDIC_SUMMIT_EVENT_ID;
const DEFAULT = ['time_spent', 'sponsor', 'streamlink'];
const ids = (slices: DemoSlice[]): string[] => slices.map((s) => String(s.id));

describe('demo server: slice filters', () => {
  let server: DemoServer;
  let id: number;
  let all: DemoSlice[];
  const served = (query: Record<string, string | number> = {}): Promise<string[]> => allSliceIds(server, EV, id, query);
  const where = (p: (s: DemoSlice) => boolean, types = DEFAULT): string[] => ids(all.filter((s) => types.includes(s.trackingType) && p(s)));

  before(async () => {
    server = await quietServer();
    // The main-event attendee with the most slices, media clicks included.
    const attendees = server.data.attendeesByEvent.get(EV)!;
    id = attendees.map((a) => a.id).sort((a, b) => server.data.slicesByAttendee.get(b)!.length - server.data.slicesByAttendee.get(a)!.length)[0]!;
    all = server.data.slicesByAttendee.get(id)!;
    assert.ok(all.some((s) => s.trackingType === 'sponsor_media_click'));
  });
  after(() => server.close());

  it('returns the three default types without tracking_type, sorted by start time then id', async () => {
    const got = await served();
    assert.deepEqual(got, where(() => true));
    assert.ok(got.length < all.length);
    const byId = new Map(all.map((s) => [String(s.id), s]));
    for (let i = 1; i < got.length; i++) {
      const [a, b] = [byId.get(got[i - 1]!)!, byId.get(got[i]!)!];
      assert.ok(a.startMs < b.startMs || (a.startMs === b.startMs && a.id < b.id));
    }
  });

  it('takes tracking_type alone, as a comma list, repeated or with []', async () => {
    assert.deepEqual(await served({ tracking_type: 'time_spent' }), where(() => true, ['time_spent']));
    assert.deepEqual(await served({ tracking_type: 'sponsor_media_click' }), where(() => true, ['sponsor_media_click']));
    const two = where(() => true, ['sponsor', 'sponsor_media_click']);
    assert.deepEqual(await served({ tracking_type: 'sponsor,sponsor_media_click' }), two);
    const path = `${server.baseUrl}${slicesPath(EV, id)}`;
    const repeated = await call(server, `${path}?tracking_type=sponsor&tracking_type=sponsor_media_click&page[size]=500`);
    assert.deepEqual(repeated.json.data.map((r: { id: string }) => r.id), two);
    const brackets = await call(server, `${path}?tracking_type[]=sponsor&tracking_type[]=sponsor_media_click&page[size]=500`);
    assert.deepEqual(brackets.json.data.map((r: { id: string }) => r.id), two);
    assert.deepEqual(await served({ tracking_type: 'nonsense' }), []);
  });

  it('matches trackable_type exactly', async () => {
    assert.deepEqual(await served({ trackable_type: 'Sponsor' }), where((s) => s.trackableType === 'Sponsor'));
    assert.deepEqual(await served({ trackable_type: 'Streamlink' }), where((s) => s.trackableType === 'Streamlink'));
    assert.deepEqual(await served({ trackable_type: 'sponsor' }), []);
  });

  it('matches start_time, end_time, click_time and duration exactly', async () => {
    const pick = all.find((s) => s.trackingType === 'time_spent')!;
    assert.deepEqual(await served({ start_time: pick.startTime }), where((s) => s.startMs === pick.startMs));
    assert.ok((await served({ start_time: pick.startTime })).includes(String(pick.id)));
    const offset = new Date(pick.startMs + 2 * 3_600_000).toISOString().replace('Z', '+02:00');
    assert.deepEqual(await served({ start_time: offset }), await served({ start_time: pick.startTime }));
    assert.deepEqual(await served({ end_time: pick.endTime }), where((s) => s.endMs === pick.endMs));
    assert.deepEqual(await served({ start_time: new Date(pick.startMs + 1).toISOString() }), where((s) => s.startMs === pick.startMs + 1));
    const click = all.find((s) => s.clickTime !== null)!;
    const clickQuery = { click_time: click.clickTime!, tracking_type: 'sponsor_media_click,streamlink' };
    const clicked = await served(clickQuery);
    assert.ok(clicked.includes(String(click.id)));
    assert.deepEqual(clicked, where((s) => s.clickMs === click.clickMs, ['sponsor_media_click', 'streamlink']));
    assert.deepEqual(await served({ duration: pick.durationSeconds }), where((s) => s.durationSeconds === pick.durationSeconds));
  });

  it('bounds start_time and end_time inclusively, with either end open', async () => {
    const mid = all[Math.floor(all.length / 2)]!;
    const late = all[Math.floor((all.length * 3) / 4)]!;
    assert.deepEqual(await served({ start_from: mid.startTime }), where((s) => s.startMs >= mid.startMs));
    assert.ok((await served({ start_from: mid.startTime, tracking_type: mid.trackingType })).includes(String(mid.id)));
    assert.deepEqual(await served({ start_to: mid.startTime }), where((s) => s.startMs <= mid.startMs));
    assert.deepEqual(await served({ start_from: mid.startTime, start_to: late.startTime }), where((s) => s.startMs >= mid.startMs && s.startMs <= late.startMs));
    assert.deepEqual(await served({ end_from: mid.endTime }), where((s) => s.endMs >= mid.endMs));
    assert.deepEqual(await served({ end_to: mid.endTime }), where((s) => s.endMs <= mid.endMs));
    assert.deepEqual(await served({ end_from: mid.endTime, end_to: late.endTime, tracking_type: 'time_spent' }),
      where((s) => s.endMs >= mid.endMs && s.endMs <= late.endMs, ['time_spent']));
    assert.deepEqual(await served({ start_from: '2023-05-12', end_to: '2023-05-12T23:59:59.999Z' }),
      where((s) => s.startMs >= Date.parse('2023-05-12') && s.endMs <= Date.parse('2023-05-12T23:59:59.999Z')));
  });

  it('answers the presence query of Brella\'s example for the featured attendees', async () => {
    const [checkedIn, before, sponsorOnly, nothing] = server.data.featured.find((f) => f.eventId === EV)!.attendeeIds;
    const path = (a: number): string => `${slicesPath(EV, a)}?tracking_type=time_spent&start_from=2023-05-10T00:00:00.000Z`;
    const yes = await call(server, path(checkedIn!));
    assert.equal(yes.status, 200);
    assert.ok(yes.json.data.length > 0);
    for (const a of [before!, sponsorOnly!, nothing!]) {
      const no = await call(server, path(a));
      assert.equal(no.status, 204);
      assert.equal(no.text, '');
    }
    assert.ok((await call(server, slicesPath(EV, before!))).json.data.length > 0);
  });

  it('answers 400 naming the parameter for a bad timestamp or duration', async () => {
    for (const param of SLICE_FILTER_PARAMS.filter((p) => p.endsWith('_time') || p.endsWith('_from') || p.endsWith('_to'))) {
      const a = await call(server, slicesPath(EV, id), { query: { [param]: 'not-a-date' } });
      assert.equal(a.status, 400, param);
      assert.equal(a.json.errors[0].source.parameter, param);
      assert.match(a.json.errors[0].detail, new RegExp(param));
    }
    for (const duration of ['abc', '-5', '1.5']) {
      const a = await call(server, slicesPath(EV, id), { query: { duration } });
      assert.equal(a.status, 400);
      assert.equal(a.json.errors[0].source.parameter, 'duration');
    }
  });
});

describe('demo server: empty slice answers', () => {
  const empty = { tracking_type: 'time_spent', start_from: '2031-01-01T00:00:00.000Z' };
  async function statuses(emptyAs204: 'slices' | 'never' | 'alternate' | undefined): Promise<number[]> {
    const server = await quietServer(emptyAs204 ? { emptyAs204 } : {});
    try {
      const [, , , nothing] = server.data.featured[0]!.attendeeIds;
      const out: number[] = [];
      for (const [attendee, query] of [[nothing!, {}], [nothing!, empty], [server.data.featured[0]!.attendeeIds[0]!, empty], [nothing!, {}]] as const) {
        const a = await call(server, slicesPath(EV, attendee), { query });
        if (a.status === 200) assert.deepEqual(a.json.data, []);
        else assert.equal(a.text, '');
        out.push(a.status);
      }
      return out;
    } finally {
      await server.close();
    }
  }

  it('by default answers 204 for an empty filtered result and 200 data: [] without filters', async () => {
    assert.deepEqual(await statuses(undefined), [200, 204, 204, 200]);
  });

  it('can always answer 200, or alternate 204 and 200', async () => {
    assert.deepEqual(await statuses('never'), [200, 200, 200, 200]);
    assert.deepEqual(await statuses('alternate'), [204, 200, 204, 200]);
  });
});
