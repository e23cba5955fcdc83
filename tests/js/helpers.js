/**
 * Shared test helpers: a fresh in-memory IndexedDB per test, a partition with a client id,
 * and a fake fetch that plays a scripted server.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { openUserDb } from '../../pwa/js/local/db.js';
import { ensureClientId } from '../../pwa/js/local/outbox.js';
import { Replica } from '../../pwa/js/local/replica.js';

export function freshIndexedDb() {
  globalThis.indexedDB = new IDBFactory();
}

/** A user's partition and replica on a fresh IndexedDB. @param {string} [userId] */
export async function makeReplica(userId = 'u1') {
  const db = await openUserDb(userId);
  const clientId = await ensureClientId(db);
  const replica = new Replica(db, userId, clientId);
  await replica.reload(false);
  opened.push(replica);
  return replica;
}

/**
 * @param {number} status
 * @param {unknown} body
 * @returns {Response}
 */
export function json(status, body) {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', 'X-Server-Time': String(Date.now()) } });
}

/**
 * A fake fetch driven by a handler `(method, path, body, headers) => Response | 'offline'`.
 * Records every call.
 * @param {(req: {method: string, path: string, url: URL, body: any, auth: string|null}) => Response | 'offline' | Promise<Response | 'offline'>} handler
 */
export function fakeFetch(handler) {
  /** @type {{method: string, path: string, url: URL, body: any, auth: string|null}[]} */
  const calls = [];
  /** @type {typeof fetch} */
  const fetchImpl = async (input, init = {}) => {
    const url = new URL(String(input), 'http://doorstep.test');
    const headers = /** @type {Record<string, string>} */ (init.headers ?? {});
    const req = {
      method: init.method ?? 'GET',
      path: url.pathname,
      url,
      body: init.body ? JSON.parse(String(init.body)) : undefined,
      auth: headers.Authorization ?? null,
    };
    calls.push(req);
    const res = await handler(req);
    if (res === 'offline') throw new TypeError('Failed to fetch');
    return res;
  };
  return { fetch: fetchImpl, calls };
}

/** An in-memory token store like the app's. */
export function memoryTokens(access = 'access-1', refresh = 'refresh-1') {
  const state = { access: /** @type {string|null} */ (access), refresh: /** @type {string|null} */ (refresh) };
  return {
    state,
    access: () => state.access,
    refresh: () => state.refresh,
    saveAccess: (/** @type {string} */ token) => {
      state.access = token;
    },
  };
}

/** Replicas made in a test, closed after it (an open BroadcastChannel keeps node alive). */
export const opened = /** @type {import('../../pwa/js/local/replica.js').Replica[]} */ ([]);
export function closeAll() {
  while (opened.length) {
    try {
      opened.pop()?.close();
    } catch {
      // already closed
    }
  }
}
