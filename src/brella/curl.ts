/**
 * Texts that rerun a request outside the extension: cURL (POSIX shells: bash, zsh, sh), PowerShell, and
 * JavaScript `fetch` (Node.js 18+). The key is never written: each text reads it from the environment variable
 * BRELLA_API_KEY ("$BRELLA_API_KEY", $env:BRELLA_API_KEY, process.env.BRELLA_API_KEY), whatever value the
 * description's key header holds. The URL is written exactly as the client sends it.
 */
import { API_KEY_HEADER, API_KEY_PLACEHOLDER, type RequestDescription } from './requests';

export type CopyFormat = 'curl' | 'powershell' | 'fetch';
export const COPY_FORMATS: readonly CopyFormat[] = ['curl', 'powershell', 'fetch'];
export const COPY_FORMAT_LABELS: Readonly<Record<CopyFormat, string>> = {
  curl: 'cURL (bash, zsh, sh)',
  powershell: 'PowerShell',
  fetch: 'JavaScript fetch (Node.js)',
};

const isKeyHeader = (name: string): boolean => name.toLowerCase() === API_KEY_HEADER.toLowerCase();

/** POSIX single-quoting: 'it'\''s'. */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** PowerShell single-quoting (verbatim, nothing expanded): 'it''s'. */
export function powerShellQuote(text: string): string {
  return `'${text.replace(/['\u2018\u2019\u201a\u201b]/g, (q) => q + q)}'`;
}

/**
 * `curl --globoff '<url>' -H '<name>: <value>' …`, one header per line, every header given, in order.
 * The Brella-API-Access-Token header is written as '…: '"$BRELLA_API_KEY" whatever value it holds.
 */
export function toCurl(url: string, headers: Record<string, string>): string {
  const lines = [`curl --globoff ${shellQuote(url)}`];
  for (const [name, value] of Object.entries(headers)) {
    if (isKeyHeader(name)) {
      lines.push(`-H ${shellQuote(`${name}: `)}"${API_KEY_PLACEHOLDER}"`);
    } else {
      lines.push(`-H ${shellQuote(`${name}: ${value}`)}`);
    }
  }
  return lines.join(' \\\n  ');
}

/**
 * Invoke-WebRequest (Windows PowerShell 5.1 and PowerShell 7), printing the response body. User-Agent and
 * Content-Type go through their own parameters (5.1 refuses them in -Headers); the key is $env:BRELLA_API_KEY.
 */
export function toPowerShell(url: string, headers: Record<string, string>): string {
  const table: string[] = [];
  const params: string[] = [];
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (isKeyHeader(name)) table.push(`  ${powerShellQuote(name)} = $env:BRELLA_API_KEY`);
    else if (lower === 'user-agent') params.push(`-UserAgent ${powerShellQuote(value)}`);
    else if (lower === 'content-type') params.push(`-ContentType ${powerShellQuote(value)}`);
    else table.push(`  ${powerShellQuote(name)} = ${powerShellQuote(value)}`);
  }
  return [
    '$headers = @{',
    ...table,
    '}',
    `(Invoke-WebRequest -UseBasicParsing -Method Get -Uri ${powerShellQuote(url)} -Headers $headers${params.map((p) => ` ${p}`).join('')}).Content`,
  ].join('\n');
}

/** `fetch` for Node.js 18+ (an ES module, for its top-level await), printing the JSON body; key from process.env. */
export function toFetch(url: string, headers: Record<string, string>): string {
  const lines = Object.entries(headers).map(([name, value]) =>
    `    ${JSON.stringify(name)}: ${isKeyHeader(name) ? 'process.env.BRELLA_API_KEY' : JSON.stringify(value)},`,
  );
  return [
    `const response = await fetch(${JSON.stringify(url)}, {`,
    '  method: "GET",',
    '  headers: {',
    ...lines,
    '  },',
    '});',
    'const body = await response.text();',
    'if (!response.ok) console.error(`Brella answered ${response.status} ${response.statusText}`);',
    'console.log(body);',
  ].join('\n');
}

/** The request as text to paste into a shell or a script, in the format asked for. */
export function copyAsText(request: RequestDescription, format: CopyFormat): string {
  switch (format) {
    case 'curl':
      return toCurl(request.url, request.headers);
    case 'powershell':
      return toPowerShell(request.url, request.headers);
    case 'fetch':
      return toFetch(request.url, request.headers);
  }
}
