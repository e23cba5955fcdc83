/**
 * Hybrid logical clock stamps (PROTOCOL.md section 2): the wire format
 * "{wall_ms:015d}:{counter:05d}:{node}", the client clock corrected by the server offset, and
 * the server clamp. Fixed widths make string order equal (wall, counter, node) order, so
 * stamps compare as plain strings.
 */

import { InvalidStamp } from './errors.js';

export const MAX_COUNTER = 99999;
const STAMP = /^([0-9]{15}):([0-9]{5}):([^:\n]+)$/;

/** @typedef {{wall: number, counter: number, node: string}} Stamp */

/**
 * @param {Stamp} stamp
 * @returns {string} the wire string
 */
export function formatStamp(stamp) {
  return `${String(stamp.wall).padStart(15, '0')}:${String(stamp.counter).padStart(5, '0')}:${stamp.node}`;
}

/**
 * @param {unknown} text
 * @returns {Stamp}
 */
export function parseStamp(text) {
  if (typeof text !== 'string') throw new InvalidStamp('stamp must be a string');
  const match = STAMP.exec(text);
  if (!match) throw new InvalidStamp(`not an HLC stamp: ${text}`);
  return { wall: Number(match[1]), counter: Number(match[2]), node: match[3] };
}

/**
 * @param {string} stamp a wire stamp
 * @returns {string} its node
 */
export function nodeOf(stamp) {
  return stamp.split(':').slice(2).join(':');
}

/**
 * @param {string} stamp a wire stamp
 * @returns {number} its wall ms
 */
export function wallOf(stamp) {
  return Number(stamp.split(':', 1)[0]);
}

/** The HLC of one device; `localMs` is passed in so the clock is deterministic in tests. */
export class Clock {
  /**
   * @param {string} node the client_id
   * @param {number} [offsetMs] server_time - local time, as last observed
   */
  constructor(node, offsetMs = 0) {
    this.node = node;
    this.offsetMs = offsetMs;
    this.wall = 0;
    this.counter = 0;
  }

  /**
   * Remember the offset to the server clock and merge its time.
   * @param {number} serverTimeMs
   * @param {number} localMs
   */
  observeServerTime(serverTimeMs, localMs) {
    this.offsetMs = serverTimeMs - localMs;
    this.receive({ wall: serverTimeMs, counter: 0, node: 'server' }, localMs);
  }

  /**
   * A stamp for a local event, larger than every stamp seen so far.
   * @param {number} localMs
   * @returns {string}
   */
  now(localMs) {
    const physical = localMs + this.offsetMs;
    if (physical > this.wall) {
      this.wall = physical;
      this.counter = 0;
    } else {
      this.counter += 1;
    }
    return formatStamp({ wall: this.wall, counter: this.counter, node: this.node });
  }

  /**
   * Merge a received stamp so later local stamps are causally after it.
   * @param {Stamp | string} remote
   * @param {number} localMs
   */
  receive(remote, localMs) {
    const r = typeof remote === 'string' ? parseStamp(remote) : remote;
    const physical = localMs + this.offsetMs;
    const wall = Math.max(this.wall, physical, r.wall);
    let counter = 0;
    if (wall === this.wall && wall === r.wall) counter = Math.max(this.counter, r.counter) + 1;
    else if (wall === this.wall) counter = this.counter + 1;
    else if (wall === r.wall) counter = r.counter + 1;
    this.wall = wall;
    this.counter = counter;
  }
}

/**
 * The server clamp: a stamp more than maxSkewMs ahead becomes (now, min(seq, 99999), node).
 * @param {Stamp} stamp
 * @param {number} nowMs
 * @param {number} seq
 * @param {number} maxSkewMs
 * @returns {{stamp: Stamp, clamped: boolean, skewMs: number}}
 */
export function clamp(stamp, nowMs, seq, maxSkewMs) {
  const skew = stamp.wall - nowMs;
  if (skew <= maxSkewMs) return { stamp, clamped: false, skewMs: 0 };
  return {
    stamp: { wall: nowMs, counter: Math.min(seq, MAX_COUNTER), node: stamp.node },
    clamped: true,
    skewMs: skew,
  };
}
