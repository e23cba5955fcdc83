/**
 * The phone's duplicate check, before a second file is opened for someone already on file:
 * against the local replica (the helper's caseload, pending registrations included), on the
 * same three keys as the server (`server/records/duplicates.py`):
 *
 * - `id_number`: the same identity number is the same person; the form will not save it (the
 *   server refuses it too, `duplicate_person`), it offers to open the existing file instead.
 * - `phone` (compared by its digits), or `name_birth_date` (the same name and birth date):
 *   probably the same person; the helper opens the existing file or confirms it is someone else.
 *
 * The replica holds only the helper's own scope; the server checks the whole office again.
 * Pure: no DOM, no storage.
 */
import { phoneDigits } from './search.js';

/** @typedef {'id_number'|'phone'|'name_birth_date'} MatchKey */
/** @typedef {{person: Record<string, any>, key: MatchKey}} Match */

const ORDER = { id_number: 0, phone: 1, name_birth_date: 2 };

// A phone number's digits by search's rule ("138-0013 8000", "+86 138 0013 8000" and
// "13800138000" are one number), the rule the server's duplicate check uses too.
export { phoneDigits };

/** @param {unknown} value */
const nameKey = (value) => (typeof value === 'string' ? value.replace(/\s+/g, ' ').trim().toLowerCase() : '');

/**
 * The strongest key on which `candidate` matches `other`, or null.
 * @param {Record<string, any>} candidate @param {Record<string, any>} other @returns {MatchKey|null}
 */
export function matchKey(candidate, other) {
  if (candidate.id_number && other.id_number && candidate.id_number === other.id_number) return 'id_number';
  const phone = phoneDigits(candidate.phone);
  if (phone.length >= 5 && phone === phoneDigits(other.phone)) return 'phone';
  const name = nameKey(candidate.name);
  if (name && candidate.birth_date && name === nameKey(other.name) && candidate.birth_date === other.birth_date) return 'name_birth_date';
  return null;
}

/**
 * Files among `persons` that may be the same person as `candidate`, strongest first.
 * @param {Iterable<Record<string, any>>} persons the replica's persons
 * @param {Record<string, any>} candidate the typed values
 * @param {string|null} [excludeId] the file being edited
 * @returns {Match[]}
 */
export function findDuplicates(persons, candidate, excludeId = null) {
  /** @type {Match[]} */
  const out = [];
  for (const person of persons) {
    if (person.id === excludeId) continue;
    const key = matchKey(candidate, person);
    if (key) out.push({ person, key });
  }
  return out.sort((a, b) => ORDER[a.key] - ORDER[b.key] || String(a.person.name).localeCompare(String(b.person.name)));
}

/** Does a match forbid saving (the same identity number)? @param {Match[]} matches */
export function blocksSaving(matches) {
  return matches.some((m) => m.key === 'id_number');
}
