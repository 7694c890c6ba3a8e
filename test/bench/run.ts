// `npm run bench`: every benchmark, one after the other, figures and ratios measured in this one run.
// Not a test: nothing here fails on a slow figure. Run it on a quiet machine; the figures are wall-clock.
import os from 'node:os';
import { formatActivationBench, runActivationBench } from './activation.bench';
import { runAttendeesBench, runClientBench } from './client.bench';
import { formatGroupBench, runGroupBench } from './group.bench';
import { formatMemoryBench, runMemoryBench } from './memory.bench';
import { runReportBench } from './report.bench';
import { formatSizeBench, runSizeBench } from './size.bench';
import { formatBenchReport, runTableBench } from './table.bench';
import { formatTimelineBench, runTimelineBench } from './timeline.bench';
import { runVisitorListsBench } from './visitor-lists.bench';
import { runEstimateBench } from './estimate.bench';
import { runEngagementBench } from './engagement.bench';
import { formatWebviewBench, runWebviewBench } from './webview.bench';
import { formatXlsxBench, runXlsxBench } from './xlsx.bench';

async function main(): Promise<void> {
  const only = process.argv[2];
  console.log(`Brella Explorer benchmarks · ${os.cpus().length} CPUs · load ${os.loadavg()[0].toFixed(1)} · ${new Date().toISOString()}`);
  // Lighter: the shipped bundles, activation of dist/extension.js (built by `npm run bench` first), the host's memory.
  if (!only || only === 'size') console.log(`\n${formatSizeBench(await runSizeBench())}`);
  if (!only || only === 'activation') console.log(`\n${formatActivationBench(await runActivationBench())}`);
  if (!only || only === 'memory') console.log(`\n${formatMemoryBench(await runMemoryBench(120_000))}`);
  if (!only || only === 'client') await runClientBench();
  if (!only || only === 'attendees') await runAttendeesBench();
  if (!only || only === 'report') await runReportBench();
  if (!only || only === 'estimate') console.log(`\n${runEstimateBench()}`);
  if (!only || only === 'visitors') console.log(`\n${await runVisitorListsBench()}`);
  if (!only || only === 'engagement') console.log(`\n${await runEngagementBench()}`);
  if (!only || only === 'xlsx') console.log(`\n${formatXlsxBench(await runXlsxBench(100_000))}`);
  if (!only || only === 'table') {
    console.log('\nThe results table in headless chromium (100 000 rows; vscode-data-grid at 10 000 as the anchor)');
    console.log(formatBenchReport(await runTableBench()));
  }
  if (!only || only === 'group') {
    console.log('\nGrouping the results table in headless chromium (100 000 rows)');
    console.log(formatGroupBench(await runGroupBench()));
  }
  if (!only || only === 'timeline') {
    console.log('\nThe slices timeline in headless chromium (100 000 slices)');
    console.log(formatTimelineBench(await runTimelineBench()));
  }
  if (!only || only === 'webview') console.log(`\n${formatWebviewBench(await runWebviewBench())}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
