import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { freshIndexedDb } from '../helpers.js';
import { openUserDb, USER_DB_VERSION, openDeviceDb } from '../../../pwa/js/local/db.js';
import { ensureClientId, recordOps, pendingOps } from '../../../pwa/js/local/outbox.js';
import { Sessions } from '../../../pwa/js/local/session.js';

beforeEach(freshIndexedDb);

test('a fresh partition has every store of the current schema', async () => {
  const db = await openUserDb('u1');
  assert.equal(db.version, USER_DB_VERSION);
  assert.deepEqual([...db.objectStoreNames].sort(), ['drafts', 'meta', 'outbox', 'records', 'rejected', 'sent', 'upload_chunks', 'uploads']);
  db.close();
});

test('upgrading a version-1 partition keeps its outbox and records', async () => {
  const old = await openUserDb('u1', { version: 1 });
  assert.deepEqual([...old.objectStoreNames].sort(), ['meta', 'outbox', 'records']);
  await ensureClientId(old);
  await recordOps(old, [{ entity: 'note', entity_id: 'n1', kind: 'insert', data: { text: '上门走访，家里没人' } }]);
  await old.put('records', { entity: 'person', id: 'p1', household_id: 'h1', data: { name: '王芳' }, stamps: {} });
  old.close();

  const db = await openUserDb('u1');
  assert.equal(db.version, USER_DB_VERSION);
  const ops = await pendingOps(db);
  assert.equal(ops.length, 1);
  assert.equal(ops[0].data.text, '上门走访，家里没人');
  assert.equal((await db.get('records', ['person', 'p1']))?.data.name, '王芳');
  // the new index works on the old rows
  assert.equal((await db.getAllFromIndex('outbox', 'entity', ['note', 'n1'])).length, 1);
  db.close();
});

test('v5 drops the indexes that kept household and person ids in the clear, and keeps every row', async () => {
  const old = await openUserDb('u1', { version: 4 });
  await old.put('records', { entity: 'person', id: 'p1', household_id: 'h1', data: { name: '王芳' }, stamps: {} });
  assert.deepEqual([...old.transaction('records').store.indexNames].sort(), ['entity', 'household', 'person']);
  old.close();
  const db = await openUserDb('u1');
  assert.deepEqual([...db.transaction('records').store.indexNames], ['entity']);
  assert.equal((await db.get('records', ['person', 'p1']))?.data.name, '王芳');
  db.close();
});

test('an open old tab closes itself so an upgrade is not blocked', async () => {
  const old = await openUserDb('u1', { version: 1 });
  const db = await openUserDb('u1');
  assert.equal(db.version, USER_DB_VERSION);
  db.close();
  old.close();
});

test('partitions are per user: one user never sees the other’s outbox', async () => {
  const a = await openUserDb('alice');
  const b = await openUserDb('bob');
  await ensureClientId(a);
  await ensureClientId(b);
  await recordOps(a, [{ entity: 'note', entity_id: 'n1', kind: 'insert', data: { text: 'alice' } }]);
  assert.equal((await pendingOps(b)).length, 0);
  assert.notEqual(await a.get('meta', 'client_id'), await b.get('meta', 'client_id'));
  a.close();
  b.close();
});

test('sessions: switching user keeps the first session and marks the active one', async () => {
  const sessions = await Sessions.open();
  const user = (/** @type {string} */ id) => ({ id, username: id, display_name: id, role: 'helper' });
  await sessions.activate({ user: user('alice'), access_token: 'a', refresh_token: 'ra' });
  await sessions.activate({ user: user('bob'), access_token: 'b', refresh_token: 'rb' });
  assert.equal((await sessions.active())?.user.id, 'bob');
  await sessions.signOut();
  assert.equal(await sessions.active(), null);
  const db = await openDeviceDb();
  assert.equal((await db.get('sessions', 'alice'))?.refresh_token, 'ra');
  db.close();
  sessions.db.close();
});
