/**
 * Imported first by each view's main.ts, before any module builds a zod schema. The webview's CSP has no
 * 'unsafe-eval': zod would probe `new Function` (then fall back), and the probe is reported as a CSP
 * violation. jitless skips the probe; parsing is the same, only not compiled.
 */
import * as z from 'zod';

z.config({ jitless: true });
