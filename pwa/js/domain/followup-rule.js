/**
 * The follow-up rule, port of `sync/followup.py` (PROTOCOL.md, "Follow-up"): who is due, since
 * when and why. Both pass the vectors in `sync/vectors/followup/`; the facts (default
 * intervals, what an outcome means, closed statuses) are the shared `sync/vocabulary.json`'s.
 * Pure: calendar days in ("YYYY-MM-DD"), answers out; `followup.js` adapts the replica to it.
 */
import { CATEGORY_INTERVAL_DAYS, CLOSED_STATUSES as CLOSED, CONTACT_OUTCOMES as CONTACTS } from './vocabulary.js';

/** @type {Record<string, number>} */
export const DEFAULT_INTERVAL_DAYS = { ...CATEGORY_INTERVAL_DAYS };
const CONTACT_OUTCOMES = new Set(CONTACTS);
const CLOSED_STATUSES = new Set(CLOSED);

const DAY_MS = 86_400_000;
const MIN_DAY = toDayNumber('0001-01-01');
const MAX_DAY = toDayNumber('9999-12-31');

/**
 * @typedef {{id: string, household_id: string, category?: string|null, opened_on?: string|null, status?: string|null}} PersonFacts
 * @typedef {{id: string, household_id: string, occurred_on: string, occurred_at?: string|null, person_ids?: string[]|null, outcome?: string|null, next_follow_up?: string|null, amends_visit_id?: string|null}} VisitFacts
 * @typedef {{code: string, [key: string]: any}} Reason
 * @typedef {{person_id: string, due_on: string|null, days_overdue: number|null, last_contact: string|null, interval_days: number|null, attempts: number, reason: Reason}} FollowUp
 */

/** Days since 1970-01-01 of a "YYYY-MM-DD" day. @param {string} day */
export function toDayNumber(day) {
  const [y, m, d] = day.slice(0, 10).split('-').map(Number);
  const date = new Date(Date.UTC(2000, m - 1, d));
  date.setUTCFullYear(y);
  return Math.round(date.getTime() / DAY_MS);
}

/** "YYYY-MM-DD" of a day number, held at the calendar's ends like Python's `date`. @param {number} n */
export function fromDayNumber(n) {
  const d = new Date(Math.min(MAX_DAY, Math.max(MIN_DAY, n)) * DAY_MS);
  const pad = (/** @type {number} */ x, /** @type {number} */ w) => String(x).padStart(w, '0');
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}`;
}

/** @param {string} day @param {number} days */
export function addDays(day, days) {
  return fromDayNumber(toDayNumber(day) + days);
}

/** @param {string} later @param {string} earlier whole days from `earlier` to `later` */
export function daysBetween(later, earlier) {
  return toDayNumber(later) - toDayNumber(earlier);
}

/**
 * Category → interval: the admin's rules over the defaults.
 * @param {Record<string, number>} [rules]
 * @returns {Record<string, number>}
 */
export function intervalTableFrom(rules = {}) {
  /** @type {Record<string, number>} */
  const table = { ...DEFAULT_INTERVAL_DAYS };
  for (const [category, n] of Object.entries(rules)) if (Number(n) > 0) table[category] = Number(n);
  return table;
}

/** A contact met someone it names; a visit naming nobody is an attempt on the household. @param {VisitFacts} v */
export function isContact(v) {
  if (!v.person_ids?.length) return false;
  return v.outcome == null || CONTACT_OUTCOMES.has(v.outcome);
}

/**
 * The visits that count: one amended by another is replaced by it (chains too).
 * @template {{id: string, amends_visit_id?: string|null}} T
 * @param {T[]} visits
 * @returns {T[]}
 */
export function counted(visits) {
  const amended = new Set(visits.map((v) => v.amends_visit_id).filter(Boolean));
  return visits.filter((v) => !amended.has(v.id));
}

/** @param {VisitFacts} v @param {PersonFacts} p */
function concerns(v, p) {
  if (v.household_id !== p.household_id) return false;
  return v.person_ids?.length ? v.person_ids.includes(p.id) : true;
}

/** @param {VisitFacts} a @param {VisitFacts} b */
function byOrder(a, b) {
  return cmp(a.occurred_on, b.occurred_on) || cmp(a.occurred_at ?? '', b.occurred_at ?? '') || cmp(a.id, b.id);
}

/** @param {string} a @param {string} b */
function cmp(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * When `person` is next due, from their household's visits.
 * @param {PersonFacts} person
 * @param {VisitFacts[]} visits
 * @param {Record<string, number>} intervals
 * @param {string} today "YYYY-MM-DD"
 * @returns {FollowUp}
 */
export function followUp(person, visits, intervals, today) {
  const none = { person_id: person.id, due_on: null, days_overdue: null, last_contact: null, interval_days: null, attempts: 0 };
  if (person.status && CLOSED_STATUSES.has(person.status)) return { ...none, reason: { code: 'closed', status: person.status } };
  const interval = intervals[person.category ?? ''];
  if (!interval) return { ...none, reason: { code: 'no_interval', category: person.category ?? null } };
  const mine = counted(visits).filter((v) => concerns(v, person) && v.occurred_on <= today).sort(byOrder);
  const contacts = mine.filter(isContact);
  const latest = contacts.length ? contacts[contacts.length - 1] : null;
  const since = mine.filter((v) => latest === null || byOrder(v, latest) > 0);
  const attempts = since.filter((v) => !isContact(v)).length;
  const asked = [...(latest ? [latest] : []), ...since].filter((v) => v.next_follow_up != null);
  const requested = asked.length ? /** @type {string} */ (asked[asked.length - 1].next_follow_up) : null;
  const last = latest ? latest.occurred_on : null;
  /** @type {Reason} */
  let reason;
  let dueOn;
  if (last === null) {
    dueOn = person.opened_on || today;
    reason = { category: person.category, interval_days: interval, code: 'never_contacted', opened_on: dueOn };
  } else {
    dueOn = addDays(last, interval);
    reason = { category: person.category, interval_days: interval, code: 'interval', days_since: daysBetween(today, last) };
  }
  if (requested !== null && (last === null || requested > last) && requested < dueOn) {
    dueOn = requested;
    const { opened_on: _dropped, ...rest } = reason;
    reason = { ...rest, code: 'requested', requested_on: requested, days_since: last ? daysBetween(today, last) : null };
  }
  return { person_id: person.id, due_on: dueOn, days_overdue: daysBetween(today, dueOn), last_contact: last, interval_days: interval, attempts, reason };
}

/**
 * `followUp` for every person, each against their household's visits.
 * @param {PersonFacts[]} persons @param {VisitFacts[]} visits @param {Record<string, number>} intervals @param {string} today
 * @returns {FollowUp[]}
 */
export function followUps(persons, visits, intervals, today) {
  /** @type {Map<string, VisitFacts[]>} */
  const byHousehold = new Map();
  for (const v of visits) byHousehold.set(v.household_id, [...(byHousehold.get(v.household_id) ?? []), v]);
  return persons.map((p) => followUp(p, byHousehold.get(p.household_id) ?? [], intervals, today));
}

/** Most urgent first: earliest due day, then the shorter interval, then the id. @param {FollowUp} a @param {FollowUp} b */
export function byUrgency(a, b) {
  return cmp(a.due_on ?? '9999-12-31', b.due_on ?? '9999-12-31') || (a.interval_days ?? 0) - (b.interval_days ?? 0) || cmp(a.person_id, b.person_id);
}
