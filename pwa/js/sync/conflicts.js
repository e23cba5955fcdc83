/**
 * Records derived from a replay: conflict records and status events with deterministic ids
 * (PROTOCOL.md 5.2, 5.3). Mirrors sync/conflicts.py.
 */

import { wallOf } from './hlc.js';
import { uuid5 } from './ids.js';
import { writeKey } from './merge.js';

/**
 * @param {string} namespace
 * @param {string} entity
 * @param {string} entityId
 * @param {string} field
 * @param {number} index the round
 * @returns {string}
 */
export function conflictId(namespace, entity, entityId, field, index) {
  return uuid5(namespace, `${entity}/${entityId}/${field}/${index}`);
}

/**
 * @param {string} namespace
 * @param {string} opId
 * @returns {string}
 */
export function statusEventId(namespace, opId) {
  return uuid5(namespace, `status_event/${opId}`);
}

/**
 * @param {import('./merge.js').FieldWrite} write
 * @param {string} cls
 * @returns {Record<string, any>}
 */
function candidate(write, cls) {
  /** @type {Record<string, any>} */
  const out = { op_id: write.op_id, client_id: write.client_id, hlc: write.hlc };
  if (cls === 'state_machine') {
    out.from = write.source ?? null;
    out.to = write.value;
  } else {
    out.value = write.value;
  }
  return out;
}

/**
 * @param {string} namespace
 * @param {string} entity
 * @param {string} entityId
 * @param {import('./registry.js').Field} spec
 * @param {import('./merge.js').Round} round
 * @returns {Record<string, any>} the conflict record of one round
 */
export function conflictRecord(namespace, entity, entityId, spec, round) {
  const candidates = [...round.candidates].sort((a, b) => (a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1
    : (a.op_id ?? '') < (b.op_id ?? '') ? -1 : (a.op_id ?? '') > (b.op_id ?? '') ? 1 : 0));
  const r = round.resolution;
  return {
    id: conflictId(namespace, entity, entityId, spec.name, round.index),
    entity,
    entity_id: entityId,
    field: spec.name,
    kind: spec.cls,
    round: round.index,
    candidates: candidates.map((c) => candidate(c, spec.cls)),
    winner: candidates[candidates.length - 1].op_id,
    state: r === null ? 'open' : 'resolved',
    resolution: r === null ? null
      : { op_id: r.op_id, choice: r.choice ?? null, value: r.value, comment: r.comment ?? null },
    resolved_by: r === null ? null : r.client_id,
    resolved_at: r === null ? null : wallOf(r.hlc),
  };
}

/**
 * One status_event per write of an op (origins without an op have none).
 * @param {string} namespace
 * @param {string} personId
 * @param {import('./merge.js').Outcome} outcome
 * @returns {Record<string, any>[]}
 */
export function statusEvents(namespace, personId, outcome) {
  /** @type {Record<string, any>[]} */
  const events = [];
  for (const write of outcome.order) {
    if (write.op_id === null) continue;
    const source = write.kind === 'transition' ? write.source : outcome.before.get(writeKey(write));
    events.push({
      id: statusEventId(namespace, write.op_id),
      person_id: personId,
      from_status: source ?? null,
      to_status: write.value,
      at: wallOf(write.hlc),
      by_user_id: null,
      device_id: write.client_id,
      op_id: write.op_id,
      superseded: outcome.superseded.has(writeKey(write)),
    });
  }
  return events;
}
