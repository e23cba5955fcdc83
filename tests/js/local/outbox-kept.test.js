/**
 * What the outbox keeps after an answer (the `sent` store), what it sets aside for the helper
 * (`rejected`: refused or parked) and how a set-aside op is sent again or given up.
 */
import { test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { freshIndexedDb, makeReplica, closeAll } from '../helpers.js';
import {
  recordOps, pendingOps, acknowledge, rejectedOps, sentOps, park, observePull, outboxFloor, resendRejected,
} from '../../../pwa/js/local/outbox.js';

beforeEach(freshIndexedDb);
afterEach(closeAll);

const note = (/** @type {string} */ id, text = 'x') => ({ entity: 'note', entity_id: id, kind: /** @type {const} */ ('insert'), data: { text } });
const applied = (/** @type {{op_id: string}[]} */ ops) => ops.map((o) => ({ op_id: o.op_id, status: /** @type {const} */ ('applied') }));

test('an answered op moves to `sent` with the time of its answer, whatever acked_seq says', async () => {
  const replica = await makeReplica();
  const ops = await recordOps(replica.db, [note('a'), note('b')]);
  const { removed } = await acknowledge(replica.db, ops, { acked_seq: 0, results: applied(ops) }, 5_000);
  assert.equal(removed, 2, 'acked_seq 0 (a gap below) does not keep them in the outbox');
  const sent = await sentOps(replica.db);
  assert.deepEqual(sent.map((s) => [s.seq, s.answered_at]), [[1, 5_000], [2, 5_000]]);
  assert.equal(sent[0].op.recorded_at, undefined, 'kept as it goes on the wire');
});

test('an acked seq lower than one seen before puts the answered ops above it back, marked resent and not replayed', async () => {
  const replica = await makeReplica();
  await replica.db.put('records', { entity: 'person', id: 'p1', household_id: 'h1', data: { name: '王芳', phone: '222' }, stamps: {} });
  const ops = await recordOps(replica.db, [note('a'), { entity: 'person', entity_id: 'p1', kind: 'set', data: { phone: '111' }, base: { phone: null } }, note('c')]);
  await acknowledge(replica.db, ops, { acked_seq: 3, results: applied(ops) });
  assert.equal(await observePull(replica.db, { acked_seq: 3 }), 0, 'the same acked seq: nothing to do');
  assert.equal(await observePull(replica.db, { acked_seq: 1 }), 2);
  const back = await pendingOps(replica.db);
  assert.deepEqual(back.map((o) => [o.seq, o.op_id, o.resent]), [[2, ops[1].op_id, true], [3, ops[2].op_id, true]], 'same op_id: the server answers duplicate if it has it');
  await replica.reload(false);
  assert.equal(replica.get('person', 'p1')?.phone, '222', 'an old answered value is not shown over the base');
  assert.deepEqual((await sentOps(replica.db)).map((s) => s.seq), [1]);
});

test('reset puts back every answered op still kept', async () => {
  const replica = await makeReplica();
  const ops = await recordOps(replica.db, [note('a'), note('b')]);
  await acknowledge(replica.db, ops, { acked_seq: 2, results: applied(ops) });
  assert.equal(await observePull(replica.db, { acked_seq: 2, reset: true }), 2);
});

test('a refused op goes to "needs attention" and is not kept as answered', async () => {
  const replica = await makeReplica();
  const ops = await recordOps(replica.db, [note('a')]);
  await acknowledge(replica.db, ops, { acked_seq: 1, results: [{ op_id: ops[0].op_id, status: 'duplicate', original: 'rejected', code: 'invalid_op' }] });
  assert.equal((await rejectedOps(replica.db)).length, 1, 'a duplicate of a rejection is a rejection');
  assert.equal((await sentOps(replica.db)).length, 0);
});

test('the floor is the first op still waiting, or the next seq; a parked op does not hold it down', async () => {
  const replica = await makeReplica();
  assert.equal(await outboxFloor(replica.db), 1);
  const ops = await recordOps(replica.db, [note('a'), note('b'), note('c')]);
  assert.equal(await outboxFloor(replica.db), 1);
  await park(replica.db, ops[0], { code: 'refused', message: 'HTTP 422' });
  assert.equal(await outboxFloor(replica.db), 2);
  await acknowledge(replica.db, ops.slice(1), { acked_seq: 0, results: applied(ops.slice(1)) });
  assert.equal(await outboxFloor(replica.db), 4);
});

test('a parked op resent as it was keeps its op_id and seq; edited, it is a new op', async () => {
  const replica = await makeReplica();
  const [op] = await recordOps(replica.db, [note('a', 'bad')]);
  await park(replica.db, op, { code: 'server_error', message: 'HTTP 500' });
  const same = await resendRejected(replica.db, op.op_id);
  assert.deepEqual([same.op_id, same.seq], [op.op_id, op.seq]);
  assert.equal((await rejectedOps(replica.db)).length, 0);

  await park(replica.db, same, { code: 'server_error', message: 'HTTP 500' });
  const edited = await resendRejected(replica.db, op.op_id, { text: 'good' });
  assert.notEqual(edited.op_id, op.op_id);
  assert.equal(edited.seq, 2);
  assert.ok(edited.hlc > op.hlc);
  assert.deepEqual((await pendingOps(replica.db)).map((o) => [o.entity_id, o.data.text]), [['a', 'good']]);
});

test('a rejected op resent, even unchanged, is a new op (its op_id is answered for good)', async () => {
  const replica = await makeReplica();
  const ops = await recordOps(replica.db, [note('a')]);
  await acknowledge(replica.db, ops, { acked_seq: 1, results: [{ op_id: ops[0].op_id, status: 'rejected', code: 'out_of_scope', message: 'no' }] });
  const again = await replica.resend(ops[0].op_id);
  assert.notEqual(again.op_id, ops[0].op_id);
  assert.equal(replica.rejected.length, 0);
  assert.equal(replica.outbox.length, 1);
});
