import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fakeFetch, json, memoryTokens } from '../helpers.js';
import { Api, AuthExpiredError, HttpError, NetworkError } from '../../../pwa/js/net/api.js';

test('an expired access token is refreshed once and the request retried', async () => {
  const tokens = memoryTokens('old', 'refresh-1');
  const { fetch, calls } = fakeFetch(({ path, auth }) => {
    if (path === '/api/auth/refresh') return auth === 'Bearer refresh-1' ? json(200, { access_token: 'new' }) : json(401, {});
    return auth === 'Bearer new' ? json(200, { ok: true }) : json(401, { error: { code: 'token_expired', message: 'expired' } });
  });
  const api = new Api({ fetch, tokens });
  assert.deepEqual(await api.request('GET', '/api/auth/me'), { ok: true });
  assert.equal(tokens.state.access, 'new');
  assert.deepEqual(calls.map((c) => c.path), ['/api/auth/me', '/api/auth/refresh', '/api/auth/me']);
});

test('a refused refresh token means: log in again (and nothing is retried in a loop)', async () => {
  const { fetch, calls } = fakeFetch(() => json(401, { error: { code: 'token_expired', message: 'expired' } }));
  const api = new Api({ fetch, tokens: memoryTokens() });
  await assert.rejects(api.request('POST', '/api/sync/push', {}), AuthExpiredError);
  assert.equal(calls.length, 2);
});

test('concurrent 401s share one refresh', async () => {
  const tokens = memoryTokens('old');
  let refreshes = 0;
  const { fetch } = fakeFetch(async ({ path, auth }) => {
    if (path === '/api/auth/refresh') {
      refreshes++;
      await new Promise((r) => setTimeout(r, 5));
      return json(200, { access_token: 'new' });
    }
    return auth === 'Bearer new' ? json(200, {}) : json(401, {});
  });
  const api = new Api({ fetch, tokens });
  await Promise.all([api.request('GET', '/a'), api.request('GET', '/b'), api.request('GET', '/c')]);
  assert.equal(refreshes, 1);
});

test('no network is a NetworkError; a refresh without network is not an expiry', async () => {
  const api = new Api({ fetch: fakeFetch(() => 'offline').fetch, tokens: memoryTokens() });
  await assert.rejects(api.request('GET', '/api/auth/me'), NetworkError);
  let first = true;
  const api2 = new Api({
    fetch: fakeFetch(({ path }) => {
      if (path === '/api/auth/refresh') return 'offline';
      if (first) {
        first = false;
        return json(401, {});
      }
      return json(200, {});
    }).fetch,
    tokens: memoryTokens(),
  });
  await assert.rejects(api2.request('GET', '/api/x'), NetworkError);
});

test('error bodies become HttpError with the machine code; gateway pages count as offline', async () => {
  const api = new Api({ fetch: fakeFetch(() => json(426, { error: { code: 'unsupported_protocol', message: 'update the app' } })).fetch, tokens: memoryTokens() });
  await assert.rejects(api.request('POST', '/api/sync/push', {}), (err) => err instanceof HttpError && err.status === 426 && err.code === 'unsupported_protocol');
  const gw = new Api({ fetch: fakeFetch(() => new Response('<html>bad gateway</html>', { status: 502 })).fetch, tokens: memoryTokens() });
  await assert.rejects(gw.request('GET', '/api/x'), NetworkError);
});

test('the server time header sets the clock offset', async () => {
  const api = new Api({
    fetch: fakeFetch(() => new Response('{}', { status: 200, headers: { 'X-Server-Time': String(Date.now() + 3_600_000) } })).fetch,
    tokens: memoryTokens(),
  });
  await api.request('GET', '/api/auth/me');
  assert.ok(Math.abs(api.serverOffsetMs - 3_600_000) < 1000);
});
