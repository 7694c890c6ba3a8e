/**
 * Entry point of the slices panel's script (dist/webview/slices.js, with slices.css beside it): each view is
 * its own bundle, so a panel loads only its own code. The host page is built by src/views/webview-html.ts.
 */
import './zod-setup';
import './slices.css';
import { mountSlices } from './app';
import type { VsCodeApi } from './api';

declare function acquireVsCodeApi(): VsCodeApi;

mountSlices(document.body, acquireVsCodeApi());
