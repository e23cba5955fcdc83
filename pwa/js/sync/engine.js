/**
 * The push engine over a synchronous store: a line-by-line port of sync/engine.py so the
 * JavaScript core passes the same vectors (PROTOCOL.md sections 3, 5, 6, 7). The PWA uses it
 * to predict merges offline and in tests; the server's Python engine stays the authority.
 */

import { opIdOf, seqOf } from './bounds.js';
import { conflictId, conflictRecord, statusEvents } from './conflicts.js';
import { floorOf } from './floor.js';
import { OpRejected, SyncError, UnsupportedProtocol } from './errors.js';
import { clamp, formatStamp, nodeOf } from './hlc.js';
import { lwwWins, replay, roundOf } from './merge.js';
import { checkOp, parseOp } from './operations.js';
import { isState } from './registry.js';
import { isObject, jsonEqual } from './values.js';

/** @typedef {{data: Record<string, any>, stamps: Record<string, string>}} StoredRecord */
/** @typedef {'in_scope' | 'grace' | 'out_of_scope'} Scope */

/**
 * What the engine needs from storage (sync/storage.py, with a callback unit of work).
 * @typedef {object} Store
 * @property {<T>(fn: () => T) => T} atomic run fn as one unit of work (all or nothing)
 * @property {(opId: string) => Record<string, any> | null} getResult
 * @property {(clientId: string, seq: number | null, opId: string | null, result: Record<string, any>) => void} saveResult
 * @property {(clientId: string) => number} ackedSeq
 * @property {(clientId: string, floor: number) => void} raiseFloor the device waits no answer below `floor`
 * @property {(raw: unknown, code: string, message: string, householdId: string | null) => void} quarantineOp
 * @property {(entity: string, id: string) => StoredRecord | null} getRecord
 * @property {(entity: string, id: string, record: StoredRecord) => void} putRecord
 * @property {(entity: string, id: string, field: string) => import('./merge.js').FieldWrite[]} fieldHistory
 * @property {(entity: string, id: string, field: string, write: import('./merge.js').FieldWrite) => void} addFieldWrite
 * @property {(id: string) => Record<string, any> | null} getConflict
 * @property {(conflict: Record<string, any>) => void} putConflict
 * @property {(id: string) => void} removeConflict
 * @property {(event: Record<string, any>) => void} putStatusEvent
 * @property {(clientId: string, householdId: string | null, nowMs: number) => Scope} writeScope
 */

/**
 * @param {unknown} body
 * @param {import('./registry.js').Registry} registry
 * @returns {number} the accepted protocol version
 */
export function checkProtocol(body, registry) {
  const version = isObject(body) ? body.protocol : undefined;
  if (typeof version !== 'number' || !Number.isInteger(version)) {
    throw new UnsupportedProtocol('the request must name its protocol version');
  }
  if (!registry.acceptedProtocols.has(version)) {
    throw new UnsupportedProtocol(`protocol ${version} is not supported`);
  }
  return version;
}

export class Engine {
  /**
   * @param {Store} store
   * @param {import('./registry.js').Registry} registry
   */
  constructor(store, registry) {
    this.store = store;
    this.registry = registry;
  }

  /**
   * Handle one push body; throws SyncError only for a bad envelope or protocol.
   * @param {unknown} body
   * @param {number} nowMs
   * @returns {{protocol: number, server_time: number, acked_seq: number, results: Record<string, any>[]}}
   */
  push(body, nowMs) {
    if (!isObject(body)) throw new SyncError('invalid_request', 'the body must be an object');
    const protocol = checkProtocol(body, this.registry);
    const clientId = body.client_id;
    const ops = body.ops;
    if (typeof clientId !== 'string' || clientId === '' || clientId.includes(':') || !Array.isArray(ops)) {
      throw new SyncError('invalid_request', 'the push is malformed');
    }
    const results = ops.map((raw) => this.pushOp(raw, clientId, protocol, nowMs));
    // Read before this push's floor applies, so a server that lost ops shows it (6.1).
    const acked = this.store.ackedSeq(clientId);
    const floor = floorOf(body, this.registry.limits.seq_max);
    if (floor !== null) this.store.raiseFloor(clientId, floor);
    return {
      protocol: this.registry.currentProtocol,
      server_time: nowMs,
      acked_seq: acked,
      results,
    };
  }

