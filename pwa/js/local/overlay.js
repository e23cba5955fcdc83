/**
 * The visible records = pending outbox ops replayed over the base the server sent
 * (PROTOCOL.md 8.1), computed by the sync core's `viewOf`, reshaped for the views:
 * entity → id → a flat record with `id`, and `_pending` when an op touches it.
 */
import { viewOf } from '../sync/apply.js';

/** @typedef {import('./base.js').BaseRecord} BaseRecord */
/** @typedef {import('./outbox.js').Op} Op */
/** @typedef {Record<string, any> & {id: string, _pending?: boolean}} Rec */

/**
 * @param {BaseRecord[]} base
 * @param {Op[]} ops pending ops
 * @returns {Map<string, Map<string, Rec>>}
 */
export function overlay(base, ops) {
  /** @type {import('../sync/apply.js').Records} */
  const records = {};
  for (const row of base) (records[row.entity] ??= {})[row.id] = { data: row.data, stamps: row.stamps };
  const view = viewOf(records, ops);
  const pending = new Set(ops.map((op) => `${op.entity}/${op.entity_id}`));
  /** @type {Map<string, Map<string, Rec>>} */
  const views = new Map();
  for (const [entity, table] of Object.entries(view)) {
    const out = new Map();
    for (const [id, rec] of Object.entries(table)) {
      /** @type {Rec} */
      const flat = { ...rec.data, id };
      if (pending.has(`${entity}/${id}`)) flat._pending = true;
      out.set(id, flat);
    }
    views.set(entity, out);
  }
  return views;
}
