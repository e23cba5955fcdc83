/**
 * Bounds on one op: seq, depth, size, storable text and text lengths (PROTOCOL.md 3.1).
 * Mirrors sync/bounds.py and measures exactly as it does: text in code points (an emoji is
 * one, not two UTF-16 units), an op in UTF-8 bytes of its compact JSON, depth with the op
 * object itself at depth 1. The forms use `textLength` and `limits.text` to say "too long"
 * before saving, so a note is never accepted on the phone and refused after sync.
 */

import { OpRejected } from './errors.js';

/** NUL, or a surrogate that is not half of a pair: no database keeps them as sent. */
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/** How deep `shapeOf` walks before it stops counting (well above any limit). */
export const DEPTH_CAP = 64;

/**
 * @typedef {object} Limits
 * @property {number} seq_max
 * @property {number} op_depth_max
 * @property {number} op_bytes_max
 * @property {number} batch_ops_max
 * @property {number} push_bytes_max
 * @property {number} visit_clock_skew_ms
 * @property {number} follow_up_ahead_days
 * @property {Record<string, Record<string, number>>} text entity → field → longest text
 */

/**
 * @typedef {object} Shape
 * @property {number} depth DEPTH_CAP + 1 means deeper than we look
 * @property {string | null} badText the field holding the first unstorable text
 * @property {number} size UTF-8 bytes of the compact JSON; -1 when not measured
 */

/**
 * @param {string} text
 * @returns {boolean} whether text holds neither NUL nor a lone surrogate
 */
export function storable(text) {
  return !UNSTORABLE.test(text);
}

/**
 * @param {string} text
 * @returns {number} length in code points, as sync/bounds.py counts
 */
export function textLength(text) {
  let n = 0;
  for (const _ of text) n += 1; // eslint-disable-line no-unused-vars
  return n;
}

/**
 * @param {string[]} path
 * @returns {string}
 */
function fieldOf(path) {
  if (path.length >= 2 && path[0] === 'data') return path[1];
  return path.length > 0 ? path[0] : 'op';
}

/**
 * Walk a raw op once, without recursion.
 * @param {unknown} raw
 * @returns {Shape}
 */
export function shapeOf(raw) {
  let depth = 0;
  /** @type {string | null} */
  let bad = null;
  /** @type {[unknown, number, string[]][]} */
  const stack = [[raw, 1, []]];
  while (stack.length > 0) {
    const [value, level, path] = /** @type {[unknown, number, string[]]} */ (stack.pop());
    if (typeof value === 'string') {
      if (bad === null && !storable(value)) bad = fieldOf(path);
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    depth = Math.max(depth, level);
    if (level > DEPTH_CAP) return { depth: DEPTH_CAP + 1, badText: bad, size: -1 };
    const entries = Array.isArray(value)
      ? value.map((child, i) => /** @type {[string, unknown]} */ ([String(i), child]))
      : Object.entries(value);
    for (const [key, child] of entries) {
      if (!Array.isArray(value) && bad === null && !storable(key)) bad = path.length > 0 ? fieldOf([...path, key]) : 'op';
      stack.push([child, level + 1, [...path, key]]);
    }
  }
  if (bad !== null) return { depth, badText: bad, size: -1 };
  return { depth, badText: null, size: new TextEncoder().encode(JSON.stringify(raw)).length };
}

/**
 * Rule 2a: the op's seq, depth, text and size, before anything reads its values.
 * @param {number} seq
 * @param {Shape} shape
 * @param {Limits} limits
 */
export function checkBounds(seq, shape, limits) {
  if (seq > limits.seq_max) {
    throw new OpRejected('invalid_op', 'seq is too large', { seq: [`must be at most ${limits.seq_max}`] });
  }
  if (shape.depth > limits.op_depth_max) {
    throw new OpRejected('too_deep', `the op is nested deeper than ${limits.op_depth_max} levels`);
  }
  if (shape.badText !== null) {
    throw new OpRejected('invalid_text', 'a text holds a NUL character or a broken (lone surrogate) character',
      { [shape.badText]: ['holds a character that cannot be stored'] });
  }
  if (shape.size > limits.op_bytes_max) {
    throw new OpRejected('too_large', `the op is ${shape.size} bytes; at most ${limits.op_bytes_max}`);
  }
}

/**
 * The longest text entity.name may hold, if it is a bounded text field.
 * @param {Limits} limits
 * @param {string} entity
 * @param {string} name
 * @returns {number | null}
 */
export function textMax(limits, entity, name) {
  return limits.text[entity]?.[name] ?? null;
}

/**
 * Each bounded text field of entity (each item of a list of texts) within its length.
 * @param {string} entity
 * @param {Record<string, unknown>} data
 * @param {Limits} limits
 */
export function checkTextLengths(entity, data, limits) {
  for (const [name, value] of Object.entries(data)) {
    const longest = textMax(limits, entity, name);
    if (longest === null) continue;
    const items = Array.isArray(value) ? value : [value];
    if (items.some((v) => typeof v === 'string' && textLength(v) > longest)) {
      throw new OpRejected('too_long', `${name} is longer than ${longest} characters`,
        { [name]: [`at most ${longest} characters`] });
    }
  }
}

/**
 * The op_id to answer with: a short storable string, else null (as sync/bounds.py op_id_of).
 * @param {unknown} raw
 * @returns {string | null}
 */
export function opIdOf(raw) {
  const opId = typeof raw === 'object' && raw !== null ? /** @type {any} */ (raw).op_id : undefined;
  return typeof opId === 'string' && opId.length > 0 && textLength(opId) <= 64 && storable(opId) ? opId : null;
}

/**
 * The seq to count towards acked_seq: an integer in 1..seq_max, else null.
 * @param {unknown} raw
 * @param {Limits} limits
 * @returns {number | null}
 */
export function seqOf(raw, limits) {
  const seq = typeof raw === 'object' && raw !== null ? /** @type {any} */ (raw).seq : undefined;
  return typeof seq === 'number' && Number.isInteger(seq) && seq >= 1 && seq <= limits.seq_max ? seq : null;
}
