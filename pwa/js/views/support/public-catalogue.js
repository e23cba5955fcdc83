/**
 * The training and policy catalogues on a graduate's phone. They are not in a graduate's sync
 * partition, so they are fetched (`GET /api/trainings`, `/api/policies`) when online, at most
 * every few minutes (the home redraws on every sync), and kept for offline use. They are
 * public information (titles, providers, dates, what a policy gives), nothing of the person,
 * so they are kept in localStorage rather than the sealed vault.
 */

/** @typedef {import('../context.js').Ctx} Ctx */

/** The home redraws on every sync: a catalogue is asked for at most this often. */
const REFRESH_MS = 5 * 60_000;

/**
 * @template {{id: string, title: string}} T
 * @param {string} path the API list
 * @param {string} key the localStorage key
 */
export function publicCatalogue(path, key) {
  let fetchedAt = 0;
  return {
    /** @returns {T[]} the last copy (empty before the first fetch) */
    cached() {
      try {
        return JSON.parse(localStorage.getItem(key) ?? '[]');
      } catch {
        return [];
      }
    },
    /** A fresh copy, or null (offline, asked for recently, or failed). @param {Ctx} ctx @returns {Promise<T[]|null>} */
    async refresh(ctx) {
      if (!navigator.onLine || ctx.now() - fetchedAt < REFRESH_MS) return null;
      fetchedAt = ctx.now();
      try {
        const items = /** @type {T[]} */ (await ctx.api.request('GET', path));
        try {
          localStorage.setItem(key, JSON.stringify(items));
        } catch {
          // Storage full or blocked: the list still shows this time.
        }
        return items;
      } catch {
        fetchedAt = 0; // ask again next time
        return null;
      }
    },
  };
}
