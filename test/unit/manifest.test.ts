import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { NUMBER_SETTINGS, RESTRICTED_SETTINGS } from '../../src/config/client-options';
import { manifest, root } from './helpers/manifest';

// User-visible texts are `%key%` placeholders in package.json: read them as VS Code shows them (package.nls.json).
const pkg = manifest();
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

/** Whether .vscodeignore (exclude everything, then `!` what goes in) lets a file into the VSIX. */
function packaged(file: string): boolean {
  const lines = readFileSync(path.join(root, '.vscodeignore'), 'utf8').split('\n').map((l) => l.trim());
  return lines.some((line) => line === `!${file}` || (line.startsWith('!') && line.endsWith('/**') && file.startsWith(line.slice(1, -2))));
}

test('the Marketplace icon is a 128×128 PNG that goes into the VSIX', () => {
  assert.equal(pkg.icon, 'media/icon.png');
  const png = readFileSync(path.join(root, pkg.icon));
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG signature');
  assert.equal(png.readUInt32BE(8), 13, 'IHDR holds 13 bytes');
  assert.equal(png.toString('ascii', 12, 16), 'IHDR', 'the first chunk is IHDR');
  assert.deepEqual({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) }, { width: 128, height: 128 });
  assert.equal(png.toString('ascii', png.length - 8, png.length - 4), 'IEND', 'ends with IEND');
  assert.ok(packaged(pkg.icon), '.vscodeignore lets the icon in');
  assert.ok(existsSync(path.join(root, 'scripts', 'make-icon.mjs')), 'the script that draws it is kept');
});

test('the Marketplace page links the repository, its issues and readme, on a dark banner', () => {
  const repo = 'https://github.com/brella-explorer/brella-explorer';
  assert.deepEqual(pkg.repository, { type: 'git', url: `${repo}.git` });
  assert.deepEqual(pkg.bugs, { url: `${repo}/issues` });
  assert.equal(pkg.homepage, `${repo}#readme`);
  assert.deepEqual(pkg.galleryBanner, { color: '#1e1e1e', theme: 'dark' });
});

test('every setting has a Markdown description with an example and its own order, most used first', () => {
  const properties = pkg.contributes.configuration.properties as Record<string, { markdownDescription?: string; description?: string; order?: unknown; tags?: string[] }>;
  const orders = new Map<number, string>();
  for (const [key, schema] of Object.entries(properties)) {
    assert.equal(typeof schema.markdownDescription, 'string', `${key} has a markdownDescription`);
    assert.match(schema.markdownDescription!, /Example/, `${key} gives an example`);
    assert.equal(schema.description, undefined, `${key}: one description, the Markdown one`);
    assert.ok(typeof schema.order === 'number' && Number.isInteger(schema.order), `${key} has a numeric order`);
    assert.ok(!orders.has(schema.order as number), `${key} and ${orders.get(schema.order as number)} share order ${String(schema.order)}`);
    orders.set(schema.order as number, key);
  }
  const byOrder = [...orders].sort(([a], [b]) => a - b).map(([, key]) => key);
  assert.deepEqual(byOrder.slice(0, 8), [
    'brella.organizations', 'brella.timeZone', 'brella.apiBaseUrl', 'brella.requestsPerSecond', 'brella.maxConcurrentRequests',
    'brella.pageSize', 'brella.requestTimeoutSeconds', 'brella.demo.openOnStartup',
  ]);
});

test('the large-table test knob stays declared (so Workspace Trust restricts it) but is tagged advanced and listed last', () => {
  const properties = pkg.contributes.configuration.properties;
  const knob = properties['brella.demo.largeAttendeeSlices'];
  assert.ok(knob, 'declared: restrictedConfigurations only covers declared settings');
  assert.ok(pkg.capabilities.untrustedWorkspaces.restrictedConfigurations.includes('brella.demo.largeAttendeeSlices'));
  assert.deepEqual(knob.tags, ['advanced']);
  assert.equal(knob.order, Math.max(...Object.values(properties).map((s) => (s as { order: number }).order)));
  for (const [key, schema] of Object.entries(properties)) {
    if (key !== 'brella.demo.largeAttendeeSlices') assert.ok(!(schema as { tags?: string[] }).tags?.includes('advanced'), `${key} is not hidden`);
  }
});

