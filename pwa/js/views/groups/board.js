/**
 * The board's section on groups: for the board's period, each group's reach funnel over the
 * posts sent in it (reached → read → interested → interview → hired), the totals as a chart,
 * and the office's reported figures for people without a file here, always apart from what
 * Doorstep recorded (`GET /api/reports/groups`).
 */
import { h } from '../../ui/dom.js';
import { t, formatNumber } from '../../i18n/index.js';
import { remote, query } from '../supervisor/remote.js';
import { funnelChart, STEPS } from './group.js';

/** @typedef {import('../context.js').Ctx} Ctx */

/** @param {any} data */
function render(data) {
  const rows = data.items.filter((/** @type {any} */ g) => g.total.reached > 0);
  if (rows.length === 0) return h('p', { class: 'muted' }, t('gr_board_none'));
  return h('div', null,
    funnelChart(data.total),
    h('p', { class: 'sub', 'data-test': 'gr-board-recorded' }, t('gr_recorded', {
      reached: formatNumber(data.recorded.reached), interview: formatNumber(data.recorded.interview), hired: formatNumber(data.recorded.hired) })),
    data.reported.reached + data.reported.interview + data.reported.hired > 0 &&
      h('p', { class: 'sub', 'data-test': 'gr-board-reported' }, t('gr_reported', {
        reached: formatNumber(data.reported.reached), interview: formatNumber(data.reported.interview), hired: formatNumber(data.reported.hired) })),
    h('div', { class: 'scroll' }, h('table', { 'data-test': 'gr-board-table' },
      h('thead', null, h('tr', null, h('th', { scope: 'col' }, t('gr_col_group')),
        STEPS.map((s) => h('th', { scope: 'col', class: 'num' }, t(`gr_step_${s}`))))),
      h('tbody', null, rows.map((/** @type {any} */ g) => h('tr', null,
        h('th', { scope: 'row' }, h('a', { href: `#/groups/${g.id}` }, g.name)),
        STEPS.map((s) => h('td', { class: 'num' }, formatNumber(g.total[s])))))))),
    h('p', { class: 'hint' }, t('gr_board_note')));
}

/** @param {Ctx} ctx @param {Record<string, string>} filters */
export function boardSection(ctx, filters) {
  const path = `/api/reports/groups${query({ period: filters.period, committee_id: filters.committee_id })}`;
  return h('section', { 'aria-labelledby': 'h-gr-board', 'data-test': 'gr-board' },
    h('h2', { id: 'h-gr-board' }, t('gr_board_title')),
    remote(() => ctx.api.request('GET', path), render));
}
