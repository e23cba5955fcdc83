/**
 * The two languages, the current locale, and Intl formatting. Strings are looked up by key;
 * a missing key falls back to English, then to the key itself, so nothing renders blank.
 */
import coreEn from './en.js';
import { en, zh } from './tables.js';

/** @typedef {keyof typeof coreEn} Key */
/** @typedef {'en' | 'zh-CN'} Locale */

/** @type {Record<Locale, Record<string, string>>} */
const TABLES = { en, 'zh-CN': zh };
export const LOCALES = /** @type {const} */ ([
  ['zh-CN', '简体中文'],
  ['en', 'English'],
]);

/** @type {Locale} */
let current = 'en';

/**
 * The default locale from the browser's preferences.
 * @param {readonly string[]} [languages]
 * @returns {Locale}
 */
export function detectLocale(languages = globalThis.navigator?.languages ?? []) {
  for (const lang of languages) {
    if (/^zh\b/i.test(lang)) return 'zh-CN';
    if (/^en\b/i.test(lang)) return 'en';
  }
  return 'en';
}

/** @param {string} locale */
export function setLocale(locale) {
  current = locale === 'zh-CN' ? 'zh-CN' : 'en';
  if (globalThis.document) document.documentElement.lang = current;
}

export function locale() {
  return current;
}

/**
 * Translate a key, filling `{name}` placeholders.
 * @param {Key | string} key
 * @param {Record<string, string|number>} [vars]
 */
export function t(key, vars) {
  const text = TABLES[current][key] ?? en[key] ?? key;
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (_, name) => {
    const v = vars[name];
    return v === undefined ? `{${name}}` : typeof v === 'number' ? formatNumber(v) : v;
  });
}

/** Label of a vocabulary code, e.g. `label('status', 'seeking')`. @param {string} kind @param {string|null|undefined} code */
export function label(kind, code) {
  if (!code) return '—';
  return t(`${kind}.${code}`);
}

/** @param {number} n */
export function formatNumber(n) {
  return new Intl.NumberFormat(current).format(n);
}

/** @param {string|number|Date|null|undefined} value */
export function formatDate(value) {
  if (value === null || value === undefined || value === '') return '—';
  const d = toDate(value);
  return new Intl.DateTimeFormat(current, { year: 'numeric', month: 'short', day: 'numeric' }).format(d);
}

/** @param {string|number|Date|null|undefined} value */
export function formatDateTime(value) {
  if (value === null || value === undefined || value === '') return '—';
  return new Intl.DateTimeFormat(current, { dateStyle: 'medium', timeStyle: 'short' }).format(toDate(value));
}

/** @param {string|number|Date} value */
export function formatTime(value) {
  return new Intl.DateTimeFormat(current, { hour: '2-digit', minute: '2-digit' }).format(toDate(value));
}

/** @param {string|number|Date} value */
function toDate(value) {
  if (value instanceof Date) return value;
  // A bare date "2026-11-21" is a calendar day, not UTC midnight.
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return new Date(`${value}T00:00:00`);
  return new Date(value);
}

/** "a, b, c" / "a、b、c" in the current language. @param {(string|null|undefined)[]} items */
export function formatList(items) {
  const list = items.filter((x) => typeof x === 'string' && x !== '');
  return new Intl.ListFormat(current, { type: 'conjunction', style: 'narrow' }).format(/** @type {string[]} */ (list));
}
