/** The "Events" tree view: turns the plain nodes of src/explorer into TreeItems with icons, tooltips and menus. */
import * as vscode from 'vscode';
import { attendeeCount, childrenOf, eventLabel, nodeId, organizationLabel, savedQuerySummary, type TreeNode, type TreeSource } from '../../explorer/nodes';
import { tooltipMarkdown } from '../../explorer/tooltips';

export class EventsTreeProvider implements vscode.TreeDataProvider<TreeNode> {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly parents = new WeakMap<TreeNode, TreeNode>();

  constructor(private readonly source: TreeSource) {}

  refresh(node?: TreeNode): void {
    this.changed.fire(node);
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    const load = (): Promise<TreeNode[]> => childrenOf(node, this.source);
    const loadsFromBrella = node?.kind === 'allAttendees' && !this.source.cachedAttendees(node.org.id, node.event.id);
    const children = loadsFromBrella
      ? await vscode.window.withProgress({ location: { viewId: 'brella.events' }, title: vscode.l10n.t('Loading attendees from Brella…') }, load)
      : await load();
    if (node) for (const child of children) this.parents.set(child, node);
    // "All attendees" shows its count once loaded: redraw that one item (its children come from the cache).
    if (loadsFromBrella && node?.kind === 'allAttendees' && this.source.cachedAttendees(node.org.id, node.event.id)) this.changed.fire(node);
    return children;
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return this.parents.get(node);
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    const item = new vscode.TreeItem('', vscode.TreeItemCollapsibleState.None);
    item.id = nodeId(node);
    switch (node.kind) {
      case 'organization': {
        const { org } = node;
        item.label = organizationLabel(org);
        item.collapsibleState = vscode.TreeItemCollapsibleState.Expanded;
        item.iconPath = node.hasKey ? new vscode.ThemeIcon('organization') : new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
        item.description = node.hasKey ? (org.scope === 'demo' ? vscode.l10n.t('demo') : undefined) : vscode.l10n.t('no API key');
        item.contextValue = org.scope === 'demo' ? 'organization.demo' : node.hasKey ? 'organization.key' : 'organization.nokey';
        break;
      }
      case 'event': {
        const { event } = node;
        item.label = eventLabel(event);
        item.collapsibleState = vscode.TreeItemCollapsibleState.Collapsed;
        item.iconPath = new vscode.ThemeIcon('calendar');
        item.description = event.start ? (event.end && event.end !== event.start ? `${event.start} → ${event.end}` : event.start) : undefined;
        item.contextValue = node.org.scope === 'demo' ? 'event.demo' : 'event';
        break;
      }
      case 'attendee': {
        item.label = node.name;
        item.description = node.detail;
        item.iconPath = new vscode.ThemeIcon(node.configured ? 'person' : 'account');
        item.contextValue = node.configured && node.org.scope !== 'demo' ? 'attendee.configured' : 'attendee';
        item.command = { command: 'brella.querySlices', title: vscode.l10n.t('Query Tracking Slices…'), arguments: [node] };
        break;
      }
      case 'savedQuery': {
        item.label = node.query.name;
        item.description = savedQuerySummary(node.query);
        item.iconPath = new vscode.ThemeIcon('filter');
        item.contextValue = node.org.scope === 'demo' ? 'savedQuery.demo' : 'savedQuery';
        item.command = { command: 'brella.runSavedQuery', title: vscode.l10n.t('Run Saved Query…'), arguments: [node] };
        break;
      }
      case 'allAttendees': {
        item.label = vscode.l10n.t('All attendees');
        item.collapsibleState = vscode.TreeItemCollapsibleState.Collapsed;
        item.iconPath = new vscode.ThemeIcon('organization');
        const cached = this.source.cachedAttendees(node.org.id, node.event.id);
        const count = cached ? attendeeCount(cached) : node.count;
        item.description = count !== undefined ? `${count}` : vscode.l10n.t('load from Brella');
        item.contextValue = 'allAttendees';
        break;
      }
      case 'message':
        item.label = node.text;
        item.iconPath = new vscode.ThemeIcon(node.severity === 'error' ? 'error' : 'info',
          node.severity === 'error' ? new vscode.ThemeColor('list.errorForeground') : undefined);
        item.contextValue = node.retry ? 'message.retry' : 'message';
        if (node.action) item.command = { command: node.action.command, title: node.action.title, arguments: [{ kind: 'organization', org: node.action.org, hasKey: false }] };
        else if (node.retry) item.command = { command: 'brella.retry', title: vscode.l10n.t('Retry'), arguments: [node] };
        break;
    }
    // Names, emails, saved queries and error texts come from Brella or settings: escaped (tooltipMarkdown).
    item.tooltip = markdown(tooltipMarkdown(node));
    // What screen readers read: the label and description, not the tooltip.
    item.accessibilityInformation = { label: [item.label as string, item.description].filter(Boolean).join(', ') };
    return item;
  }
}

/** Markdown whose user text is already escaped (tooltipMarkdown); no HTML, no command links, no icons. */
function markdown(source: string): vscode.MarkdownString {
  const text = new vscode.MarkdownString(source, false);
  text.isTrusted = false;
  text.supportHtml = false;
  return text;
}
