import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { freshIndexedDb } from '../helpers.js';
import { openUserDb, USER_DB_VERSION } from '../../../pwa/js/local/db.js';
import { ensureClientId, pendingOps, recordOps } from '../../../pwa/js/local/outbox.js';

beforeEach(freshIndexedDb);

test('a version-5 phone gains the upload queue and keeps its outbox', async () => {
  const old = await openUserDb('u1', { version: 5 });
  await ensureClientId(old);
  await recordOps(old, [{ entity: 'note', entity_id: 'n1', kind: 'insert', data: { text: '合同已签' } }]);
  old.close();

  const db = await openUserDb('u1');
  assert.ok(USER_DB_VERSION >= 6);
  assert.ok(db.objectStoreNames.contains('uploads') && db.objectStoreNames.contains('upload_chunks'));
  assert.equal((await pendingOps(db))[0].data.text, '合同已签');
  db.close();
});
