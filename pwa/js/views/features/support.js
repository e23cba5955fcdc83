/**
 * The support feature's screens and sections, for every role (see `./index.js` for what each
 * list means): policies, trainings and the assistance period on the person's file, the forms
 * that record them offline, a graduate's courses with "ask to join", and the board's figures.
 */
import { supportSection } from '../support/file.js';
import { newTrack, moveTrack, periodForm } from '../support/forms.js';
import { coursesSection } from '../support/courses.js';
import { myPoliciesSection } from '../support/my-policies.js';
import { supportBoard } from '../support/board.js';
import { caseload, todayRequests } from '../support/caseload.js';

/** @type {import('./index.js').Feature} */
export default {
  helperRoutes: [
    { path: '/support/new/:entity/:person', view: newTrack },
    { path: '/support/move/:entity/:id', view: moveTrack },
    { path: '/support/period/:person', view: periodForm },
    { path: '/support', view: caseload, live: true },
  ],
  helperLinks: [{ href: '#/support', key: 'sp_link' }],
  todaySections: [todayRequests],
  fileSections: [supportSection],
  homeSections: [myPoliciesSection, coursesSection],
  boardSections: [supportBoard],
};
