/**
 * cURL text for a request, for people to rerun it in a POSIX shell (bash, zsh, sh). The key is never written:
 * the key header always reads "$BRELLA_API_KEY", which the shell expands from the environment.
 */
import { API_KEY_HEADER, API_KEY_PLACEHOLDER } from './requests';

/** POSIX single-quoting: 'it'\''s'. */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/**
 * `curl --globoff '<url>' -H '<name>: <value>' …`, one header per line, every header given, in order.
 * The Brella-API-Access-Token header is written as '…: '"$BRELLA_API_KEY" whatever value it holds.
 */
export function toCurl(url: string, headers: Record<string, string>): string {
  const lines = [`curl --globoff ${shellQuote(url)}`];
  for (const [name, value] of Object.entries(headers)) {
    if (name.toLowerCase() === API_KEY_HEADER.toLowerCase()) {
      lines.push(`-H ${shellQuote(`${name}: `)}"${API_KEY_PLACEHOLDER}"`);
    } else {
      lines.push(`-H ${shellQuote(`${name}: ${value}`)}`);
    }
  }
  return lines.join(' \\\n  ');
}
