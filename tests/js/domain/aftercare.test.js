import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { schedule, dueContact, keptAt, stepTable, walk } from '../../../pwa/js/domain/aftercare.js';

const root = new URL('../../../sync/vectors/', import.meta.url);
const folder = new URL('aftercare/', root);
const vectors = readdirSync(folder).filter((f) => f.endsWith('.json')).sort()
  .map((f) => JSON.parse(readFileSync(new URL(f, folder), 'utf8')));
const registry = JSON.parse(readFileSync(new URL('../registry.json', root), 'utf8'));
const walks = JSON.parse(readFileSync(new URL('outcomes/walks.json', root), 'utf8')).cases;

test('the phone runs every aftercare vector', () => assert.ok(vectors.length >= 10));

for (const v of vectors) {
  test(`aftercare vector ${v.name}`, () => {
    const steps = stepTable(v.steps);
    assert.deepEqual(schedule(v.placement, steps, v.checks, v.today), v.expected);
    assert.deepEqual(dueContact(v.placement, steps, v.checks, v.today), v.due);
    assert.deepEqual(Object.fromEntries(Object.keys(v.kept).map((k) => [k, keptAt(v.placement, Number(k), v.today)])), v.kept);
  });
}

test('a staff move walks the recommendation machine as the server does', () => {
  const moves = registry.machines.recommendation_state.transitions;
  for (const c of walks) assert.deepEqual(walk(moves, c.from, c.to), c.walk, `${c.from} → ${c.to}`);
});
