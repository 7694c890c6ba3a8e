import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseSlicesMessage } from '../../src/features/slices/messages';

const malformed: Array<[string, unknown]> = [
  ['not an object', 'ready'],
  ['null', null],
  ['an unknown type', { type: 'eval', code: 'process.exit()' }],
  ['a command outside the list', { type: 'command', command: 'workbench.action.terminal.new' }],
  ['an export in another format', { type: 'export', format: 'exe', text: 'x', rows: 1 }],
  ['an export with negative rows', { type: 'export', format: 'csv', text: 'x', rows: -1 }],
  ['filters that are not form values', { type: 'run', filters: { start_from: { $gt: '' } } }],
  ['a time zone that is not offered', { type: 'timeZone', timeZone: 'Europe/Helsinki' }],
];

for (const [what, raw] of malformed) {
  test(`the slices panel host drops ${what} and logs it`, () => {
    const logged: string[] = [];
    assert.equal(parseSlicesMessage(raw, (m) => logged.push(m)), undefined);
    assert.equal(logged.length, 1);
    assert.match(logged[0], /^Ignored a message from the slices webview that does not fit the protocol: /);
  });
}

test('a message that fits the protocol is handed on as parsed, without a log line', () => {
  const logged: string[] = [];
  assert.deepEqual(parseSlicesMessage({ type: 'run', requestId: 7, filters: { tracking_type: ['time_spent'] } }, (m) => logged.push(m)), { type: 'run', requestId: 7, filters: { tracking_type: ['time_spent'] } });
  assert.deepEqual(parseSlicesMessage({ type: 'cancel' }, (m) => logged.push(m)), { type: 'cancel' });
  assert.deepEqual(logged, []);
});

test('the panel reads every webview message through the check', () => {
  const panel = readFileSync(path.resolve(__dirname, '..', '..', 'src', 'features', 'slices', 'panel.ts'), 'utf8');
  const handlers = [...panel.matchAll(/onDidReceiveMessage\(\(raw: unknown\) => void this\.(\w+)\(raw\)\)/g)].map((m) => m[1]);
  assert.ok(handlers.length > 0, 'the panel listens to its webview');
  for (const handler of handlers) {
    const body = panel.slice(panel.indexOf(`private async ${handler}(raw: unknown)`));
    assert.match(body.slice(0, 400), /parseSlicesMessage\(raw,/, `${handler} checks the message first`);
  }
});

test('the log line says in English what was wrong, and where', () => {
  const logged: string[] = [];
  parseSlicesMessage({ type: 'export', format: 'csv', text: 'x', rows: -1 }, (m) => logged.push(m));
  assert.doesNotMatch(logged[0]!, /: Invalid input/);
  assert.match(logged[0]!, /: Too small: expected number to be >=0 \(at rows\)$/);
});

test('a request the host may refuse must name itself', () => {
  for (const type of ['run', 'copyCurl', 'saveQuery'] as const) {
    assert.equal(parseSlicesMessage({ type, filters: {} }, () => undefined), undefined, `${type} without a requestId`);
    assert.equal(parseSlicesMessage({ type, requestId: 0, filters: {} }, () => undefined), undefined, `${type} with requestId 0`);
    assert.ok(parseSlicesMessage({ type, requestId: 1, filters: {} }, () => undefined), `${type} with requestId 1`);
  }
});
