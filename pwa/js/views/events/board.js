/**
 * The board's events section: events held in the board's period (`GET /api/reports/events`),
 * how many people were invited and came, and the interviews and hires attributed to them.
 * Recorded figures (people on file) and the organisers' reported counts (a live stream's
 * viewers) are shown in separate columns, never added together.
 */
import { h } from '../../ui/dom.js';
import { t, label, formatNumber, formatDate } from '../../i18n/index.js';
import { remote, query } from '../supervisor/remote.js';

/** @typedef {import('../context.js').Ctx} Ctx */
/** @typedef {Record<string, any>} Figures */

const COLUMNS = ['events', 'invited', 'attended', 'interviews', 'hires', 'reported_attendance', 'reported_interviews', 'reported_hires'];

/** @param {string} name @param {Figures} f @param {string} [test] */
function row(name, f, test) {
  return h('tr', test ? { 'data-test': test } : null, h('th', { scope: 'row' }, name),
    COLUMNS.map((c) => h('td', { 'data-col': c }, formatNumber(f[c] ?? 0))));
}

/** @param {Ctx} ctx @param {Record<string, string>} filters */
export function eventsBoard(ctx, filters) {
  const params = { period: filters.period, committee_id: filters.committee_id };
  return h('section', { 'data-test': 'board-events' },
    h('h2', null, t('ev_board_title')),
    remote(() => ctx.api.request('GET', `/api/reports/events${query(params)}`), (data) => h('div', null,
      h('p', { class: 'hint' }, t('ev_board_hint', { period: data.period.name })),
      h('div', { class: 'scroll' }, h('table', null,
        h('thead', null, h('tr', null, h('th', null, ''), COLUMNS.map((c) => h('th', { scope: 'col' }, t(`ev_col_${c}`))))),
        h('tbody', null,
          data.by_kind.map((/** @type {Figures} */ k) => row(label('event_kind', k.kind), k)),
          row(t('ev_total'), data.totals, 'events-total')))),
      data.events.length > 0 && h('details', null, h('summary', null, t('ev_board_each', { n: data.events.length })),
        h('div', { class: 'scroll' }, h('table', null, h('tbody', null, data.events.map((/** @type {Figures} */ e) =>
          row(`${formatDate(e.starts_at)} ${e.title}`, e)))))))));
}
