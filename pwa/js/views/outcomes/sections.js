/**
 * The outcomes feature's sections on the shared screens: placements in the person's file,
 * interviews (the day before and on the day) and due retention calls on the helper's Today,
 * the coming interview on the graduate's home, and hired and kept on the supervisor's board.
 * All but the board read this phone's replica, so they work offline.
 */
import { h } from '../../ui/dom.js';
import { t, label, formatDate, formatTime, formatNumber } from '../../i18n/index.js';
import { dueContact, stepTable } from '../../domain/aftercare.js';
import { remote, query } from '../supervisor/remote.js';
import { localIso } from './outcome.js';
import { contactText } from './placement.js';

/** @typedef {import('../context.js').Ctx} Ctx */

const DAY_MS = 86_400_000;

/** Interviews on `today` or the day after, soonest first. @param {Ctx} ctx @param {Record<string, any>[]} recs */
export function comingInterviews(ctx, recs) {
  const today = localIso(ctx.now());
  const tomorrow = localIso(ctx.now() + DAY_MS);
  return recs.filter((r) => r.state === 'interview' && r.interview_at)
    .filter((r) => { const day = localIso(Date.parse(r.interview_at)); return day === today || day === tomorrow; })
    .sort((a, b) => String(a.interview_at).localeCompare(String(b.interview_at)));
}

/** "Today 09:30" / "Tomorrow 14:00". @param {Ctx} ctx @param {string} at */
export function interviewWhen(ctx, at) {
  const day = localIso(Date.parse(at)) === localIso(ctx.now()) ? t('oc_today') : t('oc_tomorrow');
  return `${day} ${formatTime(at)}`;
}

/** Open placements whose retention call is due, most overdue first. @param {Ctx} ctx */
export function dueRetention(ctx) {
  const steps = stepTable(ctx.replica.all('retention_step'));
  const checks = ctx.replica.all('retention_check');
  const today = localIso(ctx.now());
  return ctx.replica.all('placement').filter((p) => !p.ended_on)
    .map((p) => ({ placement: p, contact: dueContact(p, steps, checks.filter((c) => c.placement_id === p.id), today) }))
    .filter((x) => x.contact !== null)
    .sort((a, b) => (b.contact?.days_late ?? 0) - (a.contact?.days_late ?? 0));
}

/** Helper's Today: interviews today and tomorrow. @param {Ctx} ctx */
export function todayInterviews(ctx) {
  const coming = comingInterviews(ctx, ctx.replica.all('recommendation'));
  if (!coming.length) return null;
  return h('section', { 'aria-labelledby': 'h-oc-interviews' },
    h('h2', { id: 'h-oc-interviews' }, t('oc_today_interviews'), ' ', h('span', { class: 'badge' }, coming.length)),
    h('ul', { class: 'list', 'data-test': 'oc-interviews' }, coming.map((r) => {
      const person = ctx.replica.get('person', r.person_id);
      const job = ctx.replica.get('job', r.job_id);
      return h('li', null, h('a', { class: 'card due', href: `#/person/${r.person_id}`, 'data-test': 'oc-interview-item' },
        h('div', { class: 'title' }, person?.name ?? '—', h('span', { class: 'badge warn' }, interviewWhen(ctx, r.interview_at))),
        h('div', { class: 'sub' }, job ? `${job.title} · ${job.employer}` : ''),
        r.interview_place && h('div', { class: 'sub' }, r.interview_place)));
    })));
}

/** Helper's Today: retention calls due. @param {Ctx} ctx */
export function todayRetention(ctx) {
  const due = dueRetention(ctx);
  if (!due.length) return null;
  return h('section', { 'aria-labelledby': 'h-oc-retention' },
    h('h2', { id: 'h-oc-retention' }, t('oc_today_retention'), ' ', h('span', { class: 'badge' }, due.length)),
    h('ul', { class: 'list', 'data-test': 'oc-retention' }, due.map(({ placement: p, contact }) => {
      const person = ctx.replica.get('person', p.person_id);
      return h('li', null, h('a', { class: `card ${contact?.state === 'overdue' ? 'overdue' : 'due'}`, href: `#/placement/${p.id}`, 'data-test': 'oc-retention-item' },
        h('div', { class: 'title' }, person?.name ?? '—', p.at_risk && h('span', { class: 'badge bad' }, t('oc_at_risk'))),
        h('div', { class: 'sub' }, p.employer_name, p.job_title ? ` · ${p.job_title}` : ''),
        contact && h('div', { class: 'sub reason' }, contactText(contact))));
    })));
}

