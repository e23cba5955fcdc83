import { test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { freshIndexedDb, makeReplica, closeAll } from '../helpers.js';
import { recordOps, pendingOps, acknowledge, rejectedOps } from '../../../pwa/js/local/outbox.js';
import { parseStamp } from '../../../pwa/js/sync/hlc.js';
import { visitDrafts } from '../../../pwa/js/domain/visit.js';

beforeEach(freshIndexedDb);
afterEach(closeAll);

const note = (/** @type {string} */ id, text = 'x') => ({ entity: 'note', entity_id: id, kind: /** @type {const} */ ('insert'), data: { text } });

test('ops get consecutive seqs, increasing stamps and the partition’s client id', async () => {
  const replica = await makeReplica();
  const ops = await recordOps(replica.db, [note('a'), note('b')], 1_000);
  const more = await recordOps(replica.db, [note('c')], 1_000); // same millisecond
  const all = [...ops, ...more];
  assert.deepEqual(all.map((o) => o.seq), [1, 2, 3]);
  assert.ok(all.every((o) => o.client_id === replica.clientId && parseStamp(o.hlc).node === replica.clientId));
  assert.ok(all[0].hlc < all[1].hlc && all[1].hlc < all[2].hlc);
  assert.equal(new Set(all.map((o) => o.op_id)).size, 3);
});

test('a visit and its status changes are saved in one transaction and shown at once', async () => {
  const replica = await makeReplica();
  await replica.db.put('records', { entity: 'person', id: 'p1', household_id: 'h1', data: { name: '王芳', household_id: 'h1', status: 'seeking' }, stamps: {} });
  await replica.reload(false);
  const { visitId, drafts } = visitDrafts(
    { household_id: 'h1', person_ids: ['p1'], channel: 'home_visit', occurred_at: '2026-11-21T09:00:00Z', notes: ' 找到工作了 ',
      services: ['job_recommendation'], next_follow_up: '2026-12-06', status_changes: { p1: 'employed' } },
    (id) => replica.get('person', id),
  );
  await replica.record(drafts);
  assert.equal(replica.get('visit', visitId)?.notes, '找到工作了');
  assert.equal(replica.get('person', 'p1')?.status, 'employed');
  assert.equal(replica.get('person', 'p1')?._pending, true);
  const ops = await pendingOps(replica.db);
  assert.deepEqual(ops.map((o) => [o.entity, o.kind]), [['visit', 'insert'], ['person', 'transition']]);
  assert.deepEqual(ops[1].data, { field: 'status', from: 'seeking', to: 'employed' });
});

test('a failing write stores nothing: no half visit, no seq used', async () => {
  const replica = await makeReplica();
  await assert.rejects(recordOps(replica.db, [note('a'), { ...note('b'), data: { text: () => 'not cloneable' } }]));
  assert.equal((await pendingOps(replica.db)).length, 0);
  const [op] = await recordOps(replica.db, [note('c')]);
  assert.equal(op.seq, 1);
});

test('acknowledge settles each op on its own result and keeps rejected ops aside with the reason', async () => {
  const replica = await makeReplica();
  const ops = await recordOps(replica.db, [note('a'), note('b'), note('c'), note('d')]);
  const response = {
    acked_seq: 3,
    results: [
      { op_id: ops[0].op_id, status: /** @type {const} */ ('applied') },
      { op_id: ops[1].op_id, status: /** @type {const} */ ('rejected'), code: 'out_of_scope', message: 'household reassigned' },
      { op_id: ops[2].op_id, status: /** @type {const} */ ('duplicate') },
    ],
  };
  const { removed, rejected } = await acknowledge(replica.db, ops, response);
  assert.equal(removed, 3);
  assert.deepEqual((await pendingOps(replica.db)).map((o) => o.seq), [4]);
  assert.equal(rejected.length, 1);
  const kept = await rejectedOps(replica.db);
  assert.equal(kept[0].op_id, ops[1].op_id);
  assert.equal(kept[0].result.code, 'out_of_scope');
});

test('a response acknowledging nothing leaves the outbox alone', async () => {
  const replica = await makeReplica();
  const ops = await recordOps(replica.db, [note('a')]);
  const { removed } = await acknowledge(replica.db, ops, { acked_seq: 0, results: [] });
  assert.equal(removed, 0);
  assert.equal((await pendingOps(replica.db)).length, 1);
});

test('two replicas of the same partition (two tabs) never hand out the same seq', async () => {
  const a = await makeReplica('shared');
  const { Replica } = await import('../../../pwa/js/local/replica.js');
  const b = new Replica(a.db, 'shared', a.clientId);
  const [x, y] = await Promise.all([a.record([note('a')]), b.record([note('b')])]);
  assert.notEqual(x[0].seq, y[0].seq);
  b.channel?.close();
});
