/**
 * The activation link a helper's QR code carries: it opens the app's login screen with the
 * activation form open and the username and invitation code filled in, so a graduate only
 * chooses a password. `#/activate?user=…&code=…` (a hash, so the service worker serves it offline
 * like any other screen and the code never reaches a server log).
 */

/**
 * @param {string} username @param {string} code
 * @param {string} [base] the app's address (default: this page without its hash)
 */
export function activationLink(username, code, base = location.origin + location.pathname) {
  const q = new URLSearchParams({ user: username, code });
  return `${base}#/activate?${q.toString()}`;
}

/**
 * The username and code of an activation link, or null when `hash` is not one.
 * @param {string} [hash]
 * @returns {{username: string, code: string}|null}
 */
export function linkedInvitation(hash = location.hash) {
  const m = /^#\/activate\?(.*)$/.exec(hash);
  if (!m) return null;
  const q = new URLSearchParams(m[1]);
  const username = (q.get('user') ?? '').trim();
  const code = (q.get('code') ?? '').trim().toUpperCase();
  return username && code ? { username, code } : null;
}
