/**
 * A graduate's side of the groups: the posts their groups sent them (`post_delivery` rows, on
 * this phone by sync, so they show offline) on the home, and one post with its answer buttons
 * (`#/post/:id`). Opening a post records `read_at`; an answer records `answer` and
 * `answered_at` — `set` ops in the outbox, sent by the next sync, offline too. The server
 * follows an answer through (a vacancy's "interested" becomes a recommendation of it).
 */
import { h } from '../../ui/dom.js';
import { t, label, formatDate } from '../../i18n/index.js';
import { POST_ANSWERS_FOR } from '../../domain/vocabulary.js';

/** @typedef {import('../context.js').Ctx} Ctx */
/** @typedef {Record<string, any>} Rec */

/**
 * The answers that fit each kind of post (`post_answers_for` of sync/vocabulary.json, which the
 * server's `records/post_answers.ANSWERS_FOR` reads too and refuses any other; a plain message
 * is only read).
 * @type {Record<string, string[]>}
 */
export const ANSWERS_FOR = POST_ANSWERS_FOR;

/** A person's deliveries, newest first. @param {Rec[]} rows @param {string} personId */
export function deliveriesOf(rows, personId) {
  return rows.filter((d) => d.person_id === personId)
    .sort((a, b) => String(b.posted_at ?? '').localeCompare(String(a.posted_at ?? '')));
}

/** @param {Rec} d */
function card(d) {
  const unread = !d.read_at && !d.answer;
  return h('li', null, h('a', { class: `card${unread ? ' due' : ''}`, href: `#/post/${d.id}`, 'data-test': 'gr-delivery' },
    h('div', { class: 'title' }, d.title || t('gr_post')),
    h('div', { class: 'sub' }, label('post_kind', d.kind), ' · ', formatDate(d.posted_at)),
    h('div', { class: 'sub' },
      unread && h('span', { class: 'badge warn', 'data-test': 'gr-unread' }, t('gr_unread')),
      d.answer && h('span', { class: 'badge', 'data-test': 'gr-answered' }, label('post_answer', d.answer)),
      d._pending && h('span', { class: 'badge warn' }, t('pending')))));
}

/** The home's section: the latest posts of the graduate's groups. @param {Ctx} ctx */
export function homeSection(ctx) {
  if (!ctx.user.person_id) return null;
  const rows = deliveriesOf(ctx.replica.all('post_delivery'), ctx.user.person_id);
  if (rows.length === 0) return null;
  return h('section', { 'aria-labelledby': 'h-gr', 'data-test': 'gr-inbox' },
    h('h2', { id: 'h-gr' }, t('gr_inbox')),
    h('ul', { class: 'list' }, rows.slice(0, 5).map(card)));
}

/**
 * The person file's section (staff): what the person's groups sent them and what they
 * answered, from this phone (deliveries follow the person's household, like their file).
 * @param {Ctx} ctx @param {Rec} person
 */
export function fileSection(ctx, person) {
  const rows = deliveriesOf(ctx.replica.all('post_delivery'), person.id);
  if (rows.length === 0) return null;
  return h('section', { 'aria-labelledby': 'h-gr-file', 'data-test': 'gr-file' },
    h('h2', { id: 'h-gr-file' }, t('gr_file_title')),
    h('ul', { class: 'list' }, rows.slice(0, 5).map((d) => h('li', { class: 'card' },
      h('div', { class: 'title' }, d.title || t('gr_post')),
      h('div', { class: 'sub' }, label('post_kind', d.kind), ' · ', formatDate(d.posted_at), ' · ',
        d.answer ? label('post_answer', d.answer) : d.read_at ? t('gr_step_read') : t('gr_not_read'))))));
}

/** @param {Ctx} ctx @param {Rec} d @param {Record<string, any>} data */
async function save(ctx, d, data) {
  await ctx.replica.record([{ entity: 'post_delivery', entity_id: d.id, kind: 'set', data,
    base: Object.fromEntries(Object.keys(data).map((k) => [k, ctx.replica.stampOf('post_delivery', d.id, k)])) }]);
}

/** `#/post/:id`: one post, marked read when opened, with its answers. @type {import('../context.js').View} */
export function postView(ctx, { params }) {
  const d = ctx.replica.get('post_delivery', params.id);
  if (!d || d.person_id !== ctx.user.person_id) {
    return h('div', null, h('p', null, t('gr_not_found')), h('a', { class: 'button', href: '#/mine' }, t('back')));
  }
  const now = () => new Date(ctx.now()).toISOString();
  if (!d.read_at) void save(ctx, d, { read_at: now() });
  const answers = ANSWERS_FOR[d.kind] ?? [];
  const answer = async (/** @type {string} */ code) => {
    await save(ctx, d, { answer: code, answered_at: now(), ...(d.read_at ? {} : { read_at: now() }) });
    ctx.toast(navigator.onLine ? t('gr_answer_sent') : t('gr_answer_saved'));
    ctx.nav('/mine');
  };
  return h('div', { 'data-test': 'gr-post' },
    h('h1', null, d.title || t('gr_post')),
    h('p', { class: 'sub' }, label('post_kind', d.kind), ' · ', t('gr_posted_on', { date: formatDate(d.posted_at) })),
    d.body && h('p', { class: 'prose' }, d.body),
    answers.length === 0
      ? h('p', { class: 'hint' }, t('gr_read_only'))
      : h('div', null,
        h('h2', null, t('gr_answer_prompt')),
        h('div', { class: 'actions stack', role: 'group', 'aria-label': t('gr_answer_prompt') },
          answers.map((code) => h('button', {
            type: 'button', class: d.answer === code ? 'primary' : '', 'aria-pressed': d.answer === code ? 'true' : 'false',
            'data-test': `gr-answer-${code}`, onclick: () => void answer(code),
          }, label('post_answer', code))))),
    h('div', { class: 'actions' }, h('a', { class: 'button', href: '#/mine' }, t('back'))));
}