/** The person's file: their placements and the next call. @param {Ctx} ctx @param {Record<string, any>} person */
export function filePlacements(ctx, person) {
  const rows = ctx.replica.all('placement').filter((p) => p.person_id === person.id)
    .sort((a, b) => String(b.start_date).localeCompare(String(a.start_date)));
  if (!rows.length) return null;
  const steps = stepTable(ctx.replica.all('retention_step'));
  const checks = ctx.replica.all('retention_check');
  const today = localIso(ctx.now());
  return h('section', { 'aria-labelledby': 'h-oc-placements' },
    h('h2', { id: 'h-oc-placements' }, t('oc_placements')),
    h('ul', { class: 'list', 'data-test': 'oc-placements' }, rows.map((p) => {
      const due = p.ended_on ? null : dueContact(p, steps, checks.filter((c) => c.placement_id === p.id), today);
      return h('li', null, h('a', { class: 'card', href: `#/placement/${p.id}`, 'data-test': 'oc-placement-item' },
        h('div', { class: 'title' }, p.employer_name, p.job_title ? ` · ${p.job_title}` : '',
          p.at_risk && !p.ended_on && h('span', { class: 'badge bad' }, t('oc_at_risk')),
          p._pending && h('span', { class: 'badge warn' }, t('pending'))),
        h('div', { class: 'sub' }, t('oc_started', { date: formatDate(p.start_date) }),
          p.ended_on ? ` · ${t('oc_ended_on', { date: formatDate(p.ended_on), reason: label('end_reason', p.end_reason) })}` : ''),
        due && h('div', { class: 'sub reason' }, contactText(due))));
    })));
}

/** The graduate's home: an interview coming (from today on). @param {Ctx} ctx */
export function homeInterview(ctx) {
  const today = localIso(ctx.now());
  const mine = ctx.replica.all('recommendation')
    .filter((r) => r.person_id === ctx.user.person_id && r.state === 'interview' && r.interview_at && localIso(Date.parse(r.interview_at)) >= today)
    .sort((a, b) => String(a.interview_at).localeCompare(String(b.interview_at)));
  if (!mine.length) return null;
  return h('section', { 'aria-labelledby': 'h-oc-my-interview' },
    h('h2', { id: 'h-oc-my-interview' }, t('oc_my_interviews')),
    h('ul', { class: 'list' }, mine.map((r) => h('li', null,
      h('a', { class: 'card due', href: `#/offer/${r.id}`, 'data-test': 'my-interview' },
        h('div', { class: 'title' }, interviewDay(ctx, r.interview_at)),
        r.interview_place && h('div', { class: 'sub' }, t('oc_where', { place: r.interview_place })))))));
}

/** @param {Ctx} ctx @param {string} at */
export function interviewDay(ctx, at) {
  const day = localIso(Date.parse(at));
  if (day === localIso(ctx.now()) || day === localIso(ctx.now() + DAY_MS)) return interviewWhen(ctx, at);
  return `${formatDate(at)} ${formatTime(at)}`;
}

/** @param {number} kept @param {number} reached */
function rate(kept, reached) {
  return reached ? `${formatNumber(kept)} / ${formatNumber(reached)} (${Math.round((100 * kept) / reached)}%)` : '—';
}

/** The board: hired and kept, retention at 3 and 6 months, in the period. @param {Ctx} ctx @param {Record<string, string>} filters */
export function boardAftercare(ctx, filters) {
  const params = Object.fromEntries(['period', 'committee_id', 'helper_id', 'category'].filter((k) => filters[k]).map((k) => [k, filters[k]]));
  return h('section', { 'aria-labelledby': 'h-oc-board', 'data-test': 'oc-board' },
    h('h2', { id: 'h-oc-board' }, t('oc_board_title', { period: filters.period ?? '' })),
    remote(() => ctx.api.request('GET', `/api/reports/aftercare${query(params)}`), (/** @type {any} */ d) => h('div', null,
      h('div', { class: 'figures', 'data-test': 'oc-figures' },
        h('div', { class: 'figure' }, h('strong', { 'data-test': 'oc-interviews' }, formatNumber(d.interviews)), h('span', null, t('oc_board_interviews'))),
        h('div', { class: 'figure' }, h('strong', { 'data-test': 'oc-hired' }, formatNumber(d.hired)), h('span', null, t('oc_board_hired'))),
        h('div', { class: 'figure' }, h('strong', null, `${formatNumber(d.kept)} / ${formatNumber(d.placements)}`), h('span', null, t('oc_board_kept'))),
        h('div', { class: 'figure' }, h('strong', null, formatNumber(d.at_risk)), h('span', null, t('oc_at_risk')))),
      h('dl', { class: 'facts' },
        h('dt', null, t('oc_board_3m')), h('dd', { 'data-test': 'oc-kept-3m' }, rate(d.kept_3m, d.reached_3m)),
        h('dt', null, t('oc_board_6m')), h('dd', { 'data-test': 'oc-kept-6m' }, rate(d.kept_6m, d.reached_6m)),
        h('dt', null, t('oc_board_ended')), h('dd', null, formatNumber(d.ended),
          Object.keys(d.end_reasons ?? {}).length > 0 && ` · ${Object.entries(d.end_reasons).map(([k, n]) => `${label('end_reason', k)} ${n}`).join('、')}`)))));
}
