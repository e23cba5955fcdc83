/**
 * The overdue list: every person whose follow-up is past due, most overdue first, by name, with
 * their household, helper, the reason line of the shared follow-up rule, the days overdue and
 * the attempts (nobody met) since the last contact (the reason line names the category). The board only counts them; this screen is
 * the list a supervisor acts on (call the helper, reassign), filtered by helper, committee,
 * category and group, and exported as .xlsx with the same filters.
 *
 * The group filter is applied here, on the list the server returned: groups are free text
 * named by helpers, so the choices are the groups present in the list (the export has no group
 * filter, and says so in the hint).
 */
import { h } from '../../ui/dom.js';
import { t, label, locale, formatNumber } from '../../i18n/index.js';
import { CATEGORIES } from '../../domain/vocabulary.js';
import { remote, query, download } from './remote.js';
import { loadStaff } from './reviews.js';

/** @typedef {import('../context.js').Ctx} Ctx */

/** The most the screen asks for at once (the server allows up to 5000). */
const LIMIT = 2000;

/** @param {any[]} items @returns {string[]} */
function groupsOf(items) {
  return [...new Set(items.map((i) => i.group_name).filter((g) => typeof g === 'string' && g.trim()))].sort();
}

/** @param {any} item @param {Map<string, string>} names */
function overdueCard(item, names) {
  return h('li', { class: 'card', 'data-test': 'overdue-person' },
    h('div', { class: 'title' },
      h('a', { href: `#/person/${item.person_id}` }, item.name), ' ',
      h('span', { class: 'badge bad', 'data-test': 'overdue-days' }, t('wl_days_overdue', { n: formatNumber(item.days_overdue) }))),
    h('div', { class: 'sub' }, h('a', { href: `#/household/${item.household_id}` }, item.address), ' · ',
      names.get(item.helper_id) ?? t('wl_no_helper'),
      item.group_name ? ` · ${item.group_name}` : ''),
    h('div', { class: 'sub', 'data-test': 'overdue-reason' }, item.reason),
    h('div', { class: 'sub', 'data-test': 'overdue-attempts' },
      item.attempts ? t('wl_attempts', { n: formatNumber(item.attempts) }) : t('wl_no_attempts')));
}

/** @param {Ctx} ctx @param {import('../context.js').RouteArgs} args */
export function overdue(ctx, { query: q }) {
  /** @type {Record<string, string>} */
  const filters = {};
  for (const key of ['helper_id', 'committee_id', 'category', 'group']) {
    const v = q.get(key);
    if (v) filters[key] = v;
  }
  /** @param {string} key @param {string} value */
  const refilter = (key, value) => ctx.nav(`/overdue${query({ ...filters, [key]: value })}`);
  /** @param {string} key @param {string} text @param {{value: string, label: string}[]} options */
  const select = (key, text, options) => h('div', null, h('label', { for: `o-${key}` }, text),
    h('select', { id: `o-${key}`, onchange: (/** @type {Event} */ e) => refilter(key, /** @type {HTMLSelectElement} */ (e.target).value) },
      h('option', { value: '' }, t('sup_all')),
      options.map((o) => h('option', { value: o.value, selected: filters[key] === o.value }, o.label))));
  const serverFilters = { helper_id: filters.helper_id, committee_id: filters.committee_id, category: filters.category };
  const lang = locale() === 'zh-CN' ? 'zh' : 'en';
  const exportXlsx = () => download(ctx.api, `/api/exports/overdue.xlsx${query({ ...serverFilters, lang })}`, 'doorstep-overdue.xlsx')
    .catch((err) => ctx.toast(navigator.onLine ? t('sup_failed', { message: err.message }) : t('sup_offline')));
  const load = () => Promise.all([loadStaff(ctx),
    ctx.api.request('GET', `/api/follow-ups/due${query({ ...serverFilters, overdue_only: 'true', limit: LIMIT })}`)]);
  return h('div', null,
    h('h1', null, t('wl_overdue_title')),
    remote(load, ([staff, due]) => {
      const names = new Map(staff.helpers.map((u) => [u.id, u.display_name]));
      const all = /** @type {any[]} */ (due.items).filter((i) => i.overdue);
      const groups = groupsOf(all);
      const shown = filters.group ? all.filter((i) => i.group_name === filters.group) : all;
      return h('div', null,
        h('div', { class: 'filters' },
          select('helper_id', t('sup_helper'), staff.helpers.map((u) => ({ value: u.id, label: u.display_name }))),
          select('committee_id', t('sup_committee'), staff.committees.map((a) => ({ value: a.id, label: a.name }))),
          select('category', t('category'), CATEGORIES.map((c) => ({ value: c, label: label('category', c) }))),
          select('group', t('wl_group'), groups.map((g) => ({ value: g, label: g })))),
        h('div', { class: 'actions' },
          h('button', { type: 'button', class: 'secondary', 'data-test': 'overdue-xlsx', onclick: () => void exportXlsx() }, t('office_xlsx'))),
        filters.group && h('p', { class: 'hint' }, t('wl_export_no_group')),
        h('p', { class: 'hint', 'data-test': 'overdue-count' }, t('wl_overdue_shown', { n: formatNumber(shown.length), total: formatNumber(due.overdue_count) })),
        shown.length === 0 ? h('p', null, t('wl_overdue_none'))
          : h('ul', { class: 'list' }, shown.map((i) => overdueCard(i, names))));
    }));
}
