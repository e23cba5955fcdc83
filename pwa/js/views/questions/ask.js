/**
 * A graduate's questions to their helper: ask (an `insert` of `question`, recorded on this phone
 * at once, offline too, sent by the next sync) and read the answers the helper's phone synced.
 * `#/questions` lists them all with the form; the home shows the latest few (`homeSection`).
 */
import { h } from '../../ui/dom.js';
import { t, formatDateTime } from '../../i18n/index.js';
import { uuid } from '../../local/outbox.js';
import { cachedExtras } from '../graduate/extras.js';
import { checkText } from '../../domain/limits.js';
import { questionsOf } from './order.js';

/** @typedef {import('../context.js').Ctx} Ctx */
/** @typedef {Record<string, any>} Rec */

/** Who answered, as the graduate knows their helpers. @param {Ctx} ctx @param {Rec} q */
function answeredLine(ctx, q) {
  const time = q.answered_at ? formatDateTime(q.answered_at) : '';
  const helper = cachedExtras(ctx.user.id).care?.helpers.find((u) => u.id === q.answered_by);
  return helper ? t('gq_answered_by', { name: helper.display_name, time }) : t('gq_answered', { time });
}

/** @param {Ctx} ctx @param {Rec} q */
export function questionCard(ctx, q) {
  return h('li', { class: `card${q.answer ? '' : ' due'}`, 'data-test': 'gq-question' },
    h('div', { class: 'title' }, q.text),
    h('div', { class: 'sub' }, t('gq_asked_at', { time: formatDateTime(q.asked_at) }),
      q._pending && h('span', { class: 'badge warn' }, t('pending'))),
    q.answer
      ? [h('p', { 'data-test': 'gq-answer' }, q.answer), h('div', { class: 'sub' }, answeredLine(ctx, q))]
      : h('span', { class: 'badge' }, t('gq_waiting_answer')));
}

/** @param {Ctx} ctx */
function askForm(ctx) {
  const text = h('textarea', { id: 'gq-text', rows: 3, 'data-test': 'gq-text' });
  const send = async (/** @type {Event} */ e) => {
    e.preventDefault();
    const words = text.value.trim();
    if (!words) {
      text.focus();
      return ctx.toast(t('gq_write_first'));
    }
    const problem = checkText('question', 'text', words); // the server's bound, told offline
    if (problem) return ctx.toast(t(problem.key, problem.values));
    text.value = ''; // an empty form lets the live screen show the new question at once
    try {
      await ctx.replica.record([{ entity: 'question', entity_id: uuid(), kind: 'insert',
        data: { person_id: ctx.user.person_id, text: words, asked_at: new Date(ctx.now()).toISOString() } }]);
    } catch (err) {
      text.value = words;
      throw err;
    }
    ctx.toast(t('gq_asked'));
  };
  return h('form', { class: 'note-form', 'data-test': 'gq-ask', onsubmit: send },
    h('label', { for: 'gq-text' }, t('gq_your_question')), text,
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', 'data-test': 'gq-send' }, t('gq_ask'))));
}

/** `#/questions`: ask, and every question with its answer. @type {import('../context.js').View} */
export function questionsView(ctx) {
  const { waiting, answered } = questionsOf(ctx.replica.all('question'), ctx.user.person_id ?? '');
  const all = [...waiting, ...answered];
  return h('div', null,
    h('h1', null, t('gq_questions_title')),
    h('p', { class: 'hint' }, t('gq_ask_hint')),
    askForm(ctx),
    all.length === 0
      ? h('p', { class: 'muted' }, t('gq_no_questions'))
      : h('ul', { class: 'list', 'data-test': 'gq-questions' }, all.map((q) => questionCard(ctx, q))));
}

/** The home's section: the latest answers and what still waits, and the way to ask. @param {Ctx} ctx */
export function homeSection(ctx) {
  if (!ctx.user.person_id) return null;
  const { waiting, answered } = questionsOf(ctx.replica.all('question'), ctx.user.person_id);
  const latest = [...answered.slice(0, 2), ...waiting.slice(0, 2)];
  return h('section', { 'aria-labelledby': 'h-gq', 'data-test': 'gq-home' },
    h('h2', { id: 'h-gq' }, t('gq_home_title')),
    latest.length > 0 && h('ul', { class: 'list' }, latest.map((q) => questionCard(ctx, q))),
    h('div', { class: 'actions' },
      h('a', { class: 'button', href: '#/questions', 'data-test': 'gq-open' }, latest.length ? t('gq_see_all') : t('gq_questions_title')),
      h('a', { class: 'button', href: '#/jobs' }, t('gq_jobs_title'))));
}
