/**
 * Imported first by each view's main.ts, before any module builds a zod schema. The webview's CSP has no
 * 'unsafe-eval'. The views' schemas (zod/mini) never compile a parser, but zod's compiled objects would probe
 * `new Function` (then fall back), and the probe is reported as a CSP violation: jitless rules the probe out
 * for any schema, should one that compiles ever reach a view. Parsing is the same, only not compiled.
 */
import * as z from 'zod/mini';

z.config({ jitless: true });
