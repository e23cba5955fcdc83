/**
 * Who is due a follow-up, and why, on the phone: the replica adapted to the one rule of
 * `followup-rule.js` (the port of sync/followup.py, PROTOCOL.md "Follow-up"), so Today and the
 * server's board, due list and CSV agree to the person. Visits become calendar days in the
 * phone's own timezone (the business timezone where the helpers work); a file's opening day is
 * its registration day. Households are the unit of a visit, so the list holds households, each
 * carried by its most urgent member.
 */
import { DEFAULT_INTERVAL_DAYS, followUps, toDayNumber } from './followup-rule.js';

export { DEFAULT_INTERVAL_DAYS };

const DAY_MS = 86_400_000;

/**
 * @typedef {{id: string, household_id?: string, name?: string, category?: string|null, registered_on?: string|null, status?: string, group_name?: string|null, guidance_step?: string|null}} PersonLike
 * @typedef {{id: string, household_id?: string, person_ids?: string[], occurred_at?: string, next_follow_up?: string|null, outcome?: string|null, amends_visit_id?: string|null}} VisitLike
 * @typedef {{category: string, interval_days: number}} RuleLike
 * @typedef {import('./followup-rule.js').Reason} Reason
 * @typedef {{person: PersonLike, interval: number, lastContact: string|null, dueOn: string, due: number, daysSince: number|null, overdueDays: number, attempts: number, reason: Reason}} PersonDue
 * @typedef {{household_id: string, due: number, overdueDays: number, lead: PersonDue, members: PersonDue[]}} HouseholdDue
 */

/**
 * Category → interval in days, from the pulled rules over the defaults.
 * @param {Iterable<RuleLike>} rules
 */
export function intervalTable(rules) {
  const table = { ...DEFAULT_INTERVAL_DAYS };
  for (const rule of rules) {
    if (rule.category && rule.interval_days > 0) table[rule.category] = rule.interval_days;
  }
  return table;
}

/** Local calendar day (ms at local midnight) of a date or timestamp. @param {string|number|Date} value */
export function dayOf(value) {
  const d =
    typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00`) : new Date(value);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

/** Local midnight (ms) of a "YYYY-MM-DD" day. @param {string} iso */
function localMidnight(iso) {
  const n = toDayNumber(iso);
  const utc = new Date(n * DAY_MS);
  const d = new Date(0);
  d.setFullYear(utc.getUTCFullYear(), utc.getUTCMonth(), utc.getUTCDate());
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

/**
 * When each person of the replica is next due (persons not followed up are left out).
 * @param {PersonLike[]} persons
 * @param {VisitLike[]} visits
 * @param {Record<string, number>} intervals
 * @param {number} now ms
 * @returns {PersonDue[]}
 */
export function personsDue(persons, visits, intervals, now) {
  const today = isoDay(dayOf(now));
  const people = persons.filter((p) => p.household_id);
  const facts = visits
    .filter((v) => v.household_id && v.occurred_at && !Number.isNaN(Date.parse(v.occurred_at)))
    .map((v) => ({ ...v, household_id: /** @type {string} */ (v.household_id), occurred_on: isoDay(dayOf(/** @type {string} */ (v.occurred_at))), occurred_at: new Date(/** @type {string} */ (v.occurred_at)).toISOString() }));
  const answers = followUps(
    people.map((p) => ({ id: p.id, household_id: /** @type {string} */ (p.household_id), category: p.category ?? null, opened_on: p.registered_on ?? null, status: p.status ?? null })),
    facts, intervals, today);
  /** @type {PersonDue[]} */
  const out = [];
  answers.forEach((a, i) => {
    if (a.due_on === null || a.interval_days === null || a.days_overdue === null) return;
    out.push({
      person: people[i],
      interval: a.interval_days,
      lastContact: a.last_contact,
      dueOn: a.due_on,
      due: localMidnight(a.due_on),
      daysSince: a.last_contact ? toDayNumber(today) - toDayNumber(a.last_contact) : null,
      overdueDays: a.days_overdue,
      attempts: a.attempts,
      reason: a.reason,
    });
  });
  return out;
}

/**
 * Households with at least one member due within `horizonDays` (0 = due today or overdue),
 * most urgent first: the earliest due date, then the shorter interval (a zero-employment family
 * before a settled one), then the household id for a stable order.
 * @param {PersonDue[]} dues
 * @param {number} now
 * @param {number} [horizonDays]
 * @returns {HouseholdDue[]}
 */
export function householdsDue(dues, now, horizonDays = 0) {
  const limit = dayOf(now) + horizonDays * DAY_MS;
  /** @type {Map<string, PersonDue[]>} */
  const groups = new Map();
  for (const d of dues) {
    if (d.due > limit) continue;
    const key = d.person.household_id ?? `person:${d.person.id}`;
    groups.set(key, [...(groups.get(key) ?? []), d]);
  }
  /** @type {HouseholdDue[]} */
  const list = [];
  for (const [household_id, members] of groups) {
    members.sort(byUrgency);
    list.push({ household_id, due: members[0].due, overdueDays: members[0].overdueDays, lead: members[0], members });
  }
  return list.sort((a, b) => byUrgency(a.lead, b.lead) || (a.household_id < b.household_id ? -1 : 1));
}

/** @param {PersonDue} a @param {PersonDue} b */
function byUrgency(a, b) {
  return a.due - b.due || a.interval - b.interval || (a.person.id < b.person.id ? -1 : a.person.id > b.person.id ? 1 : 0);
}

/**
 * Suggested next follow-up date (YYYY-MM-DD) after a visit on `day` for these categories: the
 * shortest interval among them.
 * @param {(string|null|undefined)[]} categories
 * @param {Record<string, number>} intervals
 * @param {number} day ms
 */
export function suggestNextFollowUp(categories, intervals, day) {
  const days = categories.map((c) => (c ? intervals[c] : undefined)).filter((n) => typeof n === 'number');
  if (!days.length) return null;
  return isoDay(dayOf(day) + Math.min(...days) * DAY_MS);
}

/** @param {number} ms local midnight → "YYYY-MM-DD" */
export function isoDay(ms) {
  const d = new Date(ms);
  const pad = (/** @type {number} */ n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
