/**
 * brella.eventReport: asks What (Presence / Engagement), Window (start_from, optional start_to) and Who (every
 * attendee from Brella, or the configured ones), each with a default that Enter accepts, then opens the report panel
 * and runs it. Typed dates are checked before any request.
 */
import * as vscode from 'vscode';
import { pickText } from '../../explorer/markup';
import { eventLabel, type EventNode, type TreeNode } from '../../explorer/nodes';
import type { ReportKind, ReportPanelTarget, ReportWindow } from '../../protocol/report';
import { windowOpen } from '../../reports';
import type { ReportPanels } from './panel';
import { checkInstant, checkWindow, defaultStartFrom, eventTimeZone, formatInZone, type WindowProblem } from './window';
import { register, type CommandContext } from '../kit/commands';
import { askId, pickOrganization } from '../kit/pick';

export function registerReportCommands(ctx: CommandContext, reports: ReportPanels): void {
  register(ctx, 'brella.eventReport', async (node?: TreeNode) => {
    const eventNode = node && 'event' in node ? { kind: 'event' as const, org: node.org, event: node.event } : await pickReportEvent(ctx, node);
    if (!eventNode) return;
    const target = await askReport(ctx, eventNode, node?.kind === 'allAttendees');
    if (!target) return;
    // While the window is open (open-ended, or its end still to come), Update lists the attendees again and asks
    // those not yet checked in and the new ones; once it has closed, Resume asks only what was never answered.
    await reports.show(target, windowOpen(target.window, Date.now()) ? 'incremental' : 'resume');
  });
}

/** From the palette: an event of the tree, or any event of the organization by its id. */
async function pickReportEvent(ctx: CommandContext, node: TreeNode | undefined): Promise<EventNode | undefined> {
  const orgNode = await pickOrganization(ctx, node, { includeDemo: true });
  if (!orgNode) return undefined;
  const { org } = orgNode;
  const typed = { label: vscode.l10n.t('$(edit) Type an event id…'), description: vscode.l10n.t('any event of this organization'), event: undefined };
  const picked = await vscode.window.showQuickPick(
    [...org.events.map((event) => ({ label: pickText(eventLabel(event)), description: String(event.id), detail: event.start ? pickText(event.start) : undefined, event })), typed],
    { title: vscode.l10n.t('Brella: event report · choose an event'), placeHolder: vscode.l10n.t('Event (or type its id)'), matchOnDescription: true, ignoreFocusOut: true },
  );
  if (!picked) return undefined;
  if (picked.event) return { kind: 'event', org, event: picked.event };
  const id = await askId(vscode.l10n.t('Brella: event report · event id'), vscode.l10n.t('The id of an event of {0}', org.name ?? vscode.l10n.t('organization {0}', org.id)));
  if (id === undefined) return undefined;
  return { kind: 'event', org, event: org.events.find((e) => e.id === id) ?? { id, attendees: [] } };
}

/** What Brella says about the event (start and zone); nothing when it cannot be asked (no key, offline, …). */
async function brellaEvent(ctx: CommandContext, node: EventNode): Promise<{ start: string | null; zone?: string; name?: string }> {
  try {
    const client = await ctx.brella.client(node.org.id);
    const { item } = await client.getEvent(node.org.id, node.event.id, { signal: AbortSignal.timeout(10_000) });
    const zone = item.timeZone ?? eventTimeZone(item.extra);
    return { start: item.startTime, ...(zone ? { zone } : {}), ...(item.name ? { name: item.name } : {}) };
  } catch (error) {
    ctx.log.warn(`Event report: could not read event ${node.event.id} from Brella (${(error as Error).message}); its configured dates are used.`);
    return { start: null };
  }
}

