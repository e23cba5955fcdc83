/** A visit tells what came of it: contacts reach someone, attempts do not, and a call is two taps. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { callDrafts, checkOutcome, effectiveOutcome, visitDrafts, visitKind } from '../../../pwa/js/domain/visit.js';

const base = {
  household_id: 'h1', person_ids: ['p1'], channel: 'home_visit', occurred_at: '2026-11-30T02:00:00Z', notes: 'talked',
  services: [], next_follow_up: null, status_changes: {},
};
const ids = () => { let n = 0; return () => `id-${++n}`; };

test('a home visit that met someone is a contact; "met" is what its persons already say', () => {
  const { drafts } = visitDrafts({ ...base, outcome: 'met' }, () => undefined, ids());
  assert.equal('outcome' in drafts[0].data, false, 'the server reads a visit naming persons as met');
  assert.equal(visitKind(drafts[0].data), 'contact');
  const refused = visitDrafts({ ...base, outcome: 'refused' }, () => undefined, ids()).drafts[0].data;
  assert.equal(refused.outcome, 'refused');
});

test('a knock where nobody is ticked is saved as an attempt on the household, never as met', () => {
  const { drafts } = visitDrafts({ ...base, person_ids: [], outcome: 'met', notes: '' }, () => undefined, ids());
  assert.deepEqual([drafts[0].data.outcome, drafts[0].data.person_ids], [undefined, []]);
  assert.equal(visitKind(drafts[0].data), 'attempt');
  assert.equal(effectiveOutcome('home_visit', 'met', []), 'nobody_home');
});

test('an attempt chosen for a named person stays an attempt', () => {
  const { drafts } = visitDrafts({ ...base, channel: 'phone', outcome: 'no_answer' }, () => undefined, ids());
  assert.equal(drafts[0].data.outcome, 'no_answer');
  assert.equal(visitKind(drafts[0].data), 'attempt');
});

test('a call without an outcome that names a person was answered', () => {
  assert.equal(effectiveOutcome('phone', null, ['p1']), 'answered');
  assert.equal(effectiveOutcome('phone', null, []), 'no_answer');
});

test('an outcome the channel does not offer, or a contact naming nobody, is told before saving', () => {
  assert.equal(checkOutcome('home_visit', 'wrong_number', ['p1']), 'visit_outcome_needs_person');
  assert.equal(checkOutcome('service_point', 'met', []), 'visit_outcome_needs_person');
  assert.equal(checkOutcome('home_visit', 'nobody_home', []), null);
  assert.equal(checkOutcome('phone', 'answered', ['p1']), null);
});

test('logging a call "no answer" makes one phone visit to that person, now, with no status change', () => {
  const now = Date.UTC(2026, 11, 1, 6, 30);
  const { visitId, drafts } = callDrafts({ id: 'p1', household_id: 'h1' }, 'no_answer', now, ids());
  assert.equal(visitId, 'id-1');
  assert.equal(drafts.length, 1);
  assert.deepEqual(drafts[0], {
    entity: 'visit', entity_id: 'id-1', kind: 'insert',
    data: { household_id: 'h1', person_ids: ['p1'], channel: 'phone', occurred_at: '2026-12-01T06:30:00.000Z', notes: '',
      services: [], next_follow_up: null, outcome: 'no_answer' },
  });
});

test('a call cannot carry a home-visit outcome', () => {
  assert.throws(() => callDrafts({ id: 'p1', household_id: 'h1' }, 'nobody_home', 0));
});

test('a legacy visit (no outcome) is a contact with the persons it names, an attempt when it names nobody', () => {
  assert.equal(visitKind({ outcome: null, person_ids: ['p1'] }), 'contact');
  assert.equal(visitKind({ outcome: null, person_ids: [] }), 'attempt');
});
