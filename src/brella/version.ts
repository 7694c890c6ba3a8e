import { version } from '../../package.json';

/** The extension's version, from package.json. */
export const VERSION: string = version;

/** Sent on every request: Brella sits behind Cloudflare, which answers 403 to default library user agents. */
export const DEFAULT_USER_AGENT = `brella-explorer/${VERSION}`;
