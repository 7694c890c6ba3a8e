import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createDemoData, NORDIC_SUMMIT_EVENT_ID, startDemoServer } from '../../../src/demo';
import { acmeOrganizations, openAcmeSummit } from '../steps';
import { withVSCode } from '../workbench';

test('an attendee whose name and email hold Markdown and HTML shows them as text on hover: no image, no link', async () => {
  const data = createDemoData({});
  const person = data.attendeesByEvent.get(NORDIC_SUMMIT_EVENT_ID)![0];
  person.firstName = '![tracker](https://brella-e2e.invalid/pixel.png) Eve';
  person.lastName = '<img src="https://brella-e2e.invalid/html.png">';
  const email = '[Open a terminal](command:workbench.action.terminal.new)';
  person.email = email;
  const name = `${person.firstName} ${person.lastName}`;
  const brella = await startDemoServer({ rateLimit: false, data });
  const organizations = acmeOrganizations(brella.organizationId);
  try {
    await withVSCode('tooltips', { userSettings: { 'brella.organizations': organizations }, machineSettings: { 'brella.apiBaseUrl': brella.baseUrl } }, async (vs) => {
      await openAcmeSummit(vs, brella.apiKey);
      await vs.treeItem(/^All attendees/).click();
      const item = vs.treeItem(/Eve/);
      await item.waitFor();
      assert.ok((await item.innerText()).includes('![tracker]('), 'the label shows the name as typed');

      await item.hover();
      const hover = vs.page.locator('.monaco-hover:visible, .workbench-hover:visible').filter({ hasText: 'Attendee id' }).first();
      await hover.waitFor({ timeout: 15_000 });
      await vs.screenshot('tooltip-escaped');
      const shown = (await hover.innerText()).replace(/\s+/g, ' ');
      assert.ok(shown.includes(name), `the name is shown as typed: ${shown}`);
      assert.ok(shown.includes(email), `the email is shown as typed: ${shown}`);
      assert.equal(await hover.locator('img').count(), 0, 'no image element');
      assert.equal(await hover.locator('a').count(), 0, 'no link');
    });
  } finally {
    await brella.close();
  }
});
