// Property (seeded, no dependencies): any arrival order of the same ops gives the same state,
// conflicts and status events in the JavaScript engine, as in tests/sync/test_convergence.py.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

import { Engine } from '../../../pwa/js/sync/engine.js';
import { uuid5 } from '../../../pwa/js/sync/ids.js';
import { MemoryStore } from '../../../pwa/js/sync/memory.js';
import { loadRegistry } from '../../../pwa/js/sync/registry.js';

const registry = loadRegistry(JSON.parse(readFileSync(new URL('../../../sync/registry.json', import.meta.url), 'utf8')));
const NOW = 1_763_700_000_000;
const NS = '6ba7b812-9dad-11d1-80b4-00c04fd430c8';
const HH = uuid5(NS, 'hh');
const P = uuid5(NS, 'person');
const REC = uuid5(NS, 'rec');
const S0 = `${String(NOW - 10_000).padStart(15, '0')}:00000:server`;
const DEVICES = ['dev-a', 'dev-b', 'dev-c', 'dev-d', 'dev-e', 'sup'];
const STATUSES = ['studying', 'seeking', 'internship', 'employed', 'further_study'];
const REC_MOVES = [['viewed', 'interested'], ['viewed', 'declined'], ['interested', 'applied'],
  ['declined', 'interested'], ['interested', 'declined'], ['applied', 'hired']];
const STATE = {
  records: {
    household: { [HH]: { data: { address: '1 Elm' }, stamps: { address: S0 } } },
    person: { [P]: { data: { household_id: HH, name: 'Li', phone: '111', status: 'seeking' }, stamps: { household_id: S0, name: S0, phone: S0, status: S0 } } },
    recommendation: { [REC]: { data: { person_id: P, state: 'viewed' }, stamps: { person_id: S0, state: S0 } } },
  },
};

/**
 * mulberry32: a small seeded PRNG so failures reproduce.
 * @param {number} seed
 * @returns {() => number}
 */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * @template T
 * @param {() => number} r
 * @param {T[]} items
 * @returns {T}
 */
function pick(r, items) {
  return items[Math.floor(r() * items.length)];
}

/**
 * @param {() => number} r
 * @returns {Record<string, any>[]}
 */
function makeOps(r) {
  /** @type {Record<string, number>} */
  const seqs = {};
  const used = new Set();
  /** @type {Record<string, any>[]} */
  const ops = [];
  const count = 1 + Math.floor(r() * 8);
  for (let n = 0; n < count; n++) {
    const device = pick(r, DEVICES);
    const wall = NOW + Math.floor(r() * 21);
    let counter = Math.floor(r() * 3);
    while (used.has(`${wall}/${counter}/${device}`)) counter += 1;
    used.add(`${wall}/${counter}/${device}`);
    seqs[device] = (seqs[device] ?? 0) + 1;
    const hlc = `${String(wall).padStart(15, '0')}:${String(counter).padStart(5, '0')}:${device}`;
    const base = pick(r, [S0, null, 'previous']);
    const baseStamp = base === 'previous' ? ops[ops.length - 1]?.hlc ?? null : base;
    const what = pick(r, ['name', 'phone', 'address', 'status', 'rec']);
    /** @type {Record<string, any>} */
    const op = { op_id: uuid5(NS, `op-${n}`), client_id: device, seq: seqs[device], hlc };
    if (what === 'name' || what === 'phone') {
      Object.assign(op, { entity: 'person', entity_id: P, kind: 'set', data: { [what]: pick(r, ['x', 'y', 'z']) }, base: { [what]: baseStamp } });
    } else if (what === 'address') {
      Object.assign(op, { entity: 'household', entity_id: HH, kind: 'set', data: { address: pick(r, ['2 Elm', '3 Elm']) }, base: { address: baseStamp } });
    } else if (what === 'status') {
      const from = pick(r, STATUSES);
      const to = pick(r, STATUSES.filter((s) => s !== from));
      Object.assign(op, { entity: 'person', entity_id: P, kind: 'transition', data: { field: 'status', from, to } });
    } else {
      const [from, to] = pick(r, REC_MOVES);
      Object.assign(op, { entity: 'recommendation', entity_id: REC, kind: 'transition', data: { field: 'state', from, to } });
    }
    ops.push(op);
  }
  return ops;
}

/**
 * @param {Record<string, any>[]} ops
 */
function pushAll(ops) {
  const store = MemoryStore.fromState(STATE);
  const engine = new Engine(store, registry);
  for (const op of ops) engine.push({ protocol: 2, client_id: op.client_id, ops: [op] }, NOW);
  return store.snapshot();
}

test('random op sets converge in every shuffled order', () => {
  const r = rng(20261121);
  for (let example = 0; example < 400; example++) {
    const ops = makeOps(r);
    const expected = pushAll(ops);
    for (let shuffle = 0; shuffle < 4; shuffle++) {
      const order = [...ops];
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(r() * (i + 1));
        [order[i], order[j]] = [order[j], order[i]];
      }
      assert.deepEqual(pushAll(order), expected, `example ${example}`);
    }
    const open = expected.conflicts.filter((c) => c.state === 'open').map((c) => `${c.entity}/${c.entity_id}/${c.field}`);
    assert.equal(new Set(open).size, open.length, 'at most one open conflict per field');
  }
});
