// `npm start`: runs Brella Explorer in an isolated code-server (a real VS Code in the browser) on 127.0.0.1,
// prints the URL to open once the workbench answers, and stops everything on Ctrl-C. The VSIX is built by the
// npm script before this runs. The demo organization (a local Brella with sample data) opens as soon as the
// Brella view is shown.
import { startCodeServer, waitForWorkbench } from '../test/e2e/code-server';

async function main(): Promise<void> {
  const port = process.env.PORT ? Number(process.env.PORT) : undefined;
  if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536)) {
    throw new Error(`PORT must be a port number (1-65535), not "${process.env.PORT}"`);
  }
  const server = await startCodeServer({
    port,
    keep: false,
    userSettings: { 'brella.demo.openOnStartup': true, 'brella.demo.largeAttendeeSlices': 100_000 },
  }).catch((error: unknown) => {
    throw new Error(`starting code-server: ${(error as Error).message}`, { cause: error });
  });
  try {
    await waitForWorkbench(server.url);
  } catch (error) {
    await server.stop();
    throw new Error(`waiting for the workbench page: ${(error as Error).message} (log: ${server.logFile})`, { cause: error });
  }
  console.log('');
  console.log('Brella Explorer is running in VS Code (code-server).');
  console.log(`  Open: ${server.url}`);
  console.log('  Then click the Brella icon in the activity bar on the left: the Demo Organization is there.');
  console.log('  Click an attendee to see their tracking slices (the last one of Nordic Summit 2023 has 100 000).');
  console.log(`  Logs: ${server.logFile}`);
  console.log('  Press Ctrl-C to stop.');
  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping code-server…');
    await server.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(`npm start failed while ${(error as Error).message}`);
  process.exit(1);
});
