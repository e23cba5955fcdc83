import { test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { closeAll, freshIndexedDb, makeReplica, memoryTokens } from '../helpers.js';
import { Api } from '../../../pwa/js/net/api.js';
import { Uploader } from '../../../pwa/js/net/uploader.js';
import { CHUNK, getUpload, keepUpload } from '../../../pwa/js/local/uploads.js';

beforeEach(() => freshIndexedDb());
afterEach(() => closeAll());

/**
 * A tus server in memory. `cutAfter`: bytes it takes in the next PATCH before the line drops
 * (what it got is kept, as the real server keeps it).
 * @param {number} size
 */
function tusServer(size) {
  const state = { received: new Uint8Array(0), offline: false, cutAfter: /** @type {number|null} */ (null), calls: /** @type {string[]} */ ([]) };
  /** @type {typeof fetch} */
  const fetchImpl = async (input, init = {}) => {
    const headers = /** @type {Record<string, string>} */ (init.headers ?? {});
    const method = init.method ?? 'GET';
    if (state.offline) throw new TypeError('Failed to fetch');
    assert.equal(headers['Tus-Resumable'], '1.0.0');
    const offset = () => ({ 'Upload-Offset': String(state.received.length), 'Tus-Resumable': '1.0.0' });
    if (method === 'POST') {
      state.calls.push(`POST ${headers['Upload-Length']}`);
      return new Response('{}', { status: 201, headers: offset() });
    }
    if (method === 'HEAD') return new Response(null, { status: 200, headers: offset() });
    const at = Number(headers['Upload-Offset']);
    state.calls.push(`PATCH ${at}`);
    if (at !== state.received.length) return new Response('{"error":{"code":"offset_mismatch"}}', { status: 409 });
    let body = /** @type {Uint8Array} */ (init.body);
    if (state.cutAfter !== null) {
      body = body.subarray(0, state.cutAfter);
      state.cutAfter = null;
      state.offline = true;
    }
    const next = new Uint8Array(state.received.length + body.length);
    next.set(state.received);
    next.set(body, state.received.length);
    state.received = next;
    if (state.offline) throw new TypeError('network changed');
    assert.ok(state.received.length <= size);
    return new Response(null, { status: 204, headers: offset() });
  };
  return { state, fetch: fetchImpl };
}

async function setUp(size = CHUNK * 3 + 123) {
  const replica = await makeReplica();
  const bytes = new Uint8Array(size).map((_, i) => (i * 7) % 256);
  await keepUpload(replica.db, { id: 'att-1', bytes, content_type: 'image/jpeg' }, 0);
  const server = tusServer(size);
  const api = new Api({ fetch: server.fetch, tokens: memoryTokens(), device: () => 'phone-1' });
  let now = 1_000_000;
  /** @type {(() => void)[]} */
  const timers = [];
  const uploader = new Uploader({ api, replica, now: () => now, random: () => 0,
    timers: { set: (fn) => timers.push(fn), clear: () => {} } });
  return { replica, bytes, server, uploader, timers, later: (/** @type {number} */ ms) => { now += ms; } };
}

test('the bytes wait for their op to leave the outbox', async () => {
  const { replica, server, uploader } = await setUp();
  await replica.record([{ entity: 'attachment', entity_id: 'att-1', kind: 'insert', data: { kind: 'photo' } }]);
  await uploader.run();
  assert.deepEqual(server.state.calls, []);
});

test('a cut upload resumes from the server offset, not from zero', async () => {
  const { replica, bytes, server, uploader, timers, later } = await setUp();
  // The second chunk is cut half-way: the server keeps what it got.
  let patches = 0;
  const original = server.fetch;
  const api = /** @type {any} */ (uploader.api);
  api.fetch = async (/** @type {any} */ input, /** @type {any} */ init) => {
    if (init?.method === 'PATCH' && ++patches === 2) server.state.cutAfter = 1000;
    return original(input, init);
  };
  await uploader.run();
  assert.equal(server.state.received.length, CHUNK + 1000);
  const waiting = await getUpload(replica.db, 'att-1');
  assert.equal(waiting?.state, 'waiting');
  assert.equal(waiting?.attempts, 1);
  assert.ok((waiting?.next_at ?? 0) > 1_000_000, 'it backs off');
  assert.equal(timers.length, 1, 'and tries again by itself');

  server.state.offline = false;
  later(10_000);
  await uploader.run();
  assert.deepEqual(server.state.calls, [`POST ${bytes.length}`, 'PATCH 0', `PATCH ${CHUNK}`,
    `POST ${bytes.length}`, `PATCH ${CHUNK + 1000}`, `PATCH ${CHUNK * 2}`, `PATCH ${CHUNK * 3}`]);
  assert.deepEqual(server.state.received, bytes);
  assert.equal((await getUpload(replica.db, 'att-1'))?.state, 'done');
  assert.equal(await replica.db.count('upload_chunks'), 0);
});

test('an offset that moved under the phone is asked for again', async () => {
  const { bytes, server, uploader } = await setUp(CHUNK + 10);
  server.state.received = bytes.slice(0, 5); // another tab got there first
  const api = /** @type {any} */ (uploader.api);
  const original = api.fetch;
  let first = true;
  api.fetch = async (/** @type {any} */ input, /** @type {any} */ init) => {
    if (init?.method === 'POST' && first) {
      first = false;
      return new Response('{}', { status: 201, headers: { 'Upload-Offset': '0' } }); // stale answer
    }
    return original(input, init);
  };
  await uploader.run();
  assert.deepEqual(server.state.received, bytes);
  assert.ok(server.state.calls.includes('PATCH 0') && server.state.calls.includes('PATCH 5'));
});

test('a file the server refuses for good is marked failed with its code', async () => {
  const { replica, uploader } = await setUp(100);
  const api = /** @type {any} */ (uploader.api);
  api.fetch = async () => new Response('{"error":{"code":"unsupported_type","message":"no"}}', { status: 415 });
  await uploader.run();
  const upload = await getUpload(replica.db, 'att-1');
  assert.equal(upload?.state, 'failed');
  assert.equal(upload?.error, 'unsupported_type');
});
