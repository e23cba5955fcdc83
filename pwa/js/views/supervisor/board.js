/**
 * The board: the sub-district's figures from `GET /api/reports/summary` (the same JSON the
 * tests check against the database), as charts where a person would rather look than read and
 * as tables otherwise; every list has its CSV export. Filters narrow it to a committee or helper.
 * Overdue follow-ups come from the one rule the helpers' Today uses (sync/PROTOCOL.md,
 * "Follow-up"), listed per helper and per group, with each overdue person's reason in the CSV;
 * attempts (nobody met) are counted as attempts, beside the contacts, never as contacts.
 */
import { h } from '../../ui/dom.js';
import { t, label, formatNumber } from '../../i18n/index.js';
import { bars, funnel } from './charts.js';
import { remote, query, csvButton } from './remote.js';
import { boardSections, renderSections } from '../features/index.js';

/** @typedef {import('../context.js').Ctx} Ctx */

/** @param {string} text @param {Node} action */
function heading(text, action) {
  return h('div', { class: 'row' }, h('h2', null, text), action);
}

/** @param {string[]} head @param {(string|number|Node)[][]} rows */
function table(head, rows) {
  return h('div', { class: 'scroll' }, h('table', null,
    h('thead', null, h('tr', null, head.map((x, i) => h('th', { scope: 'col', class: i ? 'num' : undefined }, x)))),
    h('tbody', null, rows.map((r) => h('tr', null, r.map((c, i) => (i ? h('td', { class: 'num' }, typeof c === 'number' ? formatNumber(c) : c) : h('th', { scope: 'row' }, c))))))));
}

/** @param {{population: number, met: number, targets: {service: string, target: number, met: number}[]}} target */
function targetLines(target) {
  return [
    h('div', { class: 'meter' }, h('span', null, t('sup_met_all')), h('span', null, `${formatNumber(target.met)} / ${formatNumber(target.population)}`),
      h('progress', { max: Math.max(1, target.population), value: target.met })),
    ...target.targets.map((line) => h('div', { class: 'meter' },
      h('span', null, `${label('service', line.service)} ≥ ${line.target}`), h('span', null, `${formatNumber(line.met)} / ${formatNumber(target.population)}`),
      h('progress', { max: Math.max(1, target.population), value: line.met }))),
  ];
}

