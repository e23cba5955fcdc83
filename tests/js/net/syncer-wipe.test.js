/**
 * The lost phone (issue 14 item 4): told to wipe, the phone pushes everything it holds, wipes
 * its synced data, ends its session and stops; what it could not push stays on the phone.
 */
import { test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { freshIndexedDb, makeReplica, closeAll, fakeFetch, json, memoryTokens } from '../helpers.js';
import { Api } from '../../../pwa/js/net/api.js';
import { Syncer, PROTOCOL_VERSION } from '../../../pwa/js/net/syncer.js';
import { pendingOps } from '../../../pwa/js/local/outbox.js';
import { openDeviceDb } from '../../../pwa/js/local/db.js';
import registry from '../../../sync/registry.json' with { type: 'json' };

beforeEach(freshIndexedDb);
afterEach(closeAll);

const note = (/** @type {string} */ text) => ({ entity: 'note', entity_id: `n-${text}`, kind: /** @type {const} */ ('insert'), data: { household_id: 'h1', text } });
const wiped = () => json(401, { error: { code: 'device_wiped', message: 'lost', fields: {} } });

/** A server that has been told this phone is lost: pushes are taken (in batches), nothing else. */
function lostPhoneServer({ pushes = true } = {}) {
  const server = { received: /** @type {string[]} */ ([]), loggedOut: false };
  const { fetch, calls } = fakeFetch(({ method, path, body }) => {
    if (path === '/api/sync/push' && method === 'POST') {
      if (!pushes) return wiped();
      server.received.push(...body.ops.map((/** @type {any} */ op) => op.data.text));
      const results = body.ops.map((/** @type {any} */ op) => ({ op_id: op.op_id, status: 'applied' }));
      const acked = Math.max(0, ...body.ops.map((/** @type {any} */ op) => op.seq));
      return json(200, { protocol: 2, server_time: Date.now(), acked_seq: acked, results, wipe: true });
    }
    if (path === '/api/auth/logout') {
      server.loggedOut = true;
      return new Response(null, { status: 204 });
    }
    return wiped();
  });
  return { server, fetch, calls };
}

async function phoneWith(/** @type {string[]} */ texts, fetch) {
  const replica = await makeReplica('u1');
  const device = await openDeviceDb();
  await device.put('sessions', { user: { id: 'u1' }, access_token: 'a', refresh_token: 'r' });
  await device.put('settings', 'u1', 'active');
  await replica.db.put('records', { entity: 'person', id: 'p1', data: { name: '李杰', phone: '13800000000' } });
  await replica.db.put('meta', 'c-42', 'cursor');
  if (texts.length) await replica.record(texts.map(note));
  const syncer = new Syncer({ api: new Api({ fetch, tokens: memoryTokens() }), replica, batchSize: 2, timers: { set: () => 0, clear: () => {} } });
  syncer.stopped = false;
  return { replica, device, syncer };
}

test('the phone speaks the protocol the registry names', () => {
  assert.equal(PROTOCOL_VERSION, registry.protocol.current);
});

test('told to wipe, the phone pushes all it holds, then wipes and ends its session', async () => {
  const { server, fetch } = lostPhoneServer();
  const { replica, device, syncer } = await phoneWith(['一', '二', '三'], fetch);
  /** @type {any[]} */
  const events = [];
  syncer.addEventListener('wiped', (e) => events.push(/** @type {CustomEvent} */ (e).detail));

  await syncer.sync();

  assert.deepEqual(server.received, ['一', '二', '三']); // every batch, not just the first
  assert.equal(server.loggedOut, true);
  assert.equal(syncer.status.phase, 'wiped');
  assert.deepEqual(events, [{ kept: 0 }]);
  assert.deepEqual(await replica.db.getAll('records'), []);
  assert.equal(await replica.db.get('meta', 'cursor'), undefined);
  assert.equal(await device.get('sessions', 'u1'), undefined); // no token left on the phone
  assert.equal(await device.get('settings', 'active'), undefined);
  await syncer.sync(); // stopped for good
  assert.equal(syncer.status.phase, 'wiped');
});

test('a refused push keeps its ops on the phone; the synced data goes anyway', async () => {
  const { fetch } = lostPhoneServer({ pushes: false });
  const { replica, device, syncer } = await phoneWith(['写了一半'], fetch);

  await syncer.sync();

  assert.equal(syncer.status.phase, 'wiped');
  assert.deepEqual(await replica.db.getAll('records'), []);
  assert.equal((await pendingOps(replica.db)).length, 1);
  const session = await device.get('sessions', 'u1');
  assert.equal(session.refresh_token, null);
  assert.deepEqual(await device.get('settings', 'parked'), { u1: 1 });
});

test('a pull refused with device_wiped starts the hand-over too', async () => {
  const { server, fetch, calls } = lostPhoneServer();
  const { syncer } = await phoneWith([], fetch);
  await syncer.sync();
  assert.equal(syncer.status.phase, 'wiped');
  assert.ok(calls.some((c) => c.path === '/api/sync/pull'));
  assert.equal(server.loggedOut, true);
});
