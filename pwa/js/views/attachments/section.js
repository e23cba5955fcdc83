/**
 * The person file's "Files and CV": the CV's versions (newest first), the other files of the
 * person and of visits that named them, and a picker to add one (a photo with the camera, or
 * a photo or PDF from the phone). Adding works offline: the file is kept sealed and goes up
 * after the next push.
 */
import { h } from '../../ui/dom.js';
import { t, label } from '../../i18n/index.js';
import { filePicker } from './picker.js';
import { attachmentList } from './items.js';
import { attach, cvsOf } from './files.js';

/** @typedef {import('../context.js').Ctx} Ctx */

/** Kinds a helper picks from, the most common first. */
const KINDS = ['photo', 'contract', 'certificate', 'form', 'cv', 'other'];

/**
 * The other attachments of a person: their file's, and their visits' that name them.
 * @param {Ctx} ctx @param {Record<string, any>} person
 */
export function filesOf(ctx, person) {
  return ctx.replica.all('attachment')
    .filter((a) => a.kind !== 'cv' && (a.person_id === person.id ||
      (a.visit_id && !a.person_id && ctx.replica.get('visit', a.visit_id)?.person_ids?.includes(person.id))))
    .sort((a, b) => String(b.uploaded_at ?? '~').localeCompare(String(a.uploaded_at ?? '~')));
}

/** @param {Ctx} ctx @param {Record<string, any>} person @returns {HTMLElement} */
export function fileSection(ctx, person) {
  const kind = /** @type {HTMLSelectElement} */ (h('select', { id: 'at-kind', 'data-test': 'attach-kind' },
    KINDS.map((k) => h('option', { value: k }, label('attachment', k)))));
  const title = /** @type {HTMLInputElement} */ (h('input', { id: 'at-title', maxlength: 160, 'data-test': 'attach-title' }));
  const picker = filePicker({
    onFile: async (file) => {
      await attach(ctx, file, { person_id: person.id, kind: kind.value, title: title.value });
      title.value = '';
      ctx.toast(t('at_saved'));
    },
  });
  const cvs = cvsOf(ctx, person.id);
  return h('section', { class: 'attachments-section', 'data-test': 'attachments' },
    h('h2', null, t('at_title')),
    h('h3', null, label('attachment', 'cv')),
    cvs.length ? attachmentList(ctx, cvs, 'cv-list') : h('p', { class: 'hint', 'data-test': 'cv-none' }, t('at_cv_none')),
    h('h3', null, t('at_other_files')),
    attachmentList(ctx, filesOf(ctx, person), 'attachment-list'),
    h('details', { class: 'attach-form' },
      h('summary', { 'data-test': 'attach-open' }, t('at_add')),
      h('label', { for: 'at-kind' }, t('at_kind')), kind,
      h('label', { for: 'at-title' }, t('at_title_field')), title,
      picker));
}
