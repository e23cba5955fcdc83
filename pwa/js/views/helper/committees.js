/**
 * The residential committees a helper may register a household in: those of their sub-district.
 *
 * Areas are not part of the sync partition (a pull carries households with their committee id,
 * not the committee's name), so the list comes from `GET /api/areas` while online and is kept in
 * localStorage per user for the door, offline. With nothing kept yet, the committees of the
 * helper's own households are offered, named by one of their addresses: the server checks the
 * committee again (it must lie in the helper's sub-district).
 */
import { t } from '../../i18n/index.js';

/** @typedef {{id: string, name: string}} Committee */

/** @param {import('../context.js').Ctx} ctx */
const storeKey = (ctx) => `doorstep.committees.${ctx.user.id}`;

/** @param {import('../context.js').Ctx} ctx @returns {Committee[]} */
function kept(ctx) {
  try {
    const list = JSON.parse(localStorage.getItem(storeKey(ctx)) || '[]');
    return Array.isArray(list) ? list.filter((c) => c && typeof c.id === 'string' && typeof c.name === 'string') : [];
  } catch {
    return [];
  }
}

/**
 * The committees to offer, the kept list first, then any of the helper's households' committees
 * it lacks.
 * @param {import('../context.js').Ctx} ctx @returns {Committee[]}
 */
export function knownCommittees(ctx) {
  const list = kept(ctx);
  const known = new Set(list.map((c) => c.id));
  for (const hh of ctx.replica.all('household')) {
    if (!hh.committee_id || known.has(hh.committee_id)) continue;
    known.add(hh.committee_id);
    list.push({ id: hh.committee_id, name: t('file_committee_of', { address: hh.address }) });
  }
  return list;
}

/**
 * Fetch the sub-district's committees and keep them; null when offline or refused.
 * @param {import('../context.js').Ctx} ctx @returns {Promise<Committee[]|null>}
 */
export async function refreshCommittees(ctx) {
  if (typeof navigator !== 'undefined' && navigator.onLine === false) return null;
  try {
    const parent = ctx.user.area_id ? `&parent_id=${encodeURIComponent(ctx.user.area_id)}` : '';
    const areas = await ctx.api.request('GET', `/api/areas?kind=committee${parent}`);
    const list = (Array.isArray(areas) ? areas : []).map((/** @type {any} */ a) => ({ id: String(a.id), name: String(a.name) }));
    if (list.length) localStorage.setItem(storeKey(ctx), JSON.stringify(list));
    return list;
  } catch {
    return null;
  }
}
