/**
 * Settings: language, whether storage is persistent (and how much is used), the lock (a PIN,
 * lock now), the account (change the password, log out), version.
 */
import { h } from '../../ui/dom.js';
import { t, LOCALES, formatNumber } from '../../i18n/index.js';
import { HttpError, NetworkError } from '../../net/api.js';
import { pinForm, vaultActions } from './lock.js';

/** @param {number} bytes */
function size(bytes) {
  return `${formatNumber(Math.round(bytes / 1024 / 102.4) / 10)} MB`;
}

/**
 * Log out here, then end the session on the server too: its tokens must not outlive the
 * logout on a shared or lost phone. Read the token first (the local session is dropped), and
 * only call the server if the helper did log out (they may cancel the pending-work warning).
 * @param {import('../context.js').Ctx} ctx
 */
async function logout(ctx) {
  const token = ctx.api.currentRefresh();
  await ctx.settings.logout();
  if (token && ctx.api.currentRefresh() !== token) await ctx.api.logout(token);
}

/**
 * Change your password: online only, with the current one; the server ends your other
 * sessions (a phone someone else holds must log in again), this one goes on.
 * @param {import('../context.js').Ctx} ctx
 */
function passwordForm(ctx) {
  const current = h('input', { id: 'current-password', type: 'password', autocomplete: 'current-password', required: true });
  const next = h('input', { id: 'new-password', type: 'password', autocomplete: 'new-password', required: true, minLength: 8 });
  const message = h('p', { class: 'error', role: 'alert' });
  const submit = h('button', { type: 'submit', 'data-test': 'change-password' }, t('save'));
  /** @param {Event} e */
  const onsubmit = async (e) => {
    e.preventDefault();
    message.textContent = '';
    if (next.value.length < 8) {
      message.textContent = t('act_password_short');
      return;
    }
    submit.disabled = true;
    try {
      await ctx.api.request('PATCH', `/api/users/${ctx.user.id}`, { current_password: current.value, password: next.value });
      const password = next.value;
      current.value = next.value = '';
      // The data key is wrapped by the password too: wrap it with the new one.
      await vaultActions()?.passwordChanged(password);
      ctx.toast(t('save'));
    } catch (err) {
      message.textContent = err instanceof NetworkError ? t('sup_offline')
        : err instanceof HttpError && err.code === 'wrong_password' ? t('login_failed')
        : err instanceof HttpError && err.status === 422 ? t('act_password_short')
        : err instanceof Error ? err.message : String(err);
    } finally {
      submit.disabled = false;
    }
  };
  return h('details', { class: 'password' },
    h('summary', null, t('act_password')),
    h('form', { onsubmit },
      h('label', { for: 'current-password' }, t('password')), current,
      h('label', { for: 'new-password' }, t('act_password')), next,
      message,
      h('div', { class: 'actions' }, submit)));
}

/**
 * The lock: is a PIN set, choose or change it, lock now.
 * @param {import('../context.js').Ctx} ctx
 */
function lockSection(ctx) {
  const vault = vaultActions();
  if (!vault) return null;
  const status = h('p', { 'data-test': 'pin-status' }, '…');
  const show = () => void vault.hasPin().then((on) => {
    status.textContent = on ? t('vault_pin_on', { min: vault.lockAfterMinutes() }) : t('vault_pin_off');
    status.dataset.pin = String(on);
  });
  show();
  return h('section', null,
    h('h2', null, t('vault_lock_title')), status,
    h('details', { class: 'pin' }, h('summary', null, t('vault_set_pin')),
      pinForm(async (pin) => {
        await vault.setPin(pin);
        ctx.toast(t('vault_pin_saved'));
        show();
      })),
    h('div', { class: 'actions' }, h('button', { type: 'button', 'data-test': 'lock-now', onclick: () => void vault.lockNow() }, t('vault_lock_now'))));
}

/** @param {import('../context.js').Ctx} ctx */
export function settings(ctx) {
  const s = ctx.settings;
  const persisted = h('p', { 'data-test': 'persisted' }, '…');
  const usage = h('p', { class: 'muted' });
  void s.persisted().then((ok) => {
    persisted.textContent = ok === null ? t('storage_unknown') : ok ? t('storage_persisted') : t('storage_not_persisted');
    persisted.dataset.persisted = String(ok);
  });
  void s.estimate().then((e) => {
    if (e?.usage !== undefined && e.quota) usage.textContent = t('storage_usage', { used: size(e.usage), quota: size(e.quota) });
  });
  const lang = h('select', { id: 'lang', onchange: () => s.setLocale(lang.value) },
    LOCALES.map(([code, name]) => h('option', { value: code, selected: s.locale() === code, lang: code }, name)));
  return h('div', null,
    h('h1', null, t('settings_title')),
    h('label', { for: 'lang' }, t('language')), lang,
    h('h2', null, t('storage')), persisted, usage,
    lockSection(ctx),
    h('h2', null, t('account')),
    h('p', null, t('signed_in_as', { name: `${ctx.user.display_name} (${ctx.user.username})` })),
    passwordForm(ctx),
    h('p', null, h('a', { class: 'button', href: '#/devices', 'data-test': 'devices-link' }, t('dev_title'))),
    h('div', { class: 'actions' },
      h('button', { type: 'button', 'data-test': 'sync-now', onclick: () => ctx.sync() }, t('sync_now')),
      h('button', { type: 'button', class: 'danger', 'data-test': 'logout', onclick: () => void logout(ctx) }, t('logout'))),
    h('p', { class: 'muted' }, t('version', { v: s.version() })));
}
