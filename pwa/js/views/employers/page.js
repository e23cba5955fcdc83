/**
 * One employer, offline: who it is, whom to ask for (a tap rings them), its vacancies (those
 * typed at a visit not yet pulled back show as waiting; a real one links to its best
 * candidates, `#/jobs/<id>/candidates`), and its visits, newest first. "Record a visit" and
 * "Edit" work offline; the history (vacancies opened and closed, who did it, from which
 * device) is read from the server when there is a signal.
 */
import { h, mount } from '../../ui/dom.js';
import { t, label, formatDate, formatDateTime, formatNumber } from '../../i18n/index.js';
import { remote } from '../supervisor/remote.js';
import { knownCommittees } from '../helper/committees.js';
import { vacanciesOf } from './vacancies.js';

/** @typedef {import('../context.js').Ctx} Ctx */

/** @param {import('./vacancies.js').Vacancy} v */
function vacancyLine(v) {
  const pay = v.pay_min != null || v.pay_max != null
    ? `${v.pay_min != null ? formatNumber(v.pay_min) : ''}–${v.pay_max != null ? formatNumber(v.pay_max) : ''}` : null;
  return h('li', { class: 'card', 'data-test': 'vacancy', 'data-pending': String(v.pending), 'data-job': v.id },
    h('span', { class: 'title' }, v.title,
      v.pending ? h('span', { class: 'badge warn' }, t('em_pending')) : null,
      v.is_open ? null : h('span', { class: 'badge bad' }, t('em_closed'))),
    h('span', { class: 'sub' }, ' ', [v.headcount ? t('em_headcount_n', { n: v.headcount }) : null, pay,
      v.closing_date ? t('em_closes', { date: formatDate(v.closing_date) }) : null].filter(Boolean).join(' · ')),
    !v.pending && v.is_open && h('a', { class: 'button', href: `#/jobs/${v.id}/candidates`, 'data-test': 'candidates' }, t('em_candidates')));
}

/** @param {Record<string, any>} c */
function contactLine(c) {
  const tel = typeof c.phone === 'string' ? c.phone.replace(/[^\d+]/g, '') : '';
  return h('li', { 'data-test': 'contact' }, [c.name, c.role].filter(Boolean).join(' · '), ' ',
    tel ? h('a', { href: `tel:${tel}` }, c.phone) : null);
}

/** @param {Record<string, any>} v */
function visitLine(v) {
  const n = (v.vacancies ?? []).length;
  return h('li', { 'data-test': 'enterprise-visit' },
    h('span', { class: 'title' }, formatDateTime(v.occurred_at)),
    h('span', { class: 'sub' }, ' ', [v.met, n ? t('em_visit_vacancies', { n }) : null, v.notes].filter(Boolean).join(' · ')));
}

/** @param {Record<string, any>} e */
function historyLine(e) {
  const what = e.kind === 'visit' ? t('em_h_visit', { n: e.vacancies ?? 0 })
    : t(`em_h_${e.kind}`, { title: e.title ?? '' });
  return h('li', { 'data-test': 'employer-history' }, formatDateTime(e.at), ' · ', what,
    e.by ? ` · ${e.by}` : '', e.device ? ` · ${e.device}` : '');
}

/** @param {Ctx} ctx @param {string} id */
function historySection(ctx, id) {
  const box = h('div', null);
  const open = h('button', { type: 'button', 'data-test': 'employer-history-open', onclick: () => {
    open.hidden = true;
    mount(box, remote(() => ctx.api.request('GET', `/api/employers/${id}/history`), (data) =>
      data.entries.length === 0 ? h('p', { class: 'hint' }, t('em_h_none'))
        : h('ul', { class: 'list' }, data.entries.map(historyLine))));
  } }, t('em_history_show'));
  return h('section', null, h('h2', null, t('em_history')), open, box);
}

/**
 * Does the user's office keep this employer (may edit it, visit it)? The server's rule
 * (`scoping.job_reaches`): admins any; others their sub-district and its committees.
 * @param {Ctx} ctx @param {Record<string, any>} employer
 */
export function keeps(ctx, employer) {
  if (ctx.user.role === 'admin') return true;
  if (!employer.area_id || !ctx.user.area_id) return false;
  if (employer.area_id === ctx.user.area_id) return true;
  // The committees come from the server (kept for offline use); knowing none, let the server judge.
  const committees = knownCommittees(ctx);
  return committees.length === 0 || committees.some((c) => c.id === employer.area_id);
}

/** @param {Ctx} ctx @param {import('../context.js').RouteArgs} args */
export function employerPage(ctx, { params }) {
  const e = ctx.replica.get('employer', params.id);
  if (!e) return h('div', null, h('h1', null, t('em_title')), h('p', null, t('em_not_found')));
  const visits = ctx.replica.all('enterprise_visit').filter((v) => v.employer_id === e.id)
    .sort((a, b) => String(b.occurred_at).localeCompare(String(a.occurred_at)));
  const vacancies = vacanciesOf(e.id, ctx.replica.all('job'), visits);
  return h('div', { class: 'employer', 'data-test': 'employer-page' },
    h('h1', null, e.name),
    h('p', { class: 'muted' }, [e.park, e.address].filter(Boolean).join(' · ')),
    h('p', { class: 'sub' }, [e.industry, e.size ? label('employer_size', e.size) : null,
      e.credit_code ? t('em_code_shown', { code: e.credit_code }) : null].filter(Boolean).join(' · ')),
    keeps(ctx, e)
      ? h('div', { class: 'actions' },
        h('a', { class: 'button primary', href: `#/employers/${e.id}/visit`, 'data-test': 'visit-employer' }, t('em_visit')),
        h('a', { class: 'button', href: `#/employers/${e.id}/edit`, 'data-test': 'edit-employer' }, t('em_edit')))
      : h('p', { class: 'hint', 'data-test': 'kept-elsewhere' }, t('em_kept_elsewhere')),
    h('section', null, h('h2', null, t('em_contacts')),
      (e.contacts ?? []).length ? h('ul', { class: 'list' }, e.contacts.map(contactLine)) : h('p', { class: 'hint' }, t('em_no_contacts'))),
    e.notes ? h('p', null, e.notes) : null,
    h('section', null, h('h2', null, t('em_vacancies')),
      vacancies.length ? h('ul', { class: 'list', 'data-test': 'vacancies' }, vacancies.map(vacancyLine))
        : h('p', { class: 'hint' }, t('em_no_vacancies'))),
    h('section', null, h('h2', null, t('em_visits')),
      visits.length ? h('ul', { class: 'list' }, visits.map(visitLine)) : h('p', { class: 'hint' }, t('em_no_visits'))),
    historySection(ctx, e.id));
}
