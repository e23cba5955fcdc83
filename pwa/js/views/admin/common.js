/**
 * What every office screen shares: the server's refusals said in the user's language (the API
 * answers in English; a person reads a sentence about the field they typed, never a code), a
 * labelled field with its own error line.
 */
import { h } from '../../ui/dom.js';
import { t, locale } from '../../i18n/index.js';
import { HttpError, NetworkError } from '../../net/api.js';

/** Field names the server may name in `fields`, as the form labels call them. */
const FIELD_KEYS = /** @type {Record<string, string>} */ ({
  username: 'username', display_name: 'adm_display_name', role: 'adm_role', area_id: 'adm_area',
  person_id: 'adm_person', password: 'password', name: 'adm_area_name', parent_id: 'adm_parent',
  interval_days: 'adm_rule_days', title: 'adm_cat_title', file: 'adm_import_file',
});

/**
 * One sentence for a failed call, in the user's language.
 * @param {unknown} err
 */
export function problem(err) {
  if (err instanceof NetworkError || !navigator.onLine) return t('sup_offline');
  if (!(err instanceof HttpError)) return err instanceof Error ? err.message : String(err);
  const known = `adm_err.${err.code}`;
  if (t(known) !== known) return t(known);
  if (err.fields.username?.includes('already exists')) return t('adm_err_username_taken');
  if (err.fields.person_id?.includes('has an account')) return t('adm_err_person_has_account');
  if (err.fields.area_id) return t('adm_err_area');
  if (err.fields.parent_id) return t('adm_err_parent');
  const names = Object.keys(err.fields).map((f) => t(FIELD_KEYS[f] ?? f));
  if (names.length) return t('adm_err_fields', { fields: names.join(locale() === 'en' ? ', ' : '、') });
  if (err.status === 403) return t('adm_err_forbidden');
  return t('sup_failed', { message: err.message });
}

/**
 * A label over its input.
 * @param {string} text @param {HTMLInputElement|HTMLSelectElement|HTMLTextAreaElement} input
 */
export function field(text, input) {
  return h('div', null, h('label', { for: input.id }, text), input);
}

/**
 * A `<select>` of `[value, text]` pairs.
 * @param {string} id @param {[string, string][]} options @param {string} [value]
 */
export function select(id, options, value = '') {
  return h('select', { id, name: id }, options.map(([v, text]) => h('option', { value: v, selected: v === value }, text)));
}

/** An alert line that says nothing until `say()`. */
export function alertLine() {
  const el = h('p', { class: 'error', role: 'alert', 'data-test': 'form-error' });
  /** @param {string} text */
  const say = (text) => { el.textContent = text; };
  return { el, say };
}

/** The office screens' heading with a way back to the office. @param {string} title */
export function heading(title) {
  return [h('p', null, h('a', { href: '#/office', 'data-test': 'back-office' }, `← ${t('adm_office')}`)), h('h1', null, title)];
}
