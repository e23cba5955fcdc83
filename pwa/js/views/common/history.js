/**
 * A file's history: who changed what, when, from which device, old → new, for a person, a
 * household or a visit (`#/history/<entity>/<id>`), read from the server's audit log
 * (`GET /api/history/...`, server/history.py). The log is on the server, not on the phone, so
 * the screen reads it online like the supervisor's screens and says plainly when offline.
 *
 * Values are shown as people read them, never as codes or JSON: coded fields by their label in
 * the vocabulary (`label(kind, code)`), accounts and areas by the names the server resolved,
 * dates in the user's locale, yes/no, lists joined. One card per change, its fields in the
 * wrapping `dl.facts` grid, so long values break on 360 px screens rather than widen them.
 */
import { h } from '../../ui/dom.js';
import { t, label, locale, formatDate, formatDateTime, formatNumber } from '../../i18n/index.js';
import { remote } from '../supervisor/remote.js';

/**
 * @typedef {{field: string, old: unknown, new: unknown, old_name?: string|null, new_name?: string|null}} Change
 * @typedef {{id: string, at: string, action: 'create'|'update'|'delete'|'read', entity: string,
 *   entity_id: string, user_id: string|null, user_name: string|null, device_id: string|null,
 *   device_label: string|null, changes: Change[]}} Entry
 * @typedef {{items: Entry[], total: number, page: number, per_page: number}} HistoryPage
 */

export const ENTITIES = ['person', 'household', 'visit'];
export const PER_PAGE = 30;

/** Fields whose values are vocabulary codes -> the vocabulary's kind (`label(kind, code)`). */
export const CODED = /** @type {Record<string, string>} */ ({
  status: 'status', from_status: 'status', to_status: 'status', category: 'category',
  channel: 'channel', outcome: 'outcome', education_level: 'edu', gender: 'gender',
  review_state: 'review', services: 'service', state: 'guidance_state',
});
/** Keys inside a guidance step (`{state, date, ...parts, plan}`) labelled by the guidance screen. */
const OTHER_LABELS = /** @type {Record<string, string>} */ ({ state: 'guidance_state' });

/** A message of this screen (its part, `i18n/parts/history.js`, is merged in `i18n/tables.js`). */
export const msg = t;

const zh = () => locale() === 'zh-CN';

/** A field's name in the user's language (the file forms' label when they have one). @param {string} field */
export function fieldLabel(field) {
  for (const key of [`file_f_${field}`, `hist_f_${field}`, `guidance_part.${field}`, OTHER_LABELS[field] ?? '']) {
    if (!key) continue;
    const text = msg(key);
    if (text !== key) return text;
  }
  return field;
}

/**
 * One value as a person reads it.
 * @param {string} field @param {unknown} value @param {string|null} [name] the server's name for an id
 * @returns {string}
 */
export function showValue(field, value, name) {
  if (name) return name;
  if (value === null || value === undefined || value === '') return msg('hist_empty');
  if (Array.isArray(value)) return value.length ? value.map((v) => showValue(field, v)).join(zh() ? '、' : ', ') : msg('hist_empty');
  if (typeof value === 'boolean') return msg(value ? 'hist_yes' : 'hist_no');
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'object') {
    return Object.entries(/** @type {Record<string, unknown>} */ (value))
      .filter(([k]) => k !== 'id')
      .map(([k, v]) => `${fieldLabel(k)}${zh() ? '：' : ': '}${showValue(k, v)}`).join(zh() ? '；' : '; ');
  }
  const text = String(value);
  if (CODED[field]) return label(CODED[field], text);
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return formatDate(text);
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(text)) return formatDateTime(/[Zz]|[+-]\d{2}:?\d{2}$/.test(text) ? text : `${text}Z`);
  return text;
}

/** Who and from where, in words. @param {Entry} entry */
export function byline(entry) {
  const who = entry.user_name ?? msg('hist_someone');
  const device = entry.device_label ?? (entry.device_id === 'web' ? msg('hist_web') : entry.device_id);
  return device ? `${who} · ${msg('hist_from_device', { device })}` : who;
}

