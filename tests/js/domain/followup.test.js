import { test } from 'node:test';
import assert from 'node:assert/strict';
import { personsDue, householdsDue, intervalTable, suggestNextFollowUp, dayOf, DEFAULT_INTERVAL_DAYS } from '../../../pwa/js/domain/followup.js';
import { reasonText, dueText, groupsOf } from '../../../pwa/js/views/helper/today.js';
import { setLocale } from '../../../pwa/js/i18n/index.js';

const NOW = new Date('2026-11-21T10:00:00').getTime();
const daysAgo = (/** @type {number} */ n) => new Date(NOW - n * 86_400_000).toISOString();

const persons = [
  { id: 'zero', household_id: 'H-zero', name: '王芳', category: 'zero_employment_family', registered_on: '2025-01-01' },
  { id: 'zero2', household_id: 'H-zero', name: '王强', category: 'zero_employment_family', registered_on: '2025-01-01' },
  { id: 'grad', household_id: 'H-grad', name: '李杰', category: 'graduate_active_search', registered_on: '2025-01-01' },
  { id: 'settled', household_id: 'H-settled', name: 'Chen Mei', category: 'settled', registered_on: '2025-01-01' },
  { id: 'new', household_id: 'H-new', name: '赵敏', category: 'employment_difficulty', registered_on: '2026-11-01' },
  { id: 'fresh', household_id: 'H-fresh', name: '刘洋', category: 'zero_employment_family', registered_on: '2025-01-01' },
];
const visits = [
  { id: 'v1', household_id: 'H-zero', person_ids: ['zero', 'zero2'], occurred_at: daysAgo(18) },
  { id: 'v2', household_id: 'H-grad', person_ids: ['grad'], occurred_at: daysAgo(16) },
  { id: 'v3', household_id: 'H-settled', person_ids: ['settled'], occurred_at: daysAgo(400) },
  { id: 'v4', household_id: 'H-fresh', person_ids: ['fresh'], occurred_at: daysAgo(2) },
];

test('Today lists households due or overdue, most overdue first, shorter interval on a tie', () => {
  const dues = personsDue(persons, visits, DEFAULT_INTERVAL_DAYS, NOW);
  const list = householdsDue(dues, NOW);
  // H-new was never contacted: due the day its file was opened (PROTOCOL.md, "Follow-up").
  assert.deepEqual(list.map((x) => x.household_id), ['H-settled', 'H-new', 'H-zero', 'H-grad']);
  assert.deepEqual(list.map((x) => x.overdueDays), [35, 20, 3, 2]);
  assert.equal(list[2].members.length, 2, 'both members of the zero-employment family');
  // H-fresh (seen 2 days ago) is not due
  assert.ok(!list.some((x) => x.household_id === 'H-fresh'));
  assert.deepEqual(householdsDue(dues, NOW, 13).map((x) => x.household_id), ['H-settled', 'H-new', 'H-zero', 'H-grad', 'H-fresh']);
});

test('the reason says the category and the days since the last visit', () => {
  setLocale('en');
  const dues = personsDue(persons, visits, DEFAULT_INTERVAL_DAYS, NOW);
  const zero = householdsDue(dues, NOW).find((x) => x.household_id === 'H-zero');
  assert.ok(zero);
  assert.equal(reasonText(zero.lead), 'zero-employment family, every 15 days; 18 days since last contact');
  assert.equal(dueText(zero.overdueDays, zero.due), 'overdue by 3 days');
  setLocale('zh-CN');
  assert.equal(reasonText(zero.lead), '零就业家庭，每15天一次；距上次联系18天');
  setLocale('en');
});

test('a person never visited is due from registration and says so', () => {
  setLocale('en');
  const dues = personsDue([{ id: 'p', household_id: 'H', category: 'graduate_active_search', registered_on: '2026-10-01' }], [], DEFAULT_INTERVAL_DAYS, NOW);
  assert.equal(dues[0].overdueDays, 51);
  assert.equal(reasonText(dues[0]), 'graduate in active job search, never contacted (file opened Oct 1, 2026)');
});

