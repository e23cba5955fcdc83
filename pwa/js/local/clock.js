/**
 * The phone's hybrid logical clock (the sync core's `Clock`, PROTOCOL.md section 2), kept as
 * plain data in the partition's metadata so it can be read and advanced inside the same
 * IndexedDB transaction that stores an op: two tabs never hand out clashing stamps.
 */
import { Clock, formatStamp, parseStamp } from '../sync/hlc.js';

/** @typedef {{wall: number, counter: number, offset: number}} ClockState */

/**
 * The core's Clock holding this state (advance it, then `freeze` it back).
 * @param {ClockState|undefined} state
 * @param {string} [node]
 */
export function revive(state, node = 'local') {
  const clock = new Clock(node, state?.offset ?? 0);
  clock.wall = state?.wall ?? 0;
  clock.counter = state?.counter ?? 0;
  return clock;
}

/** @param {Clock} clock @returns {ClockState} */
export function freeze(clock) {
  return { wall: clock.wall, counter: clock.counter, offset: clock.offsetMs };
}

/**
 * A local event: the state after the next stamp.
 * @param {ClockState|undefined} state
 * @param {number} localMs
 * @returns {ClockState}
 */
export function tick(state, localMs) {
  const clock = revive(state);
  clock.now(localMs);
  return freeze(clock);
}

/**
 * Merge a received stamp.
 * @param {ClockState|undefined} state
 * @param {{wall: number, counter: number}} remote
 * @param {number} localMs
 * @returns {ClockState}
 */
export function receive(state, remote, localMs) {
  const clock = revive(state);
  clock.receive({ ...remote, node: 'remote' }, localMs);
  return freeze(clock);
}

/**
 * Remember the server's offset and merge its time.
 * @param {ClockState|undefined} state
 * @param {number} serverTime
 * @param {number} localMs
 * @returns {ClockState}
 */
export function observeServerTime(state, serverTime, localMs) {
  const clock = revive(state);
  clock.observeServerTime(serverTime, localMs);
  return freeze(clock);
}

/** @param {ClockState} state @param {string} node */
export function encodeStamp(state, node) {
  return formatStamp({ wall: state.wall, counter: state.counter, node });
}

/** @param {string} stamp @returns {{wall: number, counter: number, node: string}} */
export function decodeStamp(stamp) {
  return parseStamp(stamp);
}
