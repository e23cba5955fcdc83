// The JavaScript clock: wire format, ordering, offset correction and the server clamp.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { InvalidStamp } from '../../../pwa/js/sync/errors.js';
import { Clock, clamp, formatStamp, parseStamp } from '../../../pwa/js/sync/hlc.js';

const HOUR = 3_600_000;
const NOW = 1_763_700_000_000;

test('the wire format is fixed width and round-trips', () => {
  const text = formatStamp({ wall: NOW, counter: 7, node: 'device-a' });
  assert.equal(text, '001763700000000:00007:device-a');
  assert.deepEqual(parseStamp(text), { wall: NOW, counter: 7, node: 'device-a' });
});

test('garbage is not a stamp', () => {
  for (const text of ['', '1:2:x', '001763700000000:00000:', '001763700000000:00000:a:b', 42, null]) {
    assert.throws(() => parseStamp(text), InvalidStamp);
  }
});

test('string order equals tuple order', () => {
  const stamps = [
    { wall: 5, counter: 0, node: 'b' }, { wall: 5, counter: 1, node: 'a' },
    { wall: 40, counter: 0, node: 'a' }, { wall: 5, counter: 0, node: 'a' },
  ];
  const byTuple = [...stamps].sort((x, y) => x.wall - y.wall || x.counter - y.counter || (x.node < y.node ? -1 : 1));
  const byString = [...stamps].map(formatStamp).sort();
  assert.deepEqual(byString, byTuple.map(formatStamp));
});

test('the clock never goes back and follows what it received', () => {
  const clock = new Clock('a');
  const first = clock.now(1000);
  assert.ok(clock.now(900) > first);
  clock.receive('000000000050000:00003:b', 1000);
  assert.ok(clock.now(1001) > '000000000050000:00003:b');
});

test('a phone six hours behind stamps near server time after one sync', () => {
  const clock = new Clock('phone');
  clock.observeServerTime(NOW, NOW - 6 * HOUR);
  assert.equal(parseStamp(clock.now(NOW - 6 * HOUR + 500)).wall, NOW + 500);
});

test('the server clamp uses server time and the seq', () => {
  const result = clamp({ wall: NOW + 6 * HOUR, counter: 3, node: 'a' }, NOW, 7, 300_000);
  assert.deepEqual(result, { stamp: { wall: NOW, counter: 7, node: 'a' }, clamped: true, skewMs: 6 * HOUR });
  assert.equal(clamp({ wall: NOW + 300_000, counter: 0, node: 'a' }, NOW, 1, 300_000).clamped, false);
});
