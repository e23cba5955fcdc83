/**
 * The graduate's last job search, kept for offline reading: the jobs catalogue is not in a
 * client's sync partition, so the `#/jobs` list is fetched from `GET /api/me/jobs` and its last
 * answer sealed in the user's partition (meta `gq_jobs`, under the data key like
 * `graduate/extras.js` keeps the jobs behind recommendations). A failed fetch leaves the last
 * copy in place; lock and logout close the vault, so nothing of it is readable then.
 */
import { metaAad, openValueOf, sealValueOf } from '../../local/keyring.js';

const META = 'gq_jobs';

/**
 * @typedef {{code: string, positive: boolean, text: string}} Reason
 * @typedef {{job: Record<string, any>, match: {score: number}, reasons: Reason[],
 *   recommendation_id: string|null, recommendation_state: string|null}} JobItem
 * @typedef {{items: JobItem[], total: number, page: number, per_page: number, open_jobs: number,
 *   industries: string[]}} JobPage
 * @typedef {{query: string, page: JobPage, savedAt: number}} Cached
 */

/**
 * The last list seen, or null (none yet, or the vault is locked).
 * @param {import('../../local/db.js').DB} db
 * @returns {Promise<Cached|null>}
 */
export async function lastJobs(db) {
  try {
    return (await openValueOf(db, metaAad(META), await db.get('meta', META))) ?? null;
  } catch {
    return null;
  }
}

/**
 * Keep this list (its query string and first pages) for the next offline visit.
 * @param {import('../../local/db.js').DB} db @param {Cached} cached
 */
export async function keepJobs(db, cached) {
  try {
    await db.put('meta', await sealValueOf(db, metaAad(META), cached), META);
  } catch {
    // Full storage, or locked meanwhile: the screen still shows this answer now.
  }
}
