/**
 * In-memory store for the JavaScript engine: what the vector tests run over. Mirrors
 * sync/memory.py (without the change log, which only the server serves).
 */

import { raiseFloor } from './floor.js';
import { jsonCopy } from './values.js';

/** @typedef {import('./engine.js').Store} Store */

/** @implements {Store} */
export class MemoryStore {
  /** @param {Record<string, Record<string, import('./engine.js').Scope>>} [scope] */
  constructor(scope = {}) {
    /** client_id → household_id → scope; anything not listed is in_scope. */
    this.scope = scope;
    this.t = {
      /** @type {Record<string, import('./engine.js').StoredRecord>} */ records: {},
      /** @type {Record<string, import('./merge.js').FieldWrite[]>} */ history: {},
      /** @type {Record<string, Record<string, any>>} */ results: {},
      /** @type {Record<string, number[]>} */ seqs: {},
      /** @type {Record<string, number>} the highest floor each device sent */ floors: {},
      /** @type {{raw: unknown, code: string, message: string, household_id: string | null}[]} */ quarantine: [],
      /** @type {Record<string, Record<string, any>>} */ conflicts: {},
      /** @type {Record<string, Record<string, any>>} */ events: {},
    };
  }

  /**
   * Load a vector's `state` (records and scope).
   * @param {any} state
   * @returns {MemoryStore}
   */
  static fromState(state) {
    const store = new MemoryStore(jsonCopy(state?.scope ?? {}));
    for (const [entity, rows] of Object.entries(state?.records ?? {})) {
      for (const [id, row] of Object.entries(/** @type {Record<string, any>} */ (rows))) {
        store.putRecord(entity, id, { data: jsonCopy(row.data), stamps: jsonCopy(row.stamps ?? {}) });
      }
    }
    return store;
  }

  /**
   * @template T
   * @param {() => T} fn
   * @returns {T}
   */
  atomic(fn) {
    const saved = structuredClone(this.t);
    try {
      return fn();
    } catch (err) {
      this.t = saved;
      throw err;
    }
  }

  /** @param {string} opId */
  getResult(opId) {
    return Object.hasOwn(this.t.results, opId) ? jsonCopy(this.t.results[opId]) : null;
  }

  /**
   * @param {string} clientId
   * @param {number | null} seq
   * @param {string | null} opId
   * @param {Record<string, any>} result
   */
  saveResult(clientId, seq, opId, result) {
    if (opId !== null) this.t.results[opId] = jsonCopy(result);
    if (seq !== null) (this.t.seqs[clientId] ??= []).push(seq);
  }

  /** @param {string} clientId */
  ackedSeq(clientId) {
    return raiseFloor(0, new Set(this.t.seqs[clientId] ?? []), this.t.floors[clientId] ?? null).acked;
  }

  /** @param {string} clientId @param {number} floor */
  raiseFloor(clientId, floor) {
    this.t.floors[clientId] = Math.max(floor, this.t.floors[clientId] ?? 1);
  }

  /**
   * @param {unknown} raw
   * @param {string} code
   * @param {string} message
   * @param {string | null} householdId
   */
  quarantineOp(raw, code, message, householdId) {
    this.t.quarantine.push({ raw: jsonCopy(raw), code, message, household_id: householdId });
  }

  /**
   * @param {string} entity
   * @param {string} id
   */
  getRecord(entity, id) {
    const key = `${entity}/${id}`;
    return Object.hasOwn(this.t.records, key) ? jsonCopy(this.t.records[key]) : null;
  }

  /**
   * @param {string} entity
   * @param {string} id
   * @param {import('./engine.js').StoredRecord} record
   */
  putRecord(entity, id, record) {
    this.t.records[`${entity}/${id}`] = jsonCopy(record);
  }

  /**
   * @param {string} entity
   * @param {string} id
   * @param {string} field
   */
  fieldHistory(entity, id, field) {
    return [...(this.t.history[`${entity}/${id}/${field}`] ?? [])];
  }

  /**
   * @param {string} entity
   * @param {string} id
   * @param {string} field
   * @param {import('./merge.js').FieldWrite} write
   */
  addFieldWrite(entity, id, field, write) {
    (this.t.history[`${entity}/${id}/${field}`] ??= []).push(write);
  }

  /** @param {string} id */
  getConflict(id) {
    return Object.hasOwn(this.t.conflicts, id) ? jsonCopy(this.t.conflicts[id]) : null;
  }

  /** @param {Record<string, any>} conflict */
  putConflict(conflict) {
    this.t.conflicts[conflict.id] = jsonCopy(conflict);
  }

  /** @param {string} id */
  removeConflict(id) {
    delete this.t.conflicts[id];
  }

  /** @param {Record<string, any>} event */
  putStatusEvent(event) {
    this.t.events[event.id] = jsonCopy(event);
  }

  /**
   * @param {string} clientId
   * @param {string | null} householdId
   * @param {number} _nowMs
   * @returns {import('./engine.js').Scope}
   */
  writeScope(clientId, householdId, _nowMs) {
    if (householdId === null) return 'in_scope';
    return this.scope[clientId]?.[householdId] ?? 'in_scope';
  }

  /** The quarantine, oldest first. */
  get quarantined() {
    return jsonCopy(this.t.quarantine);
  }

  /** State as vectors write it: records, conflicts (by id) and status events (by id). */
  snapshot() {
    /** @type {Record<string, Record<string, any>>} */
    const records = {};
    for (const [key, record] of Object.entries(this.t.records)) {
      const [entity, id] = key.split('/');
      (records[entity] ??= {})[id] = jsonCopy(record);
    }
    /** @param {Record<string, Record<string, any>>} table */
    const byId = (table) => Object.keys(table).sort().map((id) => jsonCopy(table[id]));
    return { records, conflicts: byId(this.t.conflicts), status_events: byId(this.t.events) };
  }
}
