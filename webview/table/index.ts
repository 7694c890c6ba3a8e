/**
 * The results table of the webview: a virtual grid over Brella tracking session slices.
 * `createGrid` needs the DOM; everything else here is pure and also usable from node.
 */
export { createGrid } from './grid';
export { TableModel, type ModelOptions } from './model';
export { BASE_COLUMNS } from './columns';
export { groupRows, groupByColumn, Grouping, type RowGroup, type Grouped, type Rank } from './group';
export { toCsv, toJson, csvField, type ExportZone } from './export';
export { rowsText, tsvCell, markdownCell } from './copy-text';
export { RowSelection, type RowView } from './selection';
export { formatDuration, formatTime, formatTimeMs, formatValue, parseIsoMs } from './format';
export { TimeStore } from './times';
export type * from './types';
