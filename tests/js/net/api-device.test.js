// The device as the phone's Api speaks of it: its id on every request, its label at login, and
// the server's order to wipe (server side: tests/server/test_lost_phone.py).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { json, memoryTokens } from '../helpers.js';
import { Api, AuthExpiredError, DeviceWipedError } from '../../../pwa/js/net/api.js';

/** @param {(path: string, headers: Record<string, string>, body: any) => Response} answer */
function recording(answer) {
  /** @type {{path: string, headers: Record<string, string>, body: any}[]} */
  const calls = [];
  /** @type {typeof fetch} */
  const fetchImpl = async (input, init = {}) => {
    const path = new URL(String(input), 'http://doorstep.test').pathname;
    const headers = /** @type {Record<string, string>} */ (init.headers ?? {});
    const body = init.body ? JSON.parse(String(init.body)) : undefined;
    calls.push({ path, headers, body });
    return answer(path, headers, body);
  };
  return { fetch: fetchImpl, calls };
}

const wiped = () => json(401, { error: { code: 'device_wiped', message: 'lost', fields: {} } });

test('every request names the device, and login sends the label the user chose', async () => {
  const { fetch, calls } = recording(() => json(200, { access_token: 'a', refresh_token: 'r', user: {} }));
  const api = new Api({ fetch, tokens: memoryTokens(), device: () => 'install-7' });
  await api.login('helper1', 'pw', '李老师的手机');
  await api.request('GET', '/api/auth/me');
  assert.deepEqual(calls.map((c) => c.headers['X-Device-Id']), ['install-7', 'install-7']);
  assert.deepEqual(calls[0].body, { username: 'helper1', password: 'pw', device_label: '李老师的手机' });
});

test('a 401 device_wiped is the order to wipe, not an expired session to refresh', async () => {
  const { fetch, calls } = recording(() => wiped());
  const api = new Api({ fetch, tokens: memoryTokens() });
  await assert.rejects(api.request('GET', '/api/sync/pull'), DeviceWipedError);
  assert.deepEqual(calls.map((c) => c.path), ['/api/sync/pull']); // no refresh tried
});

test('a refresh that says wipe is remembered; an ordinary 401 is still an expired session', async () => {
  let expired = true;
  const { fetch } = recording((path) => {
    if (path === '/api/auth/refresh') return json(200, { access_token: 'a2', refresh_token: 'r2', wipe: true });
    if (expired) return json(401, { error: { code: 'token_expired', message: 'expired', fields: {} } });
    return json(200, {});
  });
  const api = new Api({ fetch, tokens: memoryTokens() });
  const done = api.request('POST', '/api/sync/push', { ops: [] });
  expired = false;
  await done;
  assert.equal(api.wipeOrdered, true);

  const gone = recording(() => json(401, { error: { code: 'token_expired', message: 'expired', fields: {} } }));
  await assert.rejects(new Api({ fetch: gone.fetch, tokens: memoryTokens() }).request('GET', '/x'), AuthExpiredError);
});

test('a refresh refused with device_wiped (a lost phone found late) is the order to wipe too', async () => {
  const { fetch } = recording((path) => (path === '/api/auth/refresh' ? wiped() : json(401, { error: { code: 'token_expired', message: 'expired', fields: {} } })));
  await assert.rejects(new Api({ fetch, tokens: memoryTokens() }).request('POST', '/api/sync/push', { ops: [] }), DeviceWipedError);
});
