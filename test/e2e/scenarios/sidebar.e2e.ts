import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startDemoServer } from '../../../src/demo';
import { withVSCode } from '../workbench';

test('"Add Organization" through the input boxes; a wrong key shows the 403 message, the right key works', async () => {
  const brella = await startDemoServer({ rateLimit: false });
  try {
    await withVSCode('sidebar-add-org', { machineSettings: { 'brella.apiBaseUrl': brella.baseUrl } }, async (vs) => {
      await vs.openActivity('Brella');
      await vs.view('Events').getByRole('button', { name: 'Add Organization' }).click();
      await vs.answerInput(String(brella.organizationId));
      await vs.answerInput('Acme Events');
      await vs.answerInput('wrong-key-123');
      const refused = await vs.waitForNotification(/refused the API key/);
      assert.match(refused, new RegExp(`Brella refused the API key for organization ${brella.organizationId}: it is wrong, revoked, or its owner is not an org admin`));
      assert.doesNotMatch(refused, /wrong-key-123/);
      await vs.page.locator('.notification-list-item', { hasText: /refused the API key/ }).getByRole('button', { name: 'Replace Key…' }).click();
      await vs.answerInput(brella.apiKey);
      await vs.waitForNotification(/The API key of Acme Events works/);
      await vs.treeItem(/^Acme Events/).waitFor();
      assert.equal(await vs.treeItem(/no API key/).count(), 0);
    });
  } finally {
    await brella.close();
  }
});

test('settings with one invalid entry: the warning names it and the valid organizations are listed', async () => {
  const organizations = [
    { id: 1001, name: 'Valid One', events: [{ id: 7, name: 'Good Event' }, { id: -2, name: 'Bad Event' }] },
    { id: 'nope', name: 'Broken' },
    { id: 3003, name: 'Valid Two' },
  ];
  await withVSCode('sidebar-invalid-settings', { userSettings: { 'brella.organizations': organizations } }, async (vs) => {
    await vs.openActivity('Brella');
    const warning = await vs.waitForNotification(/brella\.organizations\[0\]\.events\[1\]\.id must be a positive integer/);
    assert.match(warning, /1 more problem/);
    await vs.treeItem(/^Valid One/).waitFor();
    await vs.treeItem(/^Valid Two/).waitFor();
    await vs.treeItem(/^Good Event/).waitFor();
    assert.equal(await vs.treeItem(/^Broken/).count(), 0);
    assert.equal(await vs.treeItem(/^Bad Event/).count(), 0);
  });
});