test('the Get started walkthrough has four steps, each with its Markdown page, a button and the command that completes it', () => {
  const commands = new Set(pkg.contributes.commands.map((c: { command: string }) => c.command));
  const walkthrough = (pkg.contributes.walkthroughs ?? []).find((w: { id: string }) => w.id === 'brella.getStarted');
  assert.ok(walkthrough, 'brella.getStarted is declared');
  assert.equal(walkthrough.title, 'Get started with Brella Explorer');
  assert.ok(walkthrough.description);
  const steps = walkthrough.steps as Array<{ id: string; title: string; description: string; media: { markdown?: string }; completionEvents?: string[] }>;
  assert.equal(steps.length, 4);
  assert.equal(new Set(steps.map((s) => s.id)).size, 4, 'step ids are unique');
  const completedBy = steps.map((step) => {
    assert.ok(step.title, step.id);
    const media = step.media.markdown ?? '';
    assert.match(media, /^media\/walkthrough\/[\w-]+\.md$/, `${step.id} shows a Markdown page`);
    assert.ok(existsSync(path.join(root, media)), `${media} exists`);
    assert.ok(readFileSync(path.join(root, media), 'utf8').trim().length > 0, `${media} is not empty`);
    assert.ok(packaged(media), `.vscodeignore lets ${media} in`);
    const events = step.completionEvents ?? [];
    assert.ok(events.length > 0, `${step.id} has completion events`);
    const completing = events.map((e) => /^onCommand:([\w.]+)$/.exec(e)?.[1]);
    for (const id of completing) assert.ok(id && commands.has(id), `${step.id}: ${String(id)} is a declared command`);
    const buttons = [...step.description.matchAll(/\[[^\]]+\]\(command:([\w.]+)\)/g)].map((m) => m[1]);
    assert.ok(buttons.length > 0, `${step.id} has a command button`);
    for (const id of buttons) assert.ok(commands.has(id), `${step.id}: its button runs declared ${id}`);
    assert.ok(buttons.some((id) => completing.includes(id)), `${step.id}: its button completes it`);
    return completing;
  });
  assert.deepEqual(completedBy, [
    ['brella.openDemo'], ['brella.addOrganization', 'brella.setApiKey'], ['brella.querySlices'], ['brella.eventReport'],
  ]);
});

test('Open Recent Query… is declared and shown in the palette', () => {
  const command = pkg.contributes.commands.find((c: { command: string }) => c.command === 'brella.openRecentQuery');
  assert.equal(command?.title, 'Open Recent Query…');
  assert.equal(command?.category, 'Brella');
  const hidden = (pkg.contributes.menus.commandPalette ?? []).find((e: { command: string }) => e.command === 'brella.openRecentQuery');
  assert.ok(!hidden || hidden.when !== 'false', 'shown in the palette');
});

test('the panels\' shortcuts: each key the pages answer to is bound in the manifest to its command, scoped to the Brella panels', async () => {
  const { SHORTCUTS } = await import('../../src/protocol/shortcuts');
  const declared = new Set(pkg.contributes.commands.map((c: { command: string }) => c.command));
  const bindings = pkg.contributes.keybindings as Array<{ command: string; key: string; mac: string; when: string }>;
  for (const spec of Object.values(SHORTCUTS)) {
    const binding = bindings.find((b) => b.command === spec.command);
    assert.ok(binding, `${spec.command} is bound`);
    assert.ok(declared.has(spec.command), `${spec.command} is declared`);
    assert.equal(binding.key, spec.key);
    assert.equal(binding.mac, spec.mac);
    assert.match(binding.when, /^activeWebviewPanelId == 'brella\.(slices|report)'( \|\| activeWebviewPanelId == 'brella\.(slices|report)')*$/, binding.when);
    const palette = (pkg.contributes.menus.commandPalette as Array<{ command: string; when?: string }>).find((m) => m.command === spec.command);
    assert.equal(palette?.when, binding.when, 'the palette offers it only where it works');
  }
});
