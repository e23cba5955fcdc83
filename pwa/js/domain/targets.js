/**
 * Services delivered to a person against the programmes' own targets:
 * "1-3-1" (1 vocational guidance, 3 fitting job recommendations, 1 training offer within
 * 3 months) and, for graduates from disadvantaged families, "3-3-3-3" (3 heart-to-heart talks,
 * 3 CV revisions, 3 recruitment events, 3 recommended vacancies). Counted as the board counts
 * them (server/reports/targets.py): contacts naming the person, a visit amended by another once
 * (as its amendment), attempts (nobody met) not at all. 3-3-3-3 is counted from the real records
 * (CV versions, attendances, recommendations) within the assistance period by `counts3333`,
 * the rule of server/reports/targets_3333.py, both pinned by sync/vectors/targets/.
 */
import { counted, isContact } from './followup-rule.js';

/** @typedef {{service: string, label: string, done: number, target: number}} TargetLine */

export const TARGET_131 = [
  ['vocational_guidance', 1],
  ['job_recommendation', 3],
  ['training_referral', 1],
];
export const TARGET_3333 = [
  ['heart_to_heart', 3],
  ['cv_revision', 3],
  ['recruitment_event', 3],
  ['job_recommendation', 3],
];

/**
 * How many times each service was delivered to a person: contacts naming them that count (see
 * above), plus recommendation records for job recommendations (the larger of the two, since a
 * helper may log both for the same recommendation).
 * @param {string} personId
 * @param {string|undefined} householdId
 * @param {Record<string, any>[]} visits
 * @param {Record<string, any>[]} recommendations
 * @returns {Record<string, number>}
 */
export function serviceCounts(personId, householdId, visits, recommendations) {
  /** @type {Record<string, number>} */
  const counts = {};
  const mine = visits.filter((v) => v.household_id === householdId || householdId === undefined);
  for (const v of counted(/** @type {any[]} */ (mine))) {
    if (!v.person_ids?.includes(personId) || !isContact(v)) continue;
    for (const s of new Set(v.services ?? [])) counts[s] = (counts[s] ?? 0) + 1;
  }
  const recs = recommendations.filter((r) => r.person_id === personId).length;
  counts.job_recommendation = Math.max(counts.job_recommendation ?? 0, recs);
  return counts;
}

/**
 * @param {Record<string, number>} counts
 * @param {(string|number)[][]} target
 * @returns {{service: string, done: number, target: number}[]}
 */
export function progress(counts, target) {
  return target.map(([service, n]) => ({ service: String(service), done: counts[String(service)] ?? 0, target: Number(n) }));
}

/**
 * The office's calendar day of an instant (the office is in Asia/Shanghai, like the server's
 * default `BUSINESS_TIMEZONE`), so the phone and the board cut a period on the same day.
 * @param {string|number|null|undefined} instant
 * @returns {string|null} YYYY-MM-DD
 */
export function officeDay(instant) {
  if (instant === null || instant === undefined || instant === '') return null;
  const d = new Date(instant);
  if (Number.isNaN(d.getTime())) return null;
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
}

/**
 * @typedef {{
 *   visits: Record<string, any>[],
 *   recommendations: Record<string, any>[],
 *   attachments: Record<string, any>[],
 *   participants: Record<string, any>[],
 *   events: Map<string, Record<string, any>>,
 *   periods: Record<string, any>[],
 * }} SupportRecords
 */

/**
 * The span a person's assistance periods cover: the first start to the last end (open while a
 * period is open), or null when they have none.
 * @param {string} personId @param {Record<string, any>[]} periods
 * @returns {{start_on: string, end_on: string}|null}
 */
export function assistanceSpan(personId, periods) {
  const mine = periods.filter((p) => p.person_id === personId && p.start_on);
  if (!mine.length) return null;
  const start = mine.map((p) => String(p.start_on)).sort()[0];
  const end = mine.map((p) => String(p.end_on ?? '9999-12-31')).sort().at(-1) ?? '9999-12-31';
  return { start_on: start, end_on: end };
}

/**
 * 3-3-3-3 from the real records, within the assistance period, as the board counts it
 * (server/reports/targets_3333.py; both pinned by sync/vectors/targets/): talks from contacts
 * with `heart_to_heart`; CV revisions from `cv` attachments once uploaded (day: the upload), events from attendances (day: the check-in, else the event's start), vacancies from
 * recommendations (day: their first move), each the larger of that and the contacts that say so.
 * @param {string} personId
 * @param {string|undefined} householdId
 * @param {SupportRecords} records
 * @returns {Record<string, number>}
 */
export function counts3333(personId, householdId, records) {
  const span = assistanceSpan(personId, records.periods);
  /** @param {string|null} day */
  const within = (day) => !span || day === null || (day >= span.start_on && day <= span.end_on);
  // Amendments first (over every visit, as the board does), then the period.
  const visits = counted(/** @type {any[]} */ (records.visits)).filter((v) => within(officeDay(v.occurred_at)));
  const recs = records.recommendations.filter((r) => within(officeDay(r.history?.[0]?.at ?? r.created_at)));
  const fromVisits = serviceCounts(personId, householdId, visits, []);
  const cvs = records.attachments.filter((a) => a.person_id === personId && a.kind === 'cv' &&
    Boolean(a.uploaded_at) && within(officeDay(a.uploaded_at))).length;
  const attended = records.participants.filter((p) => p.person_id === personId && p.state === 'attended' &&
    within(officeDay(p.checked_in_at ?? records.events.get(p.event_id)?.starts_at))).length;
  const mine = recs.filter((r) => r.person_id === personId).length;
  return {
    heart_to_heart: fromVisits.heart_to_heart ?? 0,
    cv_revision: Math.max(fromVisits.cv_revision ?? 0, cvs),
    recruitment_event: Math.max(fromVisits.recruitment_event ?? 0, attended),
    job_recommendation: Math.max(fromVisits.job_recommendation ?? 0, mine),
  };
}
