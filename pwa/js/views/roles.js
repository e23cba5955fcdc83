/**
 * Which views each role gets. Add a role's screens as `views/<role>/index.js` exporting a
 * RoleViews object and register its loader here. Admins get the supervisor's screens and the office's (admin/index.js).
 *
 * Loaded on demand (each role is its own chunk), so the login screen and a helper's phone
 * never download or parse the supervisor's board.
 */

/** @typedef {import('./context.js').RoleViews} RoleViews */

/** @type {Record<string, () => Promise<{default: RoleViews}>>} */
export const ROLE_VIEWS = {
  helper: () => import('./helper/index.js'),
  supervisor: () => import('./supervisor/index.js'),
  admin: () => import('./admin/index.js'),
  client: () => import('./graduate/index.js'),
};

/** @param {string} role @returns {Promise<RoleViews>} */
export async function loadViews(role) {
  const load = ROLE_VIEWS[role] ?? ROLE_VIEWS.helper;
  return (await load()).default;
}
