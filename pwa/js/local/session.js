/**
 * Who is signed in on this phone, and their tokens (in the small device database).
 *
 * A session outlives an expired token: when the refresh token is refused we only mark the
 * session `expired`, so the helper logs in again into the same partition and the outbox pushes.
 *
 * Given the user's data key, the tokens are stored sealed (`tokens`): a phone that is locked, or
 * left by this user for another, holds no usable token. Who the user is (id, name, role) stays
 * readable so the lock screen can say whose phone this is.
 */
import { openDeviceDb } from './db.js';
import { openValue, sealValue } from './crypto.js';

/** @typedef {import('../net/api.js').User} User */
/**
 * `policy`: what the server set for the lock (minutes idle, wrong PINs allowed), when it sends it.
 * @typedef {{user: User, access_token: string|null, refresh_token: string|null, expired?: boolean,
 *   tokens?: Uint8Array<ArrayBuffer>, policy?: LockPolicy}} Session
 */
/** @typedef {{lock_after_minutes?: number|null, max_pin_attempts?: number|null}} LockPolicy */

/** @param {string} userId */
const tokensAad = (userId) => `session/${userId}`;

/**
 * The row as stored: tokens sealed when a key is given.
 * @param {Session} session @param {CryptoKey|null|undefined} key @returns {Promise<Session>}
 */
async function stored(session, key) {
  if (!key || (session.access_token == null && session.refresh_token == null)) return session;
  const { access_token: access, refresh_token: refresh, ...rest } = session;
  return { ...rest, access_token: null, refresh_token: null, tokens: await sealValue(key, tokensAad(session.user.id), { access, refresh }) };
}

/**
 * The session with its tokens opened (null when they cannot be).
 * @param {Session} session @param {CryptoKey} key @returns {Promise<Session>}
 */
export async function withTokens(session, key) {
  if (!(session.tokens instanceof Uint8Array)) return session;
  const { tokens, ...rest } = session;
  try {
    const { access, refresh } = await openValue(key, tokensAad(session.user.id), tokens);
    return { ...rest, access_token: access ?? null, refresh_token: refresh ?? null };
  } catch {
    return { ...rest, access_token: null, refresh_token: null, expired: true };
  }
}

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

  /** @param {Session} session @param {CryptoKey} [key] the user's data key: seals the tokens */
  async activate(session, key) {
    const row = await stored({ ...session, expired: false }, key);
    const tx = this.db.transaction(['sessions', 'settings'], 'readwrite');
    await tx.objectStore('sessions').put(row);
    await tx.objectStore('settings').put(session.user.id, 'active');
    await tx.done;
  }

  /** @param {string} userId @param {Partial<Session>} changes @param {CryptoKey} [key] seals new tokens */
  async update(userId, changes, key) {
    const current = await this.db.get('sessions', userId);
    if (!current) return;
    const next = { ...current, ...changes };
    if ('access_token' in changes || 'refresh_token' in changes) delete next.tokens;
    await this.db.put('sessions', await stored(next, key));
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
