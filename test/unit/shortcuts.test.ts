import assert from 'node:assert/strict';
import { test } from 'node:test';
import { shortcutLabel, shortcutOf } from '../../src/protocol/shortcuts';

const key = (over: Partial<Parameters<typeof shortcutOf>[0]>) => ({ key: '', code: '', ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...over });

test('Ctrl (Cmd on macOS) with Enter, F or Shift+C are the shortcuts; anything else is not', () => {
  assert.equal(shortcutOf(key({ key: 'Enter', ctrlKey: true }), false), 'run');
  assert.equal(shortcutOf(key({ key: 'f', code: 'KeyF', ctrlKey: true }), false), 'focusFilter');
  assert.equal(shortcutOf(key({ key: 'C', code: 'KeyC', ctrlKey: true, shiftKey: true }), false), 'copyCurl');
  assert.equal(shortcutOf(key({ key: 'Enter', metaKey: true }), true), 'run');
  assert.equal(shortcutOf(key({ key: 'Enter', ctrlKey: true }), true), undefined, 'Ctrl is not Cmd on macOS');
  assert.equal(shortcutOf(key({ key: 'c', code: 'KeyC', ctrlKey: true }), false), undefined, 'Ctrl+C is copy');
  assert.equal(shortcutOf(key({ key: 'F', code: 'KeyF', ctrlKey: true, shiftKey: true }), false), undefined);
  assert.equal(shortcutOf(key({ key: 'Enter', ctrlKey: true, altKey: true }), false), undefined);
  assert.equal(shortcutOf(key({ key: 'Enter' }), false), undefined);
  // A keyboard layout that puts another letter on the key: the key's own letter counts.
  assert.equal(shortcutOf(key({ key: 'f', ctrlKey: true }), false), 'focusFilter');
});

test('labels for tooltips', () => {
  assert.equal(shortcutLabel('copyCurl', false), 'Ctrl+Shift+C');
  assert.equal(shortcutLabel('run', true), 'Cmd+Enter');
});
