/**
 * Services delivered to a person against the programmes' own targets:
 * "1-3-1" (1 vocational guidance, 3 fitting job recommendations, 1 training offer within
 * 3 months) and, for graduates from disadvantaged families, "3-3-3-3" (3 heart-to-heart talks,
 * 3 CV revisions, 3 recruitment events, 3 recommended vacancies). Counted as the board counts
 * them (server/reports/targets.py): contacts naming the person, a visit amended by another once
 * (as its amendment), attempts (nobody met) not at all.
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
