/**
 * The phone never jams (issue 8 §5) and loses nothing the server forgets (issue 9 D): a
 * scripted server that fails whole batches, forgets acknowledged ops, or skips a seq.
 */
import { test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { freshIndexedDb, makeReplica, closeAll, fakeFetch, json, memoryTokens } from '../helpers.js';
import { Api } from '../../../pwa/js/net/api.js';
import { Syncer } from '../../../pwa/js/net/syncer.js';
import { pendingOps, rejectedOps, sentOps } from '../../../pwa/js/local/outbox.js';

beforeEach(freshIndexedDb);
afterEach(closeAll);

/**
 * A server that keeps every op it applied and computes acked_seq like sync/engine.py: the
 * highest S with every seq 1..S answered, or below the device's floor. `poison` makes any
 * batch holding a matching op fail as a whole; `forget()` is a restore from an older backup.
 */
function fakeServer() {
  const server = {
    /** @type {Map<string, any>} op_id → op */
    ops: new Map(),
    /** @type {Set<number>} */
    seqs: new Set(),
    floor: 1,
    offline: false,
    /** @type {(op: any) => boolean} */
    poison: () => false,
    poisonStatus: 500,
    /** Every push fails with this status, the empty one too (a server broken for everyone). */
    brokenStatus: 0,
    /** Publishes a retention but its push schema refuses an unknown `floor` key (a half-done deploy). */
    refusesFloor: false,
    /** @type {number|null} retention the server publishes (null: an old server that takes no floor) */
    retentionMs: /** @type {number|null} */ (null),
    reset: false,
    pushes: /** @type {number[][]} */ ([]),
    acked() {
      let s = this.floor - 1;
      while (this.seqs.has(s + 1)) s++;
      return Math.max(0, s);
    },
    /** A restore from a backup taken before `keep` ops: everything after is forgotten. @param {number} keep */
    forget(keep) {
      const kept = [...this.ops.values()].slice(0, keep);
      this.ops = new Map(kept.map((op) => [op.op_id, op]));
      this.seqs = new Set(kept.map((op) => op.seq));
      this.floor = 1;
    },
  };
  const { fetch, calls } = fakeFetch(({ method, path, body }) => {
    if (server.offline) return 'offline';
    if (method === 'POST' && path === '/api/sync/push') {
      if (body.ops.length) server.pushes.push(body.ops.map((/** @type {any} */ o) => o.seq));
      if (server.refusesFloor && 'floor' in body) return json(400, { error: { code: 'invalid_request', message: 'Unknown field.' } });
      if (server.brokenStatus) return json(server.brokenStatus, { error: { code: 'internal_error', message: 'every push fails' } });
      if (body.ops.some(server.poison)) {
        if (server.poisonStatus === 0) return 'offline'; // the connection breaks on this batch
        return json(server.poisonStatus, { error: { code: 'internal_error', message: 'Internal Server Error' } });
      }
      const acked = server.acked(); // computed before this request's floor (draft §4)
      const results = body.ops.map((/** @type {any} */ op) => {
        if (server.ops.has(op.op_id)) return { op_id: op.op_id, status: 'duplicate', original: 'applied' };
        server.ops.set(op.op_id, op);
        server.seqs.add(op.seq);
        return { op_id: op.op_id, status: 'applied' };
      });
      const response = { protocol: 2, server_time: Date.now(), acked_seq: Math.max(acked, server.acked()), results };
      if (typeof body.floor === 'number') server.floor = Math.max(server.floor, body.floor);
      if (server.retentionMs !== null) Object.assign(response, { retention_ms: server.retentionMs });
      return json(200, response);
    }
    if (path === '/api/sync/pull') {
      const reset = server.reset;
      server.reset = false;
      return json(200, { protocol: 2, server_time: Date.now(), cursor: 'c1', has_more: false, acked_seq: server.acked(), reset, changes: [], remaining: 0 });
    }
    return json(404, { error: { code: 'not_found', message: path } });
  });
  return { server, fetch, calls };
}

async function setup(opts = {}) {
  const { server, fetch, calls } = fakeServer();
  const replica = await makeReplica();
  const scheduled = /** @type {number[]} */ ([]);
  const timers = { set: (/** @type {() => void} */ _fn, /** @type {number} */ ms) => scheduled.push(ms), clear: () => {} };
  const syncer = new Syncer({ api: new Api({ fetch, tokens: memoryTokens() }), replica, timers, random: () => 0.5, batchSize: 8, ...opts });
  syncer.stopped = false;
  return { server, calls, replica, syncer, scheduled };
}

const note = (/** @type {string} */ text) => ({ entity: 'note', entity_id: crypto.randomUUID(), kind: /** @type {const} */ ('insert'), data: { text } });
const notes = (/** @type {number} */ n) => Array.from({ length: n }, (_, i) => note(`note ${i + 1}`));

test('a batch the server answers 422 is split until the bad op is alone; it is parked and the rest arrive', async () => {
  const { replica, syncer, server } = await setup();
  server.poisonStatus = 422;
  server.poison = (op) => op.data.text === 'note 6';
  await replica.record(notes(8));
  await syncer.sync();
  assert.equal(server.ops.size, 7, 'every op but the bad one is on the server');
  assert.equal((await pendingOps(replica.db)).length, 0, 'nothing waits behind it');
  const [parked] = await rejectedOps(replica.db);
  assert.equal(parked.data.text, 'note 6', 'kept whole, with its payload');
  assert.equal(parked.result.status, 'parked');
  assert.equal(parked.result.code, 'refused');
  assert.equal(syncer.status.phase, 'idle');
  assert.ok(server.pushes.length <= 2 * Math.ceil(Math.log2(8)) + 2, `bisecting, not one by one: ${JSON.stringify(server.pushes)}`);
});

test('a server error on one op is retried a few times before it is parked; the ops before it arrive at once', async () => {
  const { replica, syncer, server, scheduled } = await setup();
  server.poison = (op) => op.data.text === 'note 3';
  await replica.record(notes(5));
  await syncer.sync();
  assert.equal(syncer.status.phase, 'error', 'first time: maybe passing, retry later');
  assert.deepEqual([...server.ops.values()].map((o) => o.data.text), ['note 1', 'note 2']);
  assert.equal(scheduled.length, 1);
  await syncer.sync();
  assert.equal((await rejectedOps(replica.db)).length, 0, 'not parked after two tries');
  await syncer.sync();
  const parked = await rejectedOps(replica.db);
  assert.equal(parked.length, 1, 'parked on the third');
  assert.equal(parked[0].result.code, 'server_error');
  assert.equal(server.ops.size, 4);
  assert.equal((await pendingOps(replica.db)).length, 0);
  assert.equal(syncer.status.phase, 'idle');
});

test('a connection that breaks on one batch, while an empty push goes through, isolates the op too', async () => {
  const { replica, syncer, server } = await setup({ maxStrikes: 1 });
  server.poisonStatus = 0;
  server.poison = (op) => op.data.text === 'note 2';
  await replica.record(notes(4));
  await syncer.sync();
  assert.equal(server.ops.size, 3);
  assert.equal((await rejectedOps(replica.db))[0].result.code, 'connection');
});

test('offline is not a bad batch: nothing is split or parked, everything waits', async () => {
  const { replica, syncer, server } = await setup({ maxStrikes: 1 });
  await replica.record(notes(4));
  server.offline = true;
  await syncer.sync();
  await syncer.sync();
  assert.equal(syncer.status.phase, 'offline');
  assert.equal((await pendingOps(replica.db)).length, 4);
  assert.equal((await rejectedOps(replica.db)).length, 0);
});

test('a server down for maintenance (503) is "offline, retrying", never a reason to park', async () => {
  const { replica, syncer, server } = await setup({ maxStrikes: 1 });
  server.poisonStatus = 503;
  server.poison = () => true;
  await replica.record(notes(2));
  await syncer.sync();
  assert.equal(syncer.status.phase, 'offline');
  assert.equal((await pendingOps(replica.db)).length, 2);
  assert.equal((await rejectedOps(replica.db)).length, 0);
  assert.deepEqual(server.pushes, [[1, 2]], 'not split either');
});

test('a gap in the acked seqs (an op the server never got) stops nothing behind it', async () => {
  const { replica, syncer, server } = await setup({ batchSize: 3 });
  server.poisonStatus = 422;
  server.poison = (op) => op.seq === 2;
  await replica.record(notes(9));
  await syncer.sync();
  assert.equal(server.ops.size, 8, 'seq 2 parked, seqs 3..9 all sent in later batches');
  assert.equal(server.acked(), 1, 'an old server: acked stays at the gap');
  assert.equal((await pendingOps(replica.db)).length, 0);
});

test('answered ops are kept on the phone and sent again when the server forgets them', async () => {
  const { replica, syncer, server } = await setup();
  await replica.record(notes(6));
  await syncer.sync();
  assert.equal((await sentOps(replica.db)).length, 6, 'kept after they were answered');
  server.forget(2); // restored from a backup holding only the first two
  await replica.record([note('after the restore')]);
  await syncer.sync();
  assert.equal(server.ops.size, 7, 'the four forgotten ops came back, and the new one');
  assert.equal(server.acked(), 7);
  assert.equal((await pendingOps(replica.db)).length, 0);
});

test('a pull with reset (a new epoch) sends the kept answered ops again; the server answers duplicate for what it has', async () => {
  const { replica, syncer, server } = await setup();
  await replica.record(notes(3));
  await syncer.sync();
  server.forget(3); // nothing lost, but the server says it is a new database
  server.reset = true;
  const pushed = server.pushes.length;
  await syncer.sync();
  assert.deepEqual(server.pushes.slice(pushed), [[1, 2, 3]]);
  assert.equal(server.ops.size, 3);
  assert.equal((await sentOps(replica.db)).length, 3);
});

test('answered ops are forgotten after the retention window the server publishes', async () => {
  let now = 1_000_000;
  const { replica, syncer, server } = await setup({ now: () => now });
  server.retentionMs = 60_000;
  await replica.record(notes(2));
  await syncer.sync();
  assert.equal((await sentOps(replica.db)).length, 2);
  now += 61_000;
  await replica.record([note('later')]);
  await syncer.sync();
  assert.deepEqual((await sentOps(replica.db)).map((s) => s.seq), [3], 'only the op inside the window is kept');
});

test('a server that publishes its retention takes a floor, so acked jumps a parked op', async () => {
  const { replica, syncer, server, calls } = await setup({ batchSize: 3 });
  server.retentionMs = 14 * 86_400_000;
  server.poisonStatus = 422;
  server.poison = (op) => op.seq === 2;
  await replica.record([note('first')]);
  await syncer.sync(); // learns that the server takes a floor
  await replica.record(notes(5));
  await syncer.sync();
  const floors = calls.filter((c) => c.path === '/api/sync/push' && c.body.ops.length).map((c) => c.body.floor);
  assert.equal(floors[0], undefined, 'not before the server said it takes one');
  assert.ok(floors.slice(1).every((f) => typeof f === 'number'));
  assert.equal(server.acked(), 6, 'seq 2 is parked on the phone; acked goes past it');
  server.forget(3);
  await syncer.sync();
  assert.equal(server.ops.size, 5, 'still detected: the forgotten ops came back');
  assert.equal(server.acked(), 6);
});

test('a batch stays within the body size the server takes, and never holds less than one op', async () => {
  const { takeBatch } = await import('../../../pwa/js/net/syncer.js');
  const op = (/** @type {number} */ seq, /** @type {number} */ chars) => /** @type {any} */ ({ seq, op_id: `o${seq}`, data: { text: 'x'.repeat(chars) }, recorded_at: 0 });
  const ops = [op(1, 400_000), op(2, 400_000), op(3, 400_000), op(4, 10)];
  assert.deepEqual(takeBatch(ops, 100, 1_000_000).map((o) => o.seq), [1, 2]);
  assert.deepEqual(takeBatch(ops, 1, 1_000_000).map((o) => o.seq), [1]);
  assert.deepEqual(takeBatch([op(1, 3_000_000)], 100, 1_000_000).map((o) => o.seq), [1], 'one too large op still goes (and is parked on 413)');
  assert.deepEqual(takeBatch([op(1, 10), op(2, 10)], 100, 1_000_000).map((o) => o.seq), [1, 2]);
});

test('an op too large for the server (413 for any batch holding it) is parked at once as too large', async () => {
  const { replica, syncer, server } = await setup();
  server.poisonStatus = 413;
  server.poison = (op) => op.data.text.length > 100;
  /** @type {any[]} */
  const heard = [];
  syncer.addEventListener('parked', (e) => heard.push(.../** @type {CustomEvent} */ (e).detail));
  await replica.record([note('short'), note('x'.repeat(200)), note('also short')]);
  await syncer.sync();
  assert.equal(server.ops.size, 2);
  assert.equal(heard.length, 1);
  assert.equal(heard[0].result.code, 'too_large');
  assert.equal(replica.rejected.length, 1, 'the replica shows it at once');
});

test('a server that fails every push, even an empty one, is broken for everyone: nothing is split or parked', async () => {
  for (const status of [500, 400]) {
    freshIndexedDb();
    const { replica, syncer, server } = await setup({ maxStrikes: 1 });
    server.brokenStatus = status;
    await replica.record(notes(4));
    await syncer.sync();
    await syncer.sync();
    assert.equal((await rejectedOps(replica.db)).length, 0, `HTTP ${status}`);
    assert.equal((await pendingOps(replica.db)).length, 4);
    assert.deepEqual(server.pushes, [[1, 2, 3, 4], [1, 2, 3, 4]], 'retried whole, with backoff');
    server.brokenStatus = 0;
    await syncer.sync();
    assert.equal(server.ops.size, 4);
    replica.close();
  }
});

test('an envelope the server refuses (a floor it does not know) is never blamed on the ops', async () => {
  const { replica, syncer, server } = await setup({ maxStrikes: 1 });
  server.retentionMs = 86_400_000;
  await replica.record(notes(1));
  await syncer.sync(); // learns the retention, so the next pushes carry a floor
  server.refusesFloor = true;
  await replica.record(notes(3));
  await syncer.sync();
  assert.equal((await rejectedOps(replica.db)).length, 0);
  assert.equal((await pendingOps(replica.db)).length, 3, 'waiting, not parked');
  assert.equal(syncer.status.phase, 'error');
});
