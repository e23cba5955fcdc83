import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { freshIndexedDb } from '../helpers.js';
import { openUserDb } from '../../../pwa/js/local/db.js';
import { ensureClientId, recordOps, pendingOps, park, rejectedOps, acknowledge, sentOps } from '../../../pwa/js/local/outbox.js';
import { applyPage, allRecords } from '../../../pwa/js/local/base.js';
import { LOCKED_DRAFTS, LockedError, sealedDrafts } from '../../../pwa/js/local/keyring.js';
import { loadDraft, saveDraft, setDraftCodec } from '../../../pwa/js/local/drafts.js';
import { lockVault, reopenWithOldPassword, rewrapPassword, setPin, unlockWithDevice, unlockWithPassword, unlockWithPin, vaultState } from '../../../pwa/js/local/vault.js';
import { wipeSynced } from '../../../pwa/js/local/wipe.js';
import { Sessions, withTokens } from '../../../pwa/js/local/session.js';

beforeEach(freshIndexedDb);

const FAST = { iterations: 1_000 }; // the app uses 600,000; the rules are the same
const NAME = '王芳';
const PHONE = '13800138000';
const NOTE = '上门走访，家里没人';

const person = { entity: 'person', id: 'p1', op: 'upsert', data: { name: NAME, phone: PHONE, household_id: 'h1' }, stamps: { name: '0000000000001-0000-srv', phone: '0000000000001-0000-srv' } };
const page = { cursor: 'c1', has_more: false, changes: [person] };
const visit = { entity: 'visit', entity_id: 'v1', kind: /** @type {const} */ ('insert'), data: { household_id: 'h1', notes: NOTE } };

/** Every byte IndexedDB holds for the partition, as text. @param {import('../../../pwa/js/local/db.js').DB} db */
async function rawText(db) {
  const parts = [];
  for (const store of db.objectStoreNames) {
    for (const row of await db.getAll(store)) parts.push(JSON.stringify(row, (_k, v) => (v instanceof Uint8Array ? new TextDecoder().decode(v) : v)));
  }
  return parts.join('\n');
}

async function sealedPartition() {
  const db = await openUserDb('u1');
  await ensureClientId(db);
  const key = await unlockWithPassword(db, 'doorstep-demo', FAST);
  assert.ok(key);
  return { db, key: /** @type {CryptoKey} */ (key) };
}

test('a synced person and a visit typed offline are stored sealed, and read back whole', async () => {
  const { db } = await sealedPartition();
  await applyPage(db, page);
  await recordOps(db, [visit]);

  const raw = await rawText(db);
  for (const secret of [NAME, PHONE, NOTE, 'h1']) assert.ok(!raw.includes(secret), `${secret} is not in the clear`);
  assert.equal((await allRecords(db))[0].data.name, NAME);
  assert.equal((await pendingOps(db))[0].data.notes, NOTE);
  db.close();
});

test('a ciphertext moved onto another record does not open: that record is not shown', async () => {
  const { db } = await sealedPartition();
  await applyPage(db, { ...page, changes: [person, { ...person, id: 'p2', data: { name: '李强' } }] });
  const stolen = await db.get('records', ['person', 'p1']);
  await db.put('records', { ...stolen, id: 'p2' });
  const warn = console.warn;
  console.warn = () => {};
  try {
    assert.deepEqual((await allRecords(db)).map((r) => [r.id, r.data.name]), [['p1', NAME]]);
  } finally {
    console.warn = warn;
  }
  db.close();
});

test('an op keeps its seal as it moves from the outbox to set aside and to answered', async () => {
  const { db } = await sealedPartition();
  const [a, b] = await recordOps(db, [visit, { ...visit, entity_id: 'v2' }]);
  await park(db, a, { code: 'refused', message: 'HTTP 422' });
  await acknowledge(db, [b], { acked_seq: 2, results: [{ op_id: b.op_id, status: 'applied' }] });
  assert.equal((await rejectedOps(db))[0].data.notes, NOTE);
  assert.equal((await sentOps(db))[0].op.data.notes, NOTE);
  assert.ok(!(await rawText(db)).includes(NOTE));
  db.close();
});

