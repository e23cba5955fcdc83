import { test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { closeAll, freshIndexedDb, makeReplica } from '../helpers.js';
import { attachKey } from '../../../pwa/js/local/keyring.js';
import { newDataKey } from '../../../pwa/js/local/crypto.js';
import { CHUNK, bytesFrom, finishUpload, keepUpload, listUploads, localFile } from '../../../pwa/js/local/uploads.js';

beforeEach(() => freshIndexedDb());
afterEach(() => closeAll());

/** A JPEG-looking file of `n` bytes. @param {number} n */
function photo(n) {
  const bytes = new Uint8Array(n);
  for (let i = 0; i < n; i++) bytes[i] = (i * 31 + 7) % 251;
  bytes.set([0xff, 0xd8, 0xff], 0);
  return bytes;
}

/** Does `haystack` contain `needle` anywhere? @param {Uint8Array} haystack @param {Uint8Array} needle */
function contains(haystack, needle) {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

test('a kept photo is sealed chunk by chunk and read back from any offset', async () => {
  const replica = await makeReplica();
  attachKey(replica.db, await newDataKey());
  const bytes = photo(CHUNK * 2 + 1000);
  await keepUpload(replica.db, { id: 'a1', bytes, content_type: 'image/jpeg', thumb: 'data:image/jpeg;base64,/9j/AAAA' });

  const stored = await replica.db.getAll('upload_chunks');
  assert.equal(stored.length, 3);
  for (const chunk of stored) {
    assert.deepEqual(Object.keys(chunk).sort(), ['id', 'n', 'sealed']);
    assert.ok(!contains(chunk.sealed, bytes.subarray(CHUNK * chunk.n, CHUNK * chunk.n + 64)), 'no plain bytes');
    assert.ok(!new TextDecoder('latin1').decode(chunk.sealed).includes('/9j/'), 'no base64 JPEG either');
  }
  const row = await replica.db.get('uploads', 'a1');
  assert.equal(row.thumb, undefined, 'the thumbnail is sealed too');
  assert.equal(row.state, 'waiting');

  const [upload] = await listUploads(replica.db);
  assert.equal(upload.thumb, 'data:image/jpeg;base64,/9j/AAAA');
  assert.deepEqual(await bytesFrom(replica.db, 'a1', CHUNK + 10), bytes.subarray(CHUNK + 10, CHUNK * 2));
  const whole = await localFile(replica.db, 'a1');
  assert.deepEqual(new Uint8Array(await /** @type {Blob} */ (whole).arrayBuffer()), bytes);
});

test('a chunk moved to another place does not open', async () => {
  const replica = await makeReplica();
  attachKey(replica.db, await newDataKey());
  await keepUpload(replica.db, { id: 'a1', bytes: photo(CHUNK + 5), content_type: 'image/jpeg' });
  const first = await replica.db.get('upload_chunks', ['a1', 0]);
  await replica.db.put('upload_chunks', { ...first, n: 1 });
  await assert.rejects(bytesFrom(replica.db, 'a1', CHUNK), /not where it belongs/);
});

test('once uploaded, the bytes go and the row stays with its thumbnail', async () => {
  const replica = await makeReplica();
  attachKey(replica.db, await newDataKey());
  await keepUpload(replica.db, { id: 'a1', bytes: photo(10), content_type: 'image/jpeg', thumb: 'data:x' });
  await keepUpload(replica.db, { id: 'a2', bytes: photo(10), content_type: 'image/jpeg' });
  await finishUpload(replica.db, 'a1');
  assert.deepEqual((await replica.db.getAll('upload_chunks')).map((c) => c.id), ['a2']);
  const [done] = await listUploads(replica.db);
  assert.equal(done.state, 'done');
  assert.equal(done.thumb, 'data:x');
  assert.equal(await localFile(replica.db, 'a1'), null);
});
