/**
 * What a graduate's phone does not get by sync: the jobs behind their recommendations and who
 * their helpers are (staff accounts and the job catalogue are not in a client's partition).
 * Fetched when online and kept sealed in the user's partition (meta `graduate_extras`, under
 * the data key like everything else there), so the screens still show them offline; a failed
 * fetch leaves the last copy in place. The screens read a copy in memory, loaded at unlock and
 * forgotten at lock or logout. A copy an older version left in localStorage moves in at unlock.
 */
import { NetworkError } from '../../net/api.js';
import { metaAad, openValueOf, sealValueOf } from '../../local/keyring.js';

/** @typedef {{id: string, title: string, employer: string, place?: string|null, pay_min?: number|null, pay_max?: number|null, industry?: string|null, description?: string|null}} JobBrief */
/** @typedef {{helpers: {id: string, display_name: string, phone?: string|null, role: string}[], next_follow_up?: string|null, due_on?: string|null}} CareTeam */
/** @typedef {{jobs: Record<string, JobBrief>, care: CareTeam|null, fetchedAt: number}} Extras */

/** Where older versions kept them, in the clear. @param {string} userId */
const legacyKey = (userId) => `doorstep-graduate-${userId}`;
const META = 'graduate_extras';

/** @type {Map<string, Extras>} user id → extras, while unlocked */
const loaded = new Map();

/** @returns {Extras} */
const empty = () => ({ jobs: {}, care: null, fetchedAt: 0 });

/** @param {string} userId @returns {Extras} */
export function cachedExtras(userId) {
  const extras = loaded.get(userId) ?? empty();
  return { ...extras, jobs: { ...extras.jobs } };
}

/**
 * At unlock: open the sealed copy (moving in one left in localStorage).
 * @param {import('../../local/db.js').DB} db
 * @param {string} userId
 */
export async function loadExtras(db, userId) {
  let extras = await openValueOf(db, metaAad(META), await db.get('meta', META)).catch(() => undefined);
  try {
    const raw = localStorage.getItem(legacyKey(userId));
    if (raw) {
      extras ??= JSON.parse(raw);
      await saveExtras(db, userId, extras);
      localStorage.removeItem(legacyKey(userId));
    }
  } catch {
    // Storage unavailable or corrupt: nothing to move.
  }
  if (extras) loaded.set(userId, extras);
}

/** At lock or logout: nothing of them stays in memory. */
export function forgetExtras() {
  loaded.clear();
}

/** @param {import('../../local/db.js').DB} db @param {string} userId @param {Extras} extras */
async function saveExtras(db, userId, extras) {
  await db.put('meta', await sealValueOf(db, metaAad(META), extras), META);
  loaded.set(userId, extras);
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
      await saveExtras(ctx.replica.db, ctx.user.id, extras);
    } catch {
      // Full storage, or locked meanwhile: the screens still get this copy now.
    }
    return extras;
  } catch (err) {
    if (err instanceof NetworkError) return null;
    throw err;
  }
}
