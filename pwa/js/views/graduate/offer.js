/**
 * One recommended job: what it is, why the helper recommended it, the match reasons, and the
 * answer. Answers are `transition` ops on `recommendation.state` (PROTOCOL.md 3), recorded on
 * this phone at once (offline too); an interview shows its day, time and place (the helper may
 * have recorded it); "not interested" asks for a reason (a `set` of
 * `response_reason` in the same transaction). Only the moves the state machine allows are offered.
 */
import { h } from '../../ui/dom.js';
import { t, locale } from '../../i18n/index.js';
import { cachedExtras } from './extras.js';
import { payText } from './mine.js';
import { interviewDay } from '../outcomes/sections.js';

/** @typedef {import('../context.js').Ctx} Ctx */

/** What a graduate may answer from each state (a subset of the registry's machine). */
const NEXT = /** @type {Record<string, string[]>} */ ({
  recommended: ['interested', 'declined'],
  viewed: ['interested', 'declined'],
  interested: ['applied', 'declined'],
  declined: ['interested'],
  applied: ['interview', 'hired', 'rejected'],
  interview: ['hired', 'rejected'],
});

/**
 * Reasons in the reader's language: the server's sentences, or the part names.
 * @param {any} match
 * @returns {{text: string, positive: boolean}[]}
 */
export function matchReasons(match) {
  if (!match) return [];
  if (Array.isArray(match.reasons) && match.reasons.length && typeof match.reasons[0] === 'object') {
    const zh = locale() === 'zh-CN';
    return match.reasons.map((/** @type {any} */ r) => ({ text: zh ? r.zh : r.en, positive: r.positive !== false }));
  }
  return Object.keys(match.parts ?? {}).map((k) => ({ text: t(`match_${k}`, { skills: '' }), positive: true }));
}

/** @param {Ctx} ctx @param {import('../context.js').RouteArgs} args */
export function offer(ctx, { params }) {
  const { replica } = ctx;
  const rec = replica.get('recommendation', params.id);
  if (!rec) return h('div', null, h('h1', null, t('grad_job')), h('p', null, t('not_found')));
  const job = cachedExtras(ctx.user.id).jobs[rec.job_id];
  const reason = h('textarea', { id: 'why-not', rows: 3 });
  /** @param {string} to */
  const answer = async (to) => {
    if (to === 'declined' && !reason.value.trim()) {
      reason.focus();
      ctx.toast(t('grad_say_why'));
      return;
    }
    /** @type {import('../../local/outbox.js').Draft[]} */
    const drafts = [{ entity: 'recommendation', entity_id: rec.id, kind: 'transition', data: { field: 'state', from: rec.state, to } }];
    if (to === 'declined') {
      drafts.push({ entity: 'recommendation', entity_id: rec.id, kind: 'set', data: { response_reason: reason.value.trim() },
        base: { response_reason: replica.stampOf('recommendation', rec.id, 'response_reason') } });
    }
    await replica.record(drafts);
    ctx.toast(navigator.onLine ? t('grad_answer_sent') : t('saved_locally'));
    ctx.nav('/mine');
  };
  const moves = NEXT[rec.state] ?? [];
  const reasons = matchReasons(rec.match);
  return h('div', null,
    h('h1', null, job ? job.title : t('grad_job')),
    job && h('p', null, job.employer, job.place ? ` · ${job.place}` : '', payText(job) ? ` · ${payText(job)}` : ''),
    job?.description && h('p', { class: 'hint' }, job.description),
    h('p', null, h('span', { class: 'badge' }, t(`rec.${rec.state}`)), rec._pending && h('span', { class: 'badge warn' }, t('pending'))),
    rec.reasons && h('section', null, h('h2', null, t('grad_helper_says')), h('p', { 'data-test': 'helper-reason' }, rec.reasons)),
    reasons.length > 0 && h('section', null, h('h2', null, t('grad_why_match')),
      h('ul', { 'data-test': 'match-reasons' }, reasons.map((r) => h('li', { class: r.positive ? undefined : 'muted' }, r.text)))),
    rec.state === 'interview' && rec.interview_at && h('section', null, h('h2', null, t('oc_my_interviews')),
      h('p', { 'data-test': 'offer-interview' }, interviewDay(ctx, rec.interview_at)),
      rec.interview_place && h('p', null, t('oc_where', { place: rec.interview_place }))),
    rec.response_reason && h('p', { class: 'hint' }, t('grad_your_reason', { reason: rec.response_reason })),
    moves.length > 0 && h('section', null,
      h('h2', null, t('grad_answer')),
      moves.includes('declined') && [h('label', { for: 'why-not' }, t('grad_why_not')), reason],
      h('div', { class: 'actions' }, moves.map((to) => h('button', {
        type: 'button', class: to === 'declined' || to === 'rejected' ? 'danger' : 'primary', 'data-test': `answer-${to}`,
        onclick: () => void answer(to) }, t(`grad_to_${to}`))))));
}
