/**
 * The outbox: operations recorded on this phone and not yet acknowledged by the server.
 *
 * Recording is one IndexedDB transaction over the outbox and the metadata that allocates the
 * per-device `seq` and advances the clock, so a visit and its status changes are saved
 * together or not at all, and two tabs can never hand out the same seq. An op leaves the outbox
 * only when a push response acknowledges its seq (`acked_seq`); an op the server rejected moves
 * to `rejected`, with the reason, for the helper to see: never dropped, never blocking.
 */
import { tick, encodeStamp, observeServerTime } from './clock.js';

/** @typedef {import('./db.js').DB} DB */
/** @typedef {'insert'|'set'|'transition'|'resolve'} OpKind */
/** @typedef {{entity: string, entity_id: string, kind: OpKind, data: Record<string, any>, base?: Record<string, string|null>}} Draft */
/** @typedef {Draft & {op_id: string, client_id: string, seq: number, hlc: string, recorded_at: number}} Op */
/**
 * @typedef {{op_id: string, status: 'applied'|'duplicate'|'merged'|'conflict'|'rejected', conflict_id?: string,
 *   code?: string, message?: string, fields?: Record<string, string[]>, late?: boolean}} OpResult
 */
/** @typedef {{acked_seq: number, server_time?: number, results: OpResult[]}} PushResponse */
/** @typedef {Op & {result: OpResult, rejected_at: number}} RejectedOp */

/** @returns {string} */
export function uuid() {
  return globalThis.crypto.randomUUID();
}

/**
 * The partition's client_id (made once, on first use).
 * @param {DB} db
 * @returns {Promise<string>}
 */
export async function ensureClientId(db) {
  const tx = db.transaction('meta', 'readwrite');
  let id = await tx.store.get('client_id');
  if (!id) {
    id = uuid();
    await tx.store.put(id, 'client_id');
  }
  await tx.done;
  return id;
}

/**
 * Record operations atomically. Returns the stored ops.
 * @param {DB} db
 * @param {Draft[]} drafts
 * @param {number} [now] local ms
 * @returns {Promise<Op[]>}
 */
export async function recordOps(db, drafts, now = Date.now()) {
  const tx = db.transaction(['outbox', 'meta'], 'readwrite');
  try {
    const meta = tx.objectStore('meta');
    const clientId = await meta.get('client_id');
    if (!clientId) throw new Error('partition has no client_id');
    let seq = (await meta.get('next_seq')) ?? 1;
    let clock = await meta.get('clock');
    /** @type {Op[]} */
    const ops = [];
    for (const draft of drafts) {
      clock = tick(clock, now);
      /** @type {Op} */
      const op = {
        op_id: uuid(),
        client_id: clientId,
        seq: seq++,
        hlc: encodeStamp(clock, clientId),
        entity: draft.entity,
        entity_id: draft.entity_id,
        kind: draft.kind,
        data: draft.data,
        recorded_at: now,
      };
      if (draft.base) op.base = draft.base;
      ops.push(op);
      quiet(tx.objectStore('outbox').add(op));
    }
    quiet(meta.put(seq, 'next_seq'));
    quiet(meta.put(clock, 'clock'));
    await tx.done;
    return ops;
  } catch (err) {
    // All or nothing: a request that already succeeded must not commit without the others.
    try {
      tx.abort();
    } catch {
      // already finished or aborted
    }
    await tx.done.catch(() => {});
    throw err;
  }
}

/** A request whose failure is reported through the transaction, not on its own. @param {Promise<unknown>} p */
function quiet(p) {
  p.catch(() => {});
}

/** @param {DB} db @returns {Promise<Op[]>} pending ops in seq order */
export function pendingOps(db) {
  return db.getAll('outbox');
}

/** @param {DB} db */
export function pendingCount(db) {
  return db.count('outbox');
}

/**
 * Apply a push response: ops up to `acked_seq` leave the outbox, rejected ones are kept aside
 * with their reason, and the server's time advances the clock. One transaction.
 * @param {DB} db
 * @param {Op[]} sent
 * @param {PushResponse} response
 * @param {number} [now]
 * @returns {Promise<{removed: number, rejected: RejectedOp[]}>}
 */
export async function acknowledge(db, sent, response, now = Date.now()) {
  const acked = Number(response.acked_seq) || 0;
  const results = new Map((response.results ?? []).map((r) => [r.op_id, r]));
  const tx = db.transaction(['outbox', 'rejected', 'meta'], 'readwrite');
  /** @type {RejectedOp[]} */
  const rejected = [];
  for (const op of sent) {
    const result = results.get(op.op_id);
    if (result?.status === 'rejected' && op.seq <= acked) {
      const entry = { ...op, result, rejected_at: now };
      rejected.push(entry);
      tx.objectStore('rejected').put(entry);
    }
  }
  let removed = 0;
  if (acked > 0) {
    let cursor = await tx.objectStore('outbox').openCursor(IDBKeyRange.upperBound(acked));
    while (cursor) {
      removed++;
      cursor.delete();
      cursor = await cursor.continue();
    }
  }
  const meta = tx.objectStore('meta');
  const previous = (await meta.get('acked_seq')) ?? 0;
  meta.put(Math.max(previous, acked), 'acked_seq');
  if (response.server_time) meta.put(observeServerTime(await meta.get('clock'), response.server_time, now), 'clock');
  await tx.done;
  return { removed, rejected };
}

/** @param {DB} db @returns {Promise<RejectedOp[]>} */
export function rejectedOps(db) {
  return db.getAll('rejected');
}

/** The helper has read a rejection (the server keeps the raw op in quarantine). @param {DB} db @param {string} opId */
export function dismissRejected(db, opId) {
  return db.delete('rejected', opId);
}
