// Runs every shared vector in sync/vectors/ through the JavaScript engine: the same
// expectations the Python core passes (sync/vectors/README.md describes the schema).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';

import { Engine } from '../../../pwa/js/sync/engine.js';
import { SyncError } from '../../../pwa/js/sync/errors.js';
import { MemoryStore } from '../../../pwa/js/sync/memory.js';
import { loadRegistry } from '../../../pwa/js/sync/registry.js';

const SYNC_DIR = new URL('../../../sync/', import.meta.url);
const registry = loadRegistry(JSON.parse(readFileSync(new URL('registry.json', SYNC_DIR), 'utf8')));
const vectorDir = new URL('vectors/', SYNC_DIR);
const files = readdirSync(vectorDir).filter((f) => f.endsWith('.json')).sort();
const RESULT_KEYS = ['op_id', 'status', 'code', 'conflict_id', 'original', 'late', 'clamped', 'skew_ms'];

/**
 * @param {Record<string, any>} result
 * @returns {Record<string, any>}
 */
function comparable(result) {
  return Object.fromEntries(RESULT_KEYS.filter((k) => k in result).map((k) => [k, result[k]]));
}

/**
 * @param {any} vector
 * @param {number[]} order
 */
function runOrder(vector, order) {
  const store = MemoryStore.fromState(vector.state ?? {});
  const engine = new Engine(store, registry);
  /** @type {Record<string, any>[]} */
  const results = [];
  /** @type {Set<string>} */
  const clients = new Set();
  for (const index of order) {
    const op = vector.ops[index];
    const clientId = typeof op?.client_id === 'string' ? op.client_id : 'device-x';
    clients.add(clientId);
    try {
      const response = engine.push({ protocol: vector.protocol ?? 2, client_id: clientId, ops: [op] }, vector.now);
      results.push(...response.results.map(comparable));
    } catch (err) {
      if (!(err instanceof SyncError)) throw err;
      results.push({ error: err.code });
    }
  }
  const snap = store.snapshot();
  return {
    results,
    state: snap.records,
    conflicts: snap.conflicts,
    status_events: snap.status_events,
    acked_seq: Object.fromEntries([...clients].sort().map((c) => [c, store.ackedSeq(c)])),
    quarantine: store.quarantined.map((q) => q.code),
  };
}

test('there are at least 45 vectors', () => {
  assert.ok(files.length >= 45, `only ${files.length} vectors`);
});

for (const file of files) {
  const vector = JSON.parse(readFileSync(new URL(file, vectorDir), 'utf8'));
  test(`vector ${file}`, () => {
    const natural = vector.ops.map((/** @type {unknown} */ _, /** @type {number} */ i) => i);
    const got = runOrder(vector, natural);
    assert.deepEqual(got, vector.expect);
    for (const order of vector.orders ?? []) {
      const other = runOrder(vector, order);
      for (const key of ['state', 'conflicts', 'status_events']) {
        assert.deepEqual(other[/** @type {'state'} */ (key)], vector.expect[key], `order ${order}: ${key}`);
      }
    }
  });
}
