/**
 * Entry point of the event report panel's script (dist/webview/report.js, with report.css beside it). The
 * report reuses the slices view's table, controls and their styles, so slices.css comes along.
 */
import '../slices/zod-setup';
import '../slices/slices.css';
import './report.css';
import { mountReport } from './app';
import type { VsCodeApi } from '../slices/api';

declare function acquireVsCodeApi(): VsCodeApi;

mountReport(document.body, acquireVsCodeApi());
