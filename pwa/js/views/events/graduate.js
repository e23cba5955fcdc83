/**
 * A graduate's events: the upcoming events of their district, theirs marked (invited, signed
 * up...), one tap to sign up or say they will not come, and the pass (a QR code) to show at the
 * door. The events and passes come from the server when online and are kept sealed in the
 * user's partition (meta `events_graduate`, like `graduate/extras.js`), so the list and the
 * pass still show in a hall with no signal; a sign-up is an op in the outbox either way. Their
 * own rows on the events' lists sync to this phone (`event_participant` is theirs).
 */
import { h, mount } from '../../ui/dom.js';
import { t, label } from '../../i18n/index.js';
import { metaAad, openValueOf, sealValueOf } from '../../local/keyring.js';
import { qrImage } from '../helper/invite.js';
import { eventLine, moveOps, participantId, upcoming } from './common.js';

/** @typedef {import('../context.js').Ctx} Ctx */
/** @typedef {Record<string, any>} Row */
/** @typedef {{events: Row[], passes: Record<string, string>}} Kept */

const META = 'events_graduate';

/** @param {Ctx} ctx @returns {Promise<Kept>} */
async function kept(ctx) {
  const db = ctx.replica.db;
  const value = await openValueOf(db, metaAad(META), await db.get('meta', META)).catch(() => undefined);
  return { events: value?.events ?? [], passes: value?.passes ?? {} };
}

/** @param {Ctx} ctx @param {Kept} value */
async function keep(ctx, value) {
  const db = ctx.replica.db;
  await db.put('meta', await sealValueOf(db, metaAad(META), value), META);
}

/** Fresh events from the server (kept for offline), or the kept ones. @param {Ctx} ctx */
async function load(ctx) {
  const last = await kept(ctx);
  if (!navigator.onLine) return last;
  try {
    const data = await ctx.api.request('GET', '/api/events?upcoming=true');
    const fresh = { ...last, events: data.items };
    await keep(ctx, fresh);
    return fresh;
  } catch {
    return last;
  }
}

/** My row on an event's list, if any. @param {Ctx} ctx @param {string} eventId */
function mine(ctx, eventId) {
  return ctx.replica.get('event_participant', participantId(eventId, ctx.user.person_id ?? ''));
}

/** @param {Ctx} ctx @param {Row} ev */
async function signUp(ctx, ev) {
  const row = mine(ctx, ev.id);
  /** @type {import('../../local/outbox.js').Draft[]} */
  const drafts = row ? moveOps(row, 'signed_up')
    : [{ entity: 'event_participant', entity_id: participantId(ev.id, ctx.user.person_id ?? ''), kind: 'insert',
      data: { event_id: ev.id, person_id: ctx.user.person_id, state: 'signed_up' } }];
  await ctx.replica.record(drafts);
  ctx.toast(navigator.onLine ? t('ev_signed_up') : t('saved_locally'));
}

/** @param {Ctx} ctx @param {Row} row */
async function decline(ctx, row) {
  await ctx.replica.record(moveOps(row, 'declined'));
  ctx.toast(navigator.onLine ? t('ev_declined') : t('saved_locally'));
}

/** The buttons my state offers (`onPass`: on the pass's own page). @param {Ctx} ctx @param {Row} ev @param {boolean} [onPass] */
function answers(ctx, ev, onPass = false) {
  const row = mine(ctx, ev.id);
  const state = row?.state;
  return h('div', { class: 'actions' },
    (!row || state === 'invited' || state === 'declined') && h('button', { type: 'button', class: 'primary small', 'data-test': 'sign-up', onclick: () => void signUp(ctx, ev) }, t('ev_sign_up')),
    row && (state === 'invited' || state === 'signed_up') && h('button', { type: 'button', class: 'small', 'data-test': 'decline', onclick: () => void decline(ctx, row) }, t('ev_not_coming')),
    row && !onPass && (state === 'signed_up' || state === 'invited') && h('a', { class: 'button small', href: `#/events/${ev.id}`, 'data-test': 'show-pass' }, t('ev_show_pass')));
}

/** `#/events` for a graduate. @param {Ctx} ctx */
export function myEvents(ctx) {
  const box = h('div', { 'aria-busy': 'true' }, h('p', { class: 'loading' }, t('loading')));
  void load(ctx).then(({ events }) => {
    const now = ctx.now();
    const list = events.filter((/** @type {Row} */ e) => upcoming(e, now) && !e.cancelled);
    box.setAttribute('aria-busy', 'false');
    mount(box, list.length === 0 ? h('p', { class: 'muted' }, t('ev_none_ahead'))
      : h('ul', { class: 'list', 'data-test': 'my-events' }, list.map((/** @type {Row} */ ev) => {
        const row = mine(ctx, ev.id);
        return h('li', { class: 'card', 'data-test': 'my-event' },
          h('a', { class: 'title', href: `#/events/${ev.id}` }, ev.title), eventLine(ev),
          row && h('div', { class: 'sub' }, h('span', { class: 'badge' }, label('participation', row.state)),
            row._pending && h('span', { class: 'badge warn' }, t('pending'))),
          answers(ctx, ev));
      })));
  });
  return h('div', null, h('h1', null, t('ev_title')), box);
}

/** `#/events/:id` for a graduate: the event and, once I am on its list, my pass. @param {Ctx} ctx @param {import('../context.js').RouteArgs} args */
export function myEvent(ctx, { params }) {
  const box = h('div', null, h('p', { class: 'loading' }, t('loading')));
  void load(ctx).then(async (value) => {
    const ev = value.events.find((/** @type {Row} */ e) => e.id === params.id);
    if (!ev) return mount(box, h('p', null, t('not_found')));
    const row = mine(ctx, ev.id);
    const pass = h('div', { 'data-test': 'pass' });
    mount(box, h('h1', null, ev.title), eventLine(ev), ev.description && h('p', { class: 'hint' }, ev.description),
      row && h('p', null, h('span', { class: 'badge' }, label('participation', row.state))), answers(ctx, ev, true), pass);
    if (!row || row.state === 'declined' || row.state === 'no_show') return;
    let token = value.passes[row.id];
    if (!token && navigator.onLine && !row._pending) {
      token = await ctx.api.request('GET', `/api/events/participants/${row.id}/pass`).then((p) => p.token).catch(() => undefined);
      if (token) await keep(ctx, { ...value, passes: { ...value.passes, [row.id]: token } });
    }
    mount(pass, token ? h('div', { class: 'card', 'data-test': 'pass-qr', 'data-token': token },
      h('h2', null, t('ev_your_pass')), qrImage(token, t('ev_your_pass')), h('p', { class: 'hint' }, t('ev_pass_hint')))
      : h('p', { class: 'hint' }, t('ev_pass_later')));
  });
  return box;
}

/** The graduate's home: a line about the events I am on the list of. @param {Ctx} ctx */
export function homeEvents(ctx) {
  const rows = ctx.replica.all('event_participant').filter((r) => r.person_id === ctx.user.person_id
    && (r.state === 'invited' || r.state === 'signed_up'));
  const invited = rows.filter((r) => r.state === 'invited').length;
  return h('div', { class: `card${invited ? ' due' : ''}`, 'data-test': 'home-events' },
    h('a', { href: '#/events' }, invited ? t('ev_home_invited', { n: invited }) : rows.length
      ? t('ev_home_signed', { n: rows.length }) : t('ev_home_browse')));
}
