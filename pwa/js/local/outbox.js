/**
 * The outbox: operations recorded on this phone, from the moment they are saved until the
 * server can no longer lose them.
 *
 * Recording is one IndexedDB transaction over the outbox and the metadata that allocates the
 * per-device `seq` and advances the clock, so a visit and its status changes are saved
 * together or not at all, and two tabs can never hand out the same seq.
 *
 * An op lives in one of three stores (sync/PROTOCOL.md 6.1):
 * - `outbox`: not yet answered; pushed in seq order.
 * - `rejected` ("needs your attention"): the server refused it (`status: rejected`) or the phone
 *   parked it because every batch holding it failed (`status: parked`). Kept whole, with the
 *   reason, until the helper edits and resends it or discards it. Never dropped silently, and
 *   never in the way of the ops behind it.
 * - `sent`: answered (applied, duplicate, merged, conflict), kept for the retention window the
 *   server publishes, because a restore from backup may forget it. When the server's acked seq
 *   goes backwards, or a pull says `reset`, these go back into the outbox; the server answers
 *   `duplicate` for the ones it still has.
 *
 * An op's data and field stamps are sealed (vault.js `sealOp`) before the transaction that stores
 * it, under its op_id, so it moves between the three stores as it is, never decrypted on the way.
 *
 * An op leaves the outbox on its own definitive result, never on the device's contiguous
 * `acked_seq`: a gap in the server's acknowledged seqs must not stop the rest.
 */
import { tick, encodeStamp, observeServerTime } from './clock.js';
import { openOp, sealOp } from './vault.js';

/** @typedef {import('./db.js').DB} DB */
/** @typedef {'insert'|'set'|'transition'|'resolve'} OpKind */
/** @typedef {{entity: string, entity_id: string, kind: OpKind, data: Record<string, any>, base?: Record<string, string|null>}} Draft */
/** @typedef {Draft & {op_id: string, client_id: string, seq: number, hlc: string, recorded_at: number, resent?: boolean}} Op */
/**
 * @typedef {{op_id: string, status: 'applied'|'duplicate'|'merged'|'conflict'|'rejected'|'parked', conflict_id?: string,
 *   code?: string, message?: string, fields?: Record<string, string[]>, late?: boolean, original?: string}} OpResult
 */
/** @typedef {{acked_seq: number, server_time?: number, retention_ms?: number, results: OpResult[]}} PushResponse */
/** @typedef {Op & {result: OpResult, rejected_at: number}} RejectedOp */
/** @typedef {{seq: number, op_id: string, op: Omit<Op, 'recorded_at'|'resent'>, recorded_at: number, answered_at: number}} SentOp */

/** How long answered ops stay on the phone when the server does not say (its backup window). */
export const DEFAULT_RETENTION_MS = 14 * 24 * 3_600_000;
/** Results after which the server holds the op (or its refusal) for good. */
const DEFINITIVE = new Set(['applied', 'duplicate', 'merged', 'conflict', 'rejected']);

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
  const prepared = await prepare(db, drafts);
  return atomically(db, ['outbox', 'meta'], (tx) => stage(tx, prepared, now));
}

/** @typedef {{draft: Draft, op_id: string, stored: Record<string, any>}} Prepared */

/**
 * Give drafts their op_id and seal their data, before any transaction (WebCrypto is async).
 * @param {DB} db
 * @param {Draft[]} drafts
 * @returns {Promise<Prepared[]>}
 */
async function prepare(db, drafts) {
  return Promise.all(drafts.map(async (draft) => {
    const op_id = uuid();
    // A value JSON cannot carry (a function, a cycle) is refused here, as the outbox would.
    structuredClone(draft.data);
    return { draft, op_id, stored: await sealOp(db, { op_id, data: draft.data, ...(draft.base ? { base: draft.base } : {}) }) };
  }));
}

