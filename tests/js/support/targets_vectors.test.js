// The phone's 3-3-3-3 counts (pwa/js/domain/targets.js) pass the shared vectors the board's SQL
// passes too (tests/server/test_targets_vectors.py): sync/vectors/targets/*.json.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { counts3333, officeDay, assistanceSpan } from '../../../pwa/js/domain/targets.js';

const dir = new URL('../../../sync/vectors/targets/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();

test('there are target vectors', () => assert.ok(files.length >= 4));

for (const file of files) {
  const v = JSON.parse(readFileSync(new URL(file, dir), 'utf8'));
  test(`3-3-3-3 vector ${v.name}`, () => {
    const person = v.persons.find((/** @type {any} */ p) => p.id === v.person_id);
    const got = counts3333(v.person_id, person.household_id, {
      visits: v.visits, recommendations: v.recommendations, attachments: v.attachments,
      participants: v.participants, periods: v.periods,
      events: new Map(v.events.map((/** @type {any} */ e) => [e.id, e])),
    });
    assert.deepEqual(got, v.expected);
  });
}

test('the office day is Beijing time whatever the phone says', () => {
  assert.equal(officeDay('2026-08-31T16:00:00Z'), '2026-09-01');
  assert.equal(officeDay('2026-08-31T15:59:59Z'), '2026-08-31');
  assert.equal(officeDay(null), null);
});

test('a person without a period has no span; an open one runs on', () => {
  assert.equal(assistanceSpan('p', []), null);
  assert.deepEqual(assistanceSpan('p', [{ person_id: 'p', start_on: '2026-01-01', end_on: null }]),
    { start_on: '2026-01-01', end_on: '9999-12-31' });
});
