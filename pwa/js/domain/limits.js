/**
 * What a form may save, told before saving: text lengths and how far ahead a date may be.
 *
 * The bounds are the server's own (`sync/registry.json`, `limits`, checked by sync/bounds.py),
 * bundled with the app, so a helper offline learns at once that a note is too long instead of
 * seeing it refused after the next sync. Text is measured by the sync core's own bounds
 * (`sync/bounds.js`: code points, storable text), so the form and the server never disagree.
 *
 * Pure: no DOM. Each check returns a message key and its values, or null.
 */
import registry from '../../../sync/registry.json' with { type: 'json' };
import { storable, textLength } from '../sync/bounds.js';

export { textLength };

/** Used while the registry has no `limits` section (older builds). */
const FALLBACK = {
  text: { visit: { notes: 4000 }, note: { text: 4000 } }, visit_clock_skew_ms: 900_000, follow_up_ahead_days: 730,
  push_bytes_max: 2_097_152, batch_ops_max: 500,
};
const DAY_MS = 86_400_000;

/** @typedef {{key: string, values?: Record<string, string|number>}} Problem */

/**
 * @type {{text: Record<string, Record<string, number>>, visit_clock_skew_ms: number, follow_up_ahead_days: number,
 *   push_bytes_max: number, batch_ops_max: number}}
 */
export const LIMITS = { ...FALLBACK, ...(/** @type {any} */ (registry).limits ?? {}) };

/** @param {string} entity @param {string} field @returns {number|null} */
export function textMax(entity, field) {
  return LIMITS.text?.[entity]?.[field] ?? null;
}

/**
 * Is this text fit to save in `entity.field`?
 * @param {string} entity @param {string} field @param {string} text
 * @returns {Problem|null}
 */
export function checkText(entity, field, text) {
  if (!storable(text)) return { key: 'limit_bad_char' };
  const max = textMax(entity, field);
  const length = textLength(text);
  if (max !== null && length > max) return { key: 'limit_too_long', values: { max, n: length, over: length - max } };
  return null;
}

/**
 * A visit happened today or before, never later: the server's rule (case_file.refuse_future),
 * with the same allowance for a phone whose clock is a little fast.
 * @param {number} occurredMs @param {number} nowMs
 * @returns {Problem|null}
 */
export function checkVisitTime(occurredMs, nowMs) {
  if (!Number.isFinite(occurredMs)) return { key: 'limit_bad_date' };
  const endOfToday = new Date(nowMs + LIMITS.visit_clock_skew_ms);
  endOfToday.setHours(23, 59, 59, 999);
  return occurredMs > endOfToday.getTime() ? { key: 'limit_visit_future' } : null;
}

/**
 * The latest next follow-up a form may offer, as YYYY-MM-DD (the `max` of a date input).
 * @param {number} nowMs
 */
export function latestFollowUp(nowMs) {
  return new Date(nowMs + LIMITS.follow_up_ahead_days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * A next follow-up not more than the allowed days ahead (about two years).
 * @param {string} day YYYY-MM-DD
 * @param {number} nowMs
 * @returns {Problem|null}
 */
export function checkFollowUp(day, nowMs) {
  if (!day) return null;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(Date.parse(day))) return { key: 'limit_bad_date' };
  return day > latestFollowUp(nowMs) ? { key: 'limit_follow_up_far', values: { years: Math.round(LIMITS.follow_up_ahead_days / 365) } } : null;
}

/**
 * Every problem of an op's data the helper can fix in a form (used again when a set-aside op is
 * edited before it is resent).
 * @param {string} entity
 * @param {Record<string, any>} data
 * @param {number} nowMs
 * @returns {Map<string, Problem>} field → problem
 */
export function checkData(entity, data, nowMs) {
  /** @type {Map<string, Problem>} */
  const problems = new Map();
  for (const [field, value] of Object.entries(data)) {
    const texts = Array.isArray(value) ? value : [value];
    for (const v of texts) {
      const problem = typeof v === 'string' ? checkText(entity, field, v) : null;
      if (problem) {
        problems.set(field, problem);
        break;
      }
    }
  }
  if (entity === 'visit' && typeof data.occurred_at === 'string') {
    const problem = checkVisitTime(Date.parse(data.occurred_at), nowMs);
    if (problem) problems.set('occurred_at', problem);
  }
  if (entity === 'visit' && typeof data.next_follow_up === 'string') {
    const problem = checkFollowUp(data.next_follow_up, nowMs);
    if (problem) problems.set('next_follow_up', problem);
  }
  return problems;
}
