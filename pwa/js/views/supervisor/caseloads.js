/**
 * Caseloads: which helper (and partner) looks after each household; reassign one or many at
 * once. The former helper's phone is told by its next pull and may still send notes for a
 * grace week (they arrive flagged late, for the new helper to see).
 *
 * The list is searched on the server (address, or a member's name or phone) and filtered by
 * helper and committee; "select all" ticks every household the filters found, so moving a
 * whole committee or one helper's caseload is one search, one tick, one action
 * (`POST /api/households/assign`, all or nothing, through `server/assignment.py`).
 */
import { h } from '../../ui/dom.js';
import { t, formatNumber } from '../../i18n/index.js';
import { remote, query } from './remote.js';
import { loadStaff } from './reviews.js';

/** @typedef {import('../context.js').Ctx} Ctx */

/** The most households one screen lists (the API's page limit). */
const MAX = 500;

/** @param {Ctx} ctx @param {Record<string, string>} filters */
async function load(ctx, filters) {
  const [staff, households] = await Promise.all([
    loadStaff(ctx),
    ctx.api.request('GET', `/api/households${query({ ...filters, per_page: MAX })}`),
  ]);
  return { ...staff, households: /** @type {any[]} */ (households.items), total: /** @type {number} */ (households.total) };
}

/** @param {Ctx} ctx @param {import('../context.js').RouteArgs} args */
export function caseloads(ctx, { query: q }) {
  /** @type {Record<string, string>} */
  const filters = {};
  for (const key of ['helper_id', 'committee_id', 'q']) {
    const v = q.get(key);
    if (v) filters[key] = v;
  }
  /** @param {string} key @param {string} value */
  const refilter = (key, value) => ctx.nav(`/caseloads${query({ ...filters, [key]: value })}`);
  const search = h('input', { id: 'c-q', type: 'search', value: filters.q ?? '', placeholder: t('wl_search_households'),
    'data-test': 'caseload-search', maxlength: 100 });
  const searchForm = h('form', { role: 'search', onsubmit: (/** @type {Event} */ e) => {
    e.preventDefault();
    refilter('q', search.value.trim());
  } }, h('label', { for: 'c-q' }, t('wl_search_households')), search);
  return h('div', null,
    h('h1', null, t('sup_caseloads')),
    h('p', { class: 'hint' }, t('sup_caseloads_intro')),
    searchForm,
    remote(() => load(ctx, filters), ({ helpers, committees, households, total }, reload) => {
      const names = new Map(helpers.map((u) => [u.id, u.display_name]));
      /** @type {Set<string>} */
      const chosen = new Set();
      const count = h('span', { 'aria-live': 'polite', 'data-test': 'caseload-chosen' }, t('sup_selected', { n: 0 }));
      /** @param {string} key @param {string} id @param {string} text @param {{value: string, label: string}[]} options */
      const filter = (key, id, text, options) => h('div', null, h('label', { for: id }, text),
        h('select', { id, onchange: (/** @type {Event} */ e) => refilter(key, /** @type {HTMLSelectElement} */ (e.target).value) },
          h('option', { value: '' }, t('sup_all')),
          options.map((o) => h('option', { value: o.value, selected: filters[key] === o.value }, o.label))));
      /** @param {string} id @param {boolean} includeNone */
      const helperSelect = (id, includeNone) => h('select', { id },
        includeNone ? h('option', { value: '' }, t('sup_no_partner')) : h('option', { value: '' }, '—'),
        helpers.map((u) => h('option', { value: u.id }, u.display_name)));
      const primary = helperSelect('new-primary', false);
      const partner = helperSelect('new-partner', true);
      /** @type {HTMLInputElement[]} */
      const boxes = [];
      const show = () => { count.textContent = t('sup_selected', { n: chosen.size }); };
      const all = h('input', { type: 'checkbox', 'data-test': 'caseload-select-all', onchange: () => {
        for (const box of boxes) {
          box.checked = all.checked;
          if (all.checked) chosen.add(box.value);
          else chosen.delete(box.value);
        }
        show();
      } });
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
      const row = (/** @type {any} */ hh) => {
        const box = h('input', { type: 'checkbox', value: hh.id, onchange: () => {
          if (box.checked) chosen.add(hh.id);
          else chosen.delete(hh.id);
          all.checked = chosen.size === boxes.length;
          show();
        } });
        boxes.push(box);
        return h('li', null, h('label', { class: 'check card', 'data-test': 'caseload-household' }, box,
          h('span', null,
            h('span', { class: 'title' }, hh.address),
            h('span', { class: 'sub' }, ' · ', hh.committee_name ?? '', ' · ', names.get(hh.primary_helper_id) ?? '—',
              hh.partner_helper_id ? ` + ${names.get(hh.partner_helper_id) ?? '—'}` : ''))));
      };
      return h('div', null,
        h('div', { class: 'filters' },
          filter('helper_id', 'c-helper', t('sup_show_caseload'), helpers.map((u) => ({ value: u.id, label: u.display_name }))),
          filter('committee_id', 'c-committee', t('sup_committee'), committees.map((a) => ({ value: a.id, label: a.name })))),
        h('p', { class: 'hint', 'data-test': 'caseload-count' }, t('sup_households_shown', { n: formatNumber(households.length), total: formatNumber(total) })),
        households.length === 0 ? h('p', null, t('wl_no_households')) : h('div', null,
          h('label', { class: 'check' }, all, t('wl_select_all_found', { n: formatNumber(households.length) })),
          h('ul', { class: 'list' }, households.map(row))),
        h('fieldset', { class: 'sticky-panel' },
          h('legend', null, t('sup_reassign_to')), count,
          h('label', { for: 'new-primary' }, t('sup_primary')), primary,
          h('label', { for: 'new-partner' }, t('sup_partner')), partner,
          h('div', { class: 'actions' }, h('button', { type: 'button', class: 'primary', 'data-test': 'caseload-reassign', onclick: () => void assign() }, t('sup_reassign')))));
    }));
}
