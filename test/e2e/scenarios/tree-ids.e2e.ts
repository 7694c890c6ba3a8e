import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createDemoData, NORDIC_SUMMIT_EVENT_ID, startDemoServer } from '../../../src/demo';
import { acmeOrganizations, openAcmeSummit } from '../steps';
import { withVSCode } from '../workbench';

test('"All attendees" opens when Brella lists an attendee twice (on two pages) and one with an id that is not a number', async () => {
  const data = createDemoData({});
  const people = data.attendeesByEvent.get(NORDIC_SUMMIT_EVENT_ID)!;
  const first = people[0];
  // The same attendee again on the last page, and one whose id Brella would write as text.
  people.push({ ...first });
  people.push({ ...people[1], id: 'guest-7' as unknown as number, firstName: 'Gus', lastName: 'Text-Id' });
  const brella = await startDemoServer({ rateLimit: false, data });
  const organizations = acmeOrganizations(brella.organizationId);
  try {
    await withVSCode('tree-ids', { userSettings: { 'brella.organizations': organizations, 'brella.pageSize': 100 }, machineSettings: { 'brella.apiBaseUrl': brella.baseUrl } }, async (vs) => {
      await openAcmeSummit(vs, brella.apiKey);
      // The event's hover would cover the next row: the mouse leaves the tree, and the hover is gone before the click.
      await vs.page.mouse.move(900, 10);
      await vs.page.locator('.context-view p').first().waitFor({ state: 'hidden' });
      await vs.treeItem(/^All attendees/).click();
      // The repeated attendee is shown once: the list drops a row already read on an earlier page.
      await vs.treeItem(new RegExp(`^All attendees, ${people.length - 1}$`)).waitFor();
      await vs.treeItem(new RegExp(`^${first.firstName} ${first.lastName}`)).waitFor();
      // The list's end: the attendee with a text id is listed, as a note, under an id of its own.
      await vs.treeItem(/^All attendees/).focus();
      await vs.page.keyboard.press('End');
      await vs.treeItem(/^Gus Text-Id \(id "guest-7" is not a number/).waitFor();
      const problems = (await vs.notifications()).filter((n) => /already registered|Error/i.test(n));
      assert.deepEqual(problems, []);
    });
  } finally {
    await brella.close();
  }
});
