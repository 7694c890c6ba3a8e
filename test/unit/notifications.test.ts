/**
 * Notifications turn [text](command:…) into links, so every message that is not a fixed text goes through
 * notificationText() (src/explorer/markup.ts). This test reads the adapters' source and names each call that does not.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const src = path.resolve(__dirname, '..', '..', 'src');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
}

/** The source text of the first argument of the call whose "(" is at `open`. */
function firstArgument(text: string, open: number): string {
  let depth = 0;
  for (let i = open + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '\'' || c === '"' || c === '`') {
      // Skip the string; a template's ${…} may hold anything but its braces balance.
      for (i++; i < text.length && text[i] !== c; i++) {
        if (text[i] === '\\') i++;
        else if (c === '`' && text[i] === '$' && text[i + 1] === '{') {
          let braces = 0;
          for (; i < text.length; i++) {
            if (text[i] === '{') braces++;
            else if (text[i] === '}' && --braces === 0) break;
          }
        }
      }
    } else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) {
      if (depth === 0) return text.slice(open + 1, i).trim();
      depth--;
    } else if (c === ',' && depth === 0) return text.slice(open + 1, i).trim();
  }
  throw new Error('unbalanced call');
}

const fixed = (arg: string): boolean => /^'[^'\\]*'$|^"[^"\\]*"$|^`[^`$\\]*`$/.test(arg);

test('every notification that shows a text not written here goes through notificationText()', () => {
  const unescaped: string[] = [];
  let calls = 0;
  for (const file of [...files(path.join(src, 'views')), path.join(src, 'extension.ts')]) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/\bshow(?:Error|Warning|Information)Message\s*\(/g)) {
      calls++;
      const arg = firstArgument(text, match.index + match[0].length - 1);
      if (!fixed(arg) && !/^notificationText\(/.test(arg)) unescaped.push(`${path.relative(src, file)}: ${arg}`);
    }
  }
  assert.ok(calls > 10, `found ${calls} calls`);
  assert.deepEqual(unescaped, []);
});

test('the reader of first arguments', () => {
  const at = (s: string) => firstArgument(s, s.indexOf('('));
  assert.equal(at("f('a, b', 'Show Log')"), "'a, b'");
  assert.equal(at('f(`x ${g(1, [2, 3])} y`, z)'), '`x ${g(1, [2, 3])} y`');
  assert.equal(at('f(notificationText(`a ${b}`), { modal: true })'), 'notificationText(`a ${b}`)');
  assert.equal(at('f((error as Error).message)'), '(error as Error).message');
  assert.ok(fixed("'No Brella organization is configured yet.'"));
  assert.ok(!fixed('`Removed ${label}`'));
});
