/**
 * The form pieces of a file shared by registration and editing: a person's fields in folded
 * sections (`domain/file-fields.js` describes them), the problems shown under each field, and
 * the duplicate warning with links to the existing files.
 *
 * Fields may be left unnamed (`named: false`): registration keeps its members itself in the
 * draft's state, since a draft restores named fields only into inputs that already exist.
 */
import { h, nextId } from '../../ui/dom.js';
import { t, label } from '../../i18n/index.js';
import { problemText } from '../../ui/bounded.js';
import {
  PERSON_SECTIONS, PERSON_FIELDS, mergeClass, readValue, inputValue, idNumberProblem,
  normaliseIdNumber, birthDateOfIdNumber, genderOfIdNumber,
} from '../../domain/file-fields.js';
import { suggestForStatus } from '../../domain/vocabulary.js';

/** Values a new file starts with, which do not make their section "filled". */
const NEW_DEFAULTS = { status: true };

/** @param {any} v */
const isBlank = (v) => v === null || v === undefined || v === '' || v === false || (Array.isArray(v) && v.length === 0);

/** @typedef {import('../../domain/file-fields.js').FieldSpec} FieldSpec */
/** @typedef {import('../../domain/file-fields.js').Problem} Problem */
/** @typedef {import('../../domain/duplicates.js').Match} Match */
/** @typedef {HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement} Input */

/** The phone's calendar day of `ms` as YYYY-MM-DD. @param {number} ms */
export function localDay(ms) {
  const d = new Date(ms);
  d.setMinutes(d.getMinutes() - d.getTimezoneOffset());
  return d.toISOString().slice(0, 10);
}

/**
 * One field: its label (with the reviewed mark), its input and the line its problem goes in.
 * @param {FieldSpec} spec @param {any} value @param {{name?: string, review: boolean, entity: string}} opts
 */
export function fieldRow(spec, value, opts) {
  const id = nextId(`f-${spec.name}`);
  const problem = h('p', { class: 'error', id: `${id}-problem`, role: 'alert', 'data-test': `problem-${spec.name}` });
  const shown = inputValue(spec, value);
  const common = { id, name: opts.name, 'data-field': spec.name, 'aria-describedby': `${id}-problem`, required: spec.required };
  /** @type {Input} */
  let input;
  if (spec.kind === 'select') {
    input = h('select', common,
      !spec.required && h('option', { value: '' }, '—'),
      (spec.options ?? []).map((o) => h('option', { value: o, selected: o === shown }, spec.labels ? label(spec.labels, o) : o)));
  } else if (spec.kind === 'list') {
    input = h('textarea', { ...common, rows: 3, value: shown });
  } else if (spec.kind === 'bool') {
    input = h('input', { ...common, type: 'checkbox', checked: shown === true, value: 'yes' });
  } else {
    const type = { tel: 'tel', email: 'email', date: 'date', number: 'number' }[/** @type {string} */ (spec.kind)] ?? 'text';
    input = h('input', { ...common, type, value: shown,
      inputmode: spec.kind === 'number' ? 'numeric' : spec.kind === 'id_number' ? 'text' : undefined,
      autocapitalize: spec.kind === 'id_number' ? 'characters' : undefined,
      maxlength: spec.kind === 'id_number' ? 22 : undefined, min: spec.kind === 'number' ? 0 : undefined });
  }
  const reviewed = opts.review && mergeClass(opts.entity, spec.name) === 'lww_review';
  const mark = reviewed && h('span', { class: 'badge', title: t('file_reviewed_hint'), 'data-test': `reviewed-${spec.name}` }, t('file_reviewed'));
  const hint = spec.kind === 'list' ? h('p', { class: 'hint' }, t('file_list_hint')) : null;
  const node = spec.kind === 'bool'
    ? h('div', null, h('label', { class: 'check', for: id }, input, t(`file_f_${spec.name}`), mark), problem)
    : h('div', null, h('label', { for: id }, t(`file_f_${spec.name}`), spec.required ? ' *' : '', ' ', mark), input, hint, problem);
  return { spec, input, problem, node };
}

/** @typedef {ReturnType<typeof fieldRow>} Row */

/**
 * A person's fields in sections; the first ones open, the rest folded (`<details>`).
 * @param {{values?: Record<string, any>, named?: boolean, review?: boolean, only?: string[]}} [opts]
 */
