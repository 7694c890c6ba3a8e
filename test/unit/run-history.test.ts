import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ATTENDEES_KEPT, RUNS_PER_ATTENDEE, RunHistory, STATE_KEY, describeRun, recentRuns, type MementoLike } from '../../src/features/slices/history.ts';

const FAKE_KEY = 'sk_live_FAKE_KEY_history_0123456789';

/** An in-memory memento that stores what it is given as JSON, as VS Code does. */
class Memory implements MementoLike {
  readonly values = new Map<string, string>();
  get<T>(key: string): T | undefined {
    const raw = this.values.get(key);
    return raw === undefined ? undefined : (JSON.parse(raw) as T);
  }
  update(key: string, value: unknown): Promise<void> {
    if (value === undefined) this.values.delete(key);
    else this.values.set(key, JSON.stringify(value));
    return Promise.resolve();
  }
  text(): string {
    return [...this.values.values()].join('\n');
  }
}

const target = { organizationId: 1001, eventId: 5001, attendeeId: 100001 };
const at = (minute: number) => new Date(Date.UTC(2024, 0, 1, 12, minute)).toISOString();

describe('recent runs per attendee', () => {
  test('newest first, with filters, row count and time', async () => {
    const history = new RunHistory(new Memory());
    await history.record(target, { filters: { tracking_type: 'time_spent' }, rows: 12, at: at(1) });
    await history.record(target, { filters: { tracking_type: 'sponsor' }, rows: 3, at: at(2) });
    assert.deepEqual(history.list(target), [
      { filters: { tracking_type: 'sponsor' }, rows: 3, at: at(2) },
      { filters: { tracking_type: 'time_spent' }, rows: 12, at: at(1) },
    ]);
    assert.deepEqual(history.list({ ...target, attendeeId: 100002 }), []);
  });

  test('the same filters again move to the top instead of repeating', async () => {
    const history = new RunHistory(new Memory());
    await history.record(target, { filters: { tracking_type: 'time_spent', start_from: '2023-05-10' }, rows: 1, at: at(1) });
    await history.record(target, { filters: { tracking_type: 'sponsor' }, rows: 2, at: at(2) });
    await history.record(target, { filters: { start_from: '2023-05-10', tracking_type: 'time_spent' }, rows: 5, at: at(3) });
    assert.deepEqual(history.list(target).map((e) => e.rows), [5, 2]);
  });

  test(`at most ${RUNS_PER_ATTENDEE} per attendee, the oldest dropped`, async () => {
    const memory = new Memory();
    const history = new RunHistory(memory);
    for (let i = 0; i < RUNS_PER_ATTENDEE + 5; i++) await history.record(target, { filters: { duration: i }, rows: i, at: at(i) });
    const list = history.list(target);
    assert.equal(list.length, RUNS_PER_ATTENDEE);
    assert.equal(list[0]!.rows, RUNS_PER_ATTENDEE + 4);
    assert.equal(list.at(-1)!.rows, 5);
    assert.equal(memory.get<Record<string, unknown[]>>(STATE_KEY)!['1001/5001/100001']!.length, RUNS_PER_ATTENDEE);
  });

  test(`at most ${ATTENDEES_KEPT} attendees, the least recently run forgotten`, async () => {
    const memory = new Memory();
    const history = new RunHistory(memory);
    for (let i = 0; i <= ATTENDEES_KEPT; i++) await history.record({ ...target, attendeeId: i + 1 }, { filters: {}, rows: i, at: at(0) });
    assert.deepEqual(history.list({ ...target, attendeeId: 1 }), []);
    assert.equal(history.list({ ...target, attendeeId: 2 }).length, 1);
    assert.equal(Object.keys(memory.get<object>(STATE_KEY)!).length, ATTENDEES_KEPT);
  });

  test('never stores the key, headers or anything but slice filters', async () => {
    const memory = new Memory();
    const history = new RunHistory(memory);
    const entry = {
      filters: { tracking_type: 'time_spent', apiKey: FAKE_KEY, 'Brella-API-Access-Token': FAKE_KEY, headers: { key: FAKE_KEY }, trackable_type: { k: FAKE_KEY } },
      rows: 4, at: at(1), key: FAKE_KEY, headers: { 'Brella-API-Access-Token': FAKE_KEY },
    };
    const stored = await history.record(target, entry as never);
    assert.deepEqual(stored, { filters: { tracking_type: 'time_spent' }, rows: 4, at: at(1) });
    assert.ok(!memory.text().includes('FAKE_KEY'), memory.text());
  });

  test('a damaged store reads as empty or keeps only its good entries', async () => {
    const memory = new Memory();
    await memory.update(STATE_KEY, 'nonsense');
    assert.deepEqual(new RunHistory(memory).list(target), []);
    await memory.update(STATE_KEY, { '1001/5001/100001': [{ filters: {}, rows: -1, at: 'x' }, { filters: { duration: 5 }, rows: 1, at: at(1) }, null] });
    assert.deepEqual(new RunHistory(memory).list(target), [{ filters: { duration: 5 }, rows: 1, at: at(1) }]);
  });

  test('clear forgets one attendee or all', async () => {
    const memory = new Memory();
    const history = new RunHistory(memory);
    await history.record(target, { filters: {}, rows: 1, at: at(1) });
    await history.record({ ...target, attendeeId: 2 }, { filters: {}, rows: 1, at: at(1) });
    await history.clear(target);
    assert.deepEqual(history.list(target), []);
    assert.equal(history.list({ ...target, attendeeId: 2 }).length, 1);
    await history.clear();
    assert.equal(memory.values.size, 0);
  });
});

