/**
 * The attachments feature's screens and sections, for every role (see `./index.js` for what each
 * list means): the file's "Files and CV" section, the full-size view of one attachment (staff
 * and graduates), and the graduate's CV on their home. The visit form's photos and the
 * graduate's CV upload are in `views/helper/visit-form.js` and `views/graduate/profile.js`.
 */
import { h } from '../../ui/dom.js';
import { t } from '../../i18n/index.js';
import { fileSection } from '../attachments/section.js';
import { attachmentView } from '../attachments/viewer.js';
import { cvsOf } from '../attachments/files.js';

/** @type {import('./index.js').Feature} */
export default {
  helperRoutes: [{ path: '/attachment/:id', view: attachmentView }],
  clientRoutes: [{ path: '/attachment/:id', view: attachmentView }],
  fileSections: [fileSection],
  homeSections: [
    (ctx) => {
      const personId = ctx.user.person_id;
      if (!personId) return null;
      const latest = cvsOf(ctx, personId)[0];
      return h('section', { class: 'card', 'data-test': 'home-cv' },
        h('strong', null, t('at_my_cv')), ' ',
        h('span', { class: 'muted' }, latest ? t('at_cv_version', { n: latest.cv_version ?? '?' }) : t('at_cv_none')), ' ',
        h('a', { href: '#/profile', 'data-test': 'home-cv-link' }, latest ? t('at_upload_cv') : t('at_add_cv')));
    },
  ],
};