/** @param {Ctx} ctx @param {any} data @param {Record<string, string>} filters */
function render(ctx, data, filters) {
  const tg = data.targets;
  const zero = tg.zero_employment_month;
  return h('div', null,
    h('div', { class: 'figures' },
      h('div', { class: 'figure' }, h('strong', null, formatNumber(data.persons)), h('span', null, t('sup_persons'))),
      h('div', { class: 'figure' }, h('strong', null, formatNumber(data.overdue.total)), h('span', null, t('sup_overdue'))),
      h('a', { class: 'figure', href: '#/struggling' }, h('strong', null, formatNumber(data.struggling)), h('span', null, t('sup_struggling')))),
    heading(t('sup_cohort', { year: String(data.cohort.graduation_year), n: data.cohort.total }), csvButton(ctx, 'cohort', filters)),
    bars(data.cohort.statuses.map((/** @type {any} */ r) => ({ label: label('status', r.status), value: r.count })), { title: t('sup_cohort', { year: String(data.cohort.graduation_year), n: data.cohort.total }) }),
    heading(t('sup_funnel'), csvButton(ctx, 'funnel', filters)),
    funnel(data.funnel.stages.map((/** @type {any} */ r) => ({ label: t(`rec.${r.stage}`), value: r.count })), t('sup_funnel')),
    h('p', { class: 'hint' }, t('sup_funnel_exits', { declined: data.funnel.declined, rejected: data.funnel.rejected })),
    heading(t('sup_targets'), csvButton(ctx, 'targets', filters)),
    h('h3', null, t('sup_131')), ...targetLines(tg.service_131),
    h('p', { class: 'hint' }, t('sup_131_note', { open: tg.service_131.in_progress, missed: tg.service_131.missed })),
    h('h3', null, t('sup_3333')), ...targetLines(tg.service_3333),
    h('h3', null, t('sup_zero')),
    h('div', { class: 'meter' }, h('span', null, t('sup_zero_in_month')), h('span', null, `${formatNumber(zero.placed_within_month)} / ${formatNumber(zero.households)}`),
      h('progress', { max: Math.max(1, zero.households), value: zero.placed_within_month })),
    h('p', { class: 'hint' }, t('sup_zero_note', { placed: zero.placed, waiting: zero.waiting_within_month, overdue: zero.overdue })),
    heading(t('sup_overdue_by_helper'), h('span', null, csvButton(ctx, 'overdue', filters), ' ', csvButton(ctx, 'overdue_persons', filters))),
    data.overdue.by_helper.length ? table([t('sup_helper'), t('sup_overdue'), t('sup_most_days')],
      data.overdue.by_helper.map((/** @type {any} */ r) => [r.name || '—', r.overdue, r.most_days_overdue])) : h('p', null, t('today_none')),
    ...groupSection(ctx, data, filters),
    ...activitySection(ctx, data, filters),
    heading(t('sup_by_status'), csvButton(ctx, 'status', filters)),
    bars(data.by_status.filter((/** @type {any} */ r) => r.count).map((/** @type {any} */ r) => ({ label: label('status', r.status), value: r.count })), { title: t('sup_by_status') }),
    heading(t('sup_by_category'), csvButton(ctx, 'category', filters)),
    bars(data.by_category.filter((/** @type {any} */ r) => r.count).map((/** @type {any} */ r) => ({ label: label('category', r.category), value: r.count })), { title: t('sup_by_category') }),
    heading(t('sup_by_committee'), csvButton(ctx, 'committee', filters)),
    table([t('sup_committee'), t('sup_persons'), t('sup_households')], data.by_committee.map((/** @type {any} */ r) => [r.name, r.persons, r.households])),
    heading(t('sup_by_helper'), csvButton(ctx, 'helper', filters)),
    table([t('sup_helper'), t('sup_persons'), t('sup_households')], data.by_helper.map((/** @type {any} */ r) => [r.name || '—', r.persons, r.households])));
}

/** Persons and overdue follow-ups per group (the seeds' groups of job seekers). @param {Ctx} ctx @param {any} data @param {Record<string, string>} filters */
function groupSection(ctx, data, filters) {
  const groups = /** @type {{group_name: string|null, persons: number, overdue: number}[]} */ (data.by_group ?? []);
  if (!groups.length) return [];
  return [
    heading(t('followup.board_by_group'), csvButton(ctx, 'group', filters)),
    h('div', { 'data-test': 'board-groups' }, table([t('followup.group'), t('sup_persons'), t('followup.board_group_overdue')],
      groups.map((g) => [g.group_name ?? t('followup.no_group'), g.persons, g.overdue]))),
  ];
}

/** Contacts and attempts per helper over the last 30 days. @param {Ctx} ctx @param {any} data @param {Record<string, string>} filters */
function activitySection(ctx, data, filters) {
  const a = data.activity;
  if (!a) return [];
  return [
    heading(t('followup.board_activity'), csvButton(ctx, 'activity', filters)),
    h('div', { class: 'figures', 'data-test': 'board-activity' },
      h('div', { class: 'figure' }, h('strong', null, formatNumber(a.contacts)), h('span', null, t('followup.board_contacts'))),
      h('div', { class: 'figure' }, h('strong', null, formatNumber(a.attempts)), h('span', null, t('followup.board_attempts')))),
    a.by_helper.length > 0 && table([t('sup_helper'), t('followup.board_contacts'), t('followup.board_attempts')],
      a.by_helper.map((/** @type {any} */ r) => [r.name || '—', r.contacts, r.attempts])),
  ];
}

/**
 * This month, this quarter and this year, as the period reports name them (`2026-12`,
 * `2026-Q4`, `2026`), in the phone's calendar.
 * @param {Date} day
 * @returns {{value: string, label: string}[]}
 */