export function personFields(opts = {}) {
  const values = opts.values ?? {};
  /** @type {Map<string, Row>} */
  const rows = new Map();
  /** @type {Map<string, HTMLDetailsElement>} */
  const folds = new Map();
  const sections = PERSON_SECTIONS.map((section) => {
    const fields = section.fields.filter((f) => !opts.only || opts.only.includes(f.name));
    for (const spec of fields) {
      rows.set(spec.name, fieldRow(spec, values[spec.name], { name: opts.named ? spec.name : undefined, review: Boolean(opts.review), entity: 'person' }));
    }
    const body = fields.map((f) => rows.get(f.name)?.node);
    // A folded section that already holds something opens, so an edit shows what is on file.
    const filled = fields.some((f) => !isBlank(values[f.name]) && !(f.name in NEW_DEFAULTS));
    const fold = h('details', { class: 'file-section', open: section.open || filled, 'data-section': section.key },
      h('summary', null, t(`file_s_${section.key}`)), body);
    folds.set(section.key, fold);
    return fold;
  });
  const idRow = rows.get('id_number');
  // A valid identity number fills the birth date and gender it carries, if still empty.
  idRow?.input.addEventListener('change', () => {
    const number = normaliseIdNumber(idRow.input.value);
    if (!number || idNumberProblem(number)) return;
    const born = rows.get('birth_date');
    if (born && !born.input.value) born.input.value = birthDateOfIdNumber(number) ?? '';
    const gender = rows.get('gender');
    if (gender && !gender.input.value) gender.input.value = genderOfIdNumber(number);
  });

  /** @param {Row} row */
  const raw = (row) => (row.input instanceof HTMLInputElement && row.input.type === 'checkbox' ? row.input.checked : row.input.value);
  return {
    nodes: sections,
    rows,
    /** Typed values of every field shown. @returns {Record<string, any>} */
    read() {
      return Object.fromEntries([...rows].map(([name, row]) => [name, readValue(row.spec, raw(row))]));
    },
    /** What the inputs hold, as typed (a draft's state). @returns {Record<string, string|boolean>} */
    raw() {
      return Object.fromEntries([...rows].map(([name, row]) => [name, raw(row)]));
    },
    /** @param {Record<string, string|boolean>} typed */
    write(typed) {
      for (const [name, value] of Object.entries(typed)) {
        const row = rows.get(name);
        if (!row) continue;
        if (row.input instanceof HTMLInputElement && row.input.type === 'checkbox') row.input.checked = value === true;
        else row.input.value = String(value ?? '');
      }
    },
    /** Show problems under their fields, open their sections; returns the first bad input. @param {Record<string, Problem>} problems */
    show(problems) {
      /** @type {Input|null} */
      let first = null;
      for (const [name, row] of rows) {
        const problem = problems[name];
        row.problem.textContent = problem ? problemText(problem) : '';
        row.input.setAttribute('aria-invalid', problem ? 'true' : 'false');
        if (problem) {
          const fold = row.node.closest('details');
          if (fold) fold.open = true;
          first ??= row.input;
        }
      }
      return first;
    },
  };
}

/** @typedef {ReturnType<typeof personFields>} PersonFields */

/**
 * The warning shown before saving a file that may already exist: the matching files with links,
 * and (unless the identity number is the same) "this is a different person, save anyway".
 * @param {Match[]} matches @param {(() => void) | null} onConfirm null: saving is not allowed
 */
export function duplicateNotice(matches, onConfirm) {
  return h('div', { class: 'card rejected', role: 'alert', 'data-test': 'duplicate-warning' },
    h('p', { class: 'title' }, onConfirm ? t('file_dup_maybe') : t('file_dup_same_id')),
    h('ul', { class: 'list' }, matches.map((m) => h('li', null,
      h('a', { href: `#/person/${m.person.id}`, 'data-test': 'duplicate-link' }, m.person.name),
      ' · ', t(`file_dup_key_${m.key}`),
      m.person.birth_date ? ` · ${m.person.birth_date}` : ''))),
    onConfirm && h('div', { class: 'actions' },
      h('button', { type: 'button', onclick: onConfirm, 'data-test': 'duplicate-confirm' }, t('file_dup_confirm'))));
}

/** The field names of a person's file, in form order. */
export const PERSON_FIELD_NAMES = PERSON_FIELDS.map((f) => f.name);

/**
 * The category (and follow-up interval) a status proposes (`suggestForStatus`), shown under the
 * category. `auto`: a new file takes it while the helper has not chosen a category; an edit
 * shows it with a button, and the helper confirms.
 * @param {PersonFields} fields
 * @param {Record<string, any>} person the file as it is (an empty one for a new file)
 * @param {() => Record<string, any>|null|undefined} household
 * @param {() => Record<string, number>} intervals the office's intervals
 * @param {{auto: boolean}} opts
 */
export function proposeCategory(fields, person, household, intervals, opts) {
  const status = fields.rows.get('status')?.input;
  const category = fields.rows.get('category')?.input;
  if (!status || !category) return;
  let chosen = false;
  category.addEventListener('change', () => { chosen = true; });
  const line = h('div', { class: 'hint', 'aria-live': 'polite', 'data-test': 'category-proposal' });
  category.after(line);
  const update = () => {
    const values = { ...person, ...fields.read() };
    const moved = status.value !== (person.status ?? null);
    const suggestion = moved || opts.auto ? suggestForStatus(values, household(), status.value, intervals()) : null;
    line.replaceChildren();
    if (!suggestion || suggestion.category === category.value) return;
    const text = t('file_proposed', { category: label('category', suggestion.category), n: suggestion.interval_days });
    if (opts.auto && !chosen) {
      category.value = suggestion.category;
      line.append(t('suggested_from', { category: label('category', suggestion.category), n: suggestion.interval_days }));
      return;
    }
    line.append(text, ' ', h('button', { type: 'button', 'data-test': 'use-proposal', onclick: () => {
      category.value = suggestion.category;
      category.dispatchEvent(new Event('change', { bubbles: true }));
      line.replaceChildren(t('suggested_from', { category: label('category', suggestion.category), n: suggestion.interval_days }));
    } }, t('file_use_proposal')));
  };
  for (const name of ['status', 'graduation_date', 'disadvantaged']) fields.rows.get(name)?.input.addEventListener('change', update);
  update();
  return update;
}
