import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { NUMBER_SETTINGS, RESTRICTED_SETTINGS } from '../../src/config/client-options';

const root = path.resolve(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const typesVersion: string = JSON.parse(readFileSync(path.join(root, 'node_modules', '@types', 'vscode', 'package.json'), 'utf8')).version;

test('engines.vscode asks for no newer VS Code than the @types/vscode in use', () => {
  const [major, minor] = typesVersion.split('.').map(Number);
  assert.equal(pkg.engines.vscode, `^${major}.${minor}.0`);
});

test('activation comes from contributions, never "*"', () => {
  assert.ok(!(pkg.activationEvents ?? []).includes('*'));
});

test('workspace trust and the Brella view container are declared', () => {
  assert.equal(pkg.capabilities.untrustedWorkspaces.supported, 'limited', 'limited: restricted settings are ignored, not the whole extension');
  assert.equal(pkg.contributes.viewsContainers.activitybar[0].title, 'Brella');
  assert.ok(existsSync(path.join(root, pkg.contributes.viewsContainers.activitybar[0].icon)));
  assert.equal(pkg.contributes.views.brella[0].id, 'brella.events');
  assert.ok(pkg.contributes.viewsWelcome.some((w: { view: string }) => w.view === 'brella.events'));
});

test('every command has a category and a title, and every menu entry names a declared command', () => {
  const commands = new Set<string>();
  for (const command of pkg.contributes.commands) {
    assert.equal(command.category, 'Brella', command.command);
    assert.ok(command.title, command.command);
    commands.add(command.command);
  }
  for (const [menu, entries] of Object.entries(pkg.contributes.menus ?? {})) {
    for (const entry of entries as Array<{ command: string; when?: string }>) {
      assert.ok(commands.has(entry.command), `${menu} names undeclared ${entry.command}`);
      if (menu !== 'commandPalette') assert.ok(entry.when, `${menu} entry ${entry.command} has a when clause`);
    }
  }
});

test('every welcome-view button runs a declared command', () => {
  const commands = new Set(pkg.contributes.commands.map((c: { command: string }) => c.command));
  for (const welcome of pkg.contributes.viewsWelcome) {
    for (const [, id] of String(welcome.contents).matchAll(/\(command:([\w.]+)/g)) assert.ok(commands.has(id), id);
  }
});

test('every configuration setting has a description', () => {
  const properties = pkg.contributes.configuration?.properties ?? {};
  for (const [key, schema] of Object.entries(properties as Record<string, { description?: string; markdownDescription?: string }>)) {
    assert.ok(schema.description ?? schema.markdownDescription, key);
  }
});

test('an untrusted workspace may not set the organizations, how hard the key is used, or the demo size', () => {
  const restricted = pkg.capabilities.untrustedWorkspaces.restrictedConfigurations;
  assert.deepEqual([...restricted].sort(), [
    'brella.demo.largeAttendeeSlices', 'brella.maxConcurrentRequests', 'brella.organizations', 'brella.pageSize', 'brella.requestsPerSecond',
  ]);
  assert.deepEqual([...restricted].sort(), [...RESTRICTED_SETTINGS].sort(), 'the settings reader ignores exactly these in untrusted workspaces');
  for (const key of restricted) assert.ok(pkg.contributes.configuration.properties[key], `${key} is a declared setting`);
});

test('brella.apiBaseUrl has machine scope: no workspace can send the keys elsewhere', () => {
  assert.equal(pkg.contributes.configuration.properties['brella.apiBaseUrl'].scope, 'machine');
});

test('the numeric settings declare the limits and defaults the settings reader enforces', () => {
  for (const setting of Object.values(NUMBER_SETTINGS)) {
    const declared = pkg.contributes.configuration.properties[`brella.${setting.key}`];
    assert.ok(declared, setting.key);
    assert.deepEqual(
      { type: declared.type, minimum: declared.minimum, maximum: declared.maximum, default: declared.default },
      { type: setting.integer ? 'integer' : 'number', minimum: setting.min, maximum: setting.max, default: setting.fallback },
      setting.key,
    );
  }
});

test('Event Report… is in the palette and on the context menu of events (demo ones too) and "All attendees", and its panel restores', () => {
  const command = pkg.contributes.commands.find((c: { command: string }) => c.command === 'brella.eventReport');
  assert.equal(command?.title, 'Event Report…');
  assert.equal(command?.category, 'Brella');
  const hidden = (pkg.contributes.menus.commandPalette ?? []).find((e: { command: string }) => e.command === 'brella.eventReport');
  assert.ok(!hidden || hidden.when !== 'false', 'shown in the palette');
  const entries = pkg.contributes.menus['view/item/context'].filter((e: { command: string }) => e.command === 'brella.eventReport');
  assert.ok(entries.length > 0);
  const shownFor = (viewItem: string) => entries.some((e: { when: string }) => {
    const clause = /viewItem =~ \/(.+)\/\)?$/.exec(e.when)?.[1] ?? '';
    return e.when.includes('view == brella.events') && new RegExp(clause).test(viewItem);
  });
  for (const item of ['event', 'event.demo', 'allAttendees']) assert.ok(shownFor(item), `shown on ${item}`);
  for (const item of ['organization.key', 'attendee', 'attendee.configured', 'message']) assert.ok(!shownFor(item), `not shown on ${item}`);
  assert.ok(pkg.activationEvents.includes('onWebviewPanel:brella.report'), 'a report panel left open activates the extension after a reload');
});