  /**
   * @param {unknown} raw
   * @param {string} clientId
   * @param {number} protocol
   * @param {number} nowMs
   * @returns {Record<string, any>}
   */
  pushOp(raw, clientId, protocol, nowMs) {
    // The same reading of an op's id and seq as the Python engine (bounds.js, rule 2a).
    const opId = opIdOf(raw);
    const seq = seqOf(raw, this.registry.limits);
    return this.store.atomic(() => {
      if (opId !== null) {
        const stored = this.store.getResult(opId);
        if (stored !== null) return { ...stored, status: 'duplicate', original: stored.status };
      }
      /** @type {Record<string, any>} */
      let result;
      try {
        result = this.accept(raw, clientId, protocol, nowMs);
      } catch (err) {
        if (!(err instanceof OpRejected)) throw err;
        result = { op_id: opId, status: 'rejected', code: err.code, message: err.message };
        if (Object.keys(err.fields).length > 0) result.fields = err.fields;
        this.store.quarantineOp(raw, err.code, err.message, this.householdOfRaw(raw));
      }
      this.store.saveResult(clientId, seq, opId, result);
      return result;
    });
  }

  /**
   * @param {unknown} raw
   * @param {string} clientId
   * @param {number} protocol
   * @param {number} nowMs
   * @returns {Record<string, any>}
   */
  accept(raw, clientId, protocol, nowMs) {
    const op = parseOp(raw, clientId, protocol);
    const entity = checkOp(op, this.registry);
    const clamped = clamp(op.stamp, nowMs, op.seq, this.registry.maxSkewMs);
    op.stamp = clamped.stamp;
    const handlers = {
      insert: () => this.insert(op, entity, nowMs),
      set: () => this.set(op, entity, nowMs),
      transition: () => this.transition(op, entity, nowMs),
      resolve: () => this.resolve(op, nowMs),
    };
    /** @type {Record<string, any>} */
    const result = { op_id: op.op_id, ...handlers[op.kind]() };
    if (clamped.clamped) {
      result.clamped = true;
      result.skew_ms = clamped.skewMs;
    }
    return result;
  }

  /**
   * The household of a raw, possibly malformed op, for the quarantine queue (as sync/engine.py).
   * @param {unknown} raw
   * @returns {string | null}
   */
  householdOfRaw(raw) {
    if (!isObject(raw) || typeof raw.entity !== 'string' || typeof raw.entity_id !== 'string') return null;
    try {
      if (raw.entity === 'conflict') {
        const conflict = this.store.getConflict(raw.entity_id);
        return conflict ? this.householdOf(String(conflict.entity), String(conflict.entity_id), {}) : null;
      }
      return this.householdOf(raw.entity, raw.entity_id, isObject(raw.data) ? raw.data : {});
    } catch (err) {
      if (err instanceof SyncError) return null;
      throw err;
    }
  }

  /**
   * The household an op belongs to (PROTOCOL.md 7).
   * @param {string} entity
   * @param {string} entityId
   * @param {Record<string, any>} data
   * @returns {string | null}
   */
  householdOf(entity, entityId, data) {
    if (entity === 'household') return entityId;
    const record = this.store.getRecord(entity, entityId);
    const known = { ...(record?.data ?? {}), ...data };
    if (typeof known.household_id === 'string') return known.household_id;
    if (typeof known.person_id === 'string') {
      const person = this.store.getRecord('person', known.person_id);
      if (person && typeof person.data.household_id === 'string') return person.data.household_id;
    }
    return null;
  }

  /**
   * @param {import('./operations.js').Op} op
   * @param {string | null} householdId
   * @param {number} nowMs
   * @returns {{late?: true}}
   */
  late(op, householdId, nowMs) {
    const scope = this.store.writeScope(op.client_id, householdId, nowMs);
    if (scope === 'out_of_scope') {
      throw new OpRejected('out_of_scope', `household ${householdId} is not in your caseload`);
    }
    return scope === 'grace' ? { late: true } : {};
  }

  /**
   * @param {string} entity
   * @param {string} id
   * @returns {StoredRecord}
   */
  existing(entity, id) {
    const record = this.store.getRecord(entity, id);
    if (record === null) throw new OpRejected('not_found', `no ${entity} ${id}`);
    return record;
  }

