/**
 * The sync loop: push the outbox, then pull pages until the server has nothing more.
 *
 * Policy only; storage is in local/, HTTP in api.js. What it guarantees:
 * - an op leaves the outbox on its own definitive result (applied, duplicate, merged, conflict,
 *   rejected), so a gap in the server's acked seqs never stops the ones behind it; answered ops
 *   are kept for the server's retention window and sent again if it forgets them
 *   (sync/PROTOCOL.md 6.1);
 * - the phone never jams: a batch the server keeps failing (an HTTP error for the whole batch,
 *   or a connection that breaks on it while an empty push goes through) is split in halves until
 *   the op that breaks it is alone; that op is parked for the helper, with the reason, and the
 *   rest are pushed. A deterministic refusal (400, 413, 422...) parks at once, a server error or
 *   a broken connection after `maxStrikes` tries;
 * - a rejected op is set aside with its reason and the rest go on;
 * - every pulled page is stored with its cursor, so a cut first sync resumes where it stopped;
 * - `reset` from the server restarts the pull from an empty base, keeping the outbox, and sends
 *   the kept answered ops again;
 * - no network, or the server says it is down (503, 429) → retry with exponential backoff and
 *   jitter, nothing is parked; 401 after one refresh → stop and ask the helper to log in again,
 *   keeping everything;
 * - the phone reported lost (`wipe: true` in a push or refresh answer, or a 401 `device_wiped`):
 *   push everything the outbox holds (the server still takes it), then wipe the synced data
 *   (local/wipe.js: what could not be pushed stays), end the session, stop for good with phase
 *   `wiped` and a `wiped` event `{kept}`: the app shows the login screen with a message.
 *
 * The protocol version spoken is the registry's (`sync/registry.json`, bundled), never retyped.
 */
import registry from '../../../sync/registry.json' with { type: 'json' };
import { AuthExpiredError, DeviceWipedError, HttpError, NetworkError } from './api.js';
import { backoffDelay } from './backoff.js';
import { acknowledge, observePull, outboxFloor, park, pendingOps, wireOf } from '../local/outbox.js';
import { applyPage, cursor, pullProgress } from '../local/base.js';
import { LIMITS } from '../domain/limits.js';
import { wipeSynced } from '../local/wipe.js';
import { startUploads } from './uploader.js';

/** The protocol this build speaks: the server's registry, bundled with the app. */
export const PROTOCOL_VERSION = /** @type {number} */ (registry.protocol.current);

