/**
 * Entry point of the slices panel's script (dist/webview/slices.js, with its CSS beside it: the shared base.css,
 * then slices.css): each view is its own bundle, so a panel loads only its own code. The host page is built by
 * src/features/kit/webview-html.ts.
 */
import '../shared/base.css';
import './slices.css';
import { mountSlices } from './app';
import type { VsCodeApi } from '../shared/api';

declare function acquireVsCodeApi(): VsCodeApi;

mountSlices(document.body, acquireVsCodeApi());