  /**
   * @param {import('./operations.js').Op} op
   * @param {import('./registry.js').Entity} entity
   * @param {number} nowMs
   */
  insert(op, entity, nowMs) {
    const existing = this.store.getRecord(op.entity, op.entity_id);
    if (existing !== null) {
      if (Object.entries(op.data).every(([k, v]) => jsonEqual(existing.data[k] ?? null, v))) {
        return { status: 'duplicate' };
      }
      throw new OpRejected('id_exists', `${op.entity} ${op.entity_id} exists with other data`);
    }
    const late = this.late(op, this.householdOf(op.entity, op.entity_id, op.data), nowMs);
    const hlc = formatStamp(op.stamp);
    /** @type {StoredRecord} */
    const record = { data: {}, stamps: {} };
    for (const [name, value] of Object.entries(op.data)) {
      if (!entity.fields.get(name)?.hasHistory) {
        record.data[name] = value;
        record.stamps[name] = hlc;
      }
    }
    for (const [name, value] of /** @type {[string, any][]} */ ([['late', Boolean(late.late)], ['device_id', op.client_id]])) {
      if (entity.fields.has(name)) {
        record.data[name] = value;
        record.stamps[name] = hlc;
      }
    }
    for (const name of Object.keys(op.data).sort()) {
      const spec = /** @type {import('./registry.js').Field} */ (entity.fields.get(name));
      if (spec.hasHistory) {
        this.writeHistory(op.entity, op.entity_id, spec, record,
          { kind: 'insert', op_id: op.op_id, client_id: op.client_id, hlc, value: op.data[name] });
      }
    }
    this.store.putRecord(op.entity, op.entity_id, record);
    return { status: 'applied', ...late };
  }

  /**
   * @param {import('./operations.js').Op} op
   * @param {import('./registry.js').Entity} entity
   * @param {number} nowMs
   */
  set(op, entity, nowMs) {
    const record = this.existing(op.entity, op.entity_id);
    const late = this.late(op, this.householdOf(op.entity, op.entity_id, {}), nowMs);
    const hlc = formatStamp(op.stamp);
    /** @type {Map<string, import('./merge.js').Outcome>} */
    const outcomes = new Map();
    for (const name of Object.keys(op.data).sort()) {
      const spec = /** @type {import('./registry.js').Field} */ (entity.fields.get(name));
      const value = op.data[name];
      if (spec.cls === 'lww') {
        if (lwwWins(hlc, record.stamps[name])) {
          record.data[name] = value;
          record.stamps[name] = hlc;
        }
        continue;
      }
      outcomes.set(name, this.writeHistory(op.entity, op.entity_id, spec, record, {
        kind: 'set', op_id: op.op_id, client_id: op.client_id, hlc, value,
        base: op.base === null ? null : op.base[name] ?? null, hasBase: op.base !== null,
      }));
    }
    this.store.putRecord(op.entity, op.entity_id, record);
    return { ...this.status(op, outcomes, Object.keys(op.data).length), ...late };
  }

  /**
   * @param {import('./operations.js').Op} op
   * @param {import('./registry.js').Entity} entity
   * @param {number} nowMs
   */
  transition(op, entity, nowMs) {
    const record = this.existing(op.entity, op.entity_id);
    const late = this.late(op, this.householdOf(op.entity, op.entity_id, {}), nowMs);
    const spec = /** @type {import('./registry.js').Field} */ (entity.fields.get(op.data.field));
    const outcome = this.writeHistory(op.entity, op.entity_id, spec, record, {
      kind: 'transition', op_id: op.op_id, client_id: op.client_id, hlc: formatStamp(op.stamp),
      value: op.data.to, source: op.data.from,
    });
    this.store.putRecord(op.entity, op.entity_id, record);
    return { ...this.status(op, new Map([[spec.name, outcome]]), 1), ...late };
  }

