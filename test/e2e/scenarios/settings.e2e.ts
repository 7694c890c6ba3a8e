import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createDemoData, NORDIC_SUMMIT_EVENT_ID, startDemoServer } from '../../../src/demo';
import { acmeOrganizations, featuredAttendee, openAttendee, setApiKey } from '../steps';
import { withVSCode } from '../workbench';

const data = createDemoData({});
const { attendee, fullName } = featuredAttendee(data);

function files(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/** The extension's own log (the "Brella" output channel) as VS Code writes it to disk. */
function brellaLog(userData: string): string {
  return files(path.join(userData, 'logs')).filter((f) => path.basename(f) === 'Brella.log').map((f) => readFileSync(f, 'utf8')).join('\n');
}

test('a query keeps running when brella.timeZone changes, and a bad number is named by its path', async () => {
  const expected = data.expectedSlices(NORDIC_SUMMIT_EVENT_ID, attendee.id, {});
  assert.ok(expected.length > 10);
  // One slice per page, one request at a time, each answered after 300 ms: the query runs for several seconds.
  const brella = await startDemoServer({ rateLimit: false, faults: { latencyMs: 300 } });
  const organizations = acmeOrganizations(brella.organizationId, { attendees: [{ id: attendee.id, name: fullName }] });
  const settings = { 'brella.organizations': organizations, 'brella.pageSize': 1, 'brella.maxConcurrentRequests': 1, 'brella.requestsPerSecond': 0 };
  try {
    await withVSCode('settings-time-zone', { userSettings: settings, machineSettings: { 'brella.apiBaseUrl': brella.baseUrl } }, async (vs) => {
      const userData = path.join(vs.server.dir, 'user-data');
      await vs.openActivity('Brella');
      await vs.waitForNotification(/brella\.requestsPerSecond must be a number from 0\.1 to 50, not 0; the default 10 is used/);
      await setApiKey(vs, brella.apiKey);
      await vs.treeItem(/^Summit/).click();
      const frame = await openAttendee(vs, fullName);
      const slicesPath = `/attendees/${attendee.id}/tracking_session_slices`;
      const slicesRequests = () => brella.requests.list().filter((r) => r.path.includes(slicesPath)).length;
      await frame.locator('#run').click();
      while (slicesRequests() < 3) await vs.page.waitForTimeout(100);

      // The panel's time zone switch writes brella.timeZone while the query runs.
      const zone = frame.locator('#time-zone');
      await zone.waitFor({ state: 'attached' });
      await zone.evaluate((el: { value: string; dispatchEvent(event: Event): boolean }) => {
        el.value = el.value === 'utc' ? 'local' : 'utc';
        el.dispatchEvent(new Event('change'));
      });
      const deadline = Date.now() + 20_000;
      while (!/Settings changed: the clients are kept/.test(brellaLog(userData))) {
        assert.ok(Date.now() < deadline, 'VS Code reports the settings change to the extension');
        await vs.page.waitForTimeout(200);
      }
      assert.ok(slicesRequests() < expected.length, 'the change lands while the query is still running');

      const done = frame.locator('#status', { hasText: `${expected.length} rows` });
      const failed = frame.locator('#error-message:visible');
      await done.or(failed).first().waitFor({ timeout: 60_000 });
      // The message is read only when there is one: reading a missing element would wait out its timeout.
      if ((await failed.count()) > 0) assert.fail(`the query failed: ${await failed.first().innerText()}`);
      await done.waitFor();
      const log = brellaLog(userData);
      assert.doesNotMatch(log, /client is closed/);
      const after = log.slice(log.indexOf('Settings changed: the clients are kept'));
      assert.ok((after.match(/tracking_session_slices.* → 200 /g) ?? []).length > 0, 'pages arrived after the change, on the same client');
    });
  } finally {
    await brella.close();
  }
});
