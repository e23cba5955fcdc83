import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backoffDelay } from '../../../pwa/js/net/backoff.js';

test('delays grow exponentially, stay within [cap/2, cap] and stop growing at the maximum', () => {
  const low = (/** @type {number} */ n) => backoffDelay(n, { baseMs: 1000, maxMs: 60_000, random: () => 0 });
  const high = (/** @type {number} */ n) => backoffDelay(n, { baseMs: 1000, maxMs: 60_000, random: () => 1 });
  assert.deepEqual([0, 1, 2, 3].map(low), [500, 1000, 2000, 4000]);
  assert.deepEqual([0, 1, 2, 3].map(high), [1000, 2000, 4000, 8000]);
  assert.equal(high(20), 60_000);
  assert.equal(low(20), 30_000);
});

test('jitter spreads phones that failed at the same moment', () => {
  const delays = new Set(Array.from({ length: 20 }, () => backoffDelay(4)));
  assert.ok(delays.size > 10);
});
