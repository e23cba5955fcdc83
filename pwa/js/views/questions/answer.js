/**
 * The helper's side of questions: "questions waiting" on Today (oldest first, answered on the
 * spot) and every question in the person's file. An answer is a `set` of `question.answer`,
 * recorded offline like any change; the server adds who answered and when (`answered_by`,
 * `answered_at`), and the graduate's phone shows it after its next sync.
 *
 * Today also lists the jobs graduates found themselves in the app and said "I'm interested" to
 * (a recommendation with no helper's reason, `server/records/job_interest.py`): they wait for
 * help to apply.
 */
import { h, mount } from '../../ui/dom.js';
import { t, formatDateTime } from '../../i18n/index.js';
import { checkText } from '../../domain/limits.js';
import { questionsOf, waitingQuestions } from './order.js';

/** @typedef {import('../context.js').Ctx} Ctx */
/** @typedef {Record<string, any>} Rec */

/** @param {Ctx} ctx @param {Rec} q @param {boolean} open the form shows at once */
function answerForm(ctx, q, open) {
  const box = h('div', null);
  const text = h('textarea', { id: `gq-a-${q.id}`, rows: 3, 'data-test': 'gq-answer-text' }, q.answer ?? '');
  const send = async (/** @type {Event} */ e) => {
    e.preventDefault();
    const words = text.value.trim();
    if (!words) {
      text.focus();
      return ctx.toast(t('gq_write_answer'));
    }
    const problem = checkText('question', 'answer', words); // the server's bound, told offline
    if (problem) return ctx.toast(t(problem.key, problem.values));
    text.value = ''; // an empty form lets the live screen move the question on at once
    try {
      await ctx.replica.record([{ entity: 'question', entity_id: q.id, kind: 'set', data: { answer: words },
        base: { answer: ctx.replica.stampOf('question', q.id, 'answer') } }]);
    } catch (err) {
      text.value = words;
      throw err;
    }
    ctx.toast(t('gq_answer_saved'));
  };
  const form = () => h('form', { class: 'note-form', onsubmit: send, 'data-test': 'gq-answer-form' },
    h('label', { for: `gq-a-${q.id}` }, t('gq_answer')), text,
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', 'data-test': 'gq-answer-send' }, t('gq_send_answer'))));
  if (open) return form();
  mount(box, h('button', { type: 'button', 'data-test': 'gq-correct', onclick: () => mount(box, form()) }, t('gq_correct')));
  return box;
}

/** @param {Ctx} ctx @param {Rec} q @param {Rec|undefined} person name it (Today) */
function staffCard(ctx, q, person) {
  return h('li', { class: `card${q.answer ? '' : ' due'}`, 'data-test': 'gq-staff-question' },
    person && h('a', { class: 'title', href: `#/person/${person.id}` }, person.name),
    h('div', { class: 'title' }, q.text),
    h('div', { class: 'sub' }, t('gq_asked_at', { time: formatDateTime(q.asked_at) })),
    q.answer && [h('p', { 'data-test': 'gq-answer' }, q.answer,
      q._pending && h('span', { class: 'badge warn' }, t('pending'))),
    q.answered_at && h('div', { class: 'sub' }, t('gq_answered', { time: formatDateTime(q.answered_at) }))],
    answerForm(ctx, q, !q.answer));
}

/** Today's "questions waiting". @param {Ctx} ctx */
export function todayQuestions(ctx) {
  const waiting = waitingQuestions(ctx.replica.all('question'));
  if (waiting.length === 0) return null;
  return h('section', { 'aria-labelledby': 'h-gq-waiting', 'data-test': 'gq-waiting' },
    h('h2', { id: 'h-gq-waiting' }, t('gq_waiting_title', { n: waiting.length })),
    h('ul', { class: 'list' }, waiting.map((q) => staffCard(ctx, q, ctx.replica.get('person', q.person_id)))));
}

/** How many of the newest self-found interests Today lists (the file has them all). */
const INTEREST_SHOWN = 10;

/**
 * Today's "jobs they found themselves": recommendations a graduate made in the app (no helper's
 * reason) and left at `interested`, newest first: they wait for help to apply.
 * @param {Ctx} ctx
 */
export function todayInterest(ctx) {
  const recs = ctx.replica.all('recommendation').filter((r) => r.state === 'interested' && !r.reasons)
    .sort((a, b) => String(b.state_changed_at ?? '').localeCompare(String(a.state_changed_at ?? '')));
  if (recs.length === 0) return null;
  return h('section', { 'aria-labelledby': 'h-gq-interest', 'data-test': 'gq-interest' },
    h('h2', { id: 'h-gq-interest' }, t('gq_interest_title', { n: recs.length })),
    h('p', { class: 'hint' }, t('gq_interest_hint')),
    h('ul', { class: 'list' }, recs.slice(0, INTEREST_SHOWN).map((r) => {
      const person = ctx.replica.get('person', r.person_id);
      const job = ctx.replica.get('job', r.job_id);
      return h('li', { class: 'card', 'data-test': 'gq-interest-item' },
        h('a', { class: 'title', href: `#/person/${r.person_id}` }, person?.name ?? '—'),
        h('div', { class: 'sub' }, job ? `${job.title} · ${job.employer}` : '',
          h('span', { class: 'badge ok', 'data-test': 'gq-self-found' }, t('gq_found_themselves'))));
    })));
}

/** The person file's section: all their questions, each answerable. @param {Ctx} ctx @param {Rec} person */
export function fileQuestions(ctx, person) {
  const { waiting, answered } = questionsOf(ctx.replica.all('question'), person.id);
  if (waiting.length + answered.length === 0) return null;
  return h('section', { 'aria-labelledby': 'h-gq-file', 'data-test': 'gq-file' },
    h('h2', { id: 'h-gq-file' }, t('gq_file_title')),
    h('ul', { class: 'list' }, [...waiting, ...answered].map((q) => staffCard(ctx, q, undefined))));
}
