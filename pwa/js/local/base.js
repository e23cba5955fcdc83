/**
 * The base layer: exactly what the server sent (PROTOCOL.md 8.1), one row per record with its
 * field stamps, and the pull cursor. A page is applied in one transaction together with its
 * cursor, so an interrupted first sync resumes after the last page that was stored.
 */
import { revive, freeze } from './clock.js';
import { applyPage as coreApplyPage } from '../sync/apply.js';
import { LockedError, openFields, recordAad, sealFields } from './keyring.js';

/** @typedef {import('./db.js').DB} DB */
/** @typedef {import('../sync/apply.js').Change} Change */
/**
 * A pull page; `total` or `remaining` (changes after this page), when the server sends them,
 * give the first sync's "N of M".
 * @typedef {Omit<import('../sync/apply.js').PullPage, 'reset'|'acked_seq'|'protocol'|'server_time'> &
 *   {reset?: boolean, acked_seq?: number, protocol?: number, server_time?: number, total?: number, remaining?: number}} PullPage
 */
/** @typedef {{entity: string, id: string, household_id?: string, person_id?: string, data: Record<string, any>, stamps: Record<string, string>}} BaseRecord */
/** @typedef {{pages: number, changes: number, total: number|null, done: boolean}} PullProgress */
/** A base record as stored: its data and stamps sealed (keyring.js), its key path in the clear. */
/** @typedef {{entity: string, id: string, sealed?: Uint8Array<ArrayBuffer>, data?: Record<string, any>, stamps?: Record<string, string>}} StoredRecord */

/**
 * Store one pulled page and its cursor.
 * @param {DB} db
 * @param {PullPage} page
 * @param {number} [now]
 * @returns {Promise<PullProgress>}
 */
export async function applyPage(db, page, now = Date.now()) {
  // The core computes the page's records; the stamps it meets are merged into the clock below.
  const changes = page.changes ?? [];
  /** @type {string[]} */
  const seen = [];
  const upserts = coreApplyPage({}, { protocol: 2, server_time: 0, acked_seq: 0, ...page, changes, reset: true }, { receive: (stamp) => void seen.push(stamp) }, now);
  // Sealed before the transaction: it would commit while waiting on WebCrypto.
  /** @type {Promise<StoredRecord>[]} */
  const sealing = [];
  for (const [entity, table] of Object.entries(upserts)) {
    for (const [id, rec] of Object.entries(table)) sealing.push(sealRecord(db, entity, id, rec.data, rec.stamps));
  }
  const rows = await Promise.all(sealing);
  const tx = db.transaction(['records', 'meta'], 'readwrite');
  const records = tx.objectStore('records');
  const meta = tx.objectStore('meta');
  /** @type {PullProgress} */
  let progress = (await meta.get('pull_progress')) ?? { pages: 0, changes: 0, total: null, done: false };
  if (page.reset) {
    // The server forgot our cursor (or was restored): start the base again; the outbox stays.
    records.clear();
    progress = { pages: 0, changes: 0, total: null, done: false };
  }
  // Read in this transaction, so an op recorded meanwhile in another tab is not stamped again.
  const clock = revive(await meta.get('clock'));
  const receiver = safeReceiver(clock);
  for (const stamp of seen) receiver.receive(stamp, now);
  for (const change of changes) {
    if (change.op === 'remove') records.delete([change.entity, String(change.id)]);
  }
  for (const row of rows) records.put(row);
  if (page.server_time) clock.observeServerTime(page.server_time, now);
  meta.put(freeze(clock), 'clock');
  progress = {
    pages: progress.pages + 1,
    changes: progress.changes + changes.length,
    total: estimateTotal(progress, page),
    done: progress.done || !page.has_more,
  };
  meta.put(page.cursor ?? '', 'cursor');
  meta.put(progress, 'pull_progress');
  if (!page.has_more) {
    meta.put(now, 'last_pull_at');
    meta.put(true, 'first_sync_done'); // a later `reset` resyncs behind the app; only a wipe clears it
  }
  await tx.done;
  return progress;
}

/**
 * A clock receiver that skips a malformed stamp instead of failing the whole page.
 * @param {import('../sync/hlc.js').Clock} clock
 */
function safeReceiver(clock) {
  return {
    receive(/** @type {string} */ stamp, /** @type {number} */ localMs) {
      try {
        clock.receive(stamp, localMs);
      } catch {
        // not merged; the record itself is still stored
      }
    },
  };
}

/**
 * How many changes the whole first sync holds, when the server tells (`total` or `remaining`).
 * @param {PullProgress} before
 * @param {PullPage} page
 */
function estimateTotal(before, page) {
  if (typeof page.total === 'number') return page.total;
  if (typeof page.remaining === 'number') return before.changes + (page.changes?.length ?? 0) + page.remaining;
  return before.total;
}

/** @param {DB} db @returns {Promise<string>} */
export async function cursor(db) {
  return (await db.get('meta', 'cursor')) ?? '';
}

/** @param {DB} db @returns {Promise<PullProgress|undefined>} */
export function pullProgress(db) {
  return db.get('meta', 'pull_progress');
}

/** Has this partition ever completed a pull? @param {DB} db @returns {Promise<boolean>} */
export async function firstSyncDone(db) {
  return Boolean(await db.get('meta', 'first_sync_done'));
}

/**
 * @param {DB} db @param {string} entity @param {string} id
 * @param {Record<string, any>} data @param {Record<string, string>} stamps
 * @returns {Promise<StoredRecord>}
 */
async function sealRecord(db, entity, id, data, stamps) {
  return { entity, id, ...(await sealFields(db, recordAad(entity, id), { data, stamps })) };
}

/**
 * Every base record, opened. There are no indexes over what records hold (a household id would
 * tell who lives together): lookups run on the replica in memory. A row that does not open
 * (damaged, or moved from another record) is left out rather than shown: the server still has
 * it. Locked, this throws.
 * @param {DB} db
 * @returns {Promise<BaseRecord[]>}
 */
export async function allRecords(db) {
  /** @type {StoredRecord[]} */
  const rows = await db.getAll('records');
  const opened = await Promise.all(rows.map((row) => openFields(db, recordAad(row.entity, row.id), row).catch((err) => {
    if (err instanceof LockedError) throw err;
    console.warn(`records/${row.entity}/${row.id} does not open; left out`);
    return null;
  })));
  return /** @type {BaseRecord[]} */ (opened.filter(Boolean));
}
