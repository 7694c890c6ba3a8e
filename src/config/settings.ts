/** Reads and writes the "brella.*" settings through VS Code, validating them with the pure readers. */
import * as vscode from 'vscode';
import type { ClientOptions } from '../services/brella';
import { checkBaseUrl } from './base-url';
import { mergeScopes, readOrganizations, type ReadResult } from './organizations';

export const SECTION = 'brella';

export function readConfiguredOrganizations(): ReadResult {
  const inspected = vscode.workspace.getConfiguration(SECTION).inspect<unknown>('organizations');
  const user = readOrganizations(inspected?.globalValue, 'user');
  // In an untrusted workspace, its settings do not choose which organizations (and keys) are used.
  if (!vscode.workspace.isTrusted) return user;
  const workspace = readOrganizations(inspected?.workspaceValue, 'workspace', 'brella.organizations (workspace)');
  return mergeScopes(user, workspace);
}

/** What the Brella clients are built with, from `brella.*` and VS Code's `http.proxy*` settings. */
export function readClientSettings(): ClientOptions {
  const config = vscode.workspace.getConfiguration(SECTION);
  const http = vscode.workspace.getConfiguration('http');
  let baseUrl: string | Error;
  try {
    baseUrl = checkBaseUrl(config.get<string>('apiBaseUrl'));
  } catch (error) {
    baseUrl = error as Error;
  }
  const clamp = (value: number | undefined, min: number, max: number, fallback: number): number =>
    typeof value === 'number' && Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : fallback;
  return {
    baseUrl,
    requestsPerSecond: clamp(config.get<number>('requestsPerSecond'), 0.1, 50, 10),
    maxConcurrentRequests: Math.round(clamp(config.get<number>('maxConcurrentRequests'), 1, 32, 6)),
    pageSize: Math.round(clamp(config.get<number>('pageSize'), 1, 500, 500)),
    proxyUrl: http.get<string>('proxy') || undefined,
    proxyStrictSSL: http.get<boolean>('proxyStrictSSL') ?? true,
  };
}

export function displayTimeZone(): 'local' | 'utc' {
  return vscode.workspace.getConfiguration(SECTION).get<string>('timeZone') === 'utc' ? 'utc' : 'local';
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
