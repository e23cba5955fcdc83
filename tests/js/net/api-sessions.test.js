// Rotating refresh tokens and logout, as the phone's Api sees them (server side:
// tests/server/api/test_sessions.py).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fakeFetch, json, memoryTokens } from '../helpers.js';
import { Api, HttpError } from '../../../pwa/js/net/api.js';

/** A server whose refresh tokens are exchanged once: r1 -> r2 -> r3 ... */
function rotatingServer() {
  let current = 'r1';
  let n = 1;
  return fakeFetch(({ path, auth }) => {
    if (path === '/api/auth/refresh') {
      if (auth !== `Bearer ${current}`) return json(401, { error: { code: 'refresh_reused', message: 'reused' } });
      n += 1;
      current = `r${n}`;
      return json(200, { access_token: `a${n}`, refresh_token: current });
    }
    if (path === '/api/auth/logout') return new Response(null, { status: 204 });
    return auth === `Bearer a${n}` ? json(200, { ok: true }) : json(401, { error: { code: 'token_expired', message: 'expired' } });
  });
}

test('each refresh sends the newest refresh token, and the store saves both tokens', async () => {
  const { fetch, calls } = rotatingServer();
  const saved = /** @type {string[][]} */ ([]);
  const memory = memoryTokens('a0', 'r1');
  const tokens = {
    ...memory,
    saveTokens: (/** @type {string} */ access, /** @type {string} */ refresh) => {
      saved.push([access, refresh]);
      memory.state.access = access;
      memory.state.refresh = refresh;
    },
  };
  const api = new Api({ fetch, tokens });
  await api.request('GET', '/api/auth/me');
  memory.state.access = 'expired';
  await api.request('GET', '/api/auth/me');
  assert.deepEqual(saved, [['a2', 'r2'], ['a3', 'r3']]);
  assert.deepEqual(calls.filter((c) => c.path === '/api/auth/refresh').map((c) => c.auth), ['Bearer r1', 'Bearer r2']);
});

test('a store that saves only access tokens still sends the newest refresh token', async () => {
  const { fetch, calls } = rotatingServer();
  const tokens = memoryTokens('a0', 'r1');
  const api = new Api({ fetch, tokens });
  await api.request('GET', '/api/auth/me');
  tokens.state.access = 'expired';
  assert.deepEqual(await api.request('GET', '/api/auth/me'), { ok: true });
  assert.deepEqual(calls.filter((c) => c.path === '/api/auth/refresh').map((c) => c.auth), ['Bearer r1', 'Bearer r2']);
  assert.equal(api.currentRefresh(), 'r3');
  tokens.state.refresh = 'from-a-new-login';
  assert.equal(api.currentRefresh(), 'from-a-new-login');
});

test('logout ends the session on the server with the refresh token, and never throws', async () => {
  const { fetch, calls } = rotatingServer();
  const api = new Api({ fetch, tokens: memoryTokens('a0', 'r1') });
  assert.equal(await api.logout(), true);
  assert.deepEqual(calls.map((c) => [c.method, c.path, c.auth]), [['POST', '/api/auth/logout', 'Bearer r1']]);
  const offline = new Api({ fetch: fakeFetch(() => 'offline').fetch, tokens: memoryTokens() });
  assert.equal(await offline.logout('r9'), false);
  assert.equal(await new Api({ fetch, tokens: memoryTokens(null, null) }).logout(), false);
});

test('a throttled login says how long to wait', async () => {
  const throttled = new Response(JSON.stringify({ error: { code: 'too_many_requests', message: 'Too many failed attempts. Try again in 4 seconds.', fields: {} } }),
    { status: 429, headers: { 'Content-Type': 'application/json', 'Retry-After': '4' } });
  const api = new Api({ fetch: fakeFetch(() => throttled).fetch, tokens: memoryTokens() });
  await assert.rejects(api.login('helper1', 'x'), (err) => err instanceof HttpError && err.status === 429 && err.retryAfter === 4);
});
