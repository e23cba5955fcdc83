/**
 * The sync loop: push the outbox, then pull pages until the server has nothing more.
 *
 * Policy only; storage is in local/, HTTP in api.js. What it guarantees:
 * - nothing leaves the outbox unless a push response acknowledged it (`acked_seq`);
 * - a rejected op is set aside with its reason and the rest go on;
 * - every pulled page is stored with its cursor, so a cut first sync resumes where it stopped;
 * - `reset` from the server restarts the pull from an empty base, keeping the outbox;
 * - no network → retry with exponential backoff and jitter; 401 after one refresh → stop and
 *   ask the helper to log in again, keeping everything.
 */
import { AuthExpiredError, HttpError, NetworkError } from './api.js';
import { backoffDelay } from './backoff.js';
import { acknowledge, pendingOps } from '../local/outbox.js';
import { applyPage, cursor, pullProgress } from '../local/base.js';

export const PROTOCOL_VERSION = 2;

/** @typedef {'idle'|'syncing'|'offline'|'auth'|'error'|'outdated'} Phase */
/**
 * @typedef {{phase: Phase, offlineSince: number|null, lastSyncedAt: number|null, error: string|null,
 *   progress: import('../local/base.js').PullProgress|null, nextAttemptAt: number|null}} SyncStatus
 */

export class Syncer extends EventTarget {
  /**
   * @param {{
   *   api: import('./api.js').Api,
   *   replica: import('../local/replica.js').Replica,
   *   pageLimit?: number,
   *   batchSize?: number,
   *   intervalMs?: number,
   *   now?: () => number,
   *   random?: () => number,
   *   timers?: {set: (fn: () => void, ms: number) => any, clear: (handle: any) => void},
   * }} opts
   */
  constructor(opts) {
    super();
    this.api = opts.api;
    this.replica = opts.replica;
    this.pageLimit = opts.pageLimit ?? 200;
    this.batchSize = opts.batchSize ?? 100;
    this.intervalMs = opts.intervalMs ?? 60_000;
    this.now = opts.now ?? Date.now;
    this.random = opts.random ?? Math.random;
    this.timers = opts.timers ?? { set: (fn, ms) => setTimeout(fn, ms), clear: (h) => clearTimeout(h) };
    /** @type {SyncStatus} */
    this.status = { phase: 'idle', offlineSince: null, lastSyncedAt: null, error: null, progress: null, nextAttemptAt: null };
    this.attempt = 0;
    /** @type {Promise<void>|null} */
    this.running = null;
    this.again = false;
    this.timer = null;
    this.stopped = true;
  }

  /** Restore what the last session knew (offline since, last success) and start the timer. */
  async start() {
    this.stopped = false;
    const db = this.replica.db;
    const [offlineSince, lastSyncedAt, progress] = await Promise.all([
      db.get('meta', 'offline_since'),
      db.get('meta', 'last_synced_at'),
      pullProgress(db),
    ]);
    this.update({ offlineSince: offlineSince ?? null, lastSyncedAt: lastSyncedAt ?? null, progress: progress ?? null });
    return this.sync();
  }

  stop() {
    this.stopped = true;
    if (this.timer) this.timers.clear(this.timer);
    this.timer = null;
  }

  /** Run a cycle now (or right after the one in progress). After re-login, call `resume()`. */
  sync() {
    if (this.status.phase === 'auth' || this.status.phase === 'outdated') return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.cycle().finally(() => {
      this.running = null;
      if (this.again && !this.stopped) {
        this.again = false;
        void this.sync();
      }
    });
    return this.running;
  }

  /** The helper logged in again (or the network came back): try at once. */
  resume() {
    this.attempt = 0;
    if (this.status.phase === 'auth') this.update({ phase: 'idle', error: null });
    return this.sync();
  }

  /** @private */
  async cycle() {
    if (this.timer) this.timers.clear(this.timer);
    this.timer = null;
    this.update({ phase: 'syncing', error: null });
    try {
      await this.push();
      await this.pull();
      await this.push(); // whatever was recorded while we pulled
      this.attempt = 0;
      const now = this.now();
      await this.remember({ offline_since: null, last_synced_at: now });
      this.update({ phase: 'idle', offlineSince: null, lastSyncedAt: now });
      this.schedule(this.intervalMs);
    } catch (err) {
      await this.fail(err);
    }
  }

  /** @private @param {unknown} err */
  async fail(err) {
    if (err instanceof AuthExpiredError) {
      this.update({ phase: 'auth', error: err.message });
      return; // no retry until the helper logs in again; the outbox is untouched
    }
    if (err instanceof HttpError && err.status === 426) {
      this.update({ phase: 'outdated', error: err.message });
      return;
    }
    const delay = backoffDelay(this.attempt++, { random: this.random });
    if (err instanceof NetworkError) {
      const since = this.status.offlineSince ?? this.now();
      await this.remember({ offline_since: since });
      this.update({ phase: 'offline', offlineSince: since, error: null });
    } else {
      this.update({ phase: 'error', error: err instanceof Error ? err.message : String(err) });
    }
    this.schedule(delay);
  }

  /** @private @param {number} ms */
  schedule(ms) {
    if (this.stopped) return;
    if (this.timer) this.timers.clear(this.timer);
    this.update({ nextAttemptAt: this.now() + ms });
    this.timer = this.timers.set(() => {
      this.timer = null;
      void this.sync();
    }, ms);
  }

  /** Send the outbox in batches; stop when the server acknowledges nothing more. */
  async push() {
    const db = this.replica.db;
    for (;;) {
      const ops = (await pendingOps(db)).slice(0, this.batchSize);
      if (!ops.length) return;
      const body = { protocol: PROTOCOL_VERSION, client_id: this.replica.clientId, ops: ops.map(toWire) };
      const response = await this.api.request('POST', '/api/sync/push', body);
      const { removed, rejected } = await acknowledge(db, ops, response, this.now());
      await this.replica.reload();
      if (rejected.length) this.dispatchEvent(new CustomEvent('rejected', { detail: rejected }));
      if (removed === 0) return;
    }
  }

  /** Pull pages from the stored cursor until `has_more` is false. */
  async pull() {
    const db = this.replica.db;
    let position = await cursor(db);
    for (;;) {
      const query = new URLSearchParams({ cursor: position, limit: String(this.pageLimit), client_id: this.replica.clientId });
      const page = await this.api.request('GET', `/api/sync/pull?${query}`);
      const progress = await applyPage(db, page, this.now());
      this.update({ progress });
      position = page.cursor ?? '';
      if (!page.has_more) break;
    }
    await this.replica.reload();
  }

  /** @private @param {Record<string, unknown>} values */
  async remember(values) {
    const tx = this.replica.db.transaction('meta', 'readwrite');
    for (const [key, value] of Object.entries(values)) tx.store.put(value, key);
    await tx.done;
  }

  /** @private @param {Partial<SyncStatus>} changes */
  update(changes) {
    this.status = { ...this.status, ...changes };
    this.dispatchEvent(new CustomEvent('status', { detail: this.status }));
  }
}

/** The op as the protocol defines it (local bookkeeping fields stay home). @param {import('../local/outbox.js').Op} op */
export function toWire(op) {
  const { recorded_at: _recorded, ...wire } = op;
  return wire;
}
