// A move of a policy case or an enrolment is a transition plus a set of the day it stamps.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { POLICY, TRAINING, moveOps, insertOp } from '../../../pwa/js/views/support/tracks.js';

const replica = /** @type {any} */ ({ stampOf: () => 'stamp-1' });

test('applying moves the state and stamps the application day', () => {
  const row = { id: 'c1', state: 'informed', applied_on: null };
  const ops = moveOps(replica, POLICY, row, 'applied', '2026-12-01', { amount: 1500 });
  assert.deepEqual(ops.map((o) => o.kind), ['transition', 'set']);
  assert.deepEqual(ops[0].data, { field: 'state', from: 'informed', to: 'applied' });
  assert.deepEqual(ops[1].data, { amount: 1500, applied_on: '2026-12-01' });
  assert.deepEqual(ops[1].base, { amount: 'stamp-1', applied_on: 'stamp-1' });
});

test('a decision stamps decided_on; unchanged details send nothing more', () => {
  const ops = moveOps(replica, POLICY, { id: 'c1', state: 'applied', notes: 'x' }, 'refused', '2026-12-02', { notes: 'x' });
  assert.deepEqual(ops[1].data, { decided_on: '2026-12-02' });
  const none = moveOps(replica, TRAINING, { id: 'e1', state: 'referred', notes: null }, 'referred', '2026-12-02', { notes: null });
  assert.deepEqual(none, []);
});

test('the machines are the registry\'s: a course goes requested → referred → enrolled → completed', () => {
  assert.deepEqual([...TRAINING.moves.requested], ['referred', 'dropped']);
  assert.deepEqual([...POLICY.moves.applied], ['granted', 'refused']);
});

test('a new referral carries the day it was made', () => {
  const op = insertOp(TRAINING, 'e9', { person_id: 'p', course_id: 'k', state: 'referred' }, '2026-12-01');
  assert.equal(op.kind, 'insert');
  assert.equal(op.data.referred_on, '2026-12-01');
});
