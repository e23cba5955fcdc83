/**
 * Who is signed in on this phone, and their tokens (in the small device database).
 *
 * A session outlives an expired token: when the refresh token is refused we only mark the
 * session `expired`, so the helper logs in again into the same partition and the outbox pushes.
 */
import { openDeviceDb } from './db.js';

/** @typedef {import('../net/api.js').User} User */
/** @typedef {{user: User, access_token: string|null, refresh_token: string|null, expired?: boolean}} Session */

export class Sessions {
  /** @param {import('./db.js').DB} db */
  constructor(db) {
    this.db = db;
  }

  static async open() {
    return new Sessions(await openDeviceDb());
  }

  /** @returns {Promise<Session|null>} the session of the user last active on this phone */
  async active() {
    const id = await this.db.get('settings', 'active');
    return id ? ((await this.db.get('sessions', id)) ?? null) : null;
  }

  /** @param {Session} session */
  async activate(session) {
    const tx = this.db.transaction(['sessions', 'settings'], 'readwrite');
    await tx.objectStore('sessions').put({ ...session, expired: false });
    await tx.objectStore('settings').put(session.user.id, 'active');
    await tx.done;
  }

  /** @param {string} userId @param {Partial<Session>} changes */
  async update(userId, changes) {
    const current = await this.db.get('sessions', userId);
    if (current) await this.db.put('sessions', { ...current, ...changes });
  }

  /** Forget the tokens and the active user (the user's partition is handled by the caller). */
  async signOut() {
    const id = await this.db.get('settings', 'active');
    const tx = this.db.transaction(['sessions', 'settings'], 'readwrite');
    if (id) await tx.objectStore('sessions').delete(id);
    await tx.objectStore('settings').delete('active');
    await tx.done;
  }

  /** @param {string} key @returns {Promise<any>} */
  setting(key) {
    return this.db.get('settings', key);
  }

  /** @param {string} key @param {unknown} value */
  async setSetting(key, value) {
    await this.db.put('settings', value, key);
  }
}