/** One field's change: its name, then old → new (or the value, for a new file). @param {Change} change @param {string} action */
function changeRow(change, action) {
  const after = showValue(change.field, change.new, change.new_name);
  return [
    h('dt', null, fieldLabel(change.field)),
    h('dd', { 'data-test': 'history-change', 'data-field': change.field },
      action === 'update'
        ? [h('del', null, showValue(change.field, change.old, change.old_name)), ' → ', h('ins', null, after)]
        : after),
  ];
}

/**
 * One change as a card; with `linked`, a link to the history of the file it changed.
 * @param {Entry} entry @param {boolean} [linked]
 */
export function entryCard(entry, linked = false) {
  const what = msg(`hist_what.${entry.entity}`);
  const heading = `${what === `hist_what.${entry.entity}` ? entry.entity : what} · ${msg(`hist_action.${entry.action}`)}`;
  return h('li', { class: 'card', 'data-test': 'history-entry', 'data-action': entry.action },
    h('div', { class: 'row' },
      linked && ENTITIES.includes(entry.entity)
        ? h('a', { class: 'title', href: `#/history/${entry.entity}/${entry.entity_id}` }, heading)
        : h('span', { class: 'title' }, heading),
      h('time', { class: 'sub', datetime: entry.at }, formatDateTime(entry.at))),
    h('div', { class: 'sub', 'data-test': 'history-by' }, byline(entry)),
    entry.changes.length ? h('dl', { class: 'facts' }, entry.changes.map((c) => changeRow(c, entry.action))) : null);
}

/** The screen's title: the file's name when this phone has it. @param {import('../context.js').Ctx} ctx @param {string} entity @param {string} id */
function title(ctx, entity, id) {
  const row = /** @type {Record<string, any>|undefined} */ (ctx.replica?.get(entity, id));
  if (entity === 'person' && row?.name) return msg('hist_title_person', { name: row.name });
  if (entity === 'household' && row?.address) return msg('hist_title_household', { address: row.address });
  return entity === 'visit' ? msg('hist_title_visit') : msg('hist_title');
}

/**
 * The entries, and a button that appends the next older page.
 * @param {import('../context.js').Ctx} ctx @param {HistoryPage} first
 * @param {(page: number) => Promise<HistoryPage>} load @param {boolean} [linked]
 */
export function entryList(ctx, first, load, linked = false) {
  if (!first.items.length) return h('p', { class: 'muted', 'data-test': 'history-none' }, msg('hist_none'));
  const ul = h('ul', { class: 'list', 'data-test': 'history' }, first.items.map((e) => entryCard(e, linked)));
  let shown = first.items.length;
  let number = first.page;
  if (shown >= first.total) return ul;
  const more = h('button', { type: 'button', class: 'small', 'data-test': 'history-more', onclick: async () => {
    more.disabled = true;
    try {
      const next = await load(number + 1);
      number = next.page;
      shown += next.items.length;
      for (const entry of next.items) ul.appendChild(entryCard(entry, linked));
      if (shown >= next.total || !next.items.length) more.remove();
    } catch (err) {
      ctx.toast(err instanceof Error ? err.message : String(err));
    } finally {
      more.disabled = false;
    }
  } }, msg('hist_more'));
  return h('div', null, ul, h('div', { class: 'actions' }, more));
}

/**
 * The history screen.
 * @type {import('../context.js').View}
 */
export function fileHistory(ctx, { params }) {
  const entity = ENTITIES.includes(params.entity) ? params.entity : 'person';
  const path = `/api/history/${entity}/${encodeURIComponent(params.id)}`;
  const load = (/** @type {number} */ number) =>
    /** @type {Promise<HistoryPage>} */ (ctx.api.request('GET', `${path}?page=${number}&per_page=${PER_PAGE}`));
  return h('div', { 'data-test': 'history-screen' },
    h('h1', null, title(ctx, entity, params.id)),
    h('p', { class: 'muted' }, msg('hist_intro')),
    remote(() => load(1), (data) => entryList(ctx, data, load)));
}
