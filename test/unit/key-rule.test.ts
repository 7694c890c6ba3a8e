/** One rule for what can be an API key: the input box, the key store and the client refuse and accept the same keys. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BrellaConfigError, createBrellaClient } from '../../src/brella/index.ts';
import { ApiKeyStore, checkKeyInput, type SecretStorageLike } from '../../src/config/keys';

const memory = (): SecretStorageLike => {
  const map = new Map<string, string>();
  return {
    get: async (k) => map.get(k),
    store: async (k, v) => void map.set(k, v),
    delete: async (k) => void map.delete(k),
    onDidChange: () => ({ dispose: () => undefined }),
  };
};

const REFUSED = ['', 'abc def', ' abc', 'abc\n', 'abc\tdef', 'abc\u0007def', 'abc\u007fdef'];
const ACCEPTED = ['abc', 'k_0123456789abcdef', 'key-with.dots_and-dashes'];

for (const key of REFUSED) {
  test(`${JSON.stringify(key)} is refused by the input box, the key store and the client alike, without quoting it`, async () => {
    const problem = checkKeyInput(key);
    assert.ok(problem, 'the input box refuses it');
    await assert.rejects(new ApiKeyStore(memory()).set(1, key), (e: Error) => e.message === problem);
    assert.throws(() => createBrellaClient({ baseUrl: 'http://127.0.0.1:9/api', apiKey: key, env: {} }), (e: Error) => {
      assert.ok(e instanceof BrellaConfigError);
      assert.ok(e.message.includes(problem), e.message);
      if (key.trim() !== '') assert.ok(!e.message.includes(key), 'the message never quotes the key');
      return true;
    });
  });
}

for (const key of ACCEPTED) {
  test(`${JSON.stringify(key)} is accepted by all three`, async () => {
    assert.equal(checkKeyInput(key), undefined);
    await new ApiKeyStore(memory()).set(1, key);
    const client = createBrellaClient({ baseUrl: 'http://127.0.0.1:9/api', apiKey: key, env: {} });
    await client.close();
  });
}
