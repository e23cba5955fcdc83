/**
 * Which views each role gets. Add a role's screens as `views/<role>/index.js` exporting a
 * RoleViews object and register it here. Until then supervisors and admins use the helper's.
 */
import helper from './helper/index.js';

/** @type {Record<string, import('./context.js').RoleViews>} */
export const ROLE_VIEWS = {
  helper,
  supervisor: helper,
  admin: helper,
};

/** @param {string} role */
export function viewsFor(role) {
  return ROLE_VIEWS[role] ?? helper;
}
