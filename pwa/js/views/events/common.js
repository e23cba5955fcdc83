/**
 * What the event screens share: a participant's id (the same on every phone and the server, so
 * an invitation and a sign-up made apart name one row), how an event's time and place read,
 * and the ops that move a participant along `participation_state`.
 */
import registry from '../../../../sync/registry.json' with { type: 'json' };
import { h } from '../../ui/dom.js';
import { t, label, formatDateTime, formatTime } from '../../i18n/index.js';
import { uuid5 } from '../../sync/ids.js';

/** @typedef {import('../context.js').Ctx} Ctx */
/** @typedef {Record<string, any>} Row */

/** Legal moves of a participant (the registry's machine, not retyped). */
export const MOVES = /** @type {Record<string, string[]>} */ (registry.machines.participation_state.transitions);

/**
 * `uuid5(NS, "event_participant/<event>/<person>")`, as `server.records.events.participant_id`.
 * @param {string} eventId @param {string} personId
 */
export function participantId(eventId, personId) {
  return uuid5(registry.namespace, `event_participant/${eventId}/${personId}`);
}

/** "12 Dec 2026, 09:00–12:00" (the end's time only when it is the same day). @param {Row} ev */
export function whenText(ev) {
  const start = formatDateTime(ev.starts_at);
  if (!ev.ends_at) return start;
  const sameDay = new Date(ev.starts_at).toDateString() === new Date(ev.ends_at).toDateString();
  return `${start}–${sameDay ? formatTime(ev.ends_at) : formatDateTime(ev.ends_at)}`;
}

/** The card line under an event's title: kind, when, where. @param {Row} ev */
export function eventLine(ev) {
  return h('div', { class: 'sub' },
    h('span', { class: 'badge' }, label('event_kind', ev.kind)), ' ',
    whenText(ev), ev.place || ev.channel ? ` · ${ev.place || ev.channel}` : '',
    ev.cancelled ? h('span', { class: 'badge warn' }, ' ', t('ev_cancelled')) : null);
}

/** Is the event not over yet? @param {Row} ev @param {number} now */
export function upcoming(ev, now) {
  return new Date(ev.ends_at ?? ev.starts_at).getTime() >= now;
}

/**
 * The ops that move a participant to `to` (a tick on the list says so: `via: 'list'`).
 * @param {Row} row @param {string} to @param {{via?: string}} [extra]
 * @returns {import('../../local/outbox.js').Draft[]}
 */
export function moveOps(row, to, extra = {}) {
  /** @type {import('../../local/outbox.js').Draft[]} */
  const ops = [];
  if (extra.via) ops.push({ entity: 'event_participant', entity_id: row.id, kind: 'set', data: { check_in_via: extra.via } });
  ops.push({ entity: 'event_participant', entity_id: row.id, kind: 'transition', data: { field: 'state', from: row.state, to } });
  return ops;
}

/**
 * The participant a pass names, read without the secret (`itsdangerous`: base64url JSON before
 * the dot); the server checks the signature when the op arrives. Null for anything else.
 * @param {string} token
 */
export function passParticipant(token) {
  const body = token.split('.')[0] ?? '';
  try {
    const json = atob(body.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((body.length + 3) % 4));
    const p = JSON.parse(json)?.p;
    return typeof p === 'string' && /^[0-9a-f-]{36}$/.test(p) ? p : null;
  } catch {
    return null;
  }
}
