/**
 * First time on the app: a graduate activates the account their helper opened with the
 * one-time invitation code (read out on a call or sent by message) and chooses a password;
 * then they are logged in like anyone else. Shown under the login form.
 */
import { h } from '../../ui/dom.js';
import { t } from '../../i18n/index.js';
import { linkedInvitation } from './activate-link.js';

/**
 * @param {(username: string, password: string) => Promise<void>} onLogin
 * @returns {HTMLElement}
 */
export function activateForm(onLogin) {
  // Opened from the invitation's link or QR code: the username and code are filled in.
  const linked = linkedInvitation();
  const user = h('input', { id: 'act-username', name: 'username', autocomplete: 'username', required: true, autocapitalize: 'none', value: linked?.username ?? '' });
  const code = h('input', { id: 'act-code', name: 'code', required: true, autocapitalize: 'characters', autocomplete: 'one-time-code', minLength: 4, maxLength: 32, value: linked?.code ?? '' });
  const pass = h('input', { id: 'act-password', name: 'new-password', type: 'password', autocomplete: 'new-password', required: true, minLength: 8 });
  const error = h('p', { class: 'error', role: 'alert' });
  const submit = h('button', { type: 'submit', class: 'primary', 'data-test': 'activate' }, t('act_button'));
  /** @param {Event} e */
  const onsubmit = async (e) => {
    e.preventDefault();
    error.textContent = '';
    submit.disabled = true;
    const username = user.value.trim();
    try {
      let res;
      try {
        res = await fetch('/api/auth/activate', { method: 'POST', headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ username, code: code.value.trim().toUpperCase(), password: pass.value }) });
      } catch {
        throw new Error(t('login_offline'));
      }
      if (!res.ok) {
        const body = await res.json().catch(() => null);
        // 429: too many wrong tries; the server's message says how long to wait.
        if (res.status === 429) throw new Error(body?.error?.message || t('login_failed'));
        throw new Error(res.status === 422 ? t('act_password_short') : body?.error?.code === 'bad_invitation' ? t('act_bad_code') : t('login_failed'));
      }
      await onLogin(username, pass.value);
    } catch (err) {
      error.textContent = err instanceof Error ? err.message : String(err);
      submit.disabled = false;
    }
  };
  return h('details', { class: 'activate', open: Boolean(linked) },
    h('summary', null, t('act_title')),
    h('form', { onsubmit },
      h('p', { class: 'hint' }, t('act_intro')),
      h('label', { for: 'act-username' }, t('username')), user,
      h('label', { for: 'act-code' }, t('act_code')), code,
      h('label', { for: 'act-password' }, t('act_password')), pass,
      error,
      h('div', { class: 'actions' }, submit)));
}