test('locked, nothing reads and nothing is written in the clear', async () => {
  const { db } = await sealedPartition();
  await applyPage(db, page);
  await recordOps(db, [visit]);
  await lockVault(db);
  await assert.rejects(pendingOps(db), LockedError);
  await assert.rejects(allRecords(db), LockedError);
  await assert.rejects(recordOps(db, [visit]), LockedError);
  assert.equal(await unlockWithDevice(db), null, 'the browser-kept wrap went with the lock');
  db.close();
});

test('a PIN opens offline; wrong PINs count, and the last one wipes the synced data but keeps the unsynced visit', async () => {
  const { db, key } = await sealedPartition();
  await applyPage(db, page);
  await recordOps(db, [visit]);
  await setPin(db, key, '2468', FAST);
  await lockVault(db);
  const wipe = (/** @type {any} */ d) => wipeSynced(d, { signOut: false, keepDrafts: true }).then(() => {});

  assert.ok('key' in (await unlockWithPin(db, '2468', { maxAttempts: 3, wipe })));
  await lockVault(db);
  assert.deepEqual(await unlockWithPin(db, '1111', { maxAttempts: 3, wipe }), { wrong: 2 });
  assert.deepEqual(await unlockWithPin(db, '1112', { maxAttempts: 3, wipe }), { wrong: 1 });
  assert.equal((await vaultState(db)).failures, 2, 'kept in the partition, not in memory');
  assert.deepEqual(await unlockWithPin(db, '1113', { maxAttempts: 3, wipe }), { wiped: true });
  assert.deepEqual(await unlockWithPin(db, '2468', { maxAttempts: 3, wipe }), { wiped: true }, 'the PIN wrap is gone');

  assert.equal((await db.getAll('records')).length, 0, 'the synced person is gone');
  assert.ok(await unlockWithPassword(db, 'doorstep-demo', FAST), 'the password still opens');
  assert.deepEqual((await pendingOps(db)).map((op) => op.data.notes), [NOTE], 'the unsynced visit is there');
  db.close();
});

test('the wrong password does not open, and does not touch the vault', async () => {
  const { db } = await sealedPartition();
  await recordOps(db, [visit]);
  await lockVault(db);
  assert.equal(await unlockWithPassword(db, 'not-the-password', FAST), null);
  assert.ok(await unlockWithPassword(db, 'doorstep-demo', FAST));
  assert.equal((await pendingOps(db)).length, 1);
  db.close();
});

test('a phone updating with a plain partition seals it at the first unlock without losing an op', async () => {
  const old = await openUserDb('u1', { version: 4 });
  await ensureClientId(old);
  await applyPage(old, page);
  const ops = await recordOps(old, [visit, { ...visit, entity_id: 'v2', data: { notes: 'second' } }]);
  await park(old, ops[1], { code: 'refused', message: 'HTTP 422' });
  old.close();

  const db = await openUserDb('u1');
  assert.ok((await rawText(db)).includes(NOTE), 'plain before the unlock');
  await unlockWithPassword(db, 'doorstep-demo', FAST);
  const raw = await rawText(db);
  for (const secret of [NAME, PHONE, NOTE, 'second']) assert.ok(!raw.includes(secret), `${secret} sealed`);
  assert.deepEqual((await pendingOps(db)).map((op) => [op.seq, op.op_id, op.data.notes]), [[1, ops[0].op_id, NOTE]]);
  assert.deepEqual((await rejectedOps(db)).map((op) => [op.seq, op.data.notes]), [[2, 'second']]);
  assert.equal((await allRecords(db))[0].data.phone, PHONE);
  db.close();
});

test('a second user on the phone opens nothing of the first', async () => {
  const { db } = await sealedPartition();
  await recordOps(db, [visit]);
  await lockVault(db); // logged out with work parked
  db.close();
  const other = await openUserDb('u1');
  assert.equal(await unlockWithDevice(other), null);
  assert.equal(await unlockWithPassword(other, 'bob-password', FAST), null);
  other.close();
});

