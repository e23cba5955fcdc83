/**
 * Who is due a follow-up, and why: the "123" tracking rule applied to the local replica.
 *
 * The next visit to a person is due at their last contact plus their category's interval
 * (intervals come from the pulled `follow_up_rule` catalogue, falling back to the defaults),
 * or earlier if the helper set a next follow-up date on the last visit. A person never visited
 * is due from their registration. Households are the unit of a visit, so the list holds
 * households, each carried by its most urgent member.
 */

/** @type {Record<string, number>} */
export const DEFAULT_INTERVAL_DAYS = {
  zero_employment_family: 15,
  employment_difficulty: 30,
  unemployed_seeking: 90,
  unemployment_insurance: 90,
  underemployed_not_seeking: 180,
  settled: 365,
  graduate_active_search: 14,
};

const DAY_MS = 86_400_000;

/**
 * @typedef {{id: string, household_id?: string, name?: string, category?: string|null, registered_on?: string|null, status?: string}} PersonLike
 * @typedef {{id: string, household_id?: string, person_ids?: string[], occurred_at?: string, next_follow_up?: string|null}} VisitLike
 * @typedef {{category: string, interval_days: number}} RuleLike
 * @typedef {{person: PersonLike, interval: number, lastContact: string|null, due: number, daysSince: number|null, overdueDays: number}} PersonDue
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

/** @param {number} from @param {number} to whole calendar days between two local midnights */
function daysBetween(from, to) {
  return Math.round((to - from) / DAY_MS);
}

/**
 * When each person is next due.
 * @param {PersonLike[]} persons
 * @param {VisitLike[]} visits
 * @param {Record<string, number>} intervals
 * @param {number} now ms
 * @returns {PersonDue[]}
 */
export function personsDue(persons, visits, intervals, now) {
  /** @type {Map<string, VisitLike>} the latest visit per person */
  const last = new Map();
  /** @type {Map<string, string[]>} */
  const membersOf = new Map();
  for (const p of persons) {
    if (!p.household_id) continue;
    membersOf.set(p.household_id, [...(membersOf.get(p.household_id) ?? []), p.id]);
  }
  for (const v of visits) {
    if (!v.occurred_at) continue;
    // A visit that names nobody counts for the whole household.
    const seen = v.person_ids?.length ? v.person_ids : (v.household_id && membersOf.get(v.household_id)) || [];
    for (const id of seen) {
      const prev = last.get(id);
      if (!prev || String(prev.occurred_at) < v.occurred_at) last.set(id, v);
    }
  }
  const today = dayOf(now);
  /** @type {PersonDue[]} */
  const out = [];
  for (const person of persons) {
    if (!person.category) continue;
    const interval = intervals[person.category] ?? DEFAULT_INTERVAL_DAYS[person.category];
    if (!interval) continue;
    const visit = last.get(person.id);
    const lastContact = visit?.occurred_at ?? null;
    const base = lastContact ?? person.registered_on ?? null;
    let due = base ? dayOf(base) + interval * DAY_MS : today;
    if (visit?.next_follow_up) due = Math.min(due, dayOf(visit.next_follow_up));
    out.push({
      person,
      interval,
      lastContact,
      due,
      daysSince: lastContact ? daysBetween(dayOf(lastContact), today) : null,
      overdueDays: daysBetween(due, today),
    });
  }
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
