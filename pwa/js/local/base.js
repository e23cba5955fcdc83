/**
 * The base layer: exactly what the server sent (PROTOCOL.md 8.1), one row per record with its
 * field stamps, and the pull cursor. A page is applied in one transaction together with its
 * cursor, so an interrupted first sync resumes after the last page that was stored.
 */
import { revive, freeze } from './clock.js';
import { applyPage as coreApplyPage } from '../sync/apply.js';

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

/**
 * Store one pulled page and its cursor.
 * @param {DB} db
 * @param {PullPage} page
 * @param {number} [now]
 * @returns {Promise<PullProgress>}
 */
export async function applyPage(db, page, now = Date.now()) {
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
  const clock = revive(await meta.get('clock'));
  // The core computes the page's records (and merges every stamp into the clock); we store them.
  const changes = page.changes ?? [];
  const upserts = coreApplyPage({}, { protocol: 2, server_time: 0, acked_seq: 0, ...page, changes, reset: true }, safeReceiver(clock), now);
  for (const change of changes) {
    if (change.op === 'remove') records.delete([change.entity, String(change.id)]);
  }
  for (const [entity, table] of Object.entries(upserts)) {
    for (const [id, rec] of Object.entries(table)) {
      /** @type {BaseRecord} */
      const row = { entity, id, data: rec.data, stamps: rec.stamps };
      if (typeof rec.data.household_id === 'string') row.household_id = rec.data.household_id;
      if (typeof rec.data.person_id === 'string') row.person_id = rec.data.person_id;
      records.put(row);
    }
  }
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
    meta.put(true, 'first_sync_done'); // never cleared: a later `reset` resyncs behind the app
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

/** @param {DB} db @returns {Promise<BaseRecord[]>} */
export function allRecords(db) {
  return db.getAll('records');
}
