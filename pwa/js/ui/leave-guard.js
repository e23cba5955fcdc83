/**
 * Asking before a screen is left: a form with unsaved typing registers a guard, and the app asks
 * every guard before it follows a hash change (the back button, a link, a nav tab). A guard that
 * says no keeps the user where they are: the app puts the old hash back.
 *
 * Guards are per screen: `register()` returns the function that removes the guard, and the app
 * clears all guards whenever it renders a new screen.
 */

/** @typedef {(to: string) => boolean | Promise<boolean>} Guard */

/** @type {Set<Guard>} */
const guards = new Set();

/** @param {Guard} guard @returns {() => void} remove it */
export function registerLeaveGuard(guard) {
  guards.add(guard);
  return () => guards.delete(guard);
}

/** May the user leave the current screen for `to`? Asks each guard in turn. @param {string} to */
export async function mayLeave(to) {
  for (const guard of [...guards]) {
    if (!(await guard(to))) return false;
  }
  return true;
}

/** Forget every guard (a new screen is being drawn). */
export function clearLeaveGuards() {
  guards.clear();
}