test('tokens are kept sealed with the data key', async () => {
  const { db, key } = await sealedPartition();
  const sessions = await Sessions.open();
  const user = { id: 'u1', username: 'li', display_name: 'Li', role: 'helper' };
  await sessions.activate({ user, access_token: 'access-secret', refresh_token: 'refresh-secret' }, key);
  const stored = /** @type {import('../../../pwa/js/local/session.js').Session} */ (await sessions.active());
  assert.equal(stored.refresh_token, null);
  assert.ok(!JSON.stringify(stored).includes('secret'));
  assert.equal((await withTokens(stored, key)).refresh_token, 'refresh-secret');
  await sessions.update('u1', { access_token: 'access-2', refresh_token: 'refresh-2' }, key);
  assert.equal((await withTokens(/** @type {any} */ (await sessions.active()), key)).access_token, 'access-2');
  db.close();
});

test('a draft is sealed while it is typed, and cannot be read once locked', async () => {
  const { db } = await sealedPartition();
  setDraftCodec(sealedDrafts(db));
  try {
    await saveDraft(db, 'visit:h1', { notes: NOTE });
    assert.ok(!(await rawText(db)).includes(NOTE));
    assert.equal((await loadDraft(db, 'visit:h1'))?.data.notes, NOTE);
    setDraftCodec(LOCKED_DRAFTS);
    await assert.rejects(loadDraft(db, 'visit:h1'), LockedError);
    await assert.rejects(saveDraft(db, 'visit:h1', { notes: 'typed while locked' }), LockedError);
  } finally {
    setDraftCodec(null);
    db.close();
  }
});

test('rereading the base after a sync opens only what changed, and a lock forgets what was opened', async () => {
  const { db } = await sealedPartition();
  await applyPage(db, { ...page, changes: [person, { ...person, id: 'p2', data: { name: '李强' } }] });
  const subtle = /** @type {any} */ (crypto.subtle);
  const decrypt = subtle.decrypt;
  let calls = 0;
  subtle.decrypt = (/** @type {any[]} */ ...args) => {
    calls++;
    return decrypt.apply(crypto.subtle, args);
  };
  try {
    assert.equal((await allRecords(db)).length, 2);
    assert.equal(calls, 0, 'what this tab sealed it already knows');
    await db.put('records', { entity: 'person', id: 'p2', sealed: (await db.get('records', ['person', 'p1'])).sealed });
    await allRecords(db).catch(() => {});
    assert.equal(calls, 1, 'a row that changed behind the tab is opened (and here refused)');
    await lockVault(db);
    await unlockWithPassword(db, 'doorstep-demo', FAST);
    calls = 0;
    const warn = console.warn;
    console.warn = () => {};
    await allRecords(db);
    console.warn = warn;
    assert.equal(calls, 2, 'after a lock every row is opened again');
  } finally {
    subtle.decrypt = decrypt;
    db.close();
  }
});

test('a password changed on another device: the PIN opens once, then the new password does', async () => {
  const { db, key } = await sealedPartition();
  await recordOps(db, [visit]);
  await setPin(db, key, '2468', FAST);
  await lockVault(db);
  assert.equal(await unlockWithPassword(db, 'the-new-password', FAST), null);
  const wipe = async () => assert.fail('no wipe');
  const opened = await unlockWithPin(db, '2468', { wipe });
  assert.ok('key' in opened);
  await rewrapPassword(db, opened.key, 'the-new-password', FAST);
  await lockVault(db);
  assert.ok(await unlockWithPassword(db, 'the-new-password', FAST));
  assert.equal((await pendingOps(db))[0].data.notes, NOTE);
  db.close();
});

test('a password reset with no PIN: the previous password opens the unsynced work once, then the new one does', async () => {
  const { db } = await sealedPartition();
  await recordOps(db, [visit]);
  await lockVault(db);
  assert.equal(await unlockWithPassword(db, 'reset-by-the-admin', FAST), null);
  assert.equal(await reopenWithOldPassword(db, 'a-wrong-guess', 'reset-by-the-admin', FAST), null);
  assert.ok(await reopenWithOldPassword(db, 'doorstep-demo', 'reset-by-the-admin', FAST));
  await lockVault(db);
  assert.ok(await unlockWithPassword(db, 'reset-by-the-admin', FAST));
  assert.equal((await pendingOps(db))[0].data.notes, NOTE);
  db.close();
});
