/**
 * The employers feature's screens and sections, for every role (see `./index.js` for what each
 * list means): the district's employers, one employer's page, new/edit, and the enterprise
 * visit form, all offline from the phone's copy. Helpers reach them from the More tab,
 * supervisors from under the board's title (they get the helper's routes too).
 */
import { employersList } from '../employers/list.js';
import { employerPage } from '../employers/page.js';
import { employerNew, employerEdit } from '../employers/form.js';
import { enterpriseVisit } from '../employers/visit.js';

/** @type {import('./index.js').Feature} */
export default {
  helperRoutes: [
    { path: '/employers', view: employersList },
    { path: '/employers/new', view: employerNew },
    { path: '/employers/:id', view: employerPage, live: true },
    { path: '/employers/:id/edit', view: employerEdit },
    { path: '/employers/:id/visit', view: enterpriseVisit },
  ],
  helperLinks: [{ href: '#/employers', key: 'em_title' }],
  boardLinks: [{ href: '#/employers', key: 'em_title' }],
};
