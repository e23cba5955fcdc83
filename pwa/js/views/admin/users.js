/**
 * The office's accounts: find one by name or username and role, and open a new one. Staff
 * (helpers and supervisors) work in a sub-district, an admin anywhere; a client account belongs
 * to a person's file (picked by searching the files) and starts with an invitation code shown
 * once, as text and QR code. One account's screen is `user.js`.
 */
import { h, mount } from '../../ui/dom.js';
import { t, label, formatNumber } from '../../i18n/index.js';
import { remote, query } from '../supervisor/remote.js';
import { areaTree } from './areas-data.js';
import { problem, field, select, alertLine, heading } from './common.js';
import { invitationCard } from '../helper/invite.js';

/** @typedef {import('../context.js').Ctx} Ctx */
/** @typedef {{id: string, username: string, display_name: string, role: string, area_id: string|null,
 *   person_id: string|null, phone: string|null, is_active: boolean, activated: boolean}} Account */

export const ROLES = ['helper', 'supervisor', 'admin', 'client'];

/** @param {Ctx} ctx */
export const loadAreas = (ctx) => ctx.api.request('GET', '/api/areas').then((areas) => areaTree(areas));

/**
 * One account as a line of the list.
 * @param {Account} user @param {ReturnType<typeof areaTree>} tree
 */
function row(user, tree) {
  return h('li', { class: 'card', 'data-test': 'user-row', 'data-username': user.username },
    h('a', { href: `#/users/${user.id}` }, h('strong', null, user.display_name), ` (${user.username})`),
    h('p', { class: 'muted' }, label('role', user.role), user.area_id ? ` · ${tree.path(user.area_id)}` : '',
      user.is_active ? '' : ` · ${t('adm_inactive')}`,
      user.role === 'client' && !user.activated ? ` · ${t('adm_not_activated')}` : ''));
}

/** @type {import('../context.js').View} */
export const users = (ctx, { query: q }) => {
  const search = h('input', { id: 'u-q', type: 'search', value: q.get('q') ?? '', 'data-test': 'user-search' });
  const role = select('u-role', [['', t('adm_all_roles')], ...ROLES.map((r) => /** @type {[string, string]} */ ([r, label('role', r)]))], q.get('role') ?? '');
  /** @param {Event} e */
  const onsubmit = (e) => {
    e.preventDefault();
    ctx.nav(`/users${query({ q: search.value.trim(), role: role.value })}`);
  };
  const list = remote(
    () => Promise.all([
      ctx.api.request('GET', `/api/users${query({ q: q.get('q'), role: q.get('role'), per_page: 100 })}`),
      loadAreas(ctx)]),
    ([page, tree]) => h('div', null,
      h('p', { class: 'muted', 'data-test': 'user-total' }, t('adm_users_shown', { n: page.items.length, total: formatNumber(page.total) })),
      page.items.length ? h('ul', { class: 'list' }, page.items.map((/** @type {Account} */ u) => row(u, tree))) : h('p', null, t('search_none'))));
  return h('section', { class: 'admin users' }, ...heading(t('adm_users')),
    h('div', { class: 'actions' }, h('a', { class: 'button primary', href: '#/users/new', 'data-test': 'user-new' }, t('adm_user_new'))),
    h('form', { onsubmit, role: 'search' }, field(t('search_title'), search), field(t('adm_role'), role),
      h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('search_title')))),
    list);
};

/**
 * Pick a person's file by searching (for a client account).
 * @param {Ctx} ctx @param {(person: {id: string, name: string}|null) => void} picked
 */
