// The bounds of one op (pwa/js/sync/bounds.js) measure exactly as sync/bounds.py does: the
// vectors 70-74 pin the engine's answers, these pin the measures the phone's forms use.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

import { checkTextLengths, opIdOf, seqOf, shapeOf, storable, textLength, textMax } from '../../../pwa/js/sync/bounds.js';
import { loadRegistry } from '../../../pwa/js/sync/registry.js';

const registry = loadRegistry(JSON.parse(readFileSync(new URL('../../../sync/registry.json', import.meta.url), 'utf8')));
const { limits } = registry;

test('a lone surrogate or NUL is not storable; a surrogate pair is', () => {
  assert.equal(storable('好 🙂'), true);
  for (const bad of ['a\u0000b', '\ud800', 'x\udfff', '\udc00\ud800', 'ok\ud83d']) assert.equal(storable(bad), false, bad);
});

test('text is counted in code points, as a person counts it', () => {
  assert.equal(textLength('🙂🙂'), 2);
  assert.equal('🙂🙂'.length, 4);
  assert.equal(textLength('李杰'), 2);
});

test('the registry publishes the form limits the server checks', () => {
  assert.equal(textMax(limits, 'note', 'text'), 10000);
  assert.equal(textMax(limits, 'person', 'name'), 120);
  assert.equal(textMax(limits, 'person', 'gender'), null);
  assert.equal(limits.follow_up_ahead_days, 730);
  assert.equal(limits.visit_clock_skew_ms, 900000);
  assert.throws(() => checkTextLengths('note', { text: 'x'.repeat(10001) }, limits), /longer than 10000/);
  checkTextLengths('note', { text: '🙂'.repeat(10000) }, limits);
});

test('an op is measured in UTF-8 bytes of its compact JSON, depth from the op itself', () => {
  assert.deepEqual(shapeOf({ a: '字' }), { depth: 1, badText: null, size: JSON.stringify({ a: '字' }).length + 2 });
  assert.equal(shapeOf({ data: { x: [{ y: 1 }] } }).depth, 4);
  assert.equal(shapeOf({ data: { notes: 'a\u0000' } }).badText, 'notes');
  let deep = /** @type {any} */ ('x');
  for (let i = 0; i < 100; i += 1) deep = [deep];
  assert.equal(shapeOf({ data: deep }).depth, 65);
});

test('only a short storable op_id and a bounded seq reach storage', () => {
  assert.equal(opIdOf({ op_id: 'x'.repeat(65) }), null);
  assert.equal(opIdOf({ op_id: '\ud800' }), null);
  assert.equal(opIdOf({ op_id: 'not-a-uuid' }), 'not-a-uuid');
  assert.equal(seqOf({ seq: 2 ** 31 }, limits), null);
  assert.equal(seqOf({ seq: 2 ** 31 - 1 }, limits), 2 ** 31 - 1);
  assert.equal(seqOf({ seq: 1.5 }, limits), null);
});