describe('recent runs across every attendee', () => {
  const other = { organizationId: 2002, eventId: 6001, attendeeId: 200002 };

  test('every organization, event and attendee, most recent first, with whose run it was', async () => {
    const memory = new Memory();
    const history = new RunHistory(memory);
    await history.record(target, { filters: { tracking_type: 'time_spent' }, rows: 1, at: at(1) });
    await history.record(other, { filters: { tracking_type: 'sponsor' }, rows: 2, at: at(3) });
    await history.record({ ...target, attendeeId: 100002 }, { filters: {}, rows: 3, at: at(2) });
    await history.record(target, { filters: { duration: 60 }, rows: 4, at: at(4) });
    assert.deepEqual(recentRuns(memory), [
      { target, entry: { filters: { duration: 60 }, rows: 4, at: at(4) } },
      { target: other, entry: { filters: { tracking_type: 'sponsor' }, rows: 2, at: at(3) } },
      { target: { ...target, attendeeId: 100002 }, entry: { filters: {}, rows: 3, at: at(2) } },
      { target, entry: { filters: { tracking_type: 'time_spent' }, rows: 1, at: at(1) } },
    ]);
  });

  test('at most `limit` runs, 100 by default', async () => {
    const memory = new Memory();
    const history = new RunHistory(memory);
    for (let a = 0; a < 8; a++) {
      for (let i = 0; i < RUNS_PER_ATTENDEE; i++) await history.record({ ...target, attendeeId: a + 1 }, { filters: { duration: i }, rows: i, at: at(i) });
    }
    assert.equal(recentRuns(memory).length, 100);
    assert.deepEqual(recentRuns(memory, 3).map((r) => r.entry.rows), [RUNS_PER_ATTENDEE - 1, RUNS_PER_ATTENDEE - 1, RUNS_PER_ATTENDEE - 1]);
    assert.deepEqual(recentRuns(memory, 0), []);
  });

  test('runs at the same instant: the attendee run most recently comes first', async () => {
    const memory = new Memory();
    const history = new RunHistory(memory);
    await history.record(target, { filters: {}, rows: 1, at: at(5) });
    await history.record(other, { filters: {}, rows: 2, at: at(5) });
    assert.deepEqual(recentRuns(memory).map((r) => r.entry.rows), [2, 1]);
  });

  test('nothing run, a damaged store or keys it did not write read as no runs; ids read back as written', async () => {
    const memory = new Memory();
    assert.deepEqual(recentRuns(memory), []);
    await memory.update(STATE_KEY, 'nonsense');
    assert.deepEqual(recentRuns(memory), []);
    const good = { filters: { duration: 5 }, rows: 1, at: at(1) };
    await memory.update(STATE_KEY, { 'x': [good], '1/2': [good], '1//3': [good], '1/2/3/4': [good], 'org/7/0042': [good, { rows: -1 }] });
    assert.deepEqual(recentRuns(memory), [{ target: { organizationId: 'org', eventId: 7, attendeeId: '0042' }, entry: good }]);
  });

  test('reads the store without changing it', async () => {
    const memory = new Memory();
    await new RunHistory(memory).record(target, { filters: { tracking_type: 'time_spent' }, rows: 1, at: at(1) });
    const before = memory.text();
    recentRuns(memory);
    assert.equal(memory.text(), before);
  });
});

describe('how Open Recent Query… describes a run', () => {
  const now = new Date(Date.UTC(2024, 0, 3, 12, 0));

  test('its filters, its row count and how long ago', () => {
    assert.deepEqual(describeRun({ filters: { tracking_type: ['time_spent', 'sponsor'], start_from: '2023-05-10', duration: 60 }, rows: 12345, at: at(0) }, now), {
      what: 'tracking_type time_spent,sponsor · start_from 2023-05-10 · duration 60', rows: '12,345 rows', ago: '2 days ago',
    });
    assert.deepEqual(describeRun({ filters: {}, rows: 1, at: new Date(now.getTime() - 90 * 60_000).toISOString() }, now), { what: 'no filters', rows: '1 row', ago: '1 h ago' });
  });

  test('long filters are cut to the length asked for', () => {
    const { what } = describeRun({ filters: { trackable_type: 'x'.repeat(150) }, rows: 0, at: at(0) }, now, 40);
    assert.equal(what.length, 40);
    assert.ok(what.endsWith('…'));
  });

  test('how long ago, from just now to days', () => {
    const ago = (ms: number) => describeRun({ filters: {}, rows: 0, at: new Date(now.getTime() - ms).toISOString() }, now).ago;
    assert.equal(ago(-5_000), 'just now', 'a clock a little ahead');
    assert.equal(ago(30_000), 'just now');
    assert.equal(ago(5 * 60_000), '5 min ago');
    assert.equal(ago(23 * 3_600_000), '23 h ago');
    assert.equal(ago(25 * 3_600_000), '1 day ago');
    assert.equal(ago(10 * 86_400_000), '10 days ago');
  });
});
