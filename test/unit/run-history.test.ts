import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ATTENDEES_KEPT, RUNS_PER_ATTENDEE, RunHistory, STATE_KEY, type MementoLike } from '../../src/features/slices/history.ts';

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
