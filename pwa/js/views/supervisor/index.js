/**
 * The supervisor's (and admin's) screens: the board, visit review, conflicts and quarantine,
 * caseloads, the targeted-help list. They read the server directly; the helper's screens
 * (search, a household, a person's file) stay available for looking into one case.
 */
import helper from '../helper/index.js';
import { board, struggling } from './board.js';
import { reviews } from './reviews.js';
import { conflicts } from './conflicts.js';
import { caseloads } from './caseloads.js';

/** @type {import('../context.js').RoleViews} */
export default {
  home: '/board',
  nav: [
    { href: '#/board', key: 'nav_board' },
    { href: '#/reviews', key: 'nav_reviews' },
    { href: '#/conflicts', key: 'nav_conflicts' },
    { href: '#/caseloads', key: 'nav_caseloads' },
    { href: '#/settings', key: 'nav_settings' },
  ],
  routes: [
    { path: '/board', view: board },
    { path: '/struggling', view: struggling },
    { path: '/reviews', view: reviews },
    { path: '/conflicts', view: conflicts },
    { path: '/caseloads', view: caseloads },
    ...helper.routes,
  ],
};