  /**
   * @param {import('./operations.js').Op} op
   * @param {number} nowMs
   */
  resolve(op, nowMs) {
    const conflict = this.store.getConflict(op.entity_id);
    if (conflict === null) throw new OpRejected('not_found', `no conflict ${op.entity_id}`);
    if (conflict.state !== 'open') throw new OpRejected('already_resolved', `conflict ${op.entity_id} is already resolved`);
    const target = String(conflict.entity);
    const targetId = String(conflict.entity_id);
    const spec = /** @type {import('./registry.js').Field} */ (
      this.registry.entities.get(target)?.fields.get(String(conflict.field)));
    const choice = op.data.choice;
    let value;
    if (typeof choice === 'string') {
      const chosen = /** @type {Record<string, any>[]} */ (conflict.candidates).filter((c) => c.op_id === choice);
      if (chosen.length === 0) throw new OpRejected('invalid_op', 'choice is not a candidate', { choice: ['not a candidate'] });
      value = chosen[0][spec.cls === 'state_machine' ? 'to' : 'value'];
    } else {
      value = choice.value;
      if (spec.machine && !isState(spec.machine, value)) {
        throw new OpRejected('invalid_op', `${value} is not a state`, { choice: ['not a state'] });
      }
    }
    const record = this.existing(target, targetId);
    const late = this.late(op, this.householdOf(target, targetId, {}), nowMs);
    const comment = op.data.comment;
    this.writeHistory(target, targetId, spec, record, {
      kind: 'resolve', op_id: op.op_id, client_id: op.client_id, hlc: formatStamp(op.stamp), value,
      conflict_id: op.entity_id, choice, comment: typeof comment === 'string' ? comment : null,
    });
    this.store.putRecord(target, targetId, record);
    return { status: 'applied', ...late };
  }

  /**
   * Add a write to a field history, replay it, store the value, conflicts and events.
   * @param {string} entity
   * @param {string} id
   * @param {import('./registry.js').Field} spec
   * @param {StoredRecord} record
   * @param {import('./merge.js').FieldWrite} write
   * @returns {import('./merge.js').Outcome}
   */
  writeHistory(entity, id, spec, record, write) {
    const history = [...this.store.fieldHistory(entity, id, spec.name)];
    if (history.length === 0 && Object.hasOwn(record.stamps, spec.name)) {
      const stamp = record.stamps[spec.name];
      /** @type {import('./merge.js').FieldWrite} */
      const origin = { kind: 'origin', op_id: null, client_id: nodeOf(stamp), hlc: stamp, value: record.data[spec.name] ?? null };
      this.store.addFieldWrite(entity, id, spec.name, origin);
      history.push(origin);
    }
    this.store.addFieldWrite(entity, id, spec.name, write);
    const outcome = replay([...history, write], spec.cls);
    record.data[spec.name] = outcome.value;
    if (outcome.hlc !== null) record.stamps[spec.name] = outcome.hlc;
    const ns = this.registry.namespace;
    // A late write can fill a gap in a chain and dissolve a conflict an earlier arrival order
    // opened; the other orders never had it, so it must go for replicas to agree.
    const kept = new Set(outcome.rounds.map((r) => r.index));
    for (const gone of replay(history, spec.cls).rounds) {
      if (!kept.has(gone.index)) this.store.removeConflict(conflictId(ns, entity, id, spec.name, gone.index));
    }
    for (const round of outcome.rounds) this.store.putConflict(conflictRecord(ns, entity, id, spec, round));
    if (spec.machine?.history === 'status_event') {
      for (const event of statusEvents(ns, id, outcome)) this.store.putStatusEvent(event);
    }
    return outcome;
  }

  /**
   * @param {import('./operations.js').Op} op
   * @param {Map<string, import('./merge.js').Outcome>} outcomes
   * @param {number} fieldCount
   * @returns {Record<string, any>}
   */
  status(op, outcomes, fieldCount) {
    for (const name of [...outcomes.keys()].sort()) {
      const round = roundOf(/** @type {import('./merge.js').Outcome} */ (outcomes.get(name)), op.op_id);
      if (round !== null) {
        return { status: 'conflict', conflict_id: conflictId(this.registry.namespace, op.entity, op.entity_id, name, round.index) };
      }
    }
    if (outcomes.size > 0 && outcomes.size === fieldCount && [...outcomes.values()].every((o) => o.merged.has(op.op_id))) {
      return { status: 'merged' };
    }
    return { status: 'applied' };
  }
}
