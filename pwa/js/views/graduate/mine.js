/**
 * A graduate's home: the jobs recommended to them (waiting for an answer first, an interview
 * with its day, time and place, whoever recorded it), who their helper is and when they next meet. Everything shown comes from this phone, so it works
 * offline; answers are recorded in the outbox and reach the helper's phone by sync.
 */
import { h, mount } from '../../ui/dom.js';
import { t, formatDate, formatNumber } from '../../i18n/index.js';
import { homeSections, renderSections } from '../features/index.js';
import { cachedExtras, refreshExtras } from './extras.js';
import { interviewDay } from '../outcomes/sections.js';

/** @typedef {import('../context.js').Ctx} Ctx */

const WAITING = new Set(['recommended', 'viewed']);

/** @param {{pay_min?: number|null, pay_max?: number|null}} job */
export function payText(job) {
  if (!job.pay_min && !job.pay_max) return '';
  return `${job.pay_min ? formatNumber(job.pay_min) : '…'}–${job.pay_max ? formatNumber(job.pay_max) : '…'}`;
}

/** @param {Ctx} ctx @param {import('./extras.js').Extras} extras */
function careCard(ctx, extras) {
  const care = extras.care;
  if (!care) return h('p', { class: 'hint' }, t('grad_helper_unknown'));
  const next = care.next_follow_up ?? care.due_on;
  return h('div', { class: 'card', 'data-test': 'care-team' },
    care.helpers.map((u) => h('div', null,
      h('span', { class: 'title' }, t('grad_your_helper', { name: u.display_name })),
      u.phone && h('span', null, ' · ', h('a', { href: `tel:${u.phone}` }, u.phone)))),
    next && h('div', { class: 'sub' }, t('grad_next_meeting', { date: formatDate(next) })));
}

/** @param {Ctx} ctx */
export function mine(ctx) {
  const { replica } = ctx;
  const personId = ctx.user.person_id;
  const me = replica.get('person', personId);
  const recs = replica.all('recommendation').filter((r) => r.person_id === personId)
    .sort((a, b) => Number(WAITING.has(b.state)) - Number(WAITING.has(a.state)) || String(b.created_at ?? '').localeCompare(String(a.created_at ?? '')));
  const extras = cachedExtras(ctx.user.id);
  const care = h('div', null, careCard(ctx, extras));
  const list = () => h('ul', { class: 'list' }, recs.map((r) => {
    const job = cachedExtras(ctx.user.id).jobs[r.job_id];
    return h('li', null, h('a', { class: `card${WAITING.has(r.state) ? ' due' : ''}`, href: `#/offer/${r.id}`, 'data-test': 'my-rec' },
      h('div', { class: 'title' }, job ? `${job.title} · ${job.employer}` : t('grad_job')),
      h('div', { class: 'sub' }, job?.place ?? '', job && payText(job) ? ` · ${payText(job)}` : ''),
      h('div', { class: 'sub' },
        h('span', { class: `badge${WAITING.has(r.state) ? ' warn' : ''}` }, WAITING.has(r.state) ? t('grad_waiting') : t(`rec.${r.state}`)),
        r._pending && h('span', { class: 'badge warn' }, t('pending'))),
      r.state === 'interview' && r.interview_at && h('div', { class: 'sub', 'data-test': 'my-rec-interview' },
        t('oc_interview_at', { when: interviewDay(ctx, r.interview_at) }), r.interview_place ? ` · ${r.interview_place}` : '')));
  }));
  const listBox = h('div', null, recs.length ? list() : h('p', null, t('grad_no_recs')));
  void refreshExtras(ctx).then((fresh) => {
    if (!fresh) return;
    mount(care, careCard(ctx, fresh));
    if (recs.length) mount(listBox, list());
  }).catch(() => {});
  return h('div', null,
    h('h1', null, me ? t('grad_hello', { name: me.name }) : t('grad_my_jobs')),
    care,
    ...renderSections(homeSections, ctx),
    h('h2', null, t('grad_my_jobs')),
    listBox);
}
