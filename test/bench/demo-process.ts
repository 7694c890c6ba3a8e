// The local Brella in a process of its own (scripts/demo-server.ts), so a benchmark's own memory and timing
// are not mixed with the server's.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..');

export interface DemoProcess { child: ChildProcess; baseUrl: string; origin: string }

/** Starts `npm run demo-server` with these arguments (`--latency`, `--rps`, `--large`, `--attendees`, `--key`) and waits for its URL. */
export async function startDemoProcess(args: string[]): Promise<DemoProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', 'demo-server.ts'), ...args],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  const baseUrl = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /base URL:\s+(\S+)/.exec(out);
      if (match) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`demo server exited with ${code}`)));
  });
  return { child, baseUrl, origin: new URL(baseUrl).origin };
}
