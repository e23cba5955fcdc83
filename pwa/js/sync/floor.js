/**
 * The push envelope's `floor` (a port of sync/outbox_floor.py; sync/PROTOCOL.md 6.1):
 * a device's acked seq may jump a gap below the lowest seq it still waits an answer for.
 * Pure; both sides pass sync/vectors/floor/*.json.
 */

/**
 * The envelope's floor, or null when absent or not an integer in 1..seqMax.
 * @param {Record<string, unknown>} body
 * @param {number} seqMax
 * @returns {number | null}
 */
export function floorOf(body, seqMax) {
  const floor = body.floor;
  return typeof floor === 'number' && Number.isInteger(floor) && floor >= 1 && floor <= seqMax ? floor : null;
}

/**
 * The device's acked seq and the answered seqs above it, once it says it waits nothing below `floor`.
 * @param {number} acked
 * @param {Set<number>} answered
 * @param {number | null} floor
 * @returns {{acked: number, answered: Set<number>}}
 */
export function raiseFloor(acked, answered, floor) {
  let next = floor === null ? acked : Math.max(acked, floor - 1);
  while (answered.has(next + 1)) next++;
  return { acked: next, answered: new Set([...answered].filter((s) => s > next)) };
}
