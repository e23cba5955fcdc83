/**
 * A graduate keeps their contact details and job intention up to date. Each changed field is a
 * `set` op carrying the stamp of the value this phone last saw (`base`), so a concurrent edit by
 * their helper is kept for review (`lww_review`) rather than silently overwritten.
 *
 * Below the form, their CV: its versions, and "Upload a new version" (a PDF or a photo of each
 * page), kept sealed on the phone and sent after the next push like any attachment; each new
 * version counts as a revision toward 3-3-3-3. The policy lets a graduate add only a CV, and
 * only to their own file.
 */
import { h, mount } from '../../ui/dom.js';
import { t } from '../../i18n/index.js';
import { filePicker } from '../attachments/picker.js';
import { attachmentList } from '../attachments/items.js';
import { attach, cvsOf } from '../attachments/files.js';

/** @typedef {import('../context.js').Ctx} Ctx */

const FIELDS = /** @type {const} */ ([
  ['phone', 'tel'], ['email', 'email'], ['wechat', 'text'],
  ['intention_industry', 'text'], ['intention_role', 'text'], ['intention_place', 'text'],
  ['intention_pay_min', 'number'], ['intention_pay_max', 'number'],
]);

/** @param {Ctx} ctx */
export function profile(ctx) {
  const { replica } = ctx;
  const me = replica.get('person', ctx.user.person_id);
  if (!me) return h('div', null, h('h1', null, t('grad_profile')), h('p', null, t('not_found')));
  /** @type {Record<string, HTMLInputElement>} */
  const inputs = {};
  const rows = FIELDS.map(([field, type]) => {
    const id = `p-${field}`;
    inputs[field] = h('input', { id, name: field, type, value: me[field] ?? '', inputmode: type === 'number' ? 'numeric' : undefined, min: type === 'number' ? 0 : undefined });
    return [h('label', { for: id }, t(`grad_field_${field}`)), inputs[field]];
  });
  const error = h('p', { class: 'error', role: 'alert' });
  /** @param {Event} e */
  const save = async (e) => {
    e.preventDefault();
    /** @type {Record<string, any>} */
    const changed = {};
    for (const [field, type] of FIELDS) {
      const raw = inputs[field].value.trim();
      const value = raw === '' ? null : type === 'number' ? Math.round(Number(raw)) : raw;
      if (value !== (me[field] ?? null)) changed[field] = value;
    }
    const low = changed.intention_pay_min ?? me.intention_pay_min;
    const high = changed.intention_pay_max ?? me.intention_pay_max;
    if (low != null && high != null && low > high) {
      error.textContent = t('grad_pay_reversed');
      return;
    }
    const fields = Object.keys(changed);
    if (!fields.length) return ctx.nav('/mine');
    await replica.record(fields.map((field) => ({ entity: 'person', entity_id: me.id, kind: 'set',
      data: { [field]: changed[field] }, base: { [field]: replica.stampOf('person', me.id, field) } })));
    ctx.toast(t('saved_locally'));
    ctx.nav('/mine');
  };
  const versions = h('div');
  const showVersions = () => {
    const cvs = cvsOf(ctx, me.id);
    mount(versions, cvs.length ? attachmentList(ctx, cvs, 'cv-list') : h('p', { class: 'hint', 'data-test': 'cv-none' }, t('at_cv_none')));
  };
  showVersions();
  const cv = h('section', { class: 'my-cv', 'data-test': 'my-cv' },
    h('h2', null, t('at_my_cv')),
    h('p', { class: 'hint' }, t('at_cv_hint')),
    versions,
    h('h3', null, t('at_upload_cv')),
    filePicker({ test: 'cv', onFile: async (file) => {
      await attach(ctx, file, { person_id: me.id, kind: 'cv', title: file.name.replace(/\.[^.]*$/, '') });
      showVersions();
      ctx.toast(t('at_cv_saved'));
    } }));
  return h('div', null, h('form', { onsubmit: save },
    h('h1', null, t('grad_profile')),
    h('p', { class: 'hint' }, t('grad_profile_intro')),
    h('fieldset', null, h('legend', null, t('grad_contact')), rows.slice(0, 3)),
    h('fieldset', null, h('legend', null, t('intention')), rows.slice(3)),
    error,
    h('div', { class: 'actions sticky' },
      h('button', { type: 'submit', class: 'primary' }, t('save')),
      h('button', { type: 'button', onclick: () => history.back() }, t('cancel')))), cv);
}
