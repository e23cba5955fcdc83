/**
 * What a graduate's phone does not get by sync: the jobs behind their recommendations and who
 * their helpers are (staff accounts and the job catalogue are not in a client's partition).
 * Fetched when online and kept in localStorage per user, so the screens still show them
 * offline; a failed fetch leaves the last copy in place.
 */
import { NetworkError } from '../../net/api.js';

/** @typedef {{id: string, title: string, employer: string, place?: string|null, pay_min?: number|null, pay_max?: number|null, industry?: string|null, description?: string|null}} JobBrief */
/** @typedef {{helpers: {id: string, display_name: string, phone?: string|null, role: string}[], next_follow_up?: string|null, due_on?: string|null}} CareTeam */
/** @typedef {{jobs: Record<string, JobBrief>, care: CareTeam|null, fetchedAt: number}} Extras */

/** @param {string} userId */
const key = (userId) => `doorstep-graduate-${userId}`;

/** @param {string} userId @returns {Extras} */
export function cachedExtras(userId) {
  try {
    const raw = localStorage.getItem(key(userId));
    if (raw) return JSON.parse(raw);
  } catch {
    // Storage unavailable or corrupt: start empty.
  }
  return { jobs: {}, care: null, fetchedAt: 0 };
}

/** One refresh at a time: screens re-render on every sync and would otherwise ask twice. */
/** @type {Promise<Extras|null>|null} */
let inFlight = null;

/**
 * Refresh from the server; resolves to the new extras, or null when offline.
 * Calls made while a refresh is running share its answer.
 * @param {import('../context.js').Ctx} ctx
 * @returns {Promise<Extras|null>}
 */
export function refreshExtras(ctx) {
  if (!inFlight) inFlight = fetchExtras(ctx).finally(() => { inFlight = null; });
  return inFlight;
}

/** @param {import('../context.js').Ctx} ctx @returns {Promise<Extras|null>} */
async function fetchExtras(ctx) {
  const personId = ctx.user.person_id;
  if (!personId || !navigator.onLine) return null;
  const extras = cachedExtras(ctx.user.id);
  // The home screen re-renders on every sync; the server is asked at most once a minute.
  if (Date.now() - extras.fetchedAt < 60_000) return null;
  try {
    const [recs, care] = await Promise.all([
      ctx.api.request('GET', `/api/recommendations?per_page=500`),
      ctx.api.request('GET', `/api/persons/${personId}/care-team`),
    ]);
    for (const r of recs.items ?? []) {
      if (r.job) extras.jobs[r.job.id] = { id: r.job.id, title: r.job.title, employer: r.job.employer, place: r.job.place,
        pay_min: r.job.pay_min, pay_max: r.job.pay_max, industry: r.job.industry, description: r.job.description };
    }
    extras.care = care;
    extras.fetchedAt = Date.now();
    try {
      localStorage.setItem(key(ctx.user.id), JSON.stringify(extras));
    } catch {
      // Full storage: the screens still get this copy now.
    }
    return extras;
  } catch (err) {
    if (err instanceof NetworkError) return null;
    throw err;
  }
}
