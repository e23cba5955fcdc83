/**
 * What a search key is and how a query is read: the rule `sync/vectors/search/search.json` pins
 * and `server/search.py` computes the same way, so a helper finds the same people on the phone
 * and on the server.
 *
 * A helper types what she heard at the door: characters (李杰), pinyin with or without tones and
 * spaces (`lijie`, `li jie`, `lǐ jié`), initials (`lj`), an English name in any case, a few
 * digits of a phone, the end of an identity number. So a person carries normalised keys (names,
 * phone digits, identity number) and a query is folded the same way before it is compared.
 * Pinyin itself comes from a library (pinyin-pro, loaded with the search screen), handed in as a
 * `Readings` function so this module stays pure and cheap to import.
 */

/**
 * Full pinyin and initials of a run of Chinese characters, read with every reading of its first
 * character (a surname's reading differs from the dictionary's: 单 shan, 曾 zeng, 解 xie).
 * @typedef {(han: string) => {full: string[], initials: string[]}} Readings
 */

/** @typedef {{names: string[], phone: string, id: string}} Keys */
/** @typedef {'exact'|'prefix'|'substring'} Rank */
/** @typedef {{kind: 'empty'|'text'|'digits'|'id_tail', text: string}} Query */

/** Ranks, best first (results sort by their index here). */
export const RANKS = /** @type {const} */ (['exact', 'prefix', 'substring']);

/** Shortest run of digits that searches phones (fewer would match half the caseload). */
export const PHONE_MIN_DIGITS = 4;
/** An identity number is found by all of it or by its last 4-6 characters. */
export const ID_TAIL = { min: 4, max: 6 };

const HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{2ffff}]/gu;

/**
 * Fold for comparison: NFKC (full-width letters and digits from a Chinese keyboard become plain),
 * lower case, tone marks off and ü as v (as pinyin is typed), runs of spaces as one.
 * @param {unknown} s
 */
export function fold(s) {
  return String(s ?? '')
    .normalize('NFKC')
    .toLocaleLowerCase()
    .normalize('NFD')
    .replace(/u\u0308/g, 'v')
    .replace(/[\u0300-\u036f]/g, '')
    .normalize('NFC')
    .replace(/\s+/g, ' ')
    .trim();
}

/** `fold`, then only letters and digits: spaces and punctuation are not part of a key. @param {unknown} s */
export function compact(s) {
  return fold(s).replace(/[^\p{L}\p{N}]/gu, '');
}

/** The Chinese characters of a text, in order. @param {string} s */
export function hanOf(s) {
  return (s.match(HAN) ?? []).join('');
}

/** A phone's digits, a +86 / 0086 country code in front of a mobile number dropped. @param {unknown} s */
export function phoneDigits(s) {
  return withoutCountryCode(fold(s).replace(/\D/g, ''));
}

/** @param {string} digits */
function withoutCountryCode(digits) {
  if (digits.length === 13 && digits.startsWith('86')) return digits.slice(2);
  if (digits.length === 15 && digits.startsWith('0086')) return digits.slice(4);
  return digits;
}

/** What kind of query the helper typed. @param {unknown} raw @returns {Query} */
export function readQuery(raw) {
  const text = compact(raw);
  if (!text) return { kind: 'empty', text };
  if (/^\d+$/.test(text)) return { kind: 'digits', text };
  if (/^\d+x$/.test(text)) return { kind: 'id_tail', text };
  return { kind: 'text', text };
}

/**
 * A person's search keys.
 * @param {Record<string, unknown>} person a file (its name, phone and id_number are read)
 * @param {Readings} readings
 * @returns {Keys}
 */
export function keysOf(person, readings) {
  const folded = fold(person.name);
  /** @type {Set<string>} */
  const names = new Set();
  const whole = compact(folded);
  if (whole) names.add(whole);
  for (const word of folded.split(' ')) {
    const w = compact(word);
    if (w) names.add(w);
  }
  const han = hanOf(folded);
  if (han) {
    const { full, initials } = readings(han);
    for (const key of full) {
      names.add(key);
      if (key.includes('v')) names.add(key.replace(/v/g, 'u'));
    }
    for (const key of initials) names.add(key);
  }
  return { names: [...names], phone: phoneDigits(person.phone), id: compact(person.id_number) };
}

/**
 * How well `keys` answer `query` (null: not at all).
 * @param {Keys} keys
 * @param {Query} query
 * @returns {Rank|null}
 */
export function rankOf(keys, query) {
  const q = query.text;
  if (query.kind === 'text') {
    let best = null;
    for (const key of keys.names) {
      if (key === q) return 'exact';
      if (key.startsWith(q)) best = 'prefix';
      else if (!best && key.includes(q)) best = 'substring';
    }
    return /** @type {Rank|null} */ (best);
  }
  if (query.kind === 'empty') return null;
  if (keys.id && keys.id === q) return 'exact';
  const idTail = keys.id && q.length >= ID_TAIL.min && q.length <= ID_TAIL.max && keys.id.endsWith(q);
  if (query.kind === 'id_tail') return idTail ? 'prefix' : null;
  const p = withoutCountryCode(q);
  if (p.length < PHONE_MIN_DIGITS) return null;
  if (keys.phone === p) return 'exact';
  if (idTail || keys.phone.startsWith(p)) return 'prefix';
  return keys.phone.includes(p) ? 'substring' : null;
}
