/**
 * Operations: the wire shape and the checks needing only the op and the registry
 * (PROTOCOL.md section 3, rules 2-6; the bounds of rule 2a in bounds.js). Mirrors
 * sync/operations.py; failures throw OpRejected.
 */

import { checkBounds, checkTextLengths, shapeOf } from './bounds.js';
import { InvalidStamp, OpRejected } from './errors.js';
import { parseStamp } from './hlc.js';
import { isInitial, isLegal, isState } from './registry.js';
import { isObject } from './values.js';

const KINDS = ['insert', 'resolve', 'set', 'transition'];
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/**
 * @typedef {object} Op
 * @property {string} op_id
 * @property {string} client_id
 * @property {number} seq
 * @property {import('./hlc.js').Stamp} stamp may be replaced by the server clamp
 * @property {string} entity
 * @property {string} entity_id
 * @property {'insert' | 'set' | 'transition' | 'resolve'} kind
 * @property {Record<string, any>} data
 * @property {Record<string, string | null> | null} base null for protocol 1 or no base
 * @property {number} protocol
 * @property {import('./bounds.js').Shape} shape depth, size and text facts of the raw op
 */

/**
 * @param {unknown} value
 * @returns {boolean}
 */
function isUuid(value) {
  return typeof value === 'string' && UUID.test(value);
}

/**
 * @param {unknown} value
 * @returns {boolean}
 */
function isStampOrNull(value) {
  if (value === null) return true;
  try {
    parseStamp(value);
    return true;
  } catch {
    return false;
  }
}

/**
 * Rule 2: check the shape of a raw op and build an Op.
 * @param {unknown} raw
 * @param {string} clientId the push's client_id
 * @param {number} protocol
 * @returns {Op}
 */
export function parseOp(raw, clientId, protocol) {
  if (!isObject(raw)) throw new OpRejected('invalid_op', 'an op must be an object', { op: ['not an object'] });
  /** @type {Record<string, string[]>} */
  const errors = {};
  for (const key of ['op_id', 'entity_id']) if (!isUuid(raw[key])) errors[key] = ['must be a UUID string'];
  if (raw.client_id !== clientId) errors.client_id = ["must equal the push's client_id"];
  const seq = raw.seq;
  if (typeof seq !== 'number' || !Number.isInteger(seq) || seq < 1) errors.seq = ['must be an integer >= 1'];
  /** @type {import('./hlc.js').Stamp | null} */
  let stamp = null;
  try {
    stamp = parseStamp(raw.hlc);
    if (stamp.node !== clientId) errors.hlc = ["the stamp's node must be the client_id"];
  } catch (err) {
    if (!(err instanceof InvalidStamp)) throw err;
    errors.hlc = [err.message];
  }
  if (typeof raw.entity !== 'string') errors.entity = ['must be a string'];
  if (typeof raw.kind !== 'string' || !KINDS.includes(raw.kind)) errors.kind = [`must be one of ${KINDS}`];
  if (!isObject(raw.data)) errors.data = ['must be an object'];
  let base = raw.base;
  if (protocol < 2 || base === null || base === undefined) base = null;
  else if (!isObject(base) || !Object.values(base).every(isStampOrNull)) {
    errors.base = ['must map fields to stamps or null'];
  }
  if (Object.keys(errors).length > 0 || stamp === null) {
    throw new OpRejected('invalid_op', 'the op is malformed', errors);
  }
  return {
    op_id: /** @type {string} */ (raw.op_id),
    client_id: clientId,
    seq: /** @type {number} */ (seq),
    stamp,
    entity: /** @type {string} */ (raw.entity),
    entity_id: /** @type {string} */ (raw.entity_id),
    kind: /** @type {Op['kind']} */ (raw.kind),
    data: { .../** @type {Record<string, any>} */ (raw.data) },
    base: base === null ? null : { .../** @type {Record<string, string | null>} */ (base) },
    protocol,
    shape: shapeOf(raw),
  };
}

/**
 * @param {import('./registry.js').Entity} entity
 * @param {string} name
 * @returns {import('./registry.js').Field}
 */
function writable(entity, name) {
  const spec = entity.fields.get(name);
  if (!spec) throw new OpRejected('unknown_field', `${entity.name} has no field ${name}`, { [name]: ['unknown'] });
  if (spec.cls === 'server_only') {
    throw new OpRejected('server_only_field', `${entity.name}.${name} is set by the server`, { [name]: ['server only'] });
  }
  return spec;
}

/**
 * Rules 2a-6: bounds, entity, kind, fields and values against the registry.
 * @param {Op} op
 * @param {import('./registry.js').Registry} registry
 * @returns {import('./registry.js').Entity}
 */
export function checkOp(op, registry) {
  checkBounds(op.seq, op.shape, registry.limits);
  const entity = registry.entities.get(op.entity);
  if (!entity) throw new OpRejected('unknown_entity', `unknown entity ${op.entity}`);
  if (!entity.deviceWritable) throw new OpRejected('read_only', `${op.entity} is read only for devices`);
  const allowed = entity.kind === 'append_only' ? ['insert']
    : entity.kind === 'conflict' ? ['resolve'] : ['insert', 'set', 'transition'];
  if (!allowed.includes(op.kind)) {
    throw new OpRejected('invalid_op', `${op.entity} accepts only ${allowed}`, { kind: [`must be one of ${allowed}`] });
  }
  if (op.kind === 'transition') {
    const name = op.data.field;
    if (typeof name !== 'string') throw new OpRejected('invalid_op', 'transition needs a field', { field: ['required'] });
    const spec = writable(entity, name);
    if (!spec.machine) throw new OpRejected('invalid_op', `${name} is not a state machine`, { [name]: ['no machine'] });
    const source = op.data.from;
    const target = op.data.to;
    if (!isState(spec.machine, source) || !isState(spec.machine, target)) {
      throw new OpRejected('illegal_transition', `${source} → ${target} are not both states of ${name}`);
    }
    if (!isLegal(spec.machine, source, target)) {
      throw new OpRejected('illegal_transition', `${name} cannot move ${source} → ${target}`);
    }
  } else if (op.kind === 'resolve') {
    const choice = op.data.choice;
    if (!(typeof choice === 'string' || (isObject(choice) && 'value' in choice))) {
      throw new OpRejected('invalid_op', 'resolve needs a choice', { choice: ['an op_id or {value}'] });
    }
    const comment = op.data.comment;
    if (comment !== undefined && comment !== null && typeof comment !== 'string') {
      throw new OpRejected('invalid_op', 'comment must be a string', { comment: ['string'] });
    }
    checkTextLengths('conflict', { comment }, registry.limits);
  } else {
    for (const [name, value] of Object.entries(op.data)) {
      const spec = writable(entity, name);
      if (op.kind === 'set' && spec.cls !== 'lww' && spec.cls !== 'lww_review') {
        throw new OpRejected('invalid_op', `${name} cannot be set; use a transition`, { [name]: ['use a transition'] });
      }
      if (spec.machine && !isInitial(spec.machine, value)) {
        throw new OpRejected('invalid_op', `${value} cannot start ${name}`, { [name]: ['bad state'] });
      }
    }
    checkTextLengths(entity.name, op.data, registry.limits);
  }
  return entity;
}
