/**
 * Imported first by extension.ts, so it runs before the rest of the bundle: the moment the extension's code
 * began to run, for the "activated in N ms" log line (load of the other modules plus activate()).
 */
export const loadStarted = performance.now();
