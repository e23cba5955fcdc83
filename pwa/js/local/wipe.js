/**
 * Wiping a user's synced data off this phone: what the server already holds goes, what it does
 * not hold stays. Used when the server reports the phone lost (net/syncer.js, after it has
 * pushed what it could) and after too many wrong PINs (local/vault.js).
 *
 * CONTRACT of `wipeSynced(db, opts)`:
 * - `db` is the user's open partition (`doorstep-user-<userId>`, local/db.js); the user id is read
 *   from its name. Nothing needs to be closed first; the caller closes the partition and shows
 *   the login screen afterwards.
 * - It deletes, in one transaction: every base record (`records`), every answered op (`sent`),
 *   every op the server refused (`rejected` but `parked`: the server keeps those in quarantine),
 *   the form drafts (`drafts`, unless `keepDrafts`), and every `meta` entry but the few the
 *   outbox needs to push later (`KEPT_META`: client id, seq counter, clock, acked seq, retention,
 *   the vault's wrapped keys). The pull cursor goes, so a later login starts a first sync.
 * - It never deletes an op the server has not answered: the `outbox` and the `parked` ops stay
 *   (sealed under the user's key where the vault is on). The caller pushes first when it can.
 * - In the device database it forgets the user's tokens (the row stays, `expired`, so a lock or
 *   login screen still knows whose work is parked; with `signOut` and nothing kept the row goes)
 *   and, with `signOut` (the default), which user is active. When unsynced work stays, `settings.parked[userId]` counts it, as a logout does.
 * - It resolves to `{kept}`: how many unsynced ops (outbox + parked) are still on the phone.
 *   Idempotent: a second call finds nothing more to delete.
 */
import { openDeviceDb, userDbName } from './db.js';
import { unsentUploads } from './uploads.js';

/** @typedef {import('./db.js').DB} DB */

/** The meta entries an outbox still needs to be pushed after a wipe (and the vault's keys). */
export const KEPT_META = new Set(['client_id', 'next_seq', 'clock', 'acked_seq', 'retention_ms', 'server_takes_floor', 'vault']);

const PREFIX = userDbName('');

/**
 * @param {DB} db the user's partition
 * @param {{deviceDb?: DB, signOut?: boolean, keepDrafts?: boolean}} [opts] deviceDb: the open
 *   device database (opened here when not given)
 * @returns {Promise<{kept: number}>}
 */
export async function wipeSynced(db, opts = {}) {
  const userId = db.name.startsWith(PREFIX) ? db.name.slice(PREFIX.length) : null;
  const stores = ['records', 'sent', 'rejected', 'meta', 'outbox', ...(db.objectStoreNames.contains('drafts') ? ['drafts'] : [])];
  const tx = db.transaction(stores, 'readwrite');
  await tx.objectStore('records').clear();
  await tx.objectStore('sent').clear();
  if (!opts.keepDrafts && stores.includes('drafts')) await tx.objectStore('drafts').clear();
  let parked = 0;
  for (let cursor = await tx.objectStore('rejected').openCursor(); cursor; cursor = await cursor.continue()) {
    if (cursor.value?.result?.status === 'parked') parked++;
    else await cursor.delete();
  }
  const meta = tx.objectStore('meta');
  for (const key of await meta.getAllKeys()) if (!KEPT_META.has(String(key))) await meta.delete(key);
  let kept = parked + (await tx.objectStore('outbox').count());
  await tx.done;
  kept += await unsentUploads(db); // photos not yet on the server: unsynced work, kept sealed
  // Uploaded photos are synced data (the server has them): their local copies go; photos
  // still waiting to upload are unsynced work and stay sealed, like the outbox.
  if (db.objectStoreNames.contains('uploads')) {
    // A done upload's chunks are already gone (uploads.js); its row keeps a thumbnail.
    const up = db.transaction('uploads', 'readwrite');
    for (let cursor = await up.store.openCursor(); cursor; cursor = await cursor.continue()) {
      if (cursor.value?.state === 'done') await cursor.delete();
    }
    await up.done;
  }
  if (userId) await forgetTokens(opts.deviceDb ?? (await openDeviceDb()), userId, kept, opts.signOut ?? true);
  return { kept };
}

/**
 * @param {DB} device @param {string} userId @param {number} kept @param {boolean} signOut
 */
async function forgetTokens(device, userId, kept, signOut) {
  const tx = device.transaction(['sessions', 'settings'], 'readwrite');
  const sessions = tx.objectStore('sessions');
  const settings = tx.objectStore('settings');
  const row = await sessions.get(userId);
  if (row && kept === 0 && signOut) await sessions.delete(userId);
  else if (row) {
    const { tokens: _sealed, ...rest } = row;
    await sessions.put({ ...rest, access_token: null, refresh_token: null, expired: true });
  }
  if (signOut && (await settings.get('active')) === userId) await settings.delete('active');
  const parked = { ...((await settings.get('parked')) ?? {}) };
  if (kept > 0) parked[userId] = kept;
  else delete parked[userId];
  await settings.put(parked, 'parked');
  await tx.done;
}
