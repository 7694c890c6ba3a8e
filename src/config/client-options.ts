/**
 * The numeric `brella.*` settings and what the Brella clients are built with, read and checked without VS Code:
 * settings.ts hands in what `WorkspaceConfiguration.inspect()` returned and whether the workspace is trusted.
 *
 * - A bad value is reported by its path (`brella.requestsPerSecond (workspace) must be …`) and the default is
 *   used; nothing is clamped silently.
 * - In an untrusted workspace, the settings that decide how hard the user's key is used (and how much the demo
 *   generates) are read from user settings and defaults only: a cloned repository cannot raise them.
 */
import { checkBaseUrl } from './base-url';

/** What the Brella clients are built with, from `brella.*` and VS Code's `http.proxy*` settings. */
export interface ClientOptions {
  /** The checked base URL, or the error that explains why the setting is refused. */
  baseUrl: string | Error;
  requestsPerSecond: number;
  maxConcurrentRequests: number;
  pageSize: number;
  /** How long one HTTP exchange may take (brella.requestTimeoutSeconds). */
  timeoutMs: number;
  proxyUrl: string | undefined;
  proxyStrictSSL: boolean;
}

/** What VS Code's `inspect()` returns for one setting (the scopes this extension reads). */
export interface Inspected {
  defaultValue?: unknown;
  globalValue?: unknown;
  workspaceValue?: unknown;
  workspaceFolderValue?: unknown;
}

export interface NumberSetting {
  /** The key under `brella.`. */
  key: string;
  min: number;
  max: number;
  integer: boolean;
  fallback: number;
  /** Read from user settings and defaults only when the workspace is not trusted. */
  restricted: boolean;
}

/** The numeric settings, with the limits package.json declares (a unit test keeps the two equal). */
export const NUMBER_SETTINGS = {
  requestsPerSecond: { key: 'requestsPerSecond', min: 0.1, max: 50, integer: false, fallback: 10, restricted: true },
  maxConcurrentRequests: { key: 'maxConcurrentRequests', min: 1, max: 32, integer: true, fallback: 6, restricted: true },
  pageSize: { key: 'pageSize', min: 1, max: 500, integer: true, fallback: 500, restricted: true },
  requestTimeoutSeconds: { key: 'requestTimeoutSeconds', min: 5, max: 600, integer: false, fallback: 30, restricted: false },
  largeAttendeeSlices: { key: 'demo.largeAttendeeSlices', min: 0, max: 500_000, integer: true, fallback: 0, restricted: true },
} as const satisfies Record<string, NumberSetting>;

/** Every `brella.*` setting an untrusted workspace may not set (package.json's restrictedConfigurations). */
export const RESTRICTED_SETTINGS: readonly string[] = [
  'brella.organizations',
  ...Object.values(NUMBER_SETTINGS).filter((s: NumberSetting) => s.restricted).map((s) => `brella.${s.key}`),
];

/** The settings whose change rebuilds the clients; any other change (e.g. brella.timeZone) leaves them alone. */
export const CONNECTION_SETTINGS: readonly string[] = [
  'brella.apiBaseUrl', 'brella.requestsPerSecond', 'brella.maxConcurrentRequests', 'brella.pageSize',
  'brella.requestTimeoutSeconds', 'http.proxy', 'http.proxyStrictSSL',
];

/** Whether a configuration change (VS Code's `affectsConfiguration`) touches the clients' connections. */
export function touchesConnection(affects: (section: string) => boolean): boolean {
  return CONNECTION_SETTINGS.some((section) => affects(section));
}

function formatNumber(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

/**
 * The value of one numeric setting: the innermost scope that sets it (folder, workspace, user), or only the
 * user's when the setting is restricted and the workspace is not trusted. A bad value adds a problem naming
 * the setting and its scope, and the default is used.
 */
export function readNumberSetting(setting: NumberSetting, inspected: Inspected | undefined, trusted: boolean, problems: string[]): number {
  const scopes: Array<[unknown, string]> = [
    ...(trusted || !setting.restricted
      ? [[inspected?.workspaceFolderValue, ' (folder)'], [inspected?.workspaceValue, ' (workspace)']] as Array<[unknown, string]>
      : []),
    [inspected?.globalValue, ''],
  ];
  const found = scopes.find(([value]) => value !== undefined && value !== null);
  if (!found) return setting.fallback;
  const [value, where] = found;
  const ok = typeof value === 'number' && Number.isFinite(value) && value >= setting.min && value <= setting.max
    && (!setting.integer || Number.isInteger(value));
  if (ok) return value;
  const kind = setting.integer ? 'a whole number' : 'a number';
  problems.push(`brella.${setting.key}${where} must be ${kind} from ${setting.min} to ${setting.max}, not ${formatNumber(value)}; the default ${setting.fallback} is used`);
  return setting.fallback;
}

export interface ClientSettingsInput {
  /** `inspect()` of a key under `brella.`. */
  inspect(key: string): Inspected | undefined;
  /** The effective `brella.apiBaseUrl` (machine scope: VS Code never takes it from a workspace). */
  apiBaseUrl: string | undefined;
  proxy: string | undefined;
  proxyStrictSSL: boolean | undefined;
}

export function readClientOptions(input: ClientSettingsInput, trusted: boolean): { options: ClientOptions; problems: string[] } {
  const problems: string[] = [];
  const number = (setting: NumberSetting): number => readNumberSetting(setting, input.inspect(setting.key), trusted, problems);
  let baseUrl: string | Error;
  try {
    baseUrl = checkBaseUrl(input.apiBaseUrl);
  } catch (error) {
    baseUrl = error as Error;
    problems.push(baseUrl.message.replace(/\.$/, ''));
  }
  const options: ClientOptions = {
    baseUrl,
    requestsPerSecond: number(NUMBER_SETTINGS.requestsPerSecond),
    maxConcurrentRequests: number(NUMBER_SETTINGS.maxConcurrentRequests),
    pageSize: number(NUMBER_SETTINGS.pageSize),
    timeoutMs: Math.round(number(NUMBER_SETTINGS.requestTimeoutSeconds) * 1000),
    proxyUrl: input.proxy?.trim() || undefined,
    proxyStrictSSL: input.proxyStrictSSL ?? true,
  };
  return { options, problems };
}

/** A text that changes exactly when a client built from these options would differ. */
export function connectionFingerprint(options: ClientOptions, baseUrlOverride?: string): string {
  const { baseUrl, requestsPerSecond, maxConcurrentRequests, pageSize, timeoutMs, proxyUrl, proxyStrictSSL } = options;
  return JSON.stringify([
    baseUrlOverride ?? (baseUrl instanceof Error ? `error: ${baseUrl.message}` : baseUrl),
    requestsPerSecond, maxConcurrentRequests, pageSize, timeoutMs,
    baseUrlOverride === undefined ? proxyUrl ?? null : null, baseUrlOverride === undefined ? proxyStrictSSL : null,
  ]);
}