async function askReport(ctx: CommandContext, node: EventNode, fromAllAttendees: boolean): Promise<ReportPanelTarget | undefined> {
  const { org, event } = node;
  const title = vscode.l10n.t('Brella: event report ({0})', eventLabel(event));
  const info = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Reading the event from Brella…') }, () => brellaEvent(ctx, node));

  const kinds: Array<vscode.QuickPickItem & { report: ReportKind }> = [
    {
      report: 'presence', label: vscode.l10n.t('Presence'), description: vscode.l10n.t('did each attendee check in?'),
      detail: vscode.l10n.t('time_spent slices only: one small request per attendee'),
    },
    {
      report: 'engagement', label: vscode.l10n.t('Engagement'), description: vscode.l10n.t('time in the app, streams and sponsor booths'),
      detail: vscode.l10n.t('all three kinds of slices per attendee'),
    },
  ];
  const what = await vscode.window.showQuickPick(kinds, { title: vscode.l10n.t('{0} · 1/3 What', title), placeHolder: vscode.l10n.t('What to report (Enter: Presence)'), ignoreFocusOut: true });
  if (!what) return undefined;

  const window = await askWindow(title, defaultStartFrom(event.start, info.start), info.zone);
  if (!window) return undefined;

  const configured = event.attendees.map((a) => ({ id: String(a.id), name: a.name ?? vscode.l10n.t('Attendee {0}', a.id) }));
  let who: 'all' | 'configured' = 'all';
  if (!fromAllAttendees && configured.length > 0) {
    const picked = await vscode.window.showQuickPick(
      [
        { who: 'all' as const, label: vscode.l10n.t('Every attendee of the event'), description: vscode.l10n.t('listed from Brella, page by page') },
        {
          who: 'configured' as const,
          label: configured.length === 1 ? vscode.l10n.t('Only the 1 configured attendee') : vscode.l10n.t('Only the {0} configured attendees', configured.length),
          description: pickText(configured.slice(0, 3).map((a) => a.name).join(', ')),
        },
      ],
      { title: vscode.l10n.t('{0} · 3/3 Who', title), placeHolder: vscode.l10n.t('Whom to report on (Enter: every attendee)'), ignoreFocusOut: true },
    );
    if (!picked) return undefined;
    who = picked.who;
  }
  return {
    organizationId: org.id, eventId: event.id, eventName: (event.name ?? info.name ?? eventLabel(event)).slice(0, 200), kind: what.report, window, who,
    ...(info.zone ? { timeZone: info.zone } : {}),
    ...(who === 'configured' ? { attendees: configured } : {}),
    ...(org.scope === 'demo' ? { demo: true } : {}),
  };
}

/**
 * A typed window's problem in the UI language. window.ts stays free of `vscode`: its own problems are said here; the
 * slice filters' (src/model/filters.ts, pure too) come as they are, in English.
 */
function problemText(checked: { message: string; problem?: WindowProblem }): string {
  const problem = checked.problem;
  switch (problem?.kind) {
    case 'notADate': return vscode.l10n.t('{0}: {1} is not a date', problem.field, problem.value);
    case 'noStart': return vscode.l10n.t('start_from: enter the first instant of the report, e.g. 2023-05-10 (00:00 UTC)');
    case 'endBeforeStart': return vscode.l10n.t('start_to {0} is before start_from {1}; enter a later instant or leave it empty', problem.startTo, problem.startFrom);
    default: return checked.message;
  }
}

/** The instant typed, read back in UTC and in the event's zone, as an input box's info line. */
function readBack(field: 'start_from' | 'start_to', text: string, zone: string | undefined): string | vscode.InputBoxValidationMessage | undefined {
  const checked = checkInstant(field, text);
  if (!checked.ok) return problemText(checked);
  if (checked.value === undefined) {
    return field === 'start_from'
      ? vscode.l10n.t('Enter the first instant of the report, e.g. 2023-05-10 (00:00 UTC)')
      : { message: vscode.l10n.t('Open-ended: every slice from start_from on'), severity: vscode.InputBoxValidationSeverity.Info };
  }
  const inZone = zone && zone !== 'UTC' ? ` = ${formatInZone(checked.value, zone)} ${zone}` : '';
  return { message: vscode.l10n.t('{0} UTC{1}', formatInZone(checked.value), inZone), severity: vscode.InputBoxValidationSeverity.Info };
}

async function askWindow(title: string, defaultStart: string | undefined, zone: string | undefined): Promise<ReportWindow | undefined> {
  const zoneNote = zone ? vscode.l10n.t(' Days are cut in the event\'s zone, {0}.', zone) : '';
  const readDefault = defaultStart ? vscode.l10n.t(' Default: {0} UTC{1}.', formatInZone(defaultStart), zone && zone !== 'UTC' ? ` = ${formatInZone(defaultStart, zone)} ${zone}` : '') : '';
  const from = await vscode.window.showInputBox({
    title: vscode.l10n.t('{0} · 2/3 Window: start_from', title),
    // The zone's name comes from Brella.
    prompt: pickText(vscode.l10n.t('Slices starting at or after this instant. YYYY-MM-DD means 00:00 UTC; the default is the event\'s first day at 00:00 UTC.{0}{1}', readDefault, zoneNote)),
    value: defaultStart ?? '',
    placeHolder: vscode.l10n.t('2023-05-10 or 2023-05-10T00:00:00.000Z'),
    ignoreFocusOut: true,
    validateInput: (text) => readBack('start_from', text, zone),
  });
  if (from === undefined) return undefined;
  const to = await vscode.window.showInputBox({
    title: vscode.l10n.t('{0} · 2/3 Window: start_to (optional)', title),
    prompt: vscode.l10n.t('Slices starting at or before this instant. Leave empty for an open-ended window (re-runs then ask only attendees not yet checked in).'),
    value: '',
    placeHolder: vscode.l10n.t('empty: open-ended'),
    ignoreFocusOut: true,
    validateInput: (text) => {
      const both = checkWindow(from, text);
      return both.ok ? readBack('start_to', text, zone) : problemText(both);
    },
  });
  if (to === undefined) return undefined;
  const window = checkWindow(from, to);
  if (!window.ok) throw new Error(problemText(window));
  return window.value;
}