function personPicker(ctx, picked) {
  const input = h('input', { id: 'u-person-q', type: 'search', 'data-test': 'person-search' });
  const found = h('ul', { class: 'list', 'aria-live': 'polite' });
  const chosen = h('p', { class: 'ok', 'data-test': 'person-chosen' });
  const find = async () => {
    const text = input.value.trim();
    if (!text) return;
    try {
      const page = await ctx.api.request('GET', `/api/persons${query({ q: text, per_page: 10 })}`);
      mount(found, page.items.length ? page.items.map((/** @type {any} */ p) => h('li', null,
        h('button', { type: 'button', class: 'small', 'data-test': 'person-pick', onclick: () => {
          chosen.textContent = t('adm_person_chosen', { name: p.name });
          picked(p);
          found.replaceChildren();
        } }, p.name, p.phone ? ` · ${p.phone}` : ''))) : h('li', null, t('search_none')));
    } catch (err) {
      mount(found, h('li', { class: 'error' }, problem(err)));
    }
  };
  input.addEventListener('keydown', (e) => { if (e.key === 'Enter') { e.preventDefault(); void find(); } });
  return h('fieldset', { 'data-test': 'person-picker' }, h('legend', null, t('adm_person')),
    field(t('adm_person_search'), input),
    h('div', { class: 'actions' }, h('button', { type: 'button', onclick: () => void find() }, t('search_title'))),
    found, chosen);
}

/** @type {import('../context.js').View} */
export const newUser = (ctx) => {
  const out = h('div', { 'aria-live': 'polite' });
  const body = remote(() => loadAreas(ctx), (tree) => {
    const username = h('input', { id: 'u-username', required: true, autocapitalize: 'none', 'data-test': 'u-username' });
    const name = h('input', { id: 'u-name', maxLength: 120, 'data-test': 'u-name' });
    const role = select('u-new-role', ROLES.map((r) => [r, label('role', r)]), 'helper');
    const area = select('u-area', [['', t('adm_area_none')], ...tree.options('subdistrict')]);
    const password = h('input', { id: 'u-password', type: 'password', minLength: 8, autocomplete: 'new-password', 'data-test': 'u-password' });
    /** @type {{id: string, name: string}|null} */
    let person = null;
    const picker = personPicker(ctx, (p) => { person = p; });
    const staffOnly = h('div', null, field(t('adm_display_name'), name), field(t('adm_area'), area), field(t('adm_password'), password),
      h('p', { class: 'hint' }, t('adm_password_hint')));
    const show = () => {
      picker.hidden = role.value !== 'client';
      staffOnly.hidden = role.value === 'client';
    };
    role.addEventListener('change', show);
    show();
    const error = alertLine();
    /** @param {Event} e */
    const onsubmit = async (e) => {
      e.preventDefault();
      error.say('');
      try {
        if (role.value === 'client') {
          if (!person) return error.say(t('adm_pick_person'));
          const invitation = await ctx.api.request('POST', '/api/users/clients', { person_id: person.id, username: username.value.trim() });
          mount(out, h('p', { class: 'ok' }, t('adm_user_created')), invitationCard(invitation),
            h('a', { class: 'button', href: `#/users/${invitation.user.id}` }, t('adm_user_open')));
        } else {
          if (role.value !== 'admin' && !area.value) return error.say(t('adm_err_area'));
          if (password.value.length < 8) return error.say(t('act_password_short'));
          const user = await ctx.api.request('POST', '/api/users', { username: username.value.trim(), display_name: name.value.trim(),
            role: role.value, area_id: area.value || null, password: password.value });
          ctx.toast(t('adm_user_created'));
          ctx.nav(`/users/${user.id}`);
          return;
        }
        form.hidden = true;
      } catch (err) {
        error.say(problem(err));
      }
    };
    const form = h('form', { onsubmit, 'data-test': 'user-form' },
      field(t('adm_role'), role), field(t('username'), username), h('p', { class: 'hint' }, t('adm_username_hint')),
      picker, staffOnly, error.el,
      h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', 'data-test': 'user-save' }, t('adm_user_create'))));
    return form;
  });
  return h('section', { class: 'admin user-new' }, ...heading(t('adm_user_new')), body, out);
};
