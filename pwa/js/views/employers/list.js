/**
 * The district's employers, from the phone (the staff hold them offline): search by name, park,
 * address or credit code; each shows its park and how many open vacancies it has. "New
 * employer" for an enterprise met for the first time.
 */
import { h, mount } from '../../ui/dom.js';
import { t } from '../../i18n/index.js';
import { refreshCommittees } from '../helper/committees.js';
import { searchEmployers, vacanciesOf } from './vacancies.js';

/** @typedef {import('../context.js').Ctx} Ctx */

/**
 * Records by their `employer_id`.
 * @param {Record<string, any>[]} records @returns {Map<string, Record<string, any>[]>}
 */
function byEmployer(records) {
  /** @type {Map<string, Record<string, any>[]>} */
  const out = new Map();
  for (const r of records) {
    if (!r.employer_id) continue;
    const list = out.get(r.employer_id);
    if (list) list.push(r);
    else out.set(r.employer_id, [r]);
  }
  return out;
}

/** @param {Ctx} ctx @param {import('../context.js').RouteArgs} args */
export function employersList(ctx, { query }) {
  const search = h('input', { id: 'em-q', type: 'search', value: query.get('q') ?? '', 'data-test': 'employer-search', autocomplete: 'off' });
  const list = h('ul', { class: 'list', 'data-test': 'employer-list' });
  // Grouped once, so the list costs one pass over the jobs and visits, not one per employer.
  const jobs = byEmployer(ctx.replica.all('job'));
  const visits = byEmployer(ctx.replica.all('enterprise_visit'));
  const show = () => {
    const found = searchEmployers(ctx.replica.all('employer'), search.value);
    mount(list, found.length === 0 ? h('li', { class: 'hint' }, t('em_none'))
      : found.map((e) => {
        const open = vacanciesOf(e.id, jobs.get(e.id) ?? [], visits.get(e.id) ?? []).filter((v) => v.is_open).length;
        return h('li', null, h('a', { class: 'card', href: `#/employers/${e.id}`, 'data-test': 'employer' },
          h('span', { class: 'title' }, e.name),
          h('span', { class: 'sub' }, ' ', [e.park, e.industry, t('em_open_n', { n: open })].filter(Boolean).join(' · '))));
      }));
  };
  search.addEventListener('input', show);
  show();
  // Which employers this office keeps (their page offers a visit) rests on the committees list.
  void refreshCommittees(ctx);
  return h('div', { class: 'employers' },
    h('h1', null, t('em_title')),
    h('div', { class: 'actions' }, h('a', { class: 'button primary', href: '#/employers/new', 'data-test': 'new-employer' }, t('em_new'))),
    h('label', { for: 'em-q' }, t('em_search')), search,
    list);
}
