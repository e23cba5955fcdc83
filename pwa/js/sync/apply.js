/**
 * The client side of a pull (PROTOCOL.md 8.1): a *base* layer holding exactly what the server
 * sent, an *outbox* of pending ops, and the visible *view* = the outbox replayed over the base.
 * Pure functions over plain objects: the IndexedDB layer stores what they return.
 */

import { jsonCopy } from './values.js';

/** @typedef {{data: Record<string, any>, stamps: Record<string, string>}} BaseRecord */
/** @typedef {Record<string, Record<string, BaseRecord>>} Records entity → id → record */

/**
 * @typedef {object} Change
 * @property {string} entity
 * @property {string} id
 * @property {'upsert' | 'remove'} op
 * @property {Record<string, any>} data
 * @property {Record<string, string>} stamps
 */

/**
 * @typedef {object} PullPage
 * @property {number} protocol
 * @property {number} server_time
 * @property {string} cursor
 * @property {boolean} has_more
 * @property {number} acked_seq
 * @property {boolean} reset
 * @property {Change[]} changes
 */

/**
 * @typedef {object} PendingOp the outbox entry: an op as pushed
 * @property {string} op_id
 * @property {string} client_id
 * @property {number} seq
 * @property {string} hlc
 * @property {string} entity
 * @property {string} entity_id
 * @property {'insert' | 'set' | 'transition' | 'resolve'} kind
 * @property {Record<string, any>} data
 * @property {Record<string, string | null>} [base]
 */

/**
 * Apply one pulled page to the base. A `reset` page starts from an empty base; the outbox is
 * never touched here. Re-applying a page gives the same base (every change is a whole record).
 * @param {Records} base
 * @param {PullPage} page
 * @param {{receive(stamp: string, localMs: number): void}} [clock] merges every stamp seen
 * @param {number} [localMs]
 * @returns {Records} the new base (the input is not modified)
 */
export function applyPage(base, page, clock, localMs = 0) {
  /** @type {Records} */
  const next = page.reset ? {} : jsonCopy(base);
  for (const change of page.changes) {
    const table = (next[change.entity] ??= {});
    if (change.op === 'remove') {
      delete table[change.id];
      continue;
    }
    table[change.id] = { data: jsonCopy(change.data), stamps: jsonCopy(change.stamps ?? {}) };
    if (clock) for (const stamp of Object.values(change.stamps ?? {})) clock.receive(stamp, localMs);
  }
  return next;
}

/**
 * The visible records: pending ops replayed, in seq order, optimistically over the base.
 * @param {Records} base
 * @param {PendingOp[]} outbox
 * @returns {Records}
 */
export function viewOf(base, outbox) {
  const view = jsonCopy(base);
  for (const op of [...outbox].sort((a, b) => a.seq - b.seq)) applyPending(view, op);
  return view;
}

/**
 * @param {Records} view
 * @param {PendingOp} op
 */
function applyPending(view, op) {
  const table = (view[op.entity] ??= {});
  const record = table[op.entity_id];
  if (op.kind === 'insert') {
    if (!record) {
      table[op.entity_id] = {
        data: jsonCopy(op.data),
        stamps: Object.fromEntries(Object.keys(op.data).map((k) => [k, op.hlc])),
      };
    }
  } else if (op.kind === 'set' && record) {
    for (const [field, value] of Object.entries(op.data)) {
      record.data[field] = jsonCopy(value);
      record.stamps[field] = op.hlc;
    }
  } else if (op.kind === 'transition' && record) {
    record.data[op.data.field] = op.data.to;
    record.stamps[op.data.field] = op.hlc;
  } else if (op.kind === 'resolve' && record) {
    record.data.state = 'resolved';
    record.data.resolved_by = op.client_id;
  }
}

/**
 * The `base` map for a new `set`: the stamp of each field as the device sees it now (its own
 * pending writes included, so two offline edits in a row do not conflict with each other).
 * @param {Records} view
 * @param {string} entity
 * @param {string} id
 * @param {string[]} fields
 * @returns {Record<string, string | null>}
 */
export function baseFor(view, entity, id, fields) {
  const stamps = view[entity]?.[id]?.stamps ?? {};
  return Object.fromEntries(fields.map((f) => [f, stamps[f] ?? null]));
}

/**
 * Records that a pulled `remove` took out of the base but that still have pending ops: the
 * device must push these before purging (reassignment, PROTOCOL.md section 7).
 * @param {PullPage} page
 * @param {PendingOp[]} outbox
 * @returns {{entity: string, id: string}[]}
 */
export function removedWithPending(page, outbox) {
  return page.changes
    .filter((c) => c.op === 'remove' && outbox.some((op) => op.entity === c.entity && op.entity_id === c.id))
    .map((c) => ({ entity: c.entity, id: c.id }));
}
