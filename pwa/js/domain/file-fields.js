/**
 * The fields of a file as forms show them: sections (the common ones first, the rest folded on
 * a phone), each field's input kind, its closed vocabulary, and its merge class from the
 * registry (`sync/registry.json`), so a form marks the reviewed fields without retyping a list.
 *
 * Also the rules a form checks before saving, the same ones the server applies
 * (`server/schemas/persons.py`, `server/id_number.py`): the GB 11643 identity number and its
 * check character, a birth date between 1900 and today that agrees with the number, a pay range
 * that is not reversed, text within the registry's bounds. And how an edit becomes protocol ops:
 * only changed fields, one `set` per field carrying the stamp it replaces (`base`), the pay range
 * in one op, the status as a `transition`.
 *
 * Pure: no DOM, no storage.
 */
import registry from '../../../sync/registry.json' with { type: 'json' };
import { CATEGORIES, EDUCATION_LEVELS, GENDERS, STATUSES } from './vocabulary.js';
import { checkText } from './limits.js';

/** @typedef {'text'|'tel'|'email'|'id_number'|'select'|'date'|'number'|'list'|'bool'} Kind */
/** @typedef {{name: string, kind: Kind, options?: readonly string[], labels?: string, required?: boolean}} FieldSpec */
/** @typedef {{key: string, open: boolean, fields: FieldSpec[]}} Section */
/** @typedef {{key: string, values?: Record<string, string|number>}} Problem */
/** @typedef {import('../local/outbox.js').Draft} Draft */

/** @type {Section[]} the person's file, in the order a helper fills it at the door */
export const PERSON_SECTIONS = [
  { key: 'identity', open: true, fields: [
    { name: 'name', kind: 'text', required: true },
    { name: 'phone', kind: 'tel' },
    { name: 'id_number', kind: 'id_number' },
    { name: 'gender', kind: 'select', options: GENDERS, labels: 'gender' },
    { name: 'birth_date', kind: 'date' },
  ] },
  { key: 'situation', open: true, fields: [
    { name: 'status', kind: 'select', options: STATUSES, labels: 'status', required: true },
    { name: 'category', kind: 'select', options: CATEGORIES, labels: 'category', required: true },
    { name: 'group_name', kind: 'text' },
    { name: 'disadvantaged', kind: 'bool' },
  ] },
  { key: 'education', open: false, fields: [
    { name: 'school', kind: 'text' },
    { name: 'major', kind: 'text' },
    { name: 'education_level', kind: 'select', options: EDUCATION_LEVELS, labels: 'edu' },
    { name: 'graduation_date', kind: 'date' },
  ] },
  { key: 'intention', open: false, fields: [
    { name: 'intention_industry', kind: 'text' },
    { name: 'intention_role', kind: 'text' },
    { name: 'intention_place', kind: 'text' },
    { name: 'intention_pay_min', kind: 'number' },
    { name: 'intention_pay_max', kind: 'number' },
  ] },
  { key: 'skills', open: false, fields: [
    { name: 'skills', kind: 'list' },
    { name: 'difficulties', kind: 'list' },
  ] },
  { key: 'contact', open: false, fields: [
    { name: 'email', kind: 'email' },
    { name: 'wechat', kind: 'text' },
  ] },
];

/** @type {FieldSpec[]} a household's own fields (the committee is chosen from a list) */
export const HOUSEHOLD_FIELDS = [
  { name: 'address', kind: 'text', required: true },
  { name: 'committee_id', kind: 'select', required: true },
  { name: 'zero_employment', kind: 'bool' },
];

export const PERSON_FIELDS = PERSON_SECTIONS.flatMap((s) => s.fields);

/** @type {any} */
const ENTITIES = registry.entities;

/**
 * The merge class of a field (`lww`, `lww_review`, `state_machine`...), as the registry says.
 * @param {string} entity @param {string} field @returns {string|null}
 */
export function mergeClass(entity, field) {
  const spec = ENTITIES[entity]?.fields?.[field];
  if (spec === undefined) return null;
  return typeof spec === 'string' ? spec : spec.class;
}

// -- identity numbers (GB 11643-1999) -----------------------------------------------------------

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** As stored: no spaces, an upper-case X. @param {string} value */
export function normaliseIdNumber(value) {
  return value.replace(/\s+/g, '').toUpperCase();
}

