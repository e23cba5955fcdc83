/**
 * The sync loop against a scripted in-memory server (fake fetch): per-op results, resumable
 * pulls, reset, backoff and an expired session.
 */
import { test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { freshIndexedDb, makeReplica, closeAll, fakeFetch, json, memoryTokens } from '../helpers.js';
import { Api } from '../../../pwa/js/net/api.js';
import { Syncer } from '../../../pwa/js/net/syncer.js';
import { pendingOps, rejectedOps } from '../../../pwa/js/local/outbox.js';
import { cursor } from '../../../pwa/js/local/base.js';

beforeEach(freshIndexedDb);
afterEach(closeAll);

const household = (/** @type {number} */ i) => ({ entity: 'household', id: `h${i}`, op: 'upsert', data: { address: `凉城路${i}号` }, stamps: { address: `000000000001000:00000:server` } });

/** A tiny server: a change log paged by index, and a push that stores ops once. */
function fakeServer(changes = Array.from({ length: 10 }, (_, i) => household(i))) {
  const server = {
    changes,
    /** @type {Map<string, any>} */
    ops: new Map(),
    offline: false,
    /** @type {Set<number>} page numbers (by start index) that fail once */
    failAt: new Set(),
    /** @type {(op: any) => any} */
    result: (op) => ({ op_id: op.op_id, status: 'applied' }),
    pulls: /** @type {string[]} */ ([]),
    expired: false,
  };
  const { fetch, calls } = fakeFetch(({ method, path, url, body, auth }) => {
    if (server.offline) return 'offline';
    if (path === '/api/auth/refresh') return server.expired ? json(401, {}) : json(200, { access_token: 'fresh' });
    if (server.expired) return json(401, { error: { code: 'token_expired', message: 'expired' } });
    if (method === 'POST' && path === '/api/sync/push') {
      const results = body.ops.map((/** @type {any} */ op) => {
        if (server.ops.has(op.op_id)) return { op_id: op.op_id, status: 'duplicate' };
        const r = server.result(op);
        server.ops.set(op.op_id, op);
        return r;
      });
      return json(200, { protocol: 2, server_time: Date.now(), acked_seq: Math.max(0, ...body.ops.map((/** @type {any} */ o) => o.seq)), results });
    }
    if (path === '/api/sync/pull') {
      const c = url.searchParams.get('cursor') ?? '';
      const limit = Number(url.searchParams.get('limit'));
      server.pulls.push(c);
      const reset = c !== '' && !/^\d+$/.test(c);
      const start = reset ? 0 : Number(c || 0);
      if (server.failAt.has(start)) {
        server.failAt.delete(start);
        return 'offline';
      }
      const page = server.changes.slice(start, start + limit);
      const next = start + page.length;
      return json(200, { protocol: 2, server_time: Date.now(), cursor: String(next), has_more: next < server.changes.length,
        acked_seq: 0, reset, changes: page, remaining: server.changes.length - next });
    }
    return json(404, { error: { code: 'not_found', message: path } });
  });
  return { server, fetch, calls };
}

/** Timers the test controls: scheduled retries are recorded, not run. */
function manualTimers() {
  const scheduled = /** @type {{fn: () => void, ms: number}[]} */ ([]);
  return { scheduled, set: (/** @type {() => void} */ fn, /** @type {number} */ ms) => scheduled.push({ fn, ms }), clear: () => {} };
}

async function setup(opts = {}) {
  const { server, fetch, calls } = fakeServer(/** @type {any} */ (opts).changes);
  const replica = await makeReplica();
  const tokens = memoryTokens();
  const timers = manualTimers();
  const syncer = new Syncer({ api: new Api({ fetch, tokens }), replica, pageLimit: 3, timers, random: () => 0.5 });
  syncer.stopped = false;
  return { server, calls, replica, syncer, timers, tokens };
}

const note = (/** @type {string} */ id) => ({ entity: 'note', entity_id: id, kind: /** @type {const} */ ('insert'), data: { text: `note ${id}` } });

test('first sync pulls every page, shows N of M, and ends with the base complete', async () => {
  const { replica, syncer, server } = await setup();
  /** @type {string[]} */
  const seen = [];
  syncer.addEventListener('status', () => {
    const p = syncer.status.progress;
    if (p) seen.push(`${p.changes}/${p.total}`);
  });
  await syncer.sync();
  assert.equal(replica.all('household').length, 10);
  assert.deepEqual(server.pulls, ['', '3', '6', '9']);
  assert.deepEqual([...new Set(seen)], ['3/10', '6/10', '9/10', '10/10']);
  assert.equal(syncer.status.phase, 'idle');
});

test('a first sync cut off halfway resumes from the stored cursor, not from zero', async () => {
  const { replica, syncer, server, timers } = await setup();
  server.failAt.add(6);
  await syncer.sync();
  assert.equal(syncer.status.phase, 'offline');
  assert.equal(await cursor(replica.db), '6');
  assert.equal(timers.scheduled.length, 1, 'a retry is scheduled');
  server.pulls.length = 0;
  await syncer.sync();
  assert.deepEqual(server.pulls, ['6', '9']);
  assert.equal(replica.all('household').length, 10);
});

test('the outbox is pushed before pulling; acknowledged ops leave it', async () => {
  const { replica, syncer, server, calls } = await setup();
  await replica.record([note('a'), note('b')]);
  await syncer.sync();
  assert.equal(calls[0].path, '/api/sync/push');
  assert.equal(calls[0].body.protocol, 2);
  assert.equal(calls[0].body.client_id, replica.clientId);
  assert.equal(calls[0].body.ops[0].recorded_at, undefined, 'local bookkeeping is not sent');
  assert.equal(server.ops.size, 2);
  assert.equal((await pendingOps(replica.db)).length, 0);
});

test('a rejected op is shown with its reason and never blocks the ones behind it', async () => {
  const { replica, syncer, server } = await setup();
  server.result = (op) => op.entity_id === 'bad'
    ? { op_id: op.op_id, status: 'rejected', code: 'out_of_scope', message: 'household reassigned' }
    : { op_id: op.op_id, status: 'applied' };
  await replica.record([note('a'), note('bad'), note('c')]);
  await syncer.sync();
  assert.equal((await pendingOps(replica.db)).length, 0);
  assert.deepEqual([...server.ops.values()].map((o) => o.entity_id), ['a', 'bad', 'c']);
  const rejected = await rejectedOps(replica.db);
  assert.equal(rejected.length, 1);
  assert.equal(rejected[0].result.message, 'household reassigned');
  assert.equal(replica.rejected.length, 1);
});

test('no network: ops stay, the bar says offline since when, and the retry backs off', async () => {
  const { replica, syncer, server, timers } = await setup();
  await replica.record([note('a')]);
  server.offline = true;
  await syncer.sync();
  await syncer.sync();
  assert.equal(syncer.status.phase, 'offline');
  assert.ok(syncer.status.offlineSince);
  assert.equal((await pendingOps(replica.db)).length, 1);
  const [first, second] = timers.scheduled.map((s) => s.ms);
  assert.ok(second > first, `backoff grows: ${first} then ${second}`);
  server.offline = false;
  await syncer.resume();
  assert.equal(syncer.status.phase, 'idle');
  assert.equal(syncer.status.offlineSince, null);
  assert.equal(server.ops.size, 1);
});

test('a retried push after a lost response changes nothing and still empties the outbox', async () => {
  const { replica, syncer, server } = await setup();
  const [op] = await replica.record([note('a')]);
  server.ops.set(op.op_id, op); // the server stored it, but the response never arrived
  await syncer.sync();
  assert.equal(server.ops.size, 1);
  assert.equal((await pendingOps(replica.db)).length, 0);
});

test('an expired session keeps the outbox, stops syncing, and pushes after re-login', async () => {
  const { replica, syncer, server, tokens, timers } = await setup();
  await replica.record([note('a')]);
  server.expired = true;
  await syncer.sync();
  assert.equal(syncer.status.phase, 'auth');
  assert.equal(timers.scheduled.length, 0, 'no retry loop against a refused token');
  assert.equal((await pendingOps(replica.db)).length, 1);
  await syncer.sync();
  assert.equal(server.ops.size, 0);
  server.expired = false; // logged in again
  tokens.state.access = 'new-login';
  await syncer.resume();
  assert.equal(server.ops.size, 1);
  assert.equal((await pendingOps(replica.db)).length, 0);
});

test('reset restarts the pull from an empty base and keeps the outbox', async () => {
  const { replica, syncer, server } = await setup();
  await syncer.sync();
  await replica.db.put('meta', 'stale-epoch-cursor', 'cursor');
  await replica.db.put('records', { entity: 'household', id: 'ghost', data: { address: 'gone' }, stamps: {} });
  await replica.record([note('kept')]);
  server.pulls.length = 0;
  await syncer.pull(); // pull alone, so the op is still waiting when the reset arrives
  assert.equal(server.pulls[0], 'stale-epoch-cursor');
  assert.equal(replica.get('household', 'ghost'), undefined, 'the old base is gone');
  assert.equal(replica.all('household').length, 10);
  assert.equal((await pendingOps(replica.db)).length, 1, 'the outbox is untouched');
  assert.ok(replica.get('note', 'kept'));
});

test('removed records leave the base; a pending op on them is still pushed afterwards', async () => {
  const changes = [household(1), household(2)];
  const { replica, syncer, server } = await setup({ changes });
  await syncer.sync();
  await replica.record([{ entity: 'household', entity_id: 'h1', kind: 'set', data: { address: '新地址' }, base: { address: null } }]);
  server.offline = true;
  await syncer.sync();
  server.offline = false;
  server.changes.push({ entity: 'household', id: 'h1', op: 'remove', data: {}, stamps: {} });
  await syncer.pull();
  assert.equal(replica.get('household', 'h2')?.address, '凉城路2号');
  assert.equal(replica.get('household', 'h1'), undefined);
  await syncer.sync();
  assert.equal(server.ops.size, 1);
});

test('the first sync is remembered as done, even through a later reset', async () => {
  const { replica, syncer } = await setup();
  const { firstSyncDone } = await import('../../../pwa/js/local/base.js');
  assert.equal(await firstSyncDone(replica.db), false);
  await syncer.sync();
  assert.equal(await firstSyncDone(replica.db), true);
  await replica.db.put('meta', 'garbled', 'cursor');
  await syncer.pull();
  assert.equal(await firstSyncDone(replica.db), true);
});
