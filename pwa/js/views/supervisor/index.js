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
import { jobs, newJob, editJob } from './jobs.js';
import { reports } from './reports.js';
import { audit } from '../common/audit.js';
import { overdue } from './overdue.js';
import { h } from '../../ui/dom.js';
import { t } from '../../i18n/index.js';
import { boardLinks, staffRoutes } from '../features/index.js';

/**
 * A sixth tab does not fit the bottom bar at 360 px, so Jobs, Reports, the overdue list and the audit search are links under
 * the board's title.
 * @type {import('../context.js').View}
 */
const boardWithJobs = (ctx, args) => {
  const node = board(ctx, args);
  const link = h('div', { class: 'actions' }, h('a', { class: 'button', href: '#/jobs', 'data-test': 'jobs-link' }, t('sup_jobs')),
    h('a', { class: 'button', href: '#/reports', 'data-test': 'reports-link' }, t('office_title')),
    h('a', { class: 'button', href: '#/audit', 'data-test': 'audit-link' }, t('nav_audit')),
    h('a', { class: 'button', href: '#/overdue', 'data-test': 'overdue-link' }, t('wl_overdue_link')),
    boardLinks.map((l) => h('a', { class: 'button', href: l.href, 'data-test': `board-${l.key}` }, t(l.key))));
  const title = node instanceof Element ? node.querySelector('h1') : null;
  if (title) title.after(link);
  return node;
};

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
    { path: '/board', view: boardWithJobs },
    { path: '/struggling', view: struggling },
    { path: '/reviews', view: reviews },
    { path: '/conflicts', view: conflicts },
    { path: '/caseloads', view: caseloads },
    { path: '/reports', view: reports },
    { path: '/overdue', view: overdue },
    { path: '/audit', view: audit },
    { path: '/jobs', view: jobs },
    { path: '/jobs/new', view: newJob },
    { path: '/jobs/:id', view: editJob },
    ...staffRoutes,
    ...helper.routes,
  ],
};
