/**
 * The webviews' texts in the UI language (webview/shared/l10n.ts): the host embeds VS Code's l10n bundle in the page
 * as a JSON data block (src/protocol/l10n.ts), escaped so that no message can end the element; t() reads it once, looks
 * the English message up (the message itself when the bundle has none) and fills in `{0}`, `{1}`, … as
 * vscode.l10n.t does. No DOM: the page is a stand-in `document` with the one element t() reads.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { webviewHtml } from '../../src/features/kit/webview-html';
import { bundleScript, L10N_BUNDLE_ID, withBundle, type L10nBundle } from '../../src/protocol/l10n';
import { format, parseBundle, t } from '../../webview/shared/l10n';

const GERMAN: L10nBundle = {
  'Run': 'Ausführen',
  '{0} rows': '{0} Zeilen',
  'Slices · {0} · {1}': 'Slices · {1} · {0}',
  'Close the details (Escape)': 'Details schließen (Esc)',
  '</script><script>alert(1)</script>': '<!-- & --> \u2028 \u2029 </SCRIPT',
};

/** The JSON between the data block's tags. */
const content = (script: string): string => /^<script [^>]*>([\s\S]*)<\/script>$/.exec(script)?.[1] ?? assert.fail(`not one script element: ${script}`);

describe('formatting and lookup', () => {
  test('fills {0}, {1}, … in order of the arguments, numbers as text, each as often as it appears', () => {
    assert.equal(format({}, '{0} of {1} rows', [3, '6 000']), '3 of 6 000 rows');
    assert.equal(format({}, '{1} before {0}, {0} again', ['a', 'b']), 'b before a, a again');
    assert.equal(format({}, 'page {0} · {1}', [12, 'slices']), 'page 12 · slices');
  });

  test('leaves a placeholder without an argument, and a message without arguments, as they are', () => {
    assert.equal(format({}, '{0} and {2}', ['x', 'y']), 'x and {2}');
    assert.equal(format({}, 'Literal {0} and {name}', []), 'Literal {0} and {name}');
    assert.equal(format({}, '{name} and {0}', ['x']), '{name} and x');
  });

  test('an argument is never read as a pattern', () => {
    assert.equal(format({}, 'Saved "{0}"', ['$& $1 $$ {1}']), 'Saved "$& $1 $$ {1}"');
  });

  test('looks the English message up in the bundle, and fills the translation', () => {
    assert.equal(format(GERMAN, 'Run', []), 'Ausführen');
    assert.equal(format(GERMAN, '{0} rows', [5]), '5 Zeilen');
    assert.equal(format(GERMAN, 'Slices · {0} · {1}', ['Ada', 'Summit']), 'Slices · Summit · Ada');
  });

  test('falls back to the message: not in the bundle, not a text there, or a key every object has', () => {
    assert.equal(format(GERMAN, 'Cancel', []), 'Cancel');
    assert.equal(format(GERMAN, '{0} slices', [2]), '2 slices');
    assert.equal(format({ Run: 42, Stop: null } as object, 'Run', []), 'Run');
    assert.equal(format({ Run: 42, Stop: null } as object, 'Stop', []), 'Stop');
    for (const key of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) assert.equal(format({}, key, []), key);
  });

  test('a page without a bundle, or with one that is not JSON or not an object, gives an empty bundle', () => {
    for (const json of [undefined, null, '', '{', 'null', '42', '"Run"', 'true']) assert.equal(format(parseBundle(json), 'Run', []), 'Run', String(json));
    assert.equal(format(parseBundle('["Ausführen"]'), 'Run', []), 'Run');
    assert.equal(format(parseBundle('{"Run":"Ausführen"}'), 'Run', []), 'Ausführen');
  });
});

describe('the bundle in the page', () => {
  test('is a JSON data block with its id and the nonce, and nothing when there is no bundle', () => {
    const script = bundleScript({ Run: 'Ausführen' }, 'abc123');
    assert.equal(script, `<script type="application/json" id="${L10N_BUNDLE_ID}" nonce="abc123">{"Run":"Ausführen"}</script>`);
    assert.equal(bundleScript(undefined, 'abc123'), '');
    assert.equal(bundleScript({}, 'abc123'), '');
  });

  test('escapes what could end the element or open a comment, and reads back as the same bundle', () => {
    const json = content(bundleScript(GERMAN, 'n'));
    assert.doesNotMatch(json, /[<>&\u2028\u2029]/);
    assert.ok(!/<\/script/i.test(json) && !json.includes('<!--'));
    assert.match(json, /\\u003c\/script\\u003e/);
    assert.deepEqual(JSON.parse(json), GERMAN);
    assert.deepEqual(parseBundle(json), GERMAN);
  });

  test('goes in the head, before the view\'s script, and leaves the page and its CSP as they were', () => {
    const page = webviewHtml({ cspSource: 'https://x.vscode-cdn.net', scriptUri: 'https://x/slices.js', styleUri: 'https://x/slices.css', view: 'slices', title: 'Slices', nonce: 'abc123' });
    assert.equal(withBundle(page, undefined, 'abc123'), page);
    const html = withBundle(page, { 'Saved "{0}"': 'Gespeichert $& $1 "{0}"' }, 'abc123');
    const block = bundleScript({ 'Saved "{0}"': 'Gespeichert $& $1 "{0}"' }, 'abc123');
    assert.equal(html, page.replace('</head>', `${block}\n</head>`));
    assert.ok(html.indexOf(block) < html.indexOf('</head>') && html.indexOf('</head>') < html.indexOf('<script nonce="abc123" src='));
    const csp = (h: string): string | undefined => /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(h)?.[1];
    assert.equal(csp(html), csp(page));
    assert.doesNotMatch(csp(html) ?? '', /unsafe-inline/);
  });
});

describe('t() in a page', () => {
  test('reads the page\'s bundle once, on its first call, and translates with it', () => {
    let reads = 0;
    const json = content(bundleScript(GERMAN, 'n'));
    const page = { getElementById: (id: string) => (reads++, id === L10N_BUNDLE_ID ? { textContent: json } : null) };
    Object.assign(globalThis, { document: page });
    try {
      assert.equal(t('Run'), 'Ausführen');
      assert.equal(t('{0} rows', 7), '7 Zeilen');
      assert.equal(t('Cancel'), 'Cancel');
      assert.equal(t('{0} of {1}', 1, 2), '1 of 2');
      assert.equal(t('</script><script>alert(1)</script>'), GERMAN['</script><script>alert(1)</script>']);
      Object.assign(globalThis, { document: { getElementById: () => ({ textContent: '{"Run":"Courir"}' }) } });
      assert.equal(t('Run'), 'Ausführen', 'the bundle is read once');
      assert.equal(reads, 1);
    } finally {
      delete (globalThis as { document?: unknown }).document;
    }
  });
});
