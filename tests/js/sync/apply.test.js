// Applying pulled pages under a pending outbox (PROTOCOL.md 8.1), told as short stories.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { applyPage, baseFor, removedWithPending, viewOf } from '../../../pwa/js/sync/apply.js';
import { Clock } from '../../../pwa/js/sync/hlc.js';

const S0 = '001763699000000:00000:server';
const P = '27d74ea0-33a5-5e74-9c71-884fc3702c58';

/**
 * @param {Partial<import('../../../pwa/js/sync/apply.js').PullPage>} page
 * @returns {import('../../../pwa/js/sync/apply.js').PullPage}
 */
function makePage(page) {
  return { protocol: 2, server_time: 0, cursor: 'c', has_more: false, acked_seq: 0, reset: false, changes: [], ...page };
}

const personPage = makePage({
  changes: [{ entity: 'person', id: P, op: 'upsert', data: { name: 'Li', phone: '111', status: 'seeking' }, stamps: { name: S0, phone: S0, status: S0 } }],
});

/** @type {import('../../../pwa/js/sync/apply.js').PendingOp} */
const pendingPhone = {
  op_id: 'op-1', client_id: 'a', seq: 4, hlc: '001763700000000:00000:a', entity: 'person', entity_id: P,
  kind: 'set', data: { phone: '222' }, base: { phone: S0 },
};

test('re-applying a page is harmless', () => {
  const once = applyPage({}, personPage);
  assert.deepEqual(applyPage(once, personPage), once);
});

test('pending ops stay optimistic on top of a newer pulled base', () => {
  const base = applyPage({}, personPage);
  const newer = applyPage(base, makePage({
    changes: [{ entity: 'person', id: P, op: 'upsert', data: { name: 'Li Wei', phone: '111', status: 'employed' }, stamps: { name: S0, phone: S0, status: S0 } }],
  }));
  const view = viewOf(newer, [pendingPhone]);
  assert.equal(view.person[P].data.phone, '222');
  assert.equal(view.person[P].data.status, 'employed');
  assert.equal(newer.person[P].data.phone, '111', 'the base is what the server said');
});

test('a reset page empties the base but not the outbox', () => {
  const base = applyPage({}, personPage);
  const outbox = [pendingPhone];
  const after = applyPage(base, makePage({ reset: true }));
  assert.deepEqual(after, {});
  assert.equal(outbox.length, 1);
  assert.deepEqual(viewOf(after, outbox), { person: {} }, 'a set without its record waits for the base');
});

test('pulled stamps advance the clock so the next write is later', () => {
  const clock = new Clock('a');
  applyPage({}, personPage, clock, 0);
  assert.ok(clock.now(0) > S0);
});

test('the base of a second offline edit is the first edit', () => {
  const view = viewOf(applyPage({}, personPage), [pendingPhone]);
  assert.deepEqual(baseFor(view, 'person', P, ['phone', 'email']), { phone: pendingPhone.hlc, email: null });
});

test('a removal with pending ops is reported before purging', () => {
  const removal = makePage({ changes: [{ entity: 'person', id: P, op: 'remove', data: {}, stamps: {} }] });
  assert.deepEqual(removedWithPending(removal, [pendingPhone]), [{ entity: 'person', id: P }]);
  assert.deepEqual(applyPage(applyPage({}, personPage), removal), { person: {} });
});
