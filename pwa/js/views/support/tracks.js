/**
 * What a policy case and a training enrolment share on the phone: the catalogue they name, the
 * machine they move along (`sync/registry.json`, the server's own), and the date a state
 * stamps when entered; and the ops that make a move (a `transition`, then a `set` of its date
 * and details, in one transaction, so it works offline and the server checks it again).
 */
import registry from '../../../../sync/registry.json' with { type: 'json' };
import { officeDay } from '../../domain/targets.js';

/** @typedef {import('../../local/outbox.js').Draft} Draft */
/** @typedef {import('../../local/replica.js').Replica} Replica */

/**
 * @typedef {{
 *   entity: string, catalogue: string, ref: string, labels: string,
 *   initial: string[], moves: Record<string, readonly string[]>, dates: Record<string, string>,
 * }} Track
 */

const machines = /** @type {any} */ (registry).machines;

/** @type {Track} */
export const POLICY = {
  entity: 'policy_case', catalogue: 'policy', ref: 'policy_id', labels: 'policy_state',
  initial: ['informed', 'applied'], moves: machines.policy_state.transitions,
  dates: { informed: 'informed_on', applied: 'applied_on', granted: 'decided_on', refused: 'decided_on' },
};

/** @type {Track} */
export const TRAINING = {
  entity: 'training_enrolment', catalogue: 'training', ref: 'course_id', labels: 'training_state',
  initial: ['referred'], moves: machines.training_state.transitions,
  dates: { referred: 'referred_on', enrolled: 'enrolled_on', completed: 'completed_on' },
};

/** @type {Record<string, Track>} */
export const TRACKS = { policy_case: POLICY, training_enrolment: TRAINING };

/** The office's day today. @param {number} now */
export function today(now) {
  return /** @type {string} */ (officeDay(now));
}

/**
 * The ops that move `row` to `to`, with the date it stamps (`day`) and any other details.
 * @param {Replica} replica @param {Track} track @param {Record<string, any>} row
 * @param {string} to @param {string} day @param {Record<string, any>} [details]
 * @returns {Draft[]}
 */
export function moveOps(replica, track, row, to, day, details = {}) {
  /** @type {Draft[]} */
  const ops = [];
  if (to !== row.state) ops.push({ entity: track.entity, entity_id: row.id, kind: 'transition', data: { field: 'state', from: row.state, to } });
  /** @type {Record<string, any>} */
  const data = { ...details };
  const column = track.dates[to];
  if (column && to !== row.state) data[column] = day;
  const changed = Object.fromEntries(Object.entries(data).filter(([k, v]) => row[k] !== v));
  if (Object.keys(changed).length) {
    ops.push({ entity: track.entity, entity_id: row.id, kind: 'set', data: changed,
      base: Object.fromEntries(Object.keys(changed).map((k) => [k, replica.stampOf(track.entity, row.id, k)])) });
  }
  return ops;
}

/**
 * A new case or enrolment: `insert` in its first state, with that state's date.
 * @param {Track} track @param {string} id @param {Record<string, any>} data must hold person_id, ref and state
 * @param {string} day
 * @returns {Draft}
 */
export function insertOp(track, id, data, day) {
  const column = track.dates[data.state];
  return { entity: track.entity, entity_id: id, kind: 'insert', data: { ...data, ...(column && !data[column] ? { [column]: day } : {}) } };
}
