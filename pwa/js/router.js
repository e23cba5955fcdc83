/**
 * Hash routes (`#/person/<id>`), per role. `views/roles.js` maps a role to its views module,
 * so graduates' and supervisors' screens can be added as separate modules without touching
 * the helper's.
 */

/** @typedef {import('./views/context.js').Route} Route */

/**
 * @param {Route[]} routes
 * @param {string} hash e.g. "#/person/123?tab=file"
 * @returns {{route: Route, params: Record<string, string>, query: URLSearchParams} | null}
 */
export function matchRoute(routes, hash) {
  const raw = hash.replace(/^#/, '') || '/';
  const [path, search = ''] = raw.split('?');
  const parts = path.split('/').filter(Boolean);
  for (const route of routes) {
    const pattern = route.path.split('/').filter(Boolean);
    if (pattern.length !== parts.length) continue;
    /** @type {Record<string, string>} */
    const params = {};
    const ok = pattern.every((p, i) => {
      if (p.startsWith(':')) {
        params[p.slice(1)] = decodeURIComponent(parts[i]);
        return true;
      }
      return p === parts[i];
    });
    if (ok) return { route, params, query: new URLSearchParams(search) };
  }
  return null;
}