/** The birth date an identity number carries (YYYY-MM-DD), or null. @param {string} number */
export function birthDateOfIdNumber(number) {
  const y = Number(number.slice(6, 10));
  const m = Number(number.slice(10, 12));
  const d = Number(number.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (!/^\d{8}$/.test(number.slice(6, 14)) || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return number.slice(6, 10) + '-' + number.slice(10, 12) + '-' + number.slice(12, 14);
}

/** The gender an identity number carries (17th digit: odd male, even female). @param {string} number */
export function genderOfIdNumber(number) {
  return Number(number[16]) % 2 ? 'male' : 'female';
}

/**
 * What is wrong with an identity number (normalised), or null when it is valid.
 * @param {string} number @returns {Problem|null}
 */
export function idNumberProblem(number) {
  if (number.length !== 18) return { key: 'file_id_length' };
  if (!/^\d{17}[\dX]$/.test(number)) return { key: 'file_id_chars' };
  if (!birthDateOfIdNumber(number)) return { key: 'file_id_date' };
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(number[i]) * WEIGHTS[i];
  return CHECK[sum % 11] === number[17] ? null : { key: 'file_id_check' };
}

// -- values ----------------------------------------------------------------------------------

/**
 * A field's typed value from what its input holds: '' is null, numbers are whole, a list is
 * one item per line or comma, an identity number is normalised.
 * @param {FieldSpec} spec @param {string|boolean} raw
 */
export function readValue(spec, raw) {
  if (spec.kind === 'bool') return raw === true;
  const text = String(raw).trim();
  if (spec.kind === 'list') return text.split(/[\n,，、]+/).map((s) => s.trim()).filter(Boolean);
  if (text === '') return null;
  if (spec.kind === 'number') return Math.round(Number(text));
  if (spec.kind === 'id_number') return normaliseIdNumber(text);
  return text;
}

/** What an input shows for a stored value. @param {FieldSpec} spec @param {any} value @returns {string|boolean} */
export function inputValue(spec, value) {
  if (spec.kind === 'bool') return Boolean(value);
  if (spec.kind === 'list') return (Array.isArray(value) ? value : []).join('\n');
  return value === null || value === undefined ? '' : String(value);
}

/** An empty value, however a form or the server spells it ('' , [], false, null). @param {any} v */
const blank = (v) => v === null || v === undefined || v === '' || v === false || (Array.isArray(v) && v.length === 0);

/** @param {any} a @param {any} b */
function same(a, b) {
  return blank(a) ? blank(b) : JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The problems of a person's values, by field (empty: fit to save).
 * @param {Record<string, any>} values typed values (readValue)
 * @param {string} today YYYY-MM-DD in the office's calendar
 * @returns {Record<string, Problem>}
 */
export function checkPerson(values, today) {
  /** @type {Record<string, Problem>} */
  const problems = {};
  for (const spec of PERSON_FIELDS) {
    const value = values[spec.name];
    if (spec.required && (value === null || value === undefined || value === '')) problems[spec.name] = { key: 'file_required' };
    else if (typeof value === 'string' && ['text', 'tel', 'email'].includes(spec.kind)) {
      const problem = checkText('person', spec.name, value);
      if (problem) problems[spec.name] = problem;
    } else if (spec.kind === 'list' && Array.isArray(value)) {
      const problem = value.map((item) => checkText('person', spec.name, item)).find(Boolean);
      if (problem) problems[spec.name] = problem;
    } else if (spec.kind === 'number' && value !== null && value !== undefined && !(Number.isFinite(value) && value >= 0 && value <= 10_000_000)) {
      problems[spec.name] = { key: 'file_pay_range' };
    }
  }
  if (typeof values.email === 'string' && !problems.email && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(values.email)) problems.email = { key: 'file_email' };
  if (values.id_number) {
    const problem = idNumberProblem(values.id_number);
    if (problem) problems.id_number = problem;
  }
  const born = values.birth_date;
  if (born && (born < '1900-01-01' || born > today)) problems.birth_date = { key: 'file_birth_range' };
  else if (born && values.id_number && !problems.id_number && birthDateOfIdNumber(values.id_number) !== born) {
    problems.birth_date = { key: 'file_birth_mismatch' };
  }
  const low = values.intention_pay_min;
  const high = values.intention_pay_max;
  if (typeof low === 'number' && typeof high === 'number' && low > high && !problems.intention_pay_max) problems.intention_pay_max = { key: 'file_pay_reversed' };
  return problems;
}

/**
 * The fields whose value differs (what an edit sends; nothing else).
 * @param {Record<string, any>} before @param {Record<string, any>} after @returns {string[]}
 */
export function changedFields(before, after) {
  return Object.keys(after).filter((k) => !same(before[k], after[k]));
}

/**
 * An edit of a file as ops: a `transition` for the status, one `set` per changed field with the
 * stamp of the value it replaces (the pay range together, so the server never sees it reversed
 * halfway).
 * @param {string} entity @param {string} id
 * @param {Record<string, any>} before the record as the phone shows it
 * @param {Record<string, any>} after the form's typed values
 * @param {(field: string) => string|null} stampOf the stamp the server last gave a field
 * @returns {Draft[]}
 */
export function editDrafts(entity, id, before, after, stampOf) {
  const changed = changedFields(before, after);
  /** @type {Draft[]} */
  const drafts = [];
  /** @type {string[][]} */
  const groups = [];
  /** @type {string[]} */
  const pay = changed.filter((f) => f === 'intention_pay_min' || f === 'intention_pay_max');
  for (const field of changed) {
    const cls = mergeClass(entity, field);
    if (cls === 'state_machine') drafts.push({ entity, entity_id: id, kind: 'transition', data: { field, from: before[field] ?? null, to: after[field] } });
    else if ((cls === 'lww' || cls === 'lww_review') && !pay.includes(field)) groups.push([field]);
  }
  if (pay.length) groups.push(pay);
  for (const fields of groups) {
    drafts.push({ entity, entity_id: id, kind: 'set',
      data: Object.fromEntries(fields.map((f) => [f, after[f]])),
      base: Object.fromEntries(fields.map((f) => [f, stampOf(f)])) });
  }
  return drafts;
}

/**
 * The data of a new person's `insert`: the typed values without the empty ones.
 * @param {string} householdId @param {Record<string, any>} values @param {string} today
 */
export function personInsert(householdId, values, today) {
  /** @type {Record<string, any>} */
  const data = { household_id: householdId, registered_on: today };
  for (const spec of PERSON_FIELDS) {
    const value = values[spec.name];
    if (value === null || value === undefined || value === '' || (Array.isArray(value) && !value.length)) continue;
    data[spec.name] = value;
  }
  return data;
}
