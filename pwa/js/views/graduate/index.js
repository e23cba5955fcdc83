/** A graduate's (client's) screens: my recommended jobs and answers, my details, settings. */
import { mine } from './mine.js';
import { offer } from './offer.js';
import { profile } from './profile.js';
import { settings } from '../common/settings.js';
import { clientNav, clientRoutes } from '../features/index.js';

/** @type {import('../context.js').RoleViews} */
export default {
  home: '/mine',
  nav: [
    { href: '#/mine', key: 'nav_mine' },
    { href: '#/profile', key: 'nav_profile' },
    ...clientNav,
    { href: '#/settings', key: 'nav_settings' },
  ],
  routes: [
    { path: '/mine', view: mine, live: true },
    { path: '/offer/:id', view: offer },
    { path: '/profile', view: profile },
    { path: '/settings', view: settings },
    ...clientRoutes,
  ],
};
