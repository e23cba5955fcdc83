import { test } from 'node:test';
import assert from 'node:assert/strict';
import { moveDrafts, reachable, localIso } from '../../../pwa/js/views/outcomes/outcome.js';

const rec = { id: 'r1', person_id: 'p1', job_id: 'j1', state: 'recommended' };
const noStamp = () => null;

test('a helper marking "applied" on a fresh recommendation walks through "interested"', () => {
  const drafts = moveDrafts(rec, 'applied', {}, null, noStamp);
  assert.deepEqual(drafts.map((d) => [d.kind, d.data.from, d.data.to]), [
    ['transition', 'recommended', 'interested'], ['transition', 'interested', 'applied']]);
});

test('an interview carries its day and place in a set after the moves', () => {
  const drafts = moveDrafts({ ...rec, state: 'applied' }, 'interview',
    { interview_at: '2026-12-03T06:00:00.000Z', interview_place: '创智天地' }, null, (f) => (f === 'interview_at' ? 'S1' : null));
  assert.equal(drafts.length, 2);
  assert.deepEqual(drafts[1], { entity: 'recommendation', entity_id: 'r1', kind: 'set',
    data: { interview_at: '2026-12-03T06:00:00.000Z', interview_place: '创智天地' },
    base: { interview_at: 'S1', interview_place: null } });
});

test('a hire ends with the placement insert, in the same transaction', () => {
  const drafts = moveDrafts({ ...rec, state: 'interview' }, 'hired', {}, { person_id: 'p1', start_date: '2026-12-01' }, noStamp);
  assert.deepEqual(drafts.map((d) => d.entity), ['recommendation', 'placement']);
  assert.equal(drafts[1].kind, 'insert');
});

test('staff are offered only the outcomes the machine can still reach', () => {
  assert.deepEqual(reachable('recommended'), ['applied', 'interview', 'hired', 'rejected', 'withdrawn']);
  assert.deepEqual(reachable('interview'), ['hired', 'rejected', 'withdrawn']);
  assert.deepEqual(reachable('hired'), []);
});

test('a local day is the calendar day of the phone', () => {
  const noon = new Date(2026, 11, 1, 12, 0).getTime();
  assert.equal(localIso(noon), '2026-12-01');
});