test('rules pulled from the server override the defaults, and an earlier next follow-up wins', () => {
  const table = intervalTable([{ category: 'zero_employment_family', interval_days: 10 }]);
  assert.equal(table.zero_employment_family, 10);
  assert.equal(table.settled, 365);
  const dues = personsDue(persons.slice(0, 1), [{ id: 'v', household_id: 'H-zero', person_ids: ['zero'], occurred_at: daysAgo(8), next_follow_up: '2026-11-20' }], table, NOW);
  assert.equal(dues[0].overdueDays, 1);
});

test('the suggested next follow-up uses the shortest interval among those seen', () => {
  const day = dayOf('2026-11-21');
  assert.equal(suggestNextFollowUp(['settled', 'zero_employment_family'], DEFAULT_INTERVAL_DAYS, day), '2026-12-06');
  assert.equal(suggestNextFollowUp([null], DEFAULT_INTERVAL_DAYS, day), null);
});

test('a visit recorded today takes a household off the list at once', () => {
  const dues = personsDue(persons, [...visits, { id: 'now', household_id: 'H-zero', person_ids: ['zero', 'zero2'], occurred_at: new Date(NOW).toISOString() }], DEFAULT_INTERVAL_DAYS, NOW);
  assert.ok(!householdsDue(dues, NOW).some((x) => x.household_id === 'H-zero'));
});

test('a knock with nobody met keeps the household on Today and says so', () => {
  setLocale('en');
  const knock = { id: 'k', household_id: 'H-zero', person_ids: [], outcome: 'nobody_home', occurred_at: daysAgo(1) };
  const call = { id: 'c', household_id: 'H-zero', person_ids: ['zero'], outcome: 'no_answer', occurred_at: daysAgo(0.5) };
  const dues = personsDue(persons, [...visits, knock, call], DEFAULT_INTERVAL_DAYS, NOW);
  const zero = householdsDue(dues, NOW).find((x) => x.household_id === 'H-zero');
  assert.ok(zero, 'the household is still due');
  assert.equal(zero.overdueDays, 3);
  assert.equal(reasonText(zero.lead), 'zero-employment family, every 15 days; 18 days since last contact; 2 attempts since');
});

test('a visit dated after today hides nobody', () => {
  const ahead = { id: 'f', household_id: 'H-grad', person_ids: ['grad'], occurred_at: new Date(NOW + 365 * 86_400_000).toISOString() };
  const grad = personsDue(persons, [...visits, ahead], DEFAULT_INTERVAL_DAYS, NOW).find((d) => d.person.id === 'grad');
  assert.equal(grad?.overdueDays, 2);
});

test('a next-visit date counts only from the latest contact', () => {
  const older = { id: 'o', household_id: 'H-settled', person_ids: ['settled'], occurred_at: daysAgo(500), next_follow_up: '2025-09-01' };
  const later = { id: 'l', household_id: 'H-settled', person_ids: ['settled'], occurred_at: daysAgo(10) };
  const d = personsDue(persons, [older, later], DEFAULT_INTERVAL_DAYS, NOW).find((x) => x.person.id === 'settled');
  assert.equal(d?.reason.code, 'interval');
  assert.equal(d?.overdueDays, -355);
});

test('an amended visit counts once, as its amendment', () => {
  const wrong = { id: 'w', household_id: 'H-grad', person_ids: ['grad'], occurred_at: daysAgo(1) };
  const fix = { id: 'x', household_id: 'H-grad', person_ids: ['grad'], occurred_at: daysAgo(16), amends_visit_id: 'w' };
  const d = personsDue(persons, [wrong, fix], DEFAULT_INTERVAL_DAYS, NOW).find((x) => x.person.id === 'grad');
  assert.equal(d?.overdueDays, 2);
});

test('the groups of a caseload, for the filter', () => {
  assert.deepEqual(groupsOf([{ group_name: '第二组' }, { group_name: '第一组' }, { group_name: null }, { group_name: '第二组' }]), ['第一组', '第二组']);
});
