// The engine honours the push envelope's floor exactly as sync/engine.py does
// (tests/sync/test_sync_engine.py tells the same story).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { Engine } from '../../../pwa/js/sync/engine.js';
import { MemoryStore } from '../../../pwa/js/sync/memory.js';
import { loadRegistry } from '../../../pwa/js/sync/registry.js';

const registry = loadRegistry(JSON.parse(readFileSync(new URL('../../../sync/registry.json', import.meta.url), 'utf8')));
const NOW = 1_763_700_000_000;

/** @param {number} seq */
function householdOp(seq) {
  return {
    op_id: crypto.randomUUID(), client_id: 'dev', seq, hlc: `${String(NOW + seq).padStart(15, '0')}:00000:dev`,
    entity: 'household', entity_id: crypto.randomUUID(), kind: 'insert', data: { address: `${seq} Elm` },
  };
}

/** @param {Engine} engine @param {object[]} ops @param {unknown} [floor] */
function push(engine, ops, floor) {
  /** @type {Record<string, unknown>} */
  const body = { protocol: 2, client_id: 'dev', ops };
  if (floor !== undefined) body.floor = floor;
  return engine.push(body, NOW);
}

test('a floor lets acked_seq jump a seq the phone gave up on', () => {
  const engine = new Engine(new MemoryStore(), registry);
  assert.equal(push(engine, [householdOp(1), householdOp(3)]).acked_seq, 1);
  assert.equal(push(engine, [householdOp(4)], 3).acked_seq, 1);
  assert.equal(push(engine, []).acked_seq, 4);
});

test('a floor the core cannot use is ignored, not refused', () => {
  for (const floor of [0, -1, '3', 2.5, true, null, 2 ** 31]) {
    const engine = new Engine(new MemoryStore(), registry);
    assert.equal(push(engine, [householdOp(2)], floor).results[0].status, 'applied');
    assert.equal(push(engine, []).acked_seq, 0);
  }
});
