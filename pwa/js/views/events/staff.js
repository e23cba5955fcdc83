/**
 * Staff's events: the district's events on this phone (they sync like the job catalogue, so the
 * list works offline), soonest first; and the form that creates one with the vacancies taking
 * part (an insert op: made offline, sent with the next sync, checked by the same domain rule).
 */
import { h } from '../../ui/dom.js';
import { t, label } from '../../i18n/index.js';
import { uuid } from '../../local/outbox.js';
import { eventLine, upcoming } from './common.js';

/** @typedef {import('../context.js').Ctx} Ctx */
/** @typedef {import('../context.js').RouteArgs} RouteArgs */

/** Event kinds, in the vocabulary's order. */
export const KINDS = ['job_fair', 'campus_fair', 'interview_session', 'livestream', 'salon', 'lecture', 'online_recommendation'];

/** @param {Ctx} ctx */
export function eventsList(ctx) {
  const now = ctx.now();
  const all = ctx.replica.all('event').sort((a, b) => String(a.starts_at).localeCompare(String(b.starts_at)));
  const ahead = all.filter((e) => upcoming(e, now));
  const past = all.filter((e) => !upcoming(e, now)).reverse().slice(0, 30);
  /** @param {Record<string, any>} ev */
  const card = (ev) => h('li', null, h('a', { class: 'card', href: `#/events/${ev.id}`, 'data-test': 'event-card' },
    h('div', { class: 'title' }, ev.title), eventLine(ev),
    ev._pending && h('span', { class: 'badge warn' }, t('pending'))));
  return h('div', null,
    h('h1', null, t('ev_title')),
    h('div', { class: 'actions' }, h('a', { class: 'button primary', href: '#/events/new', 'data-test': 'event-new' }, t('ev_new'))),
    h('h2', null, t('ev_upcoming')),
    ahead.length ? h('ul', { class: 'list', 'data-test': 'events-ahead' }, ahead.map(card)) : h('p', { class: 'muted' }, t('ev_none_ahead')),
    past.length > 0 && h('h2', null, t('ev_past')),
    past.length > 0 && h('ul', { class: 'list' }, past.map(card)));
}

/** A datetime-local value (the phone's time) → ISO UTC. @param {string} value */
const toIso = (value) => (value ? new Date(value).toISOString() : null);

/** @param {Ctx} ctx */
export function newEvent(ctx) {
  /** @param {string} id @param {string} text @param {HTMLElement} input */
  const field = (id, text, input) => {
    input.id = id;
    return h('div', null, h('label', { for: id }, text), input);
  };
  const kind = h('select', { name: 'kind' }, KINDS.map((k) => h('option', { value: k }, label('event_kind', k))));
  const title = h('input', { type: 'text', name: 'title', required: true, maxLength: 160 });
  const starts = h('input', { type: 'datetime-local', name: 'starts_at', required: true });
  const ends = h('input', { type: 'datetime-local', name: 'ends_at' });
  const place = h('input', { type: 'text', name: 'place', maxLength: 160 });
  const channel = h('input', { type: 'text', name: 'channel', maxLength: 160 });
  const capacity = h('input', { type: 'number', name: 'capacity', min: 1, inputMode: 'numeric' });
  const description = h('textarea', { name: 'description', rows: 3 });
  const jobs = ctx.replica.all('job').sort((a, b) => String(a.title).localeCompare(String(b.title)));
  const boxes = jobs.map((j) => h('input', { type: 'checkbox', name: 'job_ids', value: j.id }));
  const error = h('p', { class: 'error', role: 'alert', hidden: true });
  /** @param {SubmitEvent} e */
  const save = async (e) => {
    e.preventDefault();
    if (!title.value.trim() || !starts.value) {
      error.textContent = t('ev_need_title_start');
      error.hidden = false;
      return;
    }
    if (ends.value && ends.value < starts.value) {
      error.textContent = t('ev_ends_before');
      error.hidden = false;
      return;
    }
    const id = uuid();
    /** @type {Record<string, any>} */
    const data = {
      kind: kind.value, title: title.value.trim(), starts_at: toIso(starts.value), ends_at: toIso(ends.value),
      place: place.value.trim() || null, channel: channel.value.trim() || null,
      capacity: capacity.value ? Number(capacity.value) : null, description: description.value.trim() || null,
      job_ids: boxes.filter((b) => b.checked).map((b) => b.value), employer_ids: [], cancelled: false,
    };
    await ctx.replica.record([{ entity: 'event', entity_id: id, kind: 'insert', data }]);
    ctx.toast(navigator.onLine ? t('ev_saved') : t('saved_locally'));
    ctx.nav(`/events/${id}`);
  };
  return h('form', { onsubmit: save, 'data-test': 'event-form' },
    h('h1', null, t('ev_new')),
    field('event-kind', t('ev_kind'), kind),
    field('event-title', t('ev_name'), title),
    field('event-starts', t('ev_starts'), starts),
    field('event-ends', t('ev_ends'), ends),
    field('event-place', t('ev_place'), place),
    field('event-channel', t('ev_channel'), channel),
    field('event-capacity', t('ev_capacity'), capacity),
    field('event-description', t('ev_description'), description),
    h('fieldset', null, h('legend', null, t('ev_vacancies')),
      jobs.length === 0 && h('p', { class: 'muted' }, t('no_jobs')),
      jobs.map((j, i) => h('label', { class: 'check card', 'data-test': 'event-job' }, boxes[i],
        h('span', null, h('span', { class: 'title' }, j.title), h('span', { class: 'sub' }, ' · ', j.employer))))),
    error,
    h('div', { class: 'actions sticky' },
      h('button', { type: 'submit', class: 'primary', 'data-test': 'event-save' }, t('ev_save')),
      h('button', { type: 'button', onclick: () => history.back() }, t('cancel'))));
}
