/**
 * One account, for the office: change a staff member's role or sub-district (a new role signs
 * them out everywhere), deactivate it (every session ends, on every phone) or reactivate it, set
 * a new password for staff, give a client who never activated a fresh invitation (the old code
 * stops working), and open the account's signed-in devices (`#/devices?user=<id>`). Your own
 * role and account are not changed here: an admin cannot lock the office out.
 */
import { h, mount } from '../../ui/dom.js';
import { t, label } from '../../i18n/index.js';
import { remote } from '../supervisor/remote.js';
import { problem, field, select, alertLine } from './common.js';
import { loadAreas } from './users.js';
import { invitationCard } from '../helper/invite.js';

/** @typedef {import('./users.js').Account} Account */

const STAFF = ['helper', 'supervisor', 'admin'];

/**
 * @param {import('../context.js').Ctx} ctx @param {Account} user @param {ReturnType<typeof import('./areas-data.js').areaTree>} tree
 * @param {() => void} reload
 */
function account(ctx, user, tree, reload) {
  const error = alertLine();
  /** @param {Record<string, unknown>} change @param {string} done */
  const patch = async (change, done) => {
    error.say('');
    try {
      await ctx.api.request('PATCH', `/api/users/${user.id}`, change);
      ctx.toast(done);
      reload();
    } catch (err) {
      error.say(problem(err));
    }
  };
  const staff = user.role === 'helper' || user.role === 'supervisor' || user.role === 'admin';
  /** @type {HTMLElement[]} */
  const parts = [
    h('dl', { class: 'facts' },
      h('dt', null, t('username')), h('dd', { 'data-test': 'user-username' }, user.username),
      h('dt', null, t('adm_role')), h('dd', { 'data-test': 'user-role' }, label('role', user.role)),
      h('dt', null, t('adm_area')), h('dd', { 'data-test': 'user-area' }, user.area_id ? tree.path(user.area_id) : '—'),
      h('dt', null, t('status')), h('dd', { 'data-test': 'user-state' }, user.is_active ? t('adm_active') : t('adm_inactive'),
        user.role === 'client' ? ` · ${user.activated ? t('adm_activated') : t('adm_not_activated')}` : '')),
    error.el,
  ];
  if (staff && user.id !== ctx.user.id) {
    const role = select('u-change-role', STAFF.map((r) => [r, label('role', r)]), user.role);
    const area = select('u-move', [['', t('adm_area_none')], ...tree.options('subdistrict')], user.area_id ?? '');
    parts.push(h('form', { 'data-test': 'user-move', onsubmit: (/** @type {Event} */ e) => {
      e.preventDefault();
      if (role.value !== 'admin' && !area.value) return error.say(t('adm_err_area'));
      if (role.value !== user.role && !confirm(t('adm_role_confirm', { name: user.display_name, role: label('role', role.value) }))) return;
      void patch({ role: role.value, area_id: area.value || null }, t('adm_saved'));
    } }, field(t('adm_role'), role), field(t('adm_move_to'), area), h('p', { class: 'hint' }, t('adm_role_hint')),
    h('div', { class: 'actions' }, h('button', { type: 'submit', 'data-test': 'user-move-save' }, t('save')))));
  }
  if (staff) {
    const password = h('input', { id: 'u-new-password', type: 'password', minLength: 8, autocomplete: 'new-password' });
    parts.push(h('details', null, h('summary', null, t('adm_set_password')),
      h('form', { onsubmit: (/** @type {Event} */ e) => {
        e.preventDefault();
        if (password.value.length < 8) return error.say(t('act_password_short'));
        void patch({ password: password.value }, t('adm_password_set'));
      } }, field(t('adm_password'), password), h('p', { class: 'hint' }, t('adm_password_reset_hint')),
      h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('save'))))));
  }
  const invite = h('div', { 'aria-live': 'polite' });
  if (user.role === 'client' && !user.activated && user.is_active) {
    parts.push(h('div', { class: 'actions' }, h('button', { type: 'button', 'data-test': 'user-reinvite', onclick: async () => {
      if (!confirm(t('adm_reinvite_confirm'))) return;
      try {
        mount(invite, invitationCard(await ctx.api.request('POST', `/api/users/${user.id}/invitation`)));
      } catch (err) {
        error.say(problem(err));
      }
    } }, t('adm_reinvite'))), invite);
  }
  const self = user.id === ctx.user.id;
  parts.push(h('div', { class: 'actions' },
    self ? null : user.is_active
      ? h('button', { type: 'button', class: 'danger', 'data-test': 'user-deactivate', onclick: () => {
        if (confirm(t('adm_deactivate_confirm', { name: user.display_name }))) void patch({ is_active: false }, t('adm_deactivated'));
      } }, t('adm_deactivate'))
      : h('button', { type: 'button', 'data-test': 'user-reactivate', onclick: () => void patch({ is_active: true }, t('adm_reactivated')) }, t('adm_reactivate')),
    h('a', { class: 'button', href: `#/devices?user=${user.id}`, 'data-test': 'user-devices' }, t('adm_devices'))));
  return h('div', null, h('h2', null, user.display_name), ...parts);
}

/** @type {import('../context.js').View} */
export const userView = (ctx, { params }) => h('section', { class: 'admin user' },
  h('p', null, h('a', { href: '#/users' }, `← ${t('adm_users')}`)),
  remote(() => Promise.all([ctx.api.request('GET', `/api/users/${params.id}`), loadAreas(ctx)]),
    ([user, tree], reload) => account(ctx, user, tree, reload)));
