/** The one rule for what can be a Brella API key: the input box, the key store and the client all ask it. */

/** Why `key` cannot be a Brella API key, or undefined when it can. Never quotes the key. */
export function keyProblem(key: unknown): string | undefined {
  if (typeof key !== 'string' || key.length === 0) return 'Enter the API key (Brella admin panel → Integrations → API keys).';
  if (/\s/.test(key)) return 'An API key has no spaces or line breaks; check what was pasted.';
  if (/\p{Cc}/u.test(key)) return 'An API key has no control characters; check what was pasted.';
  return undefined;
}
