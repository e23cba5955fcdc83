/**
 * The groups feature's screens and sections, for every role (see `./index.js` for what each
 * list means): staff's groups and posting (online), a graduate's inbox of posts with their
 * answers (offline, from sync), and the board's reach funnel of group posts.
 */
import { groupsView } from '../groups/list.js';
import { groupView } from '../groups/group.js';
import { fileSection, homeSection, postView } from '../groups/inbox.js';
import { boardSection } from '../groups/board.js';

/** @type {import('./index.js').Feature} */
export default {
  helperRoutes: [
    { path: '/groups', view: groupsView },
    { path: '/groups/:id', view: groupView },
  ],
  clientRoutes: [{ path: '/post/:id', view: postView, live: true }],
  helperLinks: [{ href: '#/groups', key: 'gr_groups' }],
  boardLinks: [{ href: '#/groups', key: 'gr_groups' }],
  fileSections: [fileSection],
  homeSections: [homeSection],
  boardSections: [boardSection],
};
