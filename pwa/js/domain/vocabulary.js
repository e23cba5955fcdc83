/**
 * The closed vocabularies the phone shows and checks, bundled from `sync/vocabulary.json`: the
 * same file the server reads (`sync/vocabulary.py`), so a code added there reaches every select
 * of the app without being typed again here. Statuses' legal moves and recommendation moves are
 * the registry's state machines (`sync/registry.json`).
 *
 * Two rules both sides compute live here too: what a visit's outcome means (a contact reached
 * someone, an attempt did not; which outcomes a channel allows) and what a status change
 * proposes (`suggestForStatus`, pinned by `sync/vectors/vocabulary/status_suggests.json`).
 *
 * Pure: no DOM, no storage.
 */
import vocabulary from '../../../sync/vocabulary.json' with { type: 'json' };

/** @typedef {{category: string, interval_days: number, reason: string}} Suggestion */

/** @type {any} */
const V = vocabulary;

/** @type {readonly string[]} */ export const ROLES = V.roles;
/** @type {readonly string[]} */ export const AREA_KINDS = V.area_kinds;
/** @type {readonly string[]} */ export const STATUSES = V.statuses;
/** @type {readonly string[]} */ export const CLOSED_STATUSES = V.closed_statuses;
/** @type {Readonly<Record<string, number>>} category → default interval in days */
export const CATEGORY_INTERVAL_DAYS = V.category_interval_days;
/** @type {readonly string[]} */ export const CATEGORIES = Object.keys(V.category_interval_days);
/** @type {readonly string[]} */ export const CHANNELS = V.channels;
/** @type {readonly string[]} */ export const SERVICES = V.services;
/** @type {readonly string[]} */ export const RECOMMENDATION_STATES = V.recommendation_states;
/** @type {readonly string[]} */ export const REVIEW_STATES = V.review_states;
/** @type {readonly string[]} */ export const JOB_SOURCES = V.job_sources;
/** @type {readonly string[]} */ export const EDUCATION_LEVELS = V.education_levels;
/** @type {readonly string[]} */ export const GENDERS = V.genders;
/** @type {readonly string[]} */ export const GUIDANCE_STEPS = V.guidance_steps;
/** @type {readonly string[]} */ export const GUIDANCE_STEP_STATES = V.guidance_step_states;
/** @type {Record<string, string[]>} the answers each kind of group post takes */
export const POST_ANSWERS_FOR = V.post_answers_for;
/** @type {readonly string[]} someone was reached */ export const CONTACT_OUTCOMES = V.outcomes.contact;
/** @type {readonly string[]} nobody was reached */ export const ATTEMPT_OUTCOMES = V.outcomes.attempt;
/** @type {Readonly<Record<string, readonly string[]>>} channel → the outcomes it allows */
export const CHANNEL_OUTCOMES = V.channel_outcomes;
/** What a visit naming persons without an outcome means (visits from before outcomes). */
export const LEGACY_OUTCOME = 'met';
/** @type {Readonly<Record<string, Record<string, string>>>} `{en, zh}` → `kind.code` → label */
export const LABELS = V.labels;

/** The outcomes a visit by `channel` may record, contacts first. @param {string} channel @returns {readonly string[]} */
export function outcomesFor(channel) {
  return CHANNEL_OUTCOMES[channel] ?? [];
}

/**
 * What a visit without an outcome means: the channel's first contact outcome when it names
 * persons (met; answered for a call), its first attempt when it names nobody (nobody home; no
 * answer); null when the channel has none (as `default_outcome` in sync/vocabulary.py).
 * @param {string} channel @param {boolean} named
 * @returns {string|null}
 */
export function defaultOutcome(channel, named) {
  const wanted = named ? CONTACT_OUTCOMES : ATTEMPT_OUTCOMES;
  return outcomesFor(channel).find((o) => wanted.includes(o)) ?? null;
}

/** @param {string|null|undefined} outcome */
export function isAttemptOutcome(outcome) {
  return typeof outcome === 'string' && ATTEMPT_OUTCOMES.includes(outcome);
}

/**
 * Did this visit reach someone? An attempt did not, and neither did a visit naming nobody.
 * @param {{outcome?: string|null, person_ids?: string[]|null}} visit
 */
export function isContact(visit) {
  if (!visit.person_ids?.length) return false;
  return visit.outcome == null || CONTACT_OUTCOMES.includes(visit.outcome);
}

/**
 * @param {string} condition
 * @param {Record<string, any>} person @param {Record<string, any>|null|undefined} household @param {string} status
 */
function holds(condition, person, household, status) {
  if (condition === 'zero_employment_household') return Boolean(household?.zero_employment);
  if (condition === 'graduate_seeking') return status === 'seeking' && Boolean(person.graduation_date);
  if (condition === 'disadvantaged') return Boolean(person.disadvantaged);
  throw new Error(`unknown status_suggests condition ${condition}`);
}

/**
 * The category and follow-up interval that follow from `person` moving to `status`, or null
 * when that status proposes nothing (still studying, not eligible). The helper confirms it.
 * `intervals` are the office's rules (`ctx.intervals()`); defaults fill the gaps.
 * @param {Record<string, any>} person
 * @param {Record<string, any>|null|undefined} household
 * @param {string} status
 * @param {Record<string, number>} [intervals]
 * @returns {Suggestion|null}
 */
export function suggestForStatus(person, household, status, intervals = {}) {
  const rule = V.status_suggests;
  /** @type {Record<string, number>} */
  const table = { ...CATEGORY_INTERVAL_DAYS, ...intervals };
  const base = rule.base[status];
  if (!base) return null;
  /** @type {[string, string][]} */
  const candidates = [[base, 'status']];
  if (rule.escalate.includes(status)) {
    for (const c of rule.conditions) if (holds(c.when, person, household, status)) candidates.push([c.category, c.when]);
  }
  // The shortest interval wins; on a tie the earlier candidate (the status's own, then listed order).
  let best = candidates[0];
  for (const c of candidates.slice(1)) if (table[c[0]] < table[best[0]]) best = c;
  return { category: best[0], interval_days: table[best[0]], reason: best[1] };
}
