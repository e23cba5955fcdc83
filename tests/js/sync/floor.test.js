// The push envelope's floor (pwa/js/sync/floor.js) against the same cases as sync/outbox_floor.py.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { floorOf, raiseFloor } from '../../../pwa/js/sync/floor.js';

const doc = JSON.parse(readFileSync(new URL('../../../sync/vectors/floor/floor.json', import.meta.url), 'utf8'));

for (const c of doc.cases) {
  test(`floor case ${c.name}`, () => {
    const got = raiseFloor(c.acked, new Set(c.answered), floorOf(c.envelope, doc.seq_max));
    assert.deepEqual({ acked: got.acked, answered: [...got.answered].sort((a, b) => a - b) }, c.expect);
  });
}
