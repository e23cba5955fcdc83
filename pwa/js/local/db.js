/**
 * The one module that opens Doorstep's IndexedDB databases and owns their versioned upgrades.
 *
 * Two kinds of database live on a phone:
 * - `doorstep-device`: which user is signed in and each user's tokens. Small, never holds case data.
 * - `doorstep-user-<userId>`: one partition per user: the replica of their caseload (`records`),
 *   their outbox of operations not yet answered, ops that need the helper (rejected by the server or
 *   parked by the phone), ops already answered (kept a while in case the server forgets them), and
 *   sync metadata.
 *   A second user on the same phone gets a second partition, so they can neither see nor delete
 *   the first user's unsynced work. What a partition holds of people is sealed under that
 *   user's data key (vault.js, keyring.js).
 *
 * Upgrades are an append-only list of steps: step N takes a database from version N-1 to N and
 * never drops a store that holds user work, so the outbox survives every schema change.
 */
import { openDB, deleteDB } from 'idb';

/** @typedef {import('idb').IDBPDatabase<any>} DB */
/** @typedef {import('idb').IDBPTransaction<any, any, 'versionchange'>} UpgradeTx */
/** @typedef {(db: DB, tx: UpgradeTx) => void} Migration */

export const DEVICE_DB = 'doorstep-device';
const DEVICE_DB_VERSION = 1;

/** @param {string} userId */
export function userDbName(userId) {
  return `doorstep-user-${userId}`;
}

/**
 * Upgrade steps for a user partition; index i upgrades version i to version i + 1.
 * @type {Migration[]}
 */
export const USER_MIGRATIONS = [
  // v1: replica, outbox, metadata.
  (db) => {
    const records = db.createObjectStore('records', { keyPath: ['entity', 'id'] });
    records.createIndex('entity', 'entity');
    records.createIndex('household', ['entity', 'household_id']);
    records.createIndex('person', ['entity', 'person_id']);
    db.createObjectStore('outbox', { keyPath: 'seq' });
    db.createObjectStore('meta');
  },
  // v2: a home for ops the server rejected (shown to the helper, never silently dropped),
  // and an index to find pending ops for one entity (pushed before a reassigned household is purged).
  (db, tx) => {
    db.createObjectStore('rejected', { keyPath: 'op_id' });
    tx.objectStore('outbox').createIndex('entity', ['entity', 'entity_id']);
  },
  // v3: ops the server answered, kept for the retention window it publishes (a restore from
  // backup may forget them; they are re-sent then), by seq and by the time they were answered.
  (db) => {
    const sent = db.createObjectStore('sent', { keyPath: 'seq' });
    sent.createIndex('answered_at', 'answered_at');
  },
  // v4: drafts of forms being typed (a visit, a registration, an edit), by form key, so a reload,
  // a closed tab or an app update never loses what the helper was writing.
  (db) => {
    db.createObjectStore('drafts', { keyPath: 'key' });
  },
  // v5: records are sealed (keyring.js); indexes over a household or person id would keep in
  // the clear who lives with whom, so they go: lookups run on the replica in memory. A tab of
  // an older build is asked to close (versionchange) before it writes another plain row.
  (_db, tx) => {
    const records = tx.objectStore('records');
    for (const name of ['household', 'person']) if (records.indexNames.contains(name)) records.deleteIndex(name);
  },
  // v6: files waiting to be uploaded (local/uploads.js): the queue by attachment id (state and
  // offset in the clear, the type and thumbnail sealed) and the bytes in sealed chunks.
  (db) => {
    db.createObjectStore('uploads', { keyPath: 'id' });
    db.createObjectStore('upload_chunks', { keyPath: ['id', 'n'] });
  },
];

export const USER_DB_VERSION = USER_MIGRATIONS.length;

/**
 * Open (creating or upgrading) one user's partition.
 * @param {string} userId
 * @param {{version?: number, onBlocked?: () => void, onVersionChange?: () => void}} [opts] version is
 *   for tests of old schemas; onVersionChange: a newer build in another tab is upgrading this database
 *   (this connection has closed itself; the page should reload).
 * @returns {Promise<DB>}
 */
export async function openUserDb(userId, opts = {}) {
  const version = opts.version ?? USER_DB_VERSION;
  const db = await openDB(userDbName(userId), version, {
    upgrade(db, oldVersion, newVersion, tx) {
      for (let v = oldVersion; v < (newVersion ?? version); v++) USER_MIGRATIONS[v](db, tx);
    },
    blocked() {
      opts.onBlocked?.();
    },
  });
  // Another tab with a newer build wants to upgrade: step aside instead of blocking it.
  db.addEventListener('versionchange', () => {
    db.close();
    opts.onVersionChange?.();
  });
  return db;
}

/** @param {string} userId */
export function deleteUserDb(userId) {
  return deleteDB(userDbName(userId));
}

/** @returns {Promise<DB>} */
export async function openDeviceDb() {
  const db = await openDB(DEVICE_DB, DEVICE_DB_VERSION, {
    upgrade(db, oldVersion) {
      if (oldVersion < 1) {
        db.createObjectStore('sessions', { keyPath: 'user.id' });
        db.createObjectStore('settings');
      }
    },
  });
  db.addEventListener('versionchange', () => db.close());
  return db;
}
