/**
 * The audit search (`#/audit`, supervisors and admins): every change and every opening of a
 * file, filtered by who, what kind of record, which field, what was done and which office days;
 * a supervisor's answers are their sub-district's (the server decides, server/history.py).
 *
 * The filters live in the address (`#/audit?user_id=...&field=phone`), so a search can be sent
 * to a colleague and the back button returns to it. Each entry is the history screen's card,
 * linked to the file's whole history.
 */
import { h } from '../../ui/dom.js';
import { remote, query } from '../supervisor/remote.js';
import { PER_PAGE, entryList, fieldLabel, msg } from './history.js';

/** @typedef {import('./history.js').HistoryPage} HistoryPage */

/** The record kinds worth searching, as the server names them. */
const KINDS = ['person', 'household', 'visit', 'status_event', 'note', 'user_account'];
const ACTIONS = ['create', 'update', 'delete', 'read'];
/** Fields a search is usually about, by their labels (a link may name any other field). */
const FIELDS = ['name', 'id_number', 'phone', 'email', 'wechat', 'address', 'status', 'category',
  'primary_helper_id', 'partner_helper_id', 'disadvantaged', 'school', 'major', 'outcome',
  'review_state', 'guidance_know', 'guidance_adjust', 'guidance_promote'];
export const FILTERS = ['user_id', 'entity', 'action', 'field', 'since', 'until'];

/**
 * The filter form; submitting navigates, so the list below is always the address's.
 * @param {import('../context.js').Ctx} ctx @param {Record<string, string>} current
 */
function form(ctx, current) {
  const users = h('select', { id: 'a-user', 'data-test': 'audit-user' }, h('option', { value: '' }, msg('audit_anyone')));
  void ctx.api.request('GET', '/api/users?per_page=500').then(
    (/** @type {{items: {id: string, display_name: string, role: string}[]}} */ page) => {
      for (const u of page.items.filter((x) => x.role !== 'client')) {
        users.appendChild(h('option', { value: u.id, selected: u.id === current.user_id }, u.display_name));
      }
    },
    () => { /* offline: the list below says so */ });
  /** @param {string} id @param {string} key @param {string[]} values @param {(v: string) => string} name */
  const select = (id, key, values, name) => h('select', { id, 'data-test': `audit-${key}` },
    h('option', { value: '' }, msg('audit_all')),
    values.map((v) => h('option', { value: v, selected: current[key] === v }, name(v))));
  const kind = select('a-entity', 'entity', KINDS, (v) => msg(`hist_what.${v}`));
  const action = select('a-action', 'action', ACTIONS, (v) => msg(`hist_action.${v}`));
  const fieldNames = current.field && !FIELDS.includes(current.field) ? [...FIELDS, current.field] : FIELDS;
  const field = select('a-field', 'field', fieldNames, fieldLabel);
  const since = h('input', { id: 'a-since', type: 'date', value: current.since ?? '', 'data-test': 'audit-since' });
  const until = h('input', { id: 'a-until', type: 'date', value: current.until ?? '', 'data-test': 'audit-until' });
  /** @param {Event} e */
  const onsubmit = (e) => {
    e.preventDefault();
    ctx.nav(`/audit${query({ user_id: users.value, entity: kind.value, action: action.value,
      field: field.value, since: since.value, until: until.value })}`);
  };
  /** @param {string} id @param {string} key @param {HTMLElement} control */
  const cell = (id, key, control) => h('div', null, h('label', { for: id }, msg(key)), control);
  return h('form', { class: 'filters', role: 'search', onsubmit },
    cell('a-user', 'audit_user', users),
    cell('a-entity', 'audit_entity', kind),
    cell('a-action', 'audit_action', action),
    cell('a-field', 'audit_field', field),
    cell('a-since', 'audit_since', since),
    cell('a-until', 'audit_until', until),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', 'data-test': 'audit-search' }, msg('audit_search'))));
}

/**
 * The audit search screen.
 * @type {import('../context.js').View}
 */
export function audit(ctx, { query: params }) {
  /** @type {Record<string, string>} */
  const current = {};
  for (const key of FILTERS) {
    const value = params.get(key);
    if (value) current[key] = value;
  }
  const load = (/** @type {number} */ number) => /** @type {Promise<HistoryPage>} */ (
    ctx.api.request('GET', `/api/audit${query({ ...current, page: number, per_page: PER_PAGE })}`));
  return h('div', { 'data-test': 'audit-screen' },
    h('h1', null, msg('audit_title')),
    h('p', { class: 'muted' }, msg('audit_intro')),
    form(ctx, current),
    remote(() => load(1), (data) => h('div', null,
      h('p', { class: 'hint', 'data-test': 'audit-total' }, msg('audit_found', { n: data.total })),
      entryList(ctx, data, load, true))));
}
