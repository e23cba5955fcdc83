/**
 * The field-class registry (sync/registry.json), normalised for lookups, and the state
 * machines it declares. The PWA passes the parsed JSON in (fetched or bundled); nothing here
 * reads files.
 */

/**
 * @typedef {object} Machine
 * @property {string} name
 * @property {Set<string>} states
 * @property {Map<string, Set<string>>} transitions
 * @property {boolean} anyMove any move between two different known states is legal
 * @property {Set<string>} initial states an insert may start in (empty: any)
 * @property {string | null} history entity recording every transition, if any
 */

/**
 * @typedef {object} Field
 * @property {string} name
 * @property {'lww' | 'lww_review' | 'append_only' | 'state_machine' | 'server_only'} cls
 * @property {Machine | null} machine
 * @property {boolean} hasHistory reviewed and state machine fields replay a history
 */

/**
 * @typedef {object} Entity
 * @property {string} name
 * @property {'mutable' | 'append_only' | 'catalogue' | 'server' | 'conflict'} kind
 * @property {Map<string, Field>} fields
 * @property {boolean} deviceWritable
 */

/**
 * @typedef {object} Registry
 * @property {number} currentProtocol
 * @property {Set<number>} acceptedProtocols
 * @property {string} namespace UUID namespace for deterministic ids
 * @property {number} maxSkewMs
 * @property {import('./bounds.js').Limits} limits what a device may send (registry.json `limits`)
 * @property {Map<string, Machine>} machines
 * @property {Map<string, Entity>} entities
 */

const CLASSES = new Set(['lww', 'lww_review', 'append_only', 'state_machine', 'server_only']);
const KINDS = new Set(['mutable', 'append_only', 'catalogue', 'server', 'conflict']);

/**
 * Build the lookup structure from the parsed registry.json.
 * @param {any} raw
 * @returns {Registry}
 */
export function loadRegistry(raw) {
  /** @type {Map<string, Machine>} */
  const machines = new Map();
  for (const [name, spec] of Object.entries(raw.machines)) {
    const m = /** @type {any} */ (spec);
    machines.set(name, {
      name,
      states: new Set(m.states ?? []),
      transitions: new Map(
        Object.entries(m.transitions ?? {}).map(([src, dst]) => [src, new Set(/** @type {string[]} */ (dst))]),
      ),
      anyMove: Boolean(m.any),
      initial: new Set(m.initial ?? []),
      history: typeof m.history === 'string' ? m.history : null,
    });
  }
  /** @type {Map<string, Entity>} */
  const entities = new Map();
  for (const [name, spec] of Object.entries(raw.entities)) {
    const e = /** @type {any} */ (spec);
    if (!KINDS.has(e.kind)) throw new Error(`entity ${name}: unknown kind ${e.kind}`);
    /** @type {Map<string, Field>} */
    const fields = new Map();
    for (const [fname, decl] of Object.entries(e.fields)) {
      const d = /** @type {any} */ (decl);
      const cls = typeof d === 'string' ? d : d.class;
      if (!CLASSES.has(cls)) throw new Error(`field ${fname}: unknown class ${cls}`);
      const machine = cls === 'state_machine' ? machines.get(d.machine) ?? null : null;
      if (cls === 'state_machine' && !machine) throw new Error(`field ${fname}: unknown machine`);
      fields.set(fname, {
        name: fname, cls, machine, hasHistory: cls === 'lww_review' || cls === 'state_machine',
      });
    }
    entities.set(name, {
      name, kind: e.kind, fields, deviceWritable: ['mutable', 'append_only', 'conflict'].includes(e.kind),
    });
  }
  return {
    currentProtocol: raw.protocol.current,
    acceptedProtocols: new Set(raw.protocol.accepted),
    namespace: raw.namespace,
    maxSkewMs: raw.max_skew_ms,
    limits: raw.limits,
    machines,
    entities,
  };
}

/**
 * @param {Machine} machine
 * @param {unknown} value
 * @returns {value is string}
 */
export function isState(machine, value) {
  return typeof value === 'string' && machine.states.has(value);
}

/**
 * @param {Machine} machine
 * @param {unknown} value
 * @returns {boolean} whether an insert may start in value
 */
export function isInitial(machine, value) {
  return isState(machine, value) && (machine.initial.size === 0 || machine.initial.has(value));
}

/**
 * @param {Machine} machine
 * @param {string} source
 * @param {string} target
 * @returns {boolean} whether source → target is a legal move
 */
export function isLegal(machine, source, target) {
  if (!isState(machine, source) || !isState(machine, target) || source === target) return false;
  if (machine.anyMove) return true;
  return machine.transitions.get(source)?.has(target) ?? false;
}