export function periodChoices(day) {
  const y = day.getFullYear();
  const m = day.getMonth() + 1;
  const month = `${y}-${String(m).padStart(2, '0')}`;
  const quarter = `${y}-Q${Math.ceil(m / 3)}`;
  return [
    { value: month, label: t('board_this_month', { period: month }) },
    { value: quarter, label: t('board_this_quarter', { period: quarter }) },
    { value: String(y), label: t('board_this_year', { period: String(y) }) },
  ];
}

/** @param {Ctx} ctx @param {import('../context.js').RouteArgs} args */
export function board(ctx, { query: q }) {
  /** @type {Record<string, string>} */
  const filters = {};
  for (const key of ['committee_id', 'helper_id', 'category', 'period']) {
    const v = q.get(key);
    if (v) filters[key] = v;
  }
  // The feature sections' figures are per period (this month, quarter or year); the rest is now.
  const periods = periodChoices(new Date());
  const period = filters.period || periods[1].value;
  /** @param {string} key @param {string} value */
  const refilter = (key, value) => ctx.nav(`/board${query({ ...filters, [key]: value || undefined })}`);
  /** @param {string} key @param {string} text @param {{value: string, label: string}[]} options */
  const select = (key, text, options) => {
    const id = `f-${key}`;
    return h('div', null, h('label', { for: id }, text),
      h('select', { id, onchange: (/** @type {Event} */ e) => refilter(key, /** @type {HTMLSelectElement} */ (e.target).value) },
        h('option', { value: '' }, t('sup_all')),
        options.map((o) => h('option', { value: o.value, selected: filters[key] === o.value }, o.label))));
  };
  return h('div', { class: 'board' },
    h('h1', null, t('sup_board')),
    remote(() => ctx.api.request('GET', `/api/reports/summary${query(filters)}`), (data) => h('div', null,
      h('div', { class: 'filters' },
        select('committee_id', t('sup_committee'), data.by_committee.map((/** @type {any} */ r) => ({ value: r.committee_id, label: r.name }))),
        select('helper_id', t('sup_helper'), data.by_helper.filter((/** @type {any} */ r) => r.helper_id).map((/** @type {any} */ r) => ({ value: r.helper_id, label: r.name }))),
        select('category', t('category'), data.by_category.map((/** @type {any} */ r) => ({ value: r.category, label: label('category', r.category) }))),
        h('div', null, h('label', { for: 'f-period' }, t('board_period')),
          h('select', { id: 'f-period', 'data-test': 'board-period', onchange: (/** @type {Event} */ e) => refilter('period', /** @type {HTMLSelectElement} */ (e.target).value) },
            periods.map((o) => h('option', { value: o.value, selected: period === o.value }, o.label))))),
      render(ctx, data, filters),
      h('div', { class: 'board-sections', 'data-test': 'board-sections' },
        renderSections(boardSections, ctx, { ...filters, period })))));
}

/** The targeted-help list: people who keep applying without being hired. @param {Ctx} ctx */
export function struggling(ctx) {
  return h('div', null,
    h('h1', null, t('sup_struggling')),
    h('p', { class: 'hint' }, t('sup_struggling_intro')),
    h('div', { class: 'actions' }, csvButton(ctx, 'struggling')),
    remote(() => ctx.api.request('GET', '/api/reports/struggling'), (data) =>
      data.items.length === 0 ? h('p', null, t('today_none')) :
        h('ul', { class: 'list' }, data.items.map((/** @type {any} */ r) => h('li', null,
          h('a', { class: 'card', href: `#/person/${r.person_id}`, 'data-test': 'struggling' },
            h('div', { class: 'title' }, r.name, ' · ', r.committee),
            r.at_risk
              ? h('div', { class: 'sub', 'data-test': 'at-risk' }, h('span', { class: 'badge warn' }, t('oc_at_risk')), ' ',
                t('oc_at_risk_line', { employer: r.at_risk.employer || '—', note: r.at_risk.note || '—' }))
              : h('div', { class: 'sub' }, t('sup_attempts', { n: r.attempts, applied: r.applied, interviews: r.interviews, rejections: r.rejections })),
            h('div', { class: 'sub' }, t('sup_helper'), ': ', r.helper_name || '—')))))));
}
