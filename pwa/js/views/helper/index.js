/** The helper's screens. */
import { today } from './today.js';
import { search } from './search.js';
import { household } from './household.js';
import { person } from './person.js';
import { visitForm } from './visit-form.js';
import { recommend } from './recommend.js';
import { conflict } from './conflict.js';
import { registerHousehold, addPerson } from './register.js';
import { personEdit, householdEdit } from './edit.js';
import { guidance } from './guidance.js';
import { settings } from '../common/settings.js';
import { helperRoutes, more } from '../features/index.js';

/** @type {import('../context.js').RoleViews} */
export default {
  home: '/today',
  nav: [
    { href: '#/today', key: 'nav_today' },
    { href: '#/search', key: 'nav_search' },
    { href: '#/household/new', key: 'nav_register' },
    { href: '#/more', key: 'nav_more' },
    { href: '#/settings', key: 'nav_settings' },
  ],
  routes: [
    { path: '/today', view: today, live: true },
    { path: '/search', view: search },
    { path: '/household/new', view: registerHousehold },
    { path: '/household/:id', view: household, live: true },
    { path: '/household/:id/edit', view: householdEdit },
    { path: '/household/:id/add', view: addPerson },
    { path: '/person/:id', view: person, live: true },
    { path: '/person/:id/edit', view: personEdit },
    { path: '/person/:id/guidance', view: guidance, live: true },
    { path: '/visit/new', view: visitForm },
    { path: '/recommend/:id', view: recommend },
    { path: '/conflict/:id', view: conflict, live: true },
    { path: '/settings', view: settings },
    { path: '/more', view: more },
    ...helperRoutes,
  ],
};
