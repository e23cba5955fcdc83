/**
 * The supervisor board's support section: subsidies applied and granted (with the amount and
 * per policy), trainings referred and completed, graduates' requests waiting, persons in an
 * assistance period, and 3-3-3-3 progress; for the board's period and filters, read from
 * `GET /api/reports/support` (the server counts; the phone only shows).
 */
import { h } from '../../ui/dom.js';
import { t, label, formatNumber } from '../../i18n/index.js';
import { remote, query } from '../supervisor/remote.js';

/** @typedef {import('../context.js').Ctx} Ctx */

/** @param {string} key @param {number} value @param {string} test */
function figure(key, value, test) {
  return h('div', { class: 'figure' }, h('strong', { 'data-test': test }, formatNumber(value)), h('span', null, t(key)));
}

/** @param {Record<string, any>} data */
function render(data) {
  const s3333 = data.service_3333 ?? { population: 0, met: 0, targets: [] };
  return h('div', { 'data-test': 'sp-board' },
    h('div', { class: 'figures', 'data-test': 'sp-figures' },
      figure('sp_b_applied', data.subsidies_applied, 'sp-b-applied'),
      figure('sp_b_granted', data.subsidies_granted, 'sp-b-granted'),
      figure('sp_b_amount', data.amount_granted, 'sp-b-amount'),
      figure('sp_b_referred', data.trainings_referred, 'sp-b-referred'),
      figure('sp_b_completed', data.trainings_completed, 'sp-b-completed'),
      figure('sp_b_requested', data.trainings_requested, 'sp-b-requested'),
      figure('sp_b_assisted', data.assistance_open, 'sp-b-assisted')),
    data.by_policy.length > 0 && h('div', { class: 'scroll' }, h('table', { 'data-test': 'sp-b-policies' },
      h('thead', null, h('tr', null, ['sp_policy', 'sp_b_applied', 'sp_b_granted', 'sp_b_refused', 'sp_b_amount']
        .map((k) => h('th', { scope: 'col' }, t(k))))),
      h('tbody', null, data.by_policy.map((/** @type {any} */ r) => h('tr', null,
        h('th', { scope: 'row' }, r.title), h('td', null, formatNumber(r.applied)), h('td', null, formatNumber(r.granted)),
        h('td', null, formatNumber(r.refused)), h('td', null, formatNumber(r.amount_granted))))))),
    h('h3', null, t('sp_b_3333', { met: formatNumber(s3333.met), population: formatNumber(s3333.population) })),
    h('ul', { class: 'list', 'data-test': 'sp-b-3333' }, s3333.targets.map((/** @type {any} */ l) =>
      h('li', null, label('service', l.service), ' ',
        h('span', { class: 'badge', 'data-test': `sp-b-3333-${l.service}` }, t('sp_b_3333_line', { met: formatNumber(l.met), population: formatNumber(s3333.population) }))))));
}

/** @param {Ctx} ctx @param {Record<string, string>} filters */
export function supportBoard(ctx, filters) {
  const wanted = { period: filters.period, committee_id: filters.committee_id, helper_id: filters.helper_id, category: filters.category };
  return h('section', { 'aria-labelledby': 'h-sp-board' },
    h('h2', { id: 'h-sp-board' }, t('sp_b_title', { period: filters.period ?? '' })),
    remote(() => ctx.api.request('GET', `/api/reports/support${query(wanted)}`), (data) => render(/** @type {any} */ (data))));
}
