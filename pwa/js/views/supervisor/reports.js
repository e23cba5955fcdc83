/**
 * Reporting upwards (`#/reports`): pick a period (a month, a quarter, a year or custom days,
 * such as a summer), see the figures per sub-district (the district) or per committee (a
 * supervisor) from `GET /api/period-reports`, export them as .xlsx, or print them (the print
 * stylesheet, pwa/src/print.css, leaves out the app's chrome and keeps the table whole on A4).
 * The period lives in the address, so a printed or shared link shows the same report.
 *
 * Every workbook (the report and the ledgers) is made by a background task (`?async=1`): the
 * screen shows its progress bar and message under the buttons, then downloads the file the
 * task made (`GET /api/tasks/<id>/file`), so a district's whole ledger never holds a request.
 */
import { h } from '../../ui/dom.js';
import { t, locale, formatNumber } from '../../i18n/index.js';
import { exportTask } from '../tasks/export.js';
import { remote, query } from './remote.js';

/** @typedef {import('../context.js').Ctx} Ctx */

/** The table's columns after the area's name: the report's field, and its heading key. */
const COLUMNS = /** @type {const} */ ([
  ['cohort', 'office_cohort'], ['left_without_job', 'office_left_without_job'],
  ['placed_of_those', 'office_placed_of_those'], ['placement_rate', 'office_rate'],
  ['placed_in_period', 'office_placed_in_period'], ['reached', 'office_reached'],
  ['recommended', 'office_recommended'], ['interview', 'office_interview'], ['hired', 'office_hired'],
  ['overdue_now', 'office_overdue_now'],
]);

/** `2026-Q3` for the quarter of `day`. @param {Date} day */
function quarterOf(day) {
  return `${day.getFullYear()}-Q${Math.floor(day.getMonth() / 3) + 1}`;
}

/**
 * The report's query from the address: a period, or from/to.
 * @param {URLSearchParams} q
 * @returns {Record<string, string>}
 */
function periodParams(q) {
  const from = q.get('from');
  const to = q.get('to');
  if (from && to) return { from, to };
  return { period: q.get('period') || quarterOf(new Date()) };
}

/** @param {number|null|undefined} rate */
function percent(rate) {
  if (rate === null || rate === undefined) return '—';
  return `${(rate * 100).toLocaleString(locale(), { minimumFractionDigits: 2, maximumFractionDigits: 2 })} %`;
}

/** @param {number} met @param {number} population */
function fraction(met, population) {
  return `${formatNumber(met)} / ${formatNumber(population)}`;
}

/** @param {Ctx} ctx @param {Record<string, string>} params */
function picker(ctx, params) {
  const kind = params.from ? 'custom' : /Q/.test(params.period) ? 'quarter' : /^\d{4}-\d{2}$/.test(params.period) ? 'month' : 'year';
  const input = (/** @type {string} */ id, /** @type {string} */ text, /** @type {Record<string, any>} */ attrs) =>
    h('div', { class: 'field', 'data-kind': attrs['data-kind'] }, h('label', { for: id }, text), h('input', { id, ...attrs }));
  const [year, q] = (params.period || '').split('-Q');
  const kindSelect = h('select', { id: 'r-kind', 'data-test': 'period-kind' },
    ['month', 'quarter', 'year', 'custom'].map((k) => h('option', { value: k, selected: k === kind }, t(`office_kind_${k}`))));
  const fields = h('div', { class: 'filters' },
    h('div', null, h('label', { for: 'r-kind' }, t('office_period')), kindSelect),
    input('r-month', t('office_kind_month'), { type: 'month', 'data-kind': 'month', value: kind === 'month' ? params.period : '' }),
    input('r-year', t('office_year'), { type: 'number', min: 1990, max: 2199, 'data-kind': 'quarter year', value: year?.slice(0, 4) || String(new Date().getFullYear()) }),
    h('div', { 'data-kind': 'quarter' }, h('label', { for: 'r-q' }, t('office_kind_quarter')),
      h('select', { id: 'r-q' }, [1, 2, 3, 4].map((n) => h('option', { value: String(n), selected: String(n) === (q || '') }, `Q${n}`)))),
    input('r-from', t('office_from'), { type: 'date', 'data-kind': 'custom', value: params.from || '' }),
    input('r-to', t('office_to'), { type: 'date', 'data-kind': 'custom', value: params.to || '' }));
  const show = () => {
    const current = /** @type {HTMLSelectElement} */ (kindSelect).value;
    for (const el of fields.querySelectorAll('[data-kind]')) {
      /** @type {HTMLElement} */ (el).hidden = !(el.getAttribute('data-kind') ?? '').split(' ').includes(current);
    }
  };
  kindSelect.addEventListener('change', show);
  show();
  const value = (/** @type {string} */ id) => /** @type {HTMLInputElement} */ (fields.querySelector(`#${id}`)).value;
  const submit = (/** @type {Event} */ e) => {
    e.preventDefault();
    const k = /** @type {HTMLSelectElement} */ (kindSelect).value;
    if (k === 'custom') {
      if (!value('r-from') || !value('r-to')) return ctx.toast(t('office_need_days'));
      return ctx.nav(`/reports${query({ from: value('r-from'), to: value('r-to') })}`);
    }
    const period = k === 'month' ? value('r-month') : k === 'quarter' ? `${value('r-year')}-Q${value('r-q')}` : value('r-year');
    if (!period) return ctx.toast(t('office_need_days'));
    return ctx.nav(`/reports${query({ period })}`);
  };
  return h('form', { class: 'card no-print', onsubmit: submit, 'data-test': 'period-form' }, fields,
    h('div', { class: 'actions' }, h('button', { type: 'submit', 'data-test': 'period-show' }, t('office_show'))));
}

