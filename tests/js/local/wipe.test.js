/**
 * wipeSynced (local/wipe.js): what the server holds goes, what it does not stays; the tokens go.
 */
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { freshIndexedDb } from '../helpers.js';
import { openDeviceDb, openUserDb } from '../../../pwa/js/local/db.js';
import { KEPT_META, wipeSynced } from '../../../pwa/js/local/wipe.js';

beforeEach(freshIndexedDb);

async function aPhoneAfterAWeek() {
  const db = await openUserDb('u7');
  await db.put('records', { entity: 'person', id: 'p1', data: { name: '王芳', phone: '13900000000' } });
  await db.put('sent', { seq: 1, op_id: 'o1', answered_at: 1 });
  await db.put('rejected', { op_id: 'o2', result: { status: 'rejected', code: 'forbidden' } });
  await db.put('rejected', { op_id: 'o3', result: { status: 'parked', code: 'too_large' } });
  await db.put('outbox', { seq: 4, op_id: 'o4', entity: 'note', entity_id: 'n4', data: { text: '未同步' } });
  await db.put('drafts', { key: 'visit:h1', data: { notes: '打了一半' } });
  for (const [key, value] of [['client_id', 'c-1'], ['next_seq', 5], ['cursor', 'x'], ['first_sync_done', true], ['graduate_extras', { a: 1 }]]) {
    await db.put('meta', value, key);
  }
  const device = await openDeviceDb();
  await device.put('sessions', { user: { id: 'u7', display_name: '李老师' }, access_token: 'a', refresh_token: 'r' });
  await device.put('settings', 'u7', 'active');
  return { db, device };
}

test('the synced data goes; unsynced and parked ops stay, with what they need to be pushed', async () => {
  const { db, device } = await aPhoneAfterAWeek();
  assert.deepEqual(await wipeSynced(db, { deviceDb: device }), { kept: 2 });
  assert.deepEqual(await db.getAll('records'), []);
  assert.deepEqual(await db.getAll('sent'), []);
  assert.deepEqual(await db.getAll('drafts'), []);
  assert.deepEqual((await db.getAll('rejected')).map((r) => r.op_id), ['o3']);
  assert.deepEqual((await db.getAll('outbox')).map((r) => r.op_id), ['o4']);
  const keys = /** @type {string[]} */ (await db.getAllKeys('meta'));
  assert.deepEqual(keys.sort(), ['client_id', 'next_seq']);
  assert.ok(keys.every((k) => KEPT_META.has(k)));
  // The tokens are gone; the row says whose work waits here; nobody is signed in.
  assert.deepEqual(await device.get('sessions', 'u7'), { user: { id: 'u7', display_name: '李老师' }, access_token: null, refresh_token: null, expired: true });
  assert.equal(await device.get('settings', 'active'), undefined);
  assert.deepEqual(await device.get('settings', 'parked'), { u7: 2 });
});

test('the vault keeps the drafts and the signed-in user when it asks to, and a second wipe finds nothing', async () => {
  const { db, device } = await aPhoneAfterAWeek();
  await wipeSynced(db, { deviceDb: device, keepDrafts: true, signOut: false });
  assert.equal((await db.getAll('drafts')).length, 1);
  assert.equal(await device.get('settings', 'active'), 'u7');
  assert.deepEqual(await wipeSynced(db, { deviceDb: device, keepDrafts: true, signOut: false }), { kept: 2 });
});
