/**
 * The visit form's photos: taken or chosen while the form is open, shown as thumbnails, and
 * turned into attachments of the visit when it is saved (`describe` keeps the bytes sealed and
 * returns the ops the form records with the visit, in one transaction). A photo names the one
 * person seen when there is one, else it belongs to the household's visit alone.
 */
import { h, mount } from '../../ui/dom.js';
import { t, label } from '../../i18n/index.js';
import { filePicker } from './picker.js';
import { keepAndDescribe } from './files.js';
import { registerLeaveGuard } from '../../ui/leave-guard.js';

/** @typedef {import('../context.js').Ctx} Ctx */
/** @typedef {import('./capture.js').Prepared} Prepared */
/** @typedef {import('../../local/outbox.js').Draft} Draft */

const KINDS = ['photo', 'contract', 'certificate', 'form', 'other'];

/** @param {Ctx} ctx */
export function visitPhotos(ctx) {
  /** @type {Prepared[]} */
  const picked = [];
  let saved = false;
  // Photos live in memory until the visit is saved: leaving before that asks first.
  registerLeaveGuard(() => saved || picked.length === 0 || confirm(t('at_visit_photos_unsaved', { n: picked.length })));
  const kind = /** @type {HTMLSelectElement} */ (h('select', { id: 'visit-photo-kind', 'data-test': 'visit-photo-kind' },
    KINDS.map((k) => h('option', { value: k }, label('attachment', k)))));
  const shown = h('div', { class: 'actions', 'data-test': 'visit-photos' });
  const count = h('p', { class: 'hint', 'data-test': 'visit-photo-count' });
  const refresh = () => {
    mount(shown, picked.map((p) => (p.thumb ? h('img', { src: p.thumb, alt: p.name, width: 64, height: 64 }) : h('span', { class: 'badge' }, 'PDF'))));
    count.textContent = picked.length ? t('at_visit_photo_count', { n: picked.length }) : '';
  };
  const node = h('fieldset', { 'data-test': 'visit-photo-fieldset' },
    h('legend', null, t('at_visit_photos')),
    h('label', { for: 'visit-photo-kind' }, t('at_visit_photo_kind')), kind,
    filePicker({ test: 'visit-photo', onFile: (file) => { picked.push(file); refresh(); } }),
    shown, count);
  return {
    node,
    /**
     * Keep the photos and return their ops (the form records them with the visit).
     * @param {{household_id: string, visit_id: string, person_ids: string[]}} visit
     * @returns {Promise<Draft[]>}
     */
    async describe(visit) {
      saved = true;
      const drafts = [];
      for (const file of picked) {
        drafts.push(await keepAndDescribe(ctx, file, {
          household_id: visit.household_id, visit_id: visit.visit_id,
          person_id: visit.person_ids.length === 1 ? visit.person_ids[0] : null, kind: kind.value,
        }));
      }
      return drafts;
    },
  };
}
