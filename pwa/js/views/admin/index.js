/**
 * The admin's screens: the supervisor's (board, reviews, conflicts, caseloads, jobs, reports)
 * and the office's, which run Doorstep without a developer. Five tabs fit the bottom bar at
 * 360 px, so the office screens and caseloads sit under one "Office" tab of links.
 */
import supervisor from '../supervisor/index.js';
import { office } from './office.js';
import { users, newUser } from './users.js';
import { userView } from './user.js';
import { areas } from './areas.js';
import { rules } from './rules.js';
import { catalogues } from './catalogues.js';
import { imports } from './imports.js';

/** @type {import('../context.js').RoleViews} */
export default {
  home: supervisor.home,
  nav: [
    { href: '#/board', key: 'nav_board' },
    { href: '#/reviews', key: 'nav_reviews' },
    { href: '#/conflicts', key: 'nav_conflicts' },
    { href: '#/office', key: 'adm_office' },
    { href: '#/settings', key: 'nav_settings' },
  ],
  routes: [
    { path: '/office', view: office },
    { path: '/users', view: users },
    { path: '/users/new', view: newUser },
    { path: '/users/:id', view: userView },
    { path: '/areas', view: areas },
    { path: '/rules', view: rules },
    { path: '/catalogues', view: catalogues },
    { path: '/imports', view: imports },
    ...supervisor.routes,
  ],
};