/** @param {any} data */
function reportTable(data) {
  const areaHead = data.level === 'subdistrict' ? t('office_subdistrict') : t('sup_committee');
  /** @param {any} r @param {boolean} total */
  const row = (r, total) => h('tr', { class: total ? 'total' : undefined },
    h('th', { scope: 'row' }, total ? t('office_total') : r.name),
    COLUMNS.map(([key]) => h('td', { class: 'num' }, key === 'placement_rate' ? percent(r[key]) : formatNumber(r[key]))),
    h('td', { class: 'num' }, fraction(r.target_131_met, r.target_131_population)),
    h('td', { class: 'num' }, fraction(r.target_3333_met, r.target_3333_population)),
    h('td', { class: 'num' }, fraction(r.zero_employment_placed, r.zero_employment_households)));
  return h('div', { class: 'scroll report-table' }, h('table', { 'data-test': 'period-table' },
    h('caption', null, t('office_caption', { scope: data.scope_name, from: data.period.from, to: data.period.to, year: String(data.cohort_year) })),
    h('thead', null, h('tr', null, h('th', { scope: 'col' }, areaHead),
      COLUMNS.map(([, key]) => h('th', { scope: 'col', class: 'num' }, t(key))),
      h('th', { scope: 'col', class: 'num' }, t('sup_131')), h('th', { scope: 'col', class: 'num' }, t('sup_3333')),
      h('th', { scope: 'col', class: 'num' }, t('office_zero')))),
    h('tbody', null, data.rows.map((/** @type {any} */ r) => row(r, false))),
    h('tfoot', null, row(data.total, true))));
}

/** What each figure means, printed under the table. */
function definitions() {
  return h('dl', { class: 'definitions' },
    ['left_without_job', 'rate', 'placed_in_period', 'reached', 'funnel', 'overdue_now'].map((k) =>
      [h('dt', null, t(`office_${k === 'funnel' ? 'recommended' : k}`)), h('dd', null, t(`office_def_${k}`))]).flat());
}

/**
 * The office's ledgers (台账) as workbooks: the period's visit log, the cohort's graduates,
 * the disadvantaged and the overdue list, labelled in the reader's language.
 * @param {Ctx} ctx @param {Record<string, string>} params @param {any} data @param {string} lang
 */
function ledgers(ctx, params, data, lang) {
  const names = /** @type {const} */ ([
    ['visits', { ...params }], ['graduates', { graduation_year: String(data.cohort_year) }],
    ['disadvantaged', {}], ['overdue', {}],
  ]);
  const progress = h('div', { 'aria-live': 'polite', 'data-test': 'ledger-progress' });
  return h('section', { class: 'no-print' }, h('h2', null, t('office_ledgers')),
    h('div', { class: 'actions' }, names.map(([name, extra]) => h('button', {
      type: 'button', class: 'secondary', 'data-test': `ledger-${name}`,
      onclick: () => void exportTask(ctx, `/api/exports/${name}.xlsx${query({ ...extra, lang })}`, `doorstep-${name}.xlsx`, progress),
    }, t(`office_ledger_${name}`)))), progress);
}

/** @param {Ctx} ctx @param {import('../context.js').RouteArgs} args */
export function reports(ctx, { query: q }) {
  const params = periodParams(q);
  const lang = locale() === 'zh-CN' ? 'zh' : 'en';
  const progress = h('div', { class: 'no-print', 'aria-live': 'polite', 'data-test': 'report-progress' });
  const xlsx = () => exportTask(ctx, `/api/period-reports.xlsx${query({ ...params, lang })}`,
    `doorstep-report-${params.period || `${params.from}_${params.to}`}.xlsx`, progress);
  return h('div', { class: 'period-report' },
    h('h1', null, t('office_title')),
    picker(ctx, params),
    remote(() => ctx.api.request('GET', `/api/period-reports${query(params)}`), (data) => h('div', null,
      h('div', { class: 'actions no-print' },
        h('button', { type: 'button', 'data-test': 'report-print', onclick: () => window.print() }, t('office_print')),
        h('button', { type: 'button', class: 'secondary', 'data-test': 'report-xlsx', onclick: () => void xlsx() }, t('office_xlsx'))),
      progress,
      h('p', { class: 'print-only' }, t('office_printed', { today: data.today })),
      reportTable(data),
      definitions(),
      ledgers(ctx, params, data, lang))));
}
