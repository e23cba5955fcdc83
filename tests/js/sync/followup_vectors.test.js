// Every follow-up vector in sync/vectors/followup/ through the JavaScript port of the rule:
// the same answers sync/followup.py gives (tests/sync/test_followup_vectors.py).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';

import { followUps, intervalTableFrom, byUrgency } from '../../../pwa/js/domain/followup-rule.js';

const dir = new URL('../../../sync/vectors/followup/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();

test('there are follow-up vectors', () => {
  assert.ok(files.length >= 15);
});

for (const file of files) {
  const vector = JSON.parse(readFileSync(new URL(file, dir), 'utf8'));
  test(`${vector.name}: ${vector.description}`, () => {
    const got = followUps(vector.persons, vector.visits, intervalTableFrom(vector.rules), vector.today);
    assert.deepEqual(got, vector.expected);
    assert.deepEqual([...got].sort(byUrgency).filter((a) => a.due_on).map((a) => a.person_id), vector.urgency);
  });
}
