/** The phone's vocabularies are the shared file's, and its status suggestion passes the shared vectors. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  CATEGORY_INTERVAL_DAYS, CHANNELS, CHANNEL_OUTCOMES, STATUSES, LABELS, defaultOutcome, isContact, isAttemptOutcome,
  outcomesFor, suggestForStatus,
} from '../../../pwa/js/domain/vocabulary.js';
import { en, zh } from '../../../pwa/js/i18n/tables.js';

const read = (/** @type {string} */ path) => JSON.parse(readFileSync(new URL(`../../../sync/${path}`, import.meta.url), 'utf8'));
const registry = read('registry.json');
const vectors = read('vectors/vocabulary/status_suggests.json');

for (const c of vectors.cases) {
  test(`status suggestion: ${c.name}`, () => {
    assert.deepEqual(suggestForStatus(c.person, c.household, c.status, c.intervals), c.expect, c.description);
  });
}

test('the statuses are the registry machine states, the cadence table is DOMAIN.md\'s', () => {
  assert.deepEqual([...STATUSES].sort(), [...registry.machines.employment_status.states].sort());
  assert.equal(CATEGORY_INTERVAL_DAYS.zero_employment_family, 15);
  assert.equal(CATEGORY_INTERVAL_DAYS.settled, 365);
});

test('a home visit offers met or nobody home; a call offers the four phone outcomes', () => {
  assert.deepEqual(outcomesFor('home_visit'), ['met', 'refused', 'nobody_home']);
  assert.deepEqual(outcomesFor('phone'), ['answered', 'refused', 'no_answer', 'wrong_number']);
  assert.deepEqual(Object.keys(CHANNEL_OUTCOMES).sort(), [...CHANNELS].sort());
});

test('only a visit that reached a named person is a contact', () => {
  assert.equal(isContact({ outcome: 'met', person_ids: ['p'] }), true);
  assert.equal(isContact({ outcome: null, person_ids: ['p'] }), true, 'legacy visits met the persons they name');
  assert.equal(isContact({ outcome: 'no_answer', person_ids: ['p'] }), false);
  assert.equal(isContact({ outcome: 'met', person_ids: [] }), false);
  assert.equal(isAttemptOutcome('wrong_number'), true);
  assert.equal(isAttemptOutcome('answered'), false);
});

test('the labels the file carries are the ones the app shows, in both languages', () => {
  for (const [k, text] of Object.entries(LABELS.en)) assert.equal(en[k], text, k);
  for (const [k, text] of Object.entries(LABELS.zh)) assert.equal(zh[k], text, k);
});

test('a visit without an outcome means what its persons say, as the server reads it', () => {
  assert.equal(defaultOutcome('home_visit', true), 'met');
  assert.equal(defaultOutcome('home_visit', false), 'nobody_home');
  assert.equal(defaultOutcome('phone', true), 'answered');
  assert.equal(defaultOutcome('phone', false), 'no_answer');
  assert.equal(defaultOutcome('accompanied_interview', false), null);
});
