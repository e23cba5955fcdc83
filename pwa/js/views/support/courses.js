/**
 * A graduate's home: the training courses offered, and "ask to join" (a `requested` enrolment
 * recorded in the outbox, so it works offline; the helper then refers them). The course
 * catalogue comes from `./public-catalogue.js`. Below, the policies on the graduate's file.
 */
import { h, mount } from '../../ui/dom.js';
import { t, label, formatDate } from '../../i18n/index.js';
import { uuid } from '../../local/outbox.js';
import { publicCatalogue } from './public-catalogue.js';

/** Courses asked for on this screen, until the replica shows the request. @type {Set<string>} */
const pending = new Set();

/** @typedef {import('../context.js').Ctx} Ctx */
/** @typedef {{id: string, title: string, provider?: string|null, starts_on?: string|null, duration_days?: number|null, free?: boolean, description?: string|null}} Course */

const COURSES = /** @type {ReturnType<typeof publicCatalogue<Course>>} */ (publicCatalogue('/api/trainings', 'doorstep-courses'));
/** The box last drawn (the home may have redrawn while the catalogue was on its way). @type {HTMLElement|null} */
let shown = null;

/** @param {Ctx} ctx @param {Course[]} courses */
function render(ctx, courses) {
  const personId = ctx.user.person_id;
  const mine = ctx.replica.all('training_enrolment').filter((e) => e.person_id === personId);
  const asked = new Map(mine.map((e) => [e.course_id, e]));
  const byId = new Map(courses.map((c) => [c.id, c]));
  /** @param {Course} c */
  const ask = async (c) => {
    if (pending.has(c.id)) return; // a double tap asks once
    pending.add(c.id);
    await ctx.replica.record([{ entity: 'training_enrolment', entity_id: uuid(), kind: 'insert',
      data: { person_id: personId, course_id: c.id, state: 'requested', notes: null } }]);
    ctx.toast(t('sp_asked'));
  };
  const offered = courses.filter((c) => !asked.has(c.id) && !pending.has(c.id));
  return h('div', null,
    mine.length > 0 && h('ul', { class: 'list', 'data-test': 'sp-my-courses' }, mine.map((e) =>
      h('li', { class: 'card', 'data-test': 'sp-my-course', 'data-state': e.state },
        h('div', { class: 'title' }, byId.get(e.course_id)?.title ?? t('sp_course'), ' ',
          h('span', { class: 'badge' }, label('training_state', e.state)),
          e._pending && h('span', { class: 'badge warn' }, t('pending')))))),
    offered.length === 0
      ? h('p', { class: 'muted' }, courses.length ? t('sp_all_asked') : t('sp_no_courses'))
      : h('ul', { class: 'list', 'data-test': 'sp-courses' }, offered.map((c) =>
        h('li', { class: 'card', 'data-test': 'sp-course' },
          h('div', { class: 'title' }, c.title, c.free ? h('span', { class: 'badge ok' }, t('sp_free')) : null),
          h('div', { class: 'sub' }, [c.provider, c.starts_on ? t('sp_starts', { day: formatDate(c.starts_on) }) : null].filter(Boolean).join(' · ')),
          c.description && h('div', { class: 'sub' }, c.description),
          h('div', { class: 'actions' }, h('button', { type: 'button', 'data-test': 'sp-ask', onclick: () => ask(c) }, t('sp_ask')))))));
}

/** The home section. @param {Ctx} ctx */
export function coursesSection(ctx) {
  if (!ctx.user.person_id) return null;
  const box = h('div', null, render(ctx, COURSES.cached()));
  shown = box;
  void COURSES.refresh(ctx).then((fresh) => {
    if (fresh && shown) mount(shown, render(ctx, fresh));
  });
  return h('section', { 'aria-labelledby': 'h-sp-courses', 'data-test': 'sp-home' },
    h('h2', { id: 'h-sp-courses' }, t('sp_courses')), box);
}
