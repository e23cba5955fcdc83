/**
 * The lock screen, the form that chooses a PIN, and the vault actions the settings screen may
 * call (`vaultActions`, set by the controller while a user is unlocked: views receive only the
 * shared `Ctx`, which knows nothing of keys).
 *
 * A locked app shows this screen and nothing else: no name of a household, no count of waiting
 * work (the controller has dropped the replica and the key).
 */
import { h } from '../../ui/dom.js';
import { t } from '../../i18n/index.js';
import { PIN_PATTERN } from '../../local/vault.js';

/**
 * @typedef {{hasPin(): Promise<boolean>, setPin(pin: string): Promise<void>, lockNow(): Promise<void>,
 *   passwordChanged(password: string): Promise<void>, lockAfterMinutes(): number}} VaultActions
 */

/** @type {VaultActions|null} */
let actions = null;

/** The controller registers the actions of the unlocked user (null at lock and logout). @param {VaultActions|null} a */
export function setVaultActions(a) {
  actions = a;
}

/** @returns {VaultActions|null} */
export function vaultActions() {
  return actions;
}

/**
 * @param {{name: string, message?: string,
 *   onPin(pin: string): Promise<string|null>, onPassword(): void}} opts onPin resolves to an error
 *   message to show, or null when the app opened
 */
export function lockView(opts) {
  const pin = h('input', { id: 'pin', name: 'pin', type: 'password', inputmode: 'numeric', autocomplete: 'off', required: true, maxLength: 8, 'aria-describedby': 'pin-error' });
  const error = h('p', { id: 'pin-error', class: 'error', role: 'alert', 'data-test': 'pin-error' }, opts.message ?? '');
  const submit = h('button', { type: 'submit', class: 'primary', 'data-test': 'unlock' }, t('vault_unlock'));
  /** @param {Event} e */
  const onsubmit = async (e) => {
    e.preventDefault();
    error.textContent = '';
    submit.disabled = true;
    try {
      const problem = await opts.onPin(pin.value);
      if (problem !== null) {
        error.textContent = problem;
        pin.value = '';
        pin.focus();
      }
    } finally {
      submit.disabled = false;
    }
  };
  queueMicrotask(() => pin.focus());
  return h('form', { class: 'login lock', 'data-test': 'lock', onsubmit },
    h('h1', null, t('vault_locked_title')),
    h('p', { class: 'muted' }, t('vault_locked_for', { name: opts.name })),
    h('label', { for: 'pin' }, t('vault_pin')), pin,
    error,
    h('div', { class: 'actions' }, submit),
    h('p', null, h('button', { type: 'button', class: 'link', 'data-test': 'use-password', onclick: () => opts.onPassword() }, t('vault_use_password'))));
}

/**
 * Choose a PIN (twice, so a slip of the finger does not lock the helper out).
 * @param {(pin: string) => Promise<void>} onSet
 */
export function pinForm(onSet) {
  const first = h('input', { id: 'new-pin', type: 'password', inputmode: 'numeric', autocomplete: 'off', required: true, maxLength: 8 });
  const again = h('input', { id: 'new-pin-again', type: 'password', inputmode: 'numeric', autocomplete: 'off', required: true, maxLength: 8 });
  const message = h('p', { class: 'error', role: 'alert' });
  const submit = h('button', { type: 'submit', 'data-test': 'set-pin' }, t('vault_set_pin'));
  /** @param {Event} e */
  const onsubmit = async (e) => {
    e.preventDefault();
    message.textContent = '';
    if (!PIN_PATTERN.test(first.value)) return void (message.textContent = t('vault_pin_rule'));
    if (first.value !== again.value) return void (message.textContent = t('vault_pin_mismatch'));
    submit.disabled = true;
    try {
      await onSet(first.value);
      first.value = again.value = '';
    } catch (err) {
      message.textContent = err instanceof Error ? err.message : String(err);
    } finally {
      submit.disabled = false;
    }
  };
  return h('form', { class: 'pin-form', onsubmit },
    h('label', { for: 'new-pin' }, t('vault_pin_new')), first,
    h('label', { for: 'new-pin-again' }, t('vault_pin_again')), again,
    h('p', { class: 'muted' }, t('vault_pin_rule')),
    message,
    h('div', { class: 'actions' }, submit));
}
