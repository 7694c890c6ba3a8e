/**
 * What the webview remembers across reloads (vscode.getState/setState): the form, the table's filter text,
 * sort, hidden columns and time zone, and the panel's target (attendee and event) for the host's serializer.
 * Never the rows: the host sends them again after `ready`.
 */
import * as z from 'zod';
import { panelState, type PanelTarget } from '../../src/protocol/slices';
import type { VsCodeApi } from '../shared/api';
import type { FormValues } from './values';
import type { SortSpec } from '../table/types';
import type { ZoneChoice } from './zone-choice';

const saved = z.object({
  form: z.record(z.string(), z.union([z.string(), z.array(z.string())])).optional(),
  filter: z.string().optional(),
  sort: z.object({ key: z.string(), dir: z.enum(['asc', 'desc']) }).nullable().optional(),
  hidden: z.array(z.string()).optional(),
  timeZone: z.enum(['local', 'utc', 'event']).optional(),
  target: panelState.shape.target.optional(),
  tab: z.enum(['slices', 'sessions']).optional(),
});

export interface SavedState {
  form?: FormValues;
  filter?: string;
  sort?: SortSpec | null;
  hidden?: string[];
  timeZone?: ZoneChoice;
  target?: PanelTarget;
  tab?: 'slices' | 'sessions';
}

export interface StateStore {
  readonly value: Readonly<SavedState>;
  update(patch: SavedState): void;
}

export function createStore(vscode: VsCodeApi): StateStore {
  const parsed = saved.safeParse(vscode.getState());
  let value: SavedState = parsed.success ? parsed.data : {};
  return {
    get value() {
      return value;
    },
    update(patch) {
      value = { ...value, ...patch };
      vscode.setState(value);
    },
  };
}
