/**
 * Caseloads: which helper (and partner) looks after each household; reassign one or many at
 * once. The former helper's phone is told by its next pull and may still send notes for a
 * grace week (they arrive flagged late, for the new helper to see).
 */
import { h } from '../../ui/dom.js';
import { t, formatNumber } from '../../i18n/index.js';
import { remote, query } from './remote.js';

/** @typedef {import('../context.js').Ctx} Ctx */

/** @param {Ctx} ctx @param {string|null} helperId */
async function load(ctx, helperId) {
  const [users, households] = await Promise.all([
    ctx.api.request('GET', '/api/users?role=helper&per_page=500'),
    ctx.api.request('GET', `/api/households${query({ helper_id: helperId, per_page: 500 })}`),
  ]);
  return { helpers: /** @type {any[]} */ (users.items), households: /** @type {any[]} */ (households.items), total: households.total };
}

/** @param {Ctx} ctx @param {import('../context.js').RouteArgs} args */
export function caseloads(ctx, { query: q }) {
  const helperId = q.get('helper_id');
  return h('div', null,
    h('h1', null, t('sup_caseloads')),
    h('p', { class: 'hint' }, t('sup_caseloads_intro')),
    remote(() => load(ctx, helperId), ({ helpers, households, total }, reload) => {
      const names = new Map(helpers.map((u) => [u.id, u.display_name]));
      /** @type {Set<string>} */
      const chosen = new Set();
      const count = h('span', { 'aria-live': 'polite' }, t('sup_selected', { n: 0 }));
      /** @param {string} id @param {boolean} includeNone */
      const helperSelect = (id, includeNone) => h('select', { id },
        includeNone ? h('option', { value: '' }, t('sup_no_partner')) : h('option', { value: '' }, '—'),
        helpers.map((u) => h('option', { value: u.id }, u.display_name)));
      const primary = helperSelect('new-primary', false);
      const partner = helperSelect('new-partner', true);
      const assign = async () => {
        if (!chosen.size || !primary.value) return ctx.toast(t('sup_pick_both'));
        try {
          await ctx.api.request('POST', '/api/households/assign', {
            household_ids: [...chosen], primary_helper_id: primary.value, partner_helper_id: partner.value || null });
          ctx.toast(t('sup_reassigned', { n: chosen.size, name: names.get(primary.value) ?? '' }));
          reload();
        } catch (err) {
          ctx.toast(t('sup_failed', { message: /** @type {Error} */ (err).message }));
        }
      };
      return h('div', null,
        h('label', { for: 'c-helper' }, t('sup_show_caseload')),
        h('select', { id: 'c-helper', onchange: (/** @type {Event} */ e) => ctx.nav(`/caseloads${query({ helper_id: /** @type {HTMLSelectElement} */ (e.target).value })}`) },
          h('option', { value: '' }, t('sup_all')),
          helpers.map((u) => h('option', { value: u.id, selected: u.id === helperId }, `${u.display_name}`))),
        h('p', { class: 'hint' }, t('sup_households_shown', { n: formatNumber(households.length), total: formatNumber(total) })),
        h('ul', { class: 'list' }, households.map((hh) => h('li', null,
          h('label', { class: 'check card', 'data-test': 'caseload-household' },
            h('input', { type: 'checkbox', onchange: (/** @type {Event} */ e) => {
              if (/** @type {HTMLInputElement} */ (e.target).checked) chosen.add(hh.id);
              else chosen.delete(hh.id);
              count.textContent = t('sup_selected', { n: chosen.size });
            } }),
            h('span', null,
              h('span', { class: 'title' }, hh.address),
              h('span', { class: 'sub' }, ' · ', hh.committee_name ?? '', ' · ', names.get(hh.primary_helper_id) ?? '—',
                hh.partner_helper_id ? ` + ${names.get(hh.partner_helper_id) ?? '—'}` : '')))))),
        h('fieldset', { class: 'sticky-panel' },
          h('legend', null, t('sup_reassign_to')), count,
          h('label', { for: 'new-primary' }, t('sup_primary')), primary,
          h('label', { for: 'new-partner' }, t('sup_partner')), partner,
          h('div', { class: 'actions' }, h('button', { type: 'button', class: 'primary', onclick: () => void assign() }, t('sup_reassign')))));
    }));
}
