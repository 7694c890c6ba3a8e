/**
 * Entry point of the event report panel's script (dist/webview/report.js, with report.css beside it). The
 * report uses the shared table, controls and base styles (webview/shared/base.css), then its own.
 */
import '../shared/base.css';
import './report.css';
import { mountReport } from './app';
import type { VsCodeApi } from '../shared/api';

declare function acquireVsCodeApi(): VsCodeApi;

mountReport(document.body, acquireVsCodeApi());
