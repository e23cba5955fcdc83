/**
 * Log in. Also used when a session expired: the username is filled in and a line says the
 * waiting changes are kept and will be sent after logging in; and to open a locked phone with
 * the password (no PIN, a forgotten one, or too many wrong ones), with a notice saying why.
 */
import { h } from '../../ui/dom.js';
import { t } from '../../i18n/index.js';
import { activateForm } from '../graduate/activate.js';

/**
 * `notice`: why the password is asked (the phone locked without a PIN, too many wrong PINs).
 * @param {{username?: string, pending?: number, othersParked?: boolean, notice?: string, onLogin(username: string, password: string): Promise<void>}} opts
 */
export function loginView(opts) {
  const user = h('input', { id: 'username', name: 'username', autocomplete: 'username', required: true, value: opts.username ?? '', autocapitalize: 'none' });
  const pass = h('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const error = h('p', { class: 'error', role: 'alert' });
  const submit = h('button', { type: 'submit', class: 'primary' }, t('login_button'));
  /** @param {Event} e */
  const onsubmit = async (e) => {
    e.preventDefault();
    error.textContent = '';
    submit.disabled = true;
    try {
      await opts.onLogin(user.value.trim(), pass.value);
    } catch (err) {
      error.textContent = err instanceof Error ? err.message : String(err);
      submit.disabled = false;
    }
  };
  queueMicrotask(() => (opts.username ? pass : user).focus());
  // A graduate's first time: activation with the invitation code sits under the form (issue 5).
  return h('div', null, h('form', { class: 'login', onsubmit },
    h('h1', null, t('login_title')),
    opts.pending ? h('p', { class: 'error', 'data-test': 'login-pending', 'data-pending': opts.pending }, t('login_again', { n: opts.pending })) : h('p', { class: 'muted' }, t('login_intro')),
    opts.notice && h('p', { class: 'error', 'data-test': 'login-notice' }, opts.notice),
    opts.othersParked && h('p', { class: 'hint', 'data-test': 'others-parked' }, t('login_other_user')),
    h('label', { for: 'username' }, t('username')), user,
    h('label', { for: 'password' }, t('password')), pass,
    error,
    h('div', { class: 'actions' }, submit)), opts.pending || opts.notice ? null : activateForm(opts.onLogin));
}
