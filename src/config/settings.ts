/** Reads and writes the "brella.*" settings through VS Code, validating them with the pure readers. */
import * as vscode from 'vscode';
import { NUMBER_SETTINGS, readClientOptions, readNumberSetting, type ClientOptions, type Inspected } from './client-options';
import { readScopedOrganizations, type ReadResult } from './organizations';

export const SECTION = 'brella';

export function readConfiguredOrganizations(): ReadResult {
  // In an untrusted workspace, its settings do not choose which organizations (and keys) are used.
  return readScopedOrganizations(vscode.workspace.getConfiguration(SECTION).inspect<unknown>('organizations'), vscode.workspace.isTrusted);
}

/** What the Brella clients are built with, and a line naming each bad setting (the default is used for it). */
export function readCheckedClientSettings(): { options: ClientOptions; problems: string[] } {
  const config = vscode.workspace.getConfiguration(SECTION);
  const http = vscode.workspace.getConfiguration('http');
  return readClientOptions({
    inspect: (key) => config.inspect<unknown>(key) as Inspected | undefined,
    apiBaseUrl: config.get<string>('apiBaseUrl'),
    proxy: http.get<string>('proxy'),
    proxyStrictSSL: http.get<boolean>('proxyStrictSSL'),
  }, vscode.workspace.isTrusted);
}

/** What the Brella clients are built with, from `brella.*` and VS Code's `http.proxy*` settings. */
export function readClientSettings(): ClientOptions {
  return readCheckedClientSettings().options;
}

/** `brella.demo.largeAttendeeSlices`, from user settings only in an untrusted workspace. */
export function readLargeAttendeeSlices(problems: string[] = []): number {
  const setting = NUMBER_SETTINGS.largeAttendeeSlices;
  return readNumberSetting(setting, vscode.workspace.getConfiguration(SECTION).inspect<unknown>(setting.key) as Inspected | undefined, vscode.workspace.isTrusted, problems);
}

type RawOrganizations = Array<Record<string, unknown>>;

/**
 * Applies `edit` to the raw value of `brella.organizations` in one scope and writes it back, so entries the
 * reader could not parse are kept as the user wrote them.
 */
export async function editOrganizations(scope: 'user' | 'workspace', edit: (orgs: RawOrganizations) => RawOrganizations): Promise<void> {
  const config = vscode.workspace.getConfiguration(SECTION);
  const inspected = config.inspect<unknown>('organizations');
  const current = scope === 'user' ? inspected?.globalValue : inspected?.workspaceValue;
  const raw: RawOrganizations = Array.isArray(current) ? structuredClone(current) as RawOrganizations : [];
  const target = scope === 'user' ? vscode.ConfigurationTarget.Global : vscode.ConfigurationTarget.Workspace;
  await config.update('organizations', edit(raw), target);
}

export function findRaw(orgs: RawOrganizations, orgId: number): Record<string, unknown> | undefined {
  return orgs.find((o) => o && typeof o === 'object' && o.id === orgId);
}

export function rawList(parent: Record<string, unknown>, key: string): Array<Record<string, unknown>> {
  if (!Array.isArray(parent[key])) parent[key] = [];
  return parent[key] as Array<Record<string, unknown>>;
}
