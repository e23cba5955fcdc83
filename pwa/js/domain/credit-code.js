/**
 * Unified social credit codes (统一社会信用代码, GB 32100-2015), checked on the phone exactly as
 * the server checks them (`server/credit_code.py`): 18 characters of the digits and 21 capital
 * letters (no I, O, Z, S, V), the division code in characters 3-8, and a check character. A
 * helper typing one at the enterprise's door learns of a slip at once, offline.
 *
 * Pure: no DOM, no storage.
 */

export const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** 3**i mod 31 for positions 1..17. */
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** As stored: no spaces, upper-case. @param {string} value */
export function normaliseCreditCode(value) {
  return value.replace(/\s+/g, '').toUpperCase();
}

/** The check character of the first 17 characters. @param {string} first17 */
export function creditCheckCharacter(first17) {
  let total = 0;
  for (let i = 0; i < 17; i += 1) total += ALPHABET.indexOf(first17[i]) * WEIGHTS[i];
  return ALPHABET[(31 - (total % 31)) % 31];
}

/**
 * What is wrong with a (normalised) code, as a message key, or null when it is valid.
 * @param {string} code @returns {string|null}
 */
export function creditCodeProblem(code) {
  if (code.length !== 18) return 'em_code_length';
  if ([...code].some((c) => !ALPHABET.includes(c))) return 'em_code_chars';
  if (!/^\d{6}$/.test(code.slice(2, 8))) return 'em_code_division';
  if (creditCheckCharacter(code.slice(0, 17)) !== code[17]) return 'em_code_check';
  return null;
}