/**
 * Run `fn` in one transaction; on any error nothing of it commits.
 * @template T
 * @param {DB} db
 * @param {string[]} stores
 * @param {(tx: import('idb').IDBPTransaction<any, any, 'readwrite'>) => Promise<T>} fn
 * @returns {Promise<T>}
 */
async function atomically(db, stores, fn) {
  const tx = db.transaction(stores, 'readwrite');
  try {
    const out = await fn(tx);
    await tx.done;
    return out;
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

/**
 * Give prepared drafts their seq and stamp and add them to the outbox, inside `tx`.
 * @param {import('idb').IDBPTransaction<any, any, 'readwrite'>} tx over outbox and meta at least
 * @param {Prepared[]} prepared
 * @param {number} now
 * @returns {Promise<Op[]>}
 */
async function stage(tx, prepared, now) {
  const meta = tx.objectStore('meta');
  const clientId = await meta.get('client_id');
  if (!clientId) throw new Error('partition has no client_id');
  let seq = (await meta.get('next_seq')) ?? 1;
  let clock = await meta.get('clock');
  /** @type {Op[]} */
  const ops = [];
  for (const { draft, op_id, stored } of prepared) {
    clock = tick(clock, now);
    /** @type {Op} */
    const op = {
      op_id,
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
    const { data: _data, base: _base, ...plain } = op;
    quiet(tx.objectStore('outbox').add({ ...plain, ...stored }));
  }
  quiet(meta.put(seq, 'next_seq'));
  quiet(meta.put(clock, 'clock'));
  return ops;
}

/** A request whose failure is reported through the transaction, not on its own. @param {Promise<unknown>} p */
function quiet(p) {
  p.catch(() => {});
}

/** The op as the protocol defines it (local bookkeeping fields stay home). @param {Op} op */
export function wireOf(op) {
  const { recorded_at: _recorded, resent: _resent, ...wire } = op;
  return wire;
}

/** @param {DB} db @returns {Promise<Op[]>} pending ops in seq order, opened */
export async function pendingOps(db) {
  return Promise.all((await db.getAll('outbox')).map((row) => openOp(db, row)));
}

/**
 * The push envelope's `floor`: the lowest seq this phone still waits an answer for (the
 * outbox's first), or the next seq to be handed out. Every seq below it is answered, set
 * aside for the helper, or given up, so the server may acknowledge past a gap below it.
 * @param {DB} db
 * @returns {Promise<number>}
 */
export async function outboxFloor(db) {
  const tx = db.transaction(['outbox', 'meta']);
  const first = await tx.objectStore('outbox').openCursor();
  const next = (await tx.objectStore('meta').get('next_seq')) ?? 1;
  await tx.done;
  return first ? Number(first.key) : next;
}

/**
 * Apply a push response: every op with a definitive result leaves the outbox (answered ones
 * to `sent`, refused ones to `rejected`), the server's acked seq is checked for a regression
 * (which puts back into the outbox the answered ops it may have forgotten), answered ops older
 * than the retention window are forgotten, and the server's time advances the clock.
 * One transaction.
 * @param {DB} db
 * @param {Op[]} batch the ops that were sent
 * @param {PushResponse} response
 * @param {number} [now]
 * @returns {Promise<{removed: number, rejected: RejectedOp[], requeued: number}>}
 */
export async function acknowledge(db, batch, response, now = Date.now()) {
  const results = new Map((response.results ?? []).map((r) => [r.op_id, r]));
  return atomically(db, ['outbox', 'rejected', 'sent', 'meta'], async (tx) => {
    /** @type {RejectedOp[]} */
    const rejected = [];
    /** @type {Set<number>} */
    const answered = new Set();
    for (const op of batch) {
      const result = results.get(op.op_id);
      if (!result || !DEFINITIVE.has(result.status)) continue; // stays in the outbox
      /** @type {any} the op as stored (sealed), moved as it is */
      const row = await tx.objectStore('outbox').get(op.seq);
      if (!row || row.op_id !== op.op_id) continue; // already settled (another tab)
      answered.add(op.seq);
      quiet(tx.objectStore('outbox').delete(op.seq));
      if (result.status === 'rejected' || (result.status === 'duplicate' && result.original === 'rejected')) {
        const entry = { ...op, result, rejected_at: now };
        delete entry.resent;
        rejected.push(entry);
        const { resent: _resent, ...stored } = row;
        quiet(tx.objectStore('rejected').put({ ...stored, result: storedResult(result), rejected_at: now }));
      } else {
        quiet(tx.objectStore('sent').put(sentEntry(row, now)));
      }
    }
    const requeued = await observeServer(tx, response, now, answered);
    if (response.server_time) {
      const meta = tx.objectStore('meta');
      quiet(meta.put(observeServerTime(await meta.get('clock'), response.server_time, now), 'clock'));
    }
    return { removed: answered.size, rejected, requeued };
  });
}

/** @param {Op} op as stored @param {number} now @returns {SentOp} */
function sentEntry(op, now) {
  return { seq: op.seq, op_id: op.op_id, op: wireOf(op), recorded_at: op.recorded_at, answered_at: now };
}

/**
 * What a pull page tells about our ops: `reset` (a new epoch: the server was restored or
 * recreated) puts every answered op still kept back into the outbox; an acked seq lower than
 * one seen before puts back those above it. One transaction.
 * @param {DB} db
 * @param {{acked_seq?: number, reset?: boolean, retention_ms?: number}} page
 * @param {number} [now]
 * @returns {Promise<number>} how many ops went back into the outbox
 */
export function observePull(db, page, now = Date.now()) {
  return atomically(db, ['outbox', 'sent', 'meta'], (tx) => observeServer(tx, page, now, new Set()));
}

/**
 * The one rule for "the server may have forgotten our ops" (sync/PROTOCOL.md 6.1).
 * @param {import('idb').IDBPTransaction<any, any, 'readwrite'>} tx over outbox, sent, meta
 * @param {{acked_seq?: number, reset?: boolean, retention_ms?: number}} said
 * @param {number} now
 * @param {Set<number>} fresh seqs the same response just answered (the server has them)
 * @returns {Promise<number>}
 */
async function observeServer(tx, said, now, fresh) {
  const meta = tx.objectStore('meta');
  const high = Number(await meta.get('acked_seq')) || 0;
  const hasAcked = typeof said.acked_seq === 'number' && Number.isSafeInteger(said.acked_seq) && said.acked_seq >= 0;
  const acked = hasAcked ? /** @type {number} */ (said.acked_seq) : high;
  let requeued = 0;
  if (said.reset || acked < high) {
    // Everything answered above what the server now holds (all of it after a reset) goes again.
    const from = said.reset ? 0 : acked;
    let cursor = await tx.objectStore('sent').openCursor(IDBKeyRange.lowerBound(from, true));
    while (cursor) {
      /** @type {SentOp} */
      const kept = cursor.value;
      if (!fresh.has(kept.seq)) {
        quiet(tx.objectStore('outbox').put({ ...kept.op, recorded_at: kept.recorded_at, resent: true }));
        quiet(cursor.delete());
        requeued++;
      }
      cursor = await cursor.continue();
    }
  }
  if (hasAcked) quiet(meta.put(acked, 'acked_seq'));
  let retention = Number(await meta.get('retention_ms')) || DEFAULT_RETENTION_MS;
  if (typeof said.retention_ms === 'number' && said.retention_ms > 0) {
    retention = said.retention_ms;
    quiet(meta.put(retention, 'retention_ms'));
    quiet(meta.put(true, 'server_takes_floor'));
  }
  let old = await tx.objectStore('sent').index('answered_at').openCursor(IDBKeyRange.upperBound(now - retention, true));
  while (old) {
    quiet(old.delete());
    old = await old.continue();
  }
  return requeued;
}

/**
 * Set an op aside because the server fails every batch that holds it: out of the outbox, into
 * "needs your attention", whole, with the reason (a message key for the helper's language).
 * @param {DB} db
 * @param {Op} op
 * @param {{code: string, message: string}} reason
 * @param {number} [now]
 * @returns {Promise<RejectedOp>}
 */
export function park(db, op, reason, now = Date.now()) {
  return atomically(db, ['outbox', 'rejected'], async (tx) => {
    /** @type {OpResult} */
    const result = { op_id: op.op_id, status: 'parked', code: reason.code, message: reason.message };
    /** @type {RejectedOp} */
    const entry = { ...op, result, rejected_at: now };
    delete entry.resent;
    /** @type {any} */
    const row = await tx.objectStore('outbox').get(op.seq);
    quiet(tx.objectStore('outbox').delete(op.seq));
    if (row && row.op_id === op.op_id) {
      const { resent: _resent, ...stored } = row;
      quiet(tx.objectStore('rejected').put({ ...stored, result: storedResult(result), rejected_at: now }));
    }
    return entry;
  });
}

/** @param {DB} db @returns {Promise<RejectedOp[]>} what needs the helper, rejected and parked, opened */
export async function rejectedOps(db) {
  return Promise.all((await db.getAll('rejected')).map((row) => openOp(db, row)));
}

/** @param {DB} db @returns {Promise<SentOp[]>} answered ops kept for the retention window, opened */
export async function sentOps(db) {
  return Promise.all((await db.getAll('sent')).map(async (/** @type {SentOp} */ kept) => ({ ...kept, op: await openOp(db, kept.op) })));
}

/**
 * The helper gave up on a set-aside op (after confirming). A rejected one stays in the
 * server's quarantine; a parked one the server never had is gone.
 * @param {DB} db @param {string} opId
 */
export function dismissRejected(db, opId) {
  return db.delete('rejected', opId);
}

/**
 * Send a set-aside op again, as it was or edited. A parked op the server never answered goes
 * back as it was (same op_id and seq: if the server did keep it, it answers `duplicate`). An
 * edited op, or one the server refused (its op_id is answered for good), becomes a new op with
 * a new op_id, seq and stamp, keeping the `base` the helper saw. One transaction.
 * @param {DB} db
 * @param {string} opId
 * @param {Record<string, any>|null} [data] the edited data; null = as it was
 * @param {number} [now]
 * @returns {Promise<Op>}
 */
export async function resendRejected(db, opId, data = null, now = Date.now()) {
  // Opened and, for a new op, sealed before the transaction (WebCrypto is async).
  /** @type {any} */
  const before = await db.get('rejected', opId);
  if (!before) throw new Error(`no set-aside op ${opId}`);
  /** @type {RejectedOp} */
  const opened = await openOp(db, before);
  const asItWas = data === null && opened.result.status === 'parked';
  /** @type {Draft} */
  const draft = { entity: opened.entity, entity_id: opened.entity_id, kind: opened.kind, data: data ?? opened.data };
  if (opened.base) draft.base = opened.base;
  const prepared = asItWas ? [] : await prepare(db, [draft]);
  return atomically(db, ['outbox', 'rejected', 'meta'], async (tx) => {
    /** @type {any} */
    const entry = await tx.objectStore('rejected').get(opId);
    if (!entry) throw new Error(`no set-aside op ${opId}`);
    quiet(tx.objectStore('rejected').delete(opId));
    const { result: _result, rejected_at: _at, ...stored } = entry;
    if (asItWas) {
      quiet(tx.objectStore('outbox').put(stored));
      const { result: _r, rejected_at: _a, ...op } = opened;
      return op;
    }
    const [fresh] = await stage(tx, prepared, now);
    return fresh;
  });
}

/**
 * The part of a server's answer kept in the clear beside a sealed op: the code, the status and
 * the message, never `fields` (a duplicate check's answer names other people's files).
 * @param {any} result
 */
function storedResult(result) {
  if (!result || typeof result !== 'object' || !('fields' in result)) return result;
  const { fields: _fields, ...clear } = result;
  return clear;
}