/** @typedef {'idle'|'syncing'|'offline'|'auth'|'error'|'outdated'|'wiped'} Phase */
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
   *   maxStrikes?: number,
   * }} opts
   */
  constructor(opts) {
    super();
    this.api = opts.api;
    this.replica = opts.replica;
    this.pageLimit = opts.pageLimit ?? 200;
    this.batchSize = Math.min(opts.batchSize ?? 100, LIMITS.batch_ops_max);
    this.intervalMs = opts.intervalMs ?? 60_000;
    this.now = opts.now ?? Date.now;
    this.random = opts.random ?? Math.random;
    this.timers = opts.timers ?? { set: (fn, ms) => setTimeout(fn, ms), clear: (h) => clearTimeout(h) };
    /** How many times one op alone may fail with a server error or a broken connection before it is parked. */
    this.maxStrikes = opts.maxStrikes ?? 3;
    /** @type {Map<string, number>} op_id → failures of that op alone */
    this.strikes = new Map();
    /** @type {Promise<boolean>|null} did an empty push go through during this push run */
    this.probed = null;
    /** @type {SyncStatus} */
    this.status = { phase: 'idle', offlineSince: null, lastSyncedAt: null, error: null, progress: null, nextAttemptAt: null };
    this.attempt = 0;
    /** @type {Promise<void>|null} */
    this.running = null;
    this.again = false;
    this.timer = null;
    this.stopped = true;
    /** Has a push answer said this phone must wipe (`wipe: true`)? */
    this.wipeOrdered = false;
    /** The hand-over has begun: it runs once. */
    this.handingOver = false;
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
    if (this.status.phase === 'auth' || this.status.phase === 'outdated' || this.status.phase === 'wiped') return Promise.resolve();
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
      if (this.mustWipe()) return await this.handOver();
      await this.pull();
      await this.push(); // whatever was recorded while we pulled
      startUploads(this.api, this.replica); // files go up after the ops, on their own queue
      this.attempt = 0;
      const now = this.now();
      await this.remember({ offline_since: null, last_synced_at: now });
      this.update({ phase: 'idle', offlineSince: null, lastSyncedAt: now });
      this.schedule(this.intervalMs);
    } catch (err) {
      await this.fail(err);
    }
  }

  /** Has the server said this phone must wipe? @private */
  mustWipe() {
    return this.wipeOrdered || this.api.wipeOrdered;
  }

  /**
   * The phone was reported lost: hand over what the outbox holds, then wipe and stop for good.
   * A push that fails now (offline, the session already over) keeps its ops on the phone.
   * @private
   */
  async handOver() {
    if (this.handingOver) return;
    this.handingOver = true;
    this.wipeOrdered = true;
    try {
      await this.push();
    } catch {
      // What could not be pushed stays in the outbox; the wipe keeps it.
    }
    const token = this.api.currentRefresh(); // read before the wipe forgets it
    this.stop();
    // Drafts are unsynced work: kept sealed, like ops the push could not hand over.
    const { kept } = await wipeSynced(this.replica.db, { keepDrafts: true });
    await this.api.logout(token); // the server ends the session for good (best effort)
    await this.replica.reload().catch(() => {});
    this.update({ phase: 'wiped', error: null, progress: null, nextAttemptAt: null });
    this.dispatchEvent(new CustomEvent('wiped', { detail: { kept } }));
  }

  /** @private @param {unknown} err */
  async fail(err) {
    if (err instanceof DeviceWipedError) return this.handOver();
    if (err instanceof AuthExpiredError) {
      this.update({ phase: 'auth', error: err.message });
      return; // no retry until the helper logs in again; the outbox is untouched
    }
    if (err instanceof HttpError && err.status === 426) {
      this.update({ phase: 'outdated', error: err.message });
      return;
    }
    const delay = backoffDelay(this.attempt++, { random: this.random });
    if (err instanceof NetworkError || (err instanceof HttpError && err.status === 503)) {
      // The server down for maintenance (503) is "offline, retrying" to the helper, not an error.
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

  /** Send the outbox in batches until it is empty (or nothing more can be settled now). */
  async push() {
    const db = this.replica.db;
    this.probed = null;
    for (;;) {
      const ops = takeBatch(await pendingOps(db), this.batchSize, LIMITS.push_bytes_max);
      if (!ops.length) return;
      const settled = await this.pushBatch(ops);
      await this.replica.reload();
      if (settled === 0) return;
    }
  }

  /**
   * Push one batch; if the server fails it as a whole, push each half, down to one op, which is
   * parked when it is the cause. Returns how many ops left the outbox. Throws what is not the
   * batch's fault (offline, the server down, the session, the app version).
   * @private
   * @param {import('../local/outbox.js').Op[]} ops
   * @returns {Promise<number>}
   */
  async pushBatch(ops) {
    const db = this.replica.db;
    let response;
    try {
      response = await this.api.request('POST', '/api/sync/push', await this.envelope(ops));
    } catch (err) {
      const fault = await this.batchFault(err);
      if (fault === null) throw err;
      if (ops.length > 1) {
        const half = Math.ceil(ops.length / 2);
        return (await this.pushBatch(ops.slice(0, half))) + (await this.pushBatch(ops.slice(half)));
      }
      const [op] = ops;
      const strikes = (this.strikes.get(op.op_id) ?? 0) + 1;
      this.strikes.set(op.op_id, strikes);
      if (!fault.certain && strikes < this.maxStrikes) throw err; // maybe passing: try again later
      this.strikes.delete(op.op_id);
      const entry = await park(db, op, { code: fault.code, message: err instanceof Error ? err.message : String(err) }, this.now());
      this.dispatchEvent(new CustomEvent('parked', { detail: [entry] }));
      return 1;
    }
    if (response?.wipe === true) this.wipeOrdered = true;
    const { removed, rejected } = await acknowledge(db, ops, response, this.now());
    for (const op of ops) this.strikes.delete(op.op_id);
    if (rejected.length) this.dispatchEvent(new CustomEvent('rejected', { detail: rejected }));
    return removed;
  }

  /**
   * Is a failed push the batch's fault, and how sure? null: not the batch (offline, the server
   * down, busy or failing every push, the session, the protocol) → back off and retry it whole.
   * A batch is blamed only when an empty push goes through meanwhile. `certain`: the server
   * refuses this request as such (it will refuse it again). Otherwise a server error or a
   * broken connection: strikes decide.
   * @private
   * @param {unknown} err
   * @returns {Promise<{code: string, certain: boolean} | null>}
   */
  async batchFault(err) {
    /** @type {{code: string, certain: boolean}} */
    let fault;
    if (err instanceof HttpError) {
      if (PASSING.has(err.status)) return null;
      if (err.status === 413) fault = { code: 'too_large', certain: true };
      else if (err.status >= 400 && err.status < 500) fault = { code: 'refused', certain: true };
      else fault = { code: 'server_error', certain: false };
    } else if (err instanceof NetworkError) {
      fault = { code: 'connection', certain: false };
    } else {
      return null; // the session, or a bug of ours: nothing to blame an op for
    }
    return (await this.serverTakesPushes()) ? fault : null;
  }

  /**
   * Does the server take an empty push right now? Asked once per push run, the answer kept
   * until the next run (a bisection asks up to 2·log2(batch) times otherwise).
   * @private
   */
  async serverTakesPushes() {
    this.probed ??= this.envelope([])
      .then((body) => this.api.request('POST', '/api/sync/push', body))
      .then(() => true, () => false);
    return this.probed;
  }

  /**
   * A push body. The probe's is the same but for its ops, so an envelope the server refuses
   * (say, a `floor` it does not know) is never blamed on the ops.
   * @private
   * @param {import('../local/outbox.js').Op[]} ops
   */
  async envelope(ops) {
    const db = this.replica.db;
    /** @type {{protocol: number, client_id: string, ops: object[], floor?: number}} */
    const body = { protocol: PROTOCOL_VERSION, client_id: this.replica.clientId, ops: ops.map(toWire) };
    if (await db.get('meta', 'server_takes_floor')) body.floor = await outboxFloor(db);
    return body;
  }

  /** Pull pages from the stored cursor until `has_more` is false. */
  async pull() {
    const db = this.replica.db;
    let position = await cursor(db);
    let first = true;
    for (;;) {
      const query = new URLSearchParams({ cursor: position, limit: String(this.pageLimit), client_id: this.replica.clientId });
      const page = await this.api.request('GET', `/api/sync/pull?${query}`);
      const progress = await applyPage(db, page, this.now());
      // The first page says what the server holds of our ops (acked seq, a new epoch).
      if (first || page.reset) await observePull(db, page, this.now());
      first = false;
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

/**
 * Statuses that say nothing about the batch: the session or the app version (handled by the
 * loop), or the server being down or busy (503, 429: retry after a while, park nothing).
 */
const PASSING = new Set([401, 403, 404, 408, 409, 425, 426, 429, 503]);

/** The op as the protocol defines it (local bookkeeping fields stay home). */
export const toWire = wireOf;

const encoder = new TextEncoder();

/**
 * The next batch: the first ops in seq order, at most `count` of them and, with the envelope,
 * within the server's body size (a body it would refuse whole with 413). At least one op: a
 * single op too large is for the server to answer, and for the phone to park.
 * @template {import('../local/outbox.js').Op} T
 * @param {T[]} ops
 * @param {number} count
 * @param {number} bytes
 * @returns {T[]}
 */
export function takeBatch(ops, count, bytes) {
  const budget = bytes - 512; // the envelope and JSON punctuation
  let used = 0;
  let n = 0;
  for (const op of ops) {
    if (n >= count) break;
    const size = encoder.encode(JSON.stringify(toWire(op))).length + 1;
    if (n > 0 && used + size > budget) break;
    used += size;
    n++;
  }
  return ops.slice(0, n);
}
