/**
 * Retry delays for the sync loop: exponential growth with jitter, so a hundred phones coming
 * back in range at the same moment do not hammer the server in lock-step.
 */

/**
 * Delay before retry number `attempt` (0 = first retry): half of the capped exponential step
 * plus a random share of the other half ("equal jitter"), so a retry never comes instantly.
 * @param {number} attempt
 * @param {{baseMs?: number, maxMs?: number, random?: () => number}} [opts]
 */
export function backoffDelay(attempt, opts = {}) {
  const { baseMs = 2000, maxMs = 5 * 60_000, random = Math.random } = opts;
  const cap = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt));
  return Math.round(cap / 2 + random() * (cap / 2));
}
