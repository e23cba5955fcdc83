/**
 * The app's in-memory picture of one user's partition: base records with the pending outbox
 * ops replayed on top (PROTOCOL.md 8.1), the ops that need the helper (rejected or parked), and
 * change notifications.
 *
 * Every write goes through here: `record()` stores ops in one transaction, then the view is
 * rebuilt at once, so a saved visit shows everywhere before any network is involved. Other tabs
 * hear about it on a BroadcastChannel and reload.
 */
import { allRecords } from './base.js';
import { recordOps, pendingOps, rejectedOps, dismissRejected, resendRejected } from './outbox.js';
import { overlay } from './overlay.js';

/** @typedef {import('./db.js').DB} DB */
/** @typedef {import('./outbox.js').Draft} Draft */
/** @typedef {import('./outbox.js').Op} Op */
/** @typedef {import('./outbox.js').RejectedOp} RejectedOp */
/** @typedef {Record<string, any> & {id: string, _pending?: boolean}} Rec */

export class Replica extends EventTarget {
  /**
   * @param {DB} db
   * @param {string} userId
   * @param {string} clientId
   */
  constructor(db, userId, clientId) {
    super();
    this.db = db;
    this.userId = userId;
    this.clientId = clientId;
    /** @type {Map<string, Map<string, Rec>>} entity → id → visible record */
    this.views = new Map();
    /** @type {Op[]} */
    this.outbox = [];
    /** @type {RejectedOp[]} */
    this.rejected = [];
    /** @type {Map<string, Record<string, string>>} "entity/id" → field stamps from the server */
    this.stamps = new Map();
    this.channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(`doorstep-${userId}`) : null;
    this.channel?.addEventListener('message', () => void this.reload(false));
  }

  /** Read everything from IndexedDB and rebuild the view. @param {boolean} [tell] tell other tabs */
  async reload(tell = true) {
    const [base, outbox, rejected] = await Promise.all([allRecords(this.db), pendingOps(this.db), rejectedOps(this.db)]);
    this.outbox = outbox;
    this.rejected = rejected;
    this.stamps = new Map(base.map((r) => [`${r.entity}/${r.id}`, r.stamps]));
    // An answered op sent again after the server forgot it is already in the base (or will be):
    // replaying it over newer values would show an old one for a moment.
    this.views = overlay(base, outbox.filter((op) => !op.resent));
    if (tell) this.channel?.postMessage('changed');
    this.dispatchEvent(new Event('change'));
  }

  /**
   * Save ops (one transaction) and show them at once.
   * @param {Draft[]} drafts
   * @returns {Promise<Op[]>}
   */
  async record(drafts) {
    const ops = await recordOps(this.db, drafts);
    await this.reload();
    this.dispatchEvent(new Event('recorded'));
    return ops;
  }

  /** Give up a set-aside op (the caller has asked the helper to confirm). @param {string} opId */
  async dismiss(opId) {
    await dismissRejected(this.db, opId);
    await this.reload();
  }

  /**
   * Send a set-aside op again, as it was or with edited data (PROTOCOL draft: a new op).
   * @param {string} opId
   * @param {Record<string, any>|null} [data]
   */
  async resend(opId, data = null) {
    const op = await resendRejected(this.db, opId, data);
    await this.reload();
    this.dispatchEvent(new Event('recorded'));
    return op;
  }

  /** @param {string} entity @returns {Rec[]} */
  all(entity) {
    return [...(this.views.get(entity)?.values() ?? [])];
  }

  /** @param {string} entity @param {string|null|undefined} id @returns {Rec|undefined} */
  get(entity, id) {
    return id ? this.views.get(entity)?.get(id) : undefined;
  }

  /** The stamp the server last gave a field (the `base` of a `set`). @param {string} entity @param {string} id @param {string} field */
  stampOf(entity, id, field) {
    return this.stamps.get(`${entity}/${id}`)?.[field] ?? null;
  }

  /** Pending ops touching a record. @param {string} entity @param {string} id */
  pendingFor(entity, id) {
    return this.outbox.filter((op) => op.entity === entity && op.entity_id === id);
  }

  openConflicts() {
    return this.all('conflict').filter((c) => c.state === 'open');
  }

  close() {
    this.channel?.close();
    this.db.close();
  }
}
