/**
 * The outcomes feature's screens and sections, for every role (see `./index.js` for what each
 * list means): staff record a recommendation's outcome and the placement a hire opens, make the
 * retention calls after it, and the board shows hired and kept per period.
 */
import { outcome } from '../outcomes/outcome.js';
import { placement } from '../outcomes/placement.js';
import { todayInterviews, todayRetention, filePlacements, homeInterview, boardAftercare } from '../outcomes/sections.js';

/** @type {import('./index.js').Feature} */
export default {
  helperRoutes: [
    { path: '/outcome/:id', view: outcome },
    { path: '/placement/:id', view: placement, live: true },
  ],
  fileSections: [filePlacements],
  todaySections: [todayInterviews, todayRetention],
  homeSections: [homeInterview],
  boardSections: [boardAftercare],
};
