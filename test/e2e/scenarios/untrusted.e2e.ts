import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NORDIC_SUMMIT_EVENT_ID, startDemoServer } from '../../../src/demo';
import { withVSCode } from '../workbench';

test('an untrusted workspace cannot raise the request rate, concurrency or page size, nor add organizations', async () => {
  const brella = await startDemoServer({ rateLimit: false });
  const mine = [{ id: brella.organizationId, name: 'Acme', events: [{ id: NORDIC_SUMMIT_EVENT_ID, name: 'Summit', start: '2023-05-10', end: '2023-05-14' }] }];
  const theirs = { 'brella.organizations': [{ id: 4242, name: 'Planted' }], 'brella.pageSize': 1, 'brella.requestsPerSecond': 50, 'brella.maxConcurrentRequests': 32, 'brella.demo.largeAttendeeSlices': 500000 };
  try {
    await withVSCode('untrusted', {
      untrusted: true,
      userSettings: { 'brella.organizations': mine, 'brella.pageSize': 100 },
      machineSettings: { 'brella.apiBaseUrl': brella.baseUrl },
      workspaceFiles: { '.vscode/settings.json': JSON.stringify(theirs) },
    }, async (vs) => {
      await vs.openActivity('Brella');
      await vs.treeItem(/^Acme/).waitFor();
      await vs.runCommand('Brella: Set API Key…');
      await vs.answerInput(brella.apiKey);
      await vs.waitForNotification(/The API key of Acme works/);
      assert.equal(await vs.treeItem(/^Planted/).count(), 0, 'the workspace\'s organization is not shown');
      brella.requests.clear();
      await vs.treeItem(/^Summit/).click();
      await vs.treeItem(/^All attendees/).click();
      await vs.treeItem(/^All attendees, 300$/).waitFor();
      const sizes = brella.requests.list().filter((r) => r.path.endsWith('/attendees')).map((r) => r.query['page[size]']);
      assert.deepEqual(sizes, ['100', '100', '100'], 'pages of the user\'s size, not the workspace\'s');
    });
  } finally {
    await brella.close();
  }
});
