/**
 * Entry point of the code that runs inside Brella Explorer's webviews. The host page says which view to
 * mount in `<body data-view="…">`; each view talks to the host only through its message protocol.
 * The view's CSS is imported here, so esbuild writes it next to the bundle (dist/webview/webview.css).
 */
import './shared/base.css';
import './slices/slices.css';
import './report/report.css';
import { mountSlices } from './slices/app';
import { mountReport } from './report/app';
import type { VsCodeApi } from './shared/api';

declare function acquireVsCodeApi(): VsCodeApi;

if (document.body.dataset.view === 'slices') {
  mountSlices(document.body, acquireVsCodeApi());
} else if (document.body.dataset.view === 'report') {
  mountReport(document.body, acquireVsCodeApi());
}
