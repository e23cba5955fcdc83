import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fold } from '../../../pwa/js/domain/search.js';
import { serviceCounts, progress, TARGET_131, TARGET_3333 } from '../../../pwa/js/domain/targets.js';
import { rankJobs } from '../../../pwa/js/domain/match.js';
import { returnedVisits, visitDrafts } from '../../../pwa/js/domain/visit.js';

test('fold: full-width letters and digits read as ASCII, any case', () => {
  assert.equal(fold('Ｃｈｅｎ'), 'chen');
  assert.equal(fold('１３９'), '139');
});

test('services are counted against 1-3-1 and 3-3-3-3: contacts naming the person, amendments once', () => {
  const visits = [
    { id: 'a', household_id: 'h', person_ids: ['p'], services: ['heart_to_heart', 'cv_revision', 'cv_revision'] },
    { id: 'b', household_id: 'h', person_ids: ['p'], services: ['heart_to_heart', 'vocational_guidance'] },
    { id: 'b2', household_id: 'h', person_ids: ['p'], services: ['heart_to_heart', 'vocational_guidance'], amends_visit_id: 'b' },
    { id: 'c', household_id: 'h', person_ids: [], services: ['heart_to_heart'] }, // nobody met
    { id: 'd', household_id: 'h', person_ids: ['p'], outcome: 'no_answer', services: ['cv_revision'] },
    { id: 'e', household_id: 'h', person_ids: ['other'], services: ['training_referral'] },
  ];
  const counts = serviceCounts('p', 'h', visits, [{ person_id: 'p' }, { person_id: 'p' }, { person_id: 'x' }]);
  assert.deepEqual(progress(counts, TARGET_131).map((l) => [l.service, l.done, l.target]), [
    ['vocational_guidance', 1, 1], ['job_recommendation', 2, 3], ['training_referral', 0, 1]]);
  assert.deepEqual(progress(counts, TARGET_3333).map((l) => l.done), [2, 1, 0, 2]);
});

test('jobs are ranked by named reasons', () => {
  const person = { major: '服装设计', intention_industry: '服装', intention_pay_min: 4500, skills: ['CAD'] };
  const ranked = rankJobs(person, [
    { id: 'a', title: 'Greening guard', employer: 'Greening Co', public_welfare: true },
    { id: 'b', title: '服装设计助理', industry: '服装', majors: ['服装设计'], pay_min: 4000, pay_max: 6000, skills: ['cad'] },
    { id: 'c', title: 'Closed', is_open: false, industry: '服装' },
  ]);
  assert.deepEqual(ranked.map((r) => r.job.id), ['b', 'a']);
  assert.deepEqual(ranked[0].parts.map((p) => p.key), ['major', 'industry', 'pay', 'skills']);
});

test('a returned visit is a task until it is amended', () => {
  const visits = [
    { id: 'v1', review_state: 'returned', author_id: 'me' },
    { id: 'v2', review_state: 'returned', author_id: 'someone-else' },
    { id: 'v3', review_state: 'approved', author_id: 'me' },
  ];
  assert.deepEqual(returnedVisits(visits, 'me').map((v) => v.id), ['v1']);
  assert.deepEqual(returnedVisits([...visits, { id: 'v4', amends_visit_id: 'v1' }], 'me'), []);
});

test('a visit with GPS and an amendment carries both; unchanged statuses make no transition', () => {
  let n = 0;
  const { visitId, drafts } = visitDrafts(
    { household_id: 'h', person_ids: ['p', 'q'], channel: 'phone', occurred_at: '2026-11-21T01:00:00Z', notes: 'n', services: [],
      next_follow_up: null, status_changes: { p: 'seeking', q: 'employed' }, lat: 31.3, lng: 121.5, accuracy_m: 12, amends_visit_id: 'old' },
    (id) => ({ status: 'seeking', id }),
    () => `id-${++n}`,
  );
  assert.equal(visitId, 'id-1');
  assert.equal(drafts.length, 2);
  assert.deepEqual([drafts[0].data.lat, drafts[0].data.accuracy_m, drafts[0].data.amends_visit_id], [31.3, 12, 'old']);
  assert.equal(drafts[1].entity_id, 'q');
});
