/**
 * Merge decisions: the replay of a field's history in stamp order (PROTOCOL.md section 5).
 * Mirrors sync/merge.py: the value, the conflict rounds and the superseded flags depend only on
 * the set of writes, never on their arrival order.
 */

import { nodeOf } from './hlc.js';
import { jsonEqual } from './values.js';

/**
 * @typedef {object} FieldWrite
 * @property {'origin' | 'insert' | 'set' | 'transition' | 'resolve'} kind
 * @property {string | null} op_id null for an origin
 * @property {string} client_id
 * @property {string} hlc wire stamp (after clamping)
 * @property {any} value the value written (a transition's `to`)
 * @property {any} [source] a transition's `from`
 * @property {string | null} [base] the base stamp the author saw
 * @property {boolean} [hasBase] whether the op carried a base at all
 * @property {string | null} [conflict_id] resolve only
 * @property {any} [choice] resolve only
 * @property {string | null} [comment] resolve only
 */

/**
 * @typedef {object} Round
 * @property {number} index 1 + the number of resolves before it
 * @property {FieldWrite[]} candidates
 * @property {FieldWrite | null} resolution
 */

/**
 * @typedef {object} Outcome
 * @property {any} value
 * @property {string | null} hlc
 * @property {Round[]} rounds
 * @property {Set<string>} superseded keys of writes overridden by a concurrent write
 * @property {Set<string>} merged keys of writes that met an identical concurrent write
 * @property {Map<string, any>} before value before each write
 * @property {FieldWrite[]} order the writes in replay order
 */

const ORIGINS = new Set(['origin', 'insert']);

/**
 * @param {FieldWrite} write
 * @returns {string} identity inside a history
 */
export function writeKey(write) {
  return write.op_id ?? `origin:${write.hlc}`;
}

/**
 * @param {string} stamp
 * @param {string | null | undefined} current
 * @returns {boolean} whether a write stamped `stamp` replaces a value stamped `current`
 */
export function lwwWins(stamp, current) {
  return current === null || current === undefined || stamp > current;
}

/**
 * @param {string} a
 * @param {string} b
 * @returns {number}
 */
function cmp(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Origins first, then by (stamp, op id).
 * @param {Iterable<FieldWrite>} writes
 * @returns {FieldWrite[]}
 */
export function replayOrder(writes) {
  return [...writes].sort((x, y) => (Number(!ORIGINS.has(x.kind)) - Number(!ORIGINS.has(y.kind)))
    || cmp(x.hlc, y.hlc) || cmp(x.op_id ?? '', y.op_id ?? ''));
}

/**
 * @param {FieldWrite} write
 * @param {FieldWrite | null} holder
 * @param {any} cur
 * @param {boolean} wins
 * @param {string} cls
 * @returns {boolean} whether the author had seen the holder
 */
function chained(write, holder, cur, wins, cls) {
  if (cls === 'state_machine') return wins && jsonEqual(write.source ?? null, cur);
  if (holder === null) return true;
  if (!write.hasBase) return nodeOf(holder.hlc) === nodeOf(write.hlc);
  return (write.base ?? null) === holder.hlc;
}

/**
 * @param {FieldWrite} write
 * @param {FieldWrite} holder
 * @param {string} cls
 * @returns {boolean}
 */
function sameEffect(write, holder, cls) {
  if (cls === 'state_machine') {
    return jsonEqual(write.source ?? null, holder.source ?? null) && jsonEqual(write.value, holder.value);
  }
  return jsonEqual(write.value, holder.value);
}

/**
 * @param {Round} round
 * @param {FieldWrite} write
 */
function addCandidate(round, write) {
  if (round.candidates.every((c) => writeKey(c) !== writeKey(write))) round.candidates.push(write);
}

/**
 * Walk the history of one lww_review or state_machine field.
 * @param {Iterable<FieldWrite>} writes
 * @param {string} cls
 * @returns {Outcome}
 */
export function replay(writes, cls) {
  /** @type {Outcome} */
  const out = {
    value: null, hlc: null, rounds: [], superseded: new Set(), merged: new Set(),
    before: new Map(), order: replayOrder(writes),
  };
  /** @type {FieldWrite | null} */
  let holder = null;
  /** @type {Round} */
  let round = { index: 1, candidates: [], resolution: null };
  for (const write of out.order) {
    out.before.set(writeKey(write), out.value);
    const wins = lwwWins(write.hlc, out.hlc);
    if (ORIGINS.has(write.kind)) {
      // the value the history starts from
    } else if (write.kind === 'resolve') {
      if (round.candidates.length > 0) round.resolution = write;
      round = { index: round.index + 1, candidates: [], resolution: null };
    } else if (holder !== null && !chained(write, holder, out.value, wins, cls)) {
      if (sameEffect(write, holder, cls)) {
        out.merged.add(writeKey(write));
      } else {
        if (round.candidates.length === 0) out.rounds.push(round);
        addCandidate(round, holder);
        addCandidate(round, write);
        out.superseded.add(writeKey(wins ? holder : write));
      }
    }
    if (wins) {
      out.value = write.value;
      out.hlc = write.hlc;
      holder = write;
    }
  }
  return out;
}

/**
 * @param {Outcome} outcome
 * @param {string} key
 * @returns {Round | null} the round in which the write `key` is a candidate
 */
export function roundOf(outcome, key) {
  return outcome.rounds.find((r) => r.candidates.some((c) => writeKey(c) === key)) ?? null;
}
