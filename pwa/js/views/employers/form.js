/**
 * A new employer, or an edit of one, offline: name, credit code (checked as it is typed, the
 * server's rule: `domain/credit-code.js`), industry, size, park, address, committee, contacts
 * and notes. A new one is an `insert`; an edit is one `set` per changed field carrying the stamp
 * of the value it replaces (`editDrafts`), as a person's file is edited. The form keeps its
 * draft, contacts included.
 */
import { h } from '../../ui/dom.js';
import { t, label } from '../../i18n/index.js';
import { uuid } from '../../local/outbox.js';
import { keepDraft } from '../../ui/draft-form.js';
import { draftKey } from '../../local/drafts.js';
import { editDrafts } from '../../domain/file-fields.js';
import { creditCodeProblem, normaliseCreditCode } from '../../domain/credit-code.js';
import { knownCommittees } from '../helper/committees.js';
import { rowList } from './rows.js';
import vocabulary from '../../../../sync/vocabulary.json' with { type: 'json' };

/** @typedef {import('../context.js').Ctx} Ctx */

/** @type {readonly string[]} */
const SIZES = /** @type {any} */ (vocabulary).employer_sizes;
const TEXT_FIELDS = ['name', 'credit_code', 'industry', 'park', 'address', 'notes'];

/**
 * The record's values from the form's (empty → null; the code normalised; contacts without
 * blank rows).
 * @param {Record<string, string>} typed @param {Record<string, string>[]} contacts
 */
export function employerValues(typed, contacts) {
  /** @type {Record<string, any>} */
  const out = {};
  for (const key of [...TEXT_FIELDS, 'size', 'area_id']) out[key] = typed[key]?.trim() ? typed[key].trim() : null;
  if (out.credit_code) out.credit_code = normaliseCreditCode(out.credit_code);
  out.contacts = contacts.filter((c) => c.name).map((c) => ({ name: c.name, role: c.role || null, phone: c.phone || null }));
  return out;
}

/** @param {Ctx} ctx @param {Record<string, any>|null} before */
function employerForm(ctx, before) {
  const id = before?.id ?? null;
  /** @param {string} name @param {string} type @param {Record<string, any>} [attrs] */
  const input = (name, type = 'text', attrs = {}) => h('input', { id: `em-${name}`, name, type, value: before?.[name] ?? '', ...attrs });
  const name = input('name', 'text', { required: true, 'data-test': 'em-name' });
  const code = input('credit_code', 'text', { autocapitalize: 'characters', 'data-test': 'em-credit-code', maxlength: 24 });
  const codeProblem = h('p', { class: 'error', id: 'em-code-error', 'aria-live': 'polite' });
  code.setAttribute('aria-describedby', codeProblem.id);
  const checkCode = () => {
    const value = normaliseCreditCode(code.value);
    const problem = value ? creditCodeProblem(value) : null;
    codeProblem.textContent = problem ? t(problem) : '';
    if (problem) code.setAttribute('aria-invalid', 'true');
    else code.removeAttribute('aria-invalid');
    return !problem;
  };
  code.addEventListener('input', checkCode);
  const size = h('select', { id: 'em-size', name: 'size' }, h('option', { value: '' }, '—'),
    SIZES.map((s) => h('option', { value: s, selected: before?.size === s }, label('employer_size', s))));
  const committees = knownCommittees(ctx);
  const area = h('select', { id: 'em-area', name: 'area_id' }, h('option', { value: '' }, t('em_area_mine')),
    committees.map((c) => h('option', { value: c.id, selected: before?.area_id === c.id }, c.name)));
  const notes = h('textarea', { id: 'em-notes', name: 'notes', rows: 3, value: before?.notes ?? '' });
  const contacts = rowList({
    fields: [{ key: 'name', label: t('em_contact_name') }, { key: 'role', label: t('em_contact_role') },
      { key: 'phone', label: t('em_contact_phone'), type: 'tel', attrs: { inputMode: 'tel' } }],
    addKey: 'em_contact_add', removeKey: 'em_remove', test: 'contact', onChange: () => draft.touch(),
  });
  contacts.write((before?.contacts ?? []).map((/** @type {any} */ c) => ({ name: c.name ?? '', role: c.role ?? '', phone: c.phone ?? '' })));
  const error = h('p', { class: 'error', role: 'alert' });
  /** @param {Event} event */
  const save = async (event) => {
    event.preventDefault();
    if (!name.value.trim()) {
      error.textContent = t('em_name_needed');
      name.focus();
      return;
    }
    if (!checkCode()) {
      error.textContent = t('attention_fix_first');
      code.focus();
      return;
    }
    error.textContent = '';
    const typed = Object.fromEntries(['name', 'credit_code', 'industry', 'park', 'address', 'notes', 'size', 'area_id']
      .map((k) => [k, /** @type {HTMLInputElement} */ (form.elements.namedItem(k)).value]));
    const after = employerValues(typed, contacts.read());
    // "My sub-district" on an edit keeps the area it has (which may be the sub-district itself).
    if (!after.area_id && before) after.area_id = before.area_id ?? null;
    const newId = id ?? uuid();
    const drafts = id && before
      ? editDrafts('employer', id, { ...before, contacts: before.contacts ?? [] }, after, (f) => ctx.replica.stampOf('employer', id, f))
      : [{ entity: 'employer', entity_id: newId, kind: /** @type {const} */ ('insert'),
        data: Object.fromEntries(Object.entries(after).filter(([k, v]) => v !== null && !(k === 'contacts' && v.length === 0))) }];
    try {
      if (drafts.length) await ctx.replica.record(drafts);
      await draft.clear();
      ctx.toast(t('saved_locally'));
      location.replace(`#/employers/${newId}`);
    } catch (err) {
      error.textContent = String(err instanceof Error ? err.message : err);
    }
  };
  const form = /** @type {HTMLFormElement} */ (h('form', { class: 'employer-form', onsubmit: save, novalidate: true },
    h('h1', null, t(id ? 'em_edit' : 'em_new')),
    h('label', { for: 'em-name' }, t('em_name')), name,
    h('label', { for: 'em-credit_code' }, t('em_credit_code')), code, codeProblem,
    h('label', { for: 'em-industry' }, t('em_industry')), input('industry'),
    h('label', { for: 'em-size' }, t('em_size')), size,
    h('label', { for: 'em-park' }, t('em_park')), input('park'),
    h('label', { for: 'em-address' }, t('em_address')), input('address'),
    h('label', { for: 'em-area' }, t('em_area')), area,
    h('fieldset', null, h('legend', null, t('em_contacts')), contacts.node),
    h('label', { for: 'em-notes' }, t('em_notes')), notes,
    error,
    h('div', { class: 'actions sticky' },
      h('button', { type: 'submit', class: 'primary', 'data-test': 'save-employer' }, t('save')),
      h('button', { type: 'button', onclick: () => void draft.cancel() }, t('cancel')))));
  const draft = keepDraft(ctx, form, draftKey('employer', id), { state: { read: contacts.read, write: contacts.write } });
  return form;
}

/** @param {Ctx} ctx */
export function employerNew(ctx) {
  return employerForm(ctx, null);
}

/** @param {Ctx} ctx @param {import('../context.js').RouteArgs} args */
export function employerEdit(ctx, { params }) {
  const before = ctx.replica.get('employer', params.id);
  if (!before) return h('div', null, h('p', null, t('em_not_found')));
  return employerForm(ctx, { ...before, id: params.id });
}
