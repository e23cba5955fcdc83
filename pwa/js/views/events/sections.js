/**
 * The events' lines elsewhere in the helper's app, from this phone: in a person's file, the
 * events they are on the list of (3-3-3-3 asks a helper to attend three with each graduate in
 * difficulty); on Today, the events of the coming week with people of my caseload on the list.
 */
import { h } from '../../ui/dom.js';
import { t, label } from '../../i18n/index.js';
import { eventLine, upcoming } from './common.js';

/** @typedef {import('../context.js').Ctx} Ctx */
/** @typedef {Record<string, any>} Row */

const WEEK_MS = 7 * 24 * 3600 * 1000;

/** A person's file: their events, latest first. @param {Ctx} ctx @param {Row} person */
export function personEvents(ctx, person) {
  const rows = ctx.replica.all('event_participant').filter((r) => r.person_id === person.id)
    .map((r) => ({ row: r, ev: ctx.replica.get('event', r.event_id) })).filter((x) => x.ev)
    .sort((a, b) => String(b.ev?.starts_at).localeCompare(String(a.ev?.starts_at)));
  const came = rows.filter((x) => x.row.state === 'attended').length;
  return h('section', { 'data-test': 'file-events' },
    h('h2', null, t('ev_file_title', { n: came })),
    rows.length === 0 ? h('p', { class: 'muted' }, t('ev_file_none'))
      : h('ul', { class: 'list' }, rows.map(({ row, ev }) => h('li', null,
        h('a', { class: 'card', href: `#/events/${ev?.id}` },
          h('div', { class: 'title' }, ev?.title), ev && eventLine(ev),
          h('div', { class: 'sub' }, h('span', { class: 'badge' }, label('participation', row.state))))))));
}

/** Today: the coming week's events with my people on the list. @param {Ctx} ctx */
export function todayEvents(ctx) {
  const now = ctx.now();
  const rows = ctx.replica.all('event_participant');
  const soon = ctx.replica.all('event').filter((e) => !e.cancelled && upcoming(e, now)
    && new Date(e.starts_at).getTime() - now < WEEK_MS)
    .map((e) => ({ ev: e, n: rows.filter((r) => r.event_id === e.id && r.state !== 'declined').length }))
    .filter((x) => x.n > 0)
    .sort((a, b) => String(a.ev.starts_at).localeCompare(String(b.ev.starts_at)));
  if (soon.length === 0) return null;
  return h('section', { 'data-test': 'today-events' },
    h('h2', null, t('ev_today_title')),
    h('ul', { class: 'list' }, soon.map(({ ev, n }) => h('li', null,
      h('a', { class: 'card', href: `#/events/${ev.id}` },
        h('div', { class: 'title' }, ev.title), eventLine(ev),
        h('div', { class: 'sub' }, t('ev_today_people', { n })))))));
}
