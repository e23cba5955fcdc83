/**
 * Distances on the ground between GPS fixes: how far a visit's fix was from the household's
 * stored location, and what counts as a fix good enough to become that location.
 *
 * Haversine on a sphere of the Earth's mean radius: for a few kilometres it is within a
 * metre or so of the ellipsoid, far below a phone's GPS error (tens of metres), so nothing
 * finer is worth its weight.
 */

/** Mean radius of the Earth (IUGG), metres. */
export const EARTH_RADIUS_M = 6_371_008.8;
/** A fix at most this uncertain (metres) may become a household's location. */
export const GOOD_FIX_M = 100;
/** A visit whose fix is further than this from the household is flagged on the review card. */
export const FAR_M = 500;

/** @typedef {{lat: number, lng: number}} Point */

/** @param {number} deg */
const rad = (deg) => (deg * Math.PI) / 180;

/**
 * Great-circle distance in metres.
 * @param {Point} a @param {Point} b
 */
export function haversineMetres(a, b) {
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const s = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(s)));
}

/** Does `p` carry a usable position? @param {any} p @returns {boolean} */
export function hasPoint(p) {
  return p != null && Number.isFinite(p.lat) && Number.isFinite(p.lng) && Math.abs(p.lat) <= 90 && Math.abs(p.lng) <= 180;
}

/**
 * How far the visit's fix was from its household, rounded to the metre, and whether that is
 * far; null when either has no position.
 * @param {any} visit @param {any} household
 * @returns {{metres: number, far: boolean}|null}
 */
export function visitDistance(visit, household) {
  if (!hasPoint(visit) || !hasPoint(household)) return null;
  const metres = Math.round(haversineMetres(household, visit));
  return { metres, far: metres > FAR_M };
}

/**
 * The household's first visit whose fix is good enough to propose as its location, when it has
 * none yet (the earliest such visit: the helper was most likely at the door).
 * @param {any} household @param {any[]} visits of that household
 * @returns {any|null}
 */
export function proposedFix(household, visits) {
  if (hasPoint(household)) return null;
  const good = visits.filter((v) => hasPoint(v) && v.accuracy_m != null && v.accuracy_m <= GOOD_FIX_M)
    .sort((a, b) => String(a.occurred_at).localeCompare(String(b.occurred_at)));
  return good[0] ?? null;
}
