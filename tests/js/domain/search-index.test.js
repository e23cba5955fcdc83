/**
 * The phone's search index: ranked results, households by address, the group filter, and an
 * index built once per replica change (and pinyin computed again only for a changed person).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildIndex, find, indexOf, warmKeys } from '../../../pwa/js/domain/search-index.js';
import { pinyinProReadings } from '../../../pwa/js/domain/search-pinyin.js';

const readings = pinyinProReadings();
const households = [
  { id: 'h1', address: '凉城路100弄3号' },
  { id: 'h2', address: 'Lijiang Road 8' },
];
const persons = [
  { id: 'p1', household_id: 'h1', name: '李杰', phone: '13800000001', group_name: '求职一组' },
  { id: 'p2', household_id: 'h1', name: '李', phone: null },
  { id: 'p3', household_id: 'h2', name: '黎明', group_name: '求职二组' },
  { id: 'p4', household_id: 'h2', name: 'Julie Li', id_number: '110105194912310026' },
  { id: 'p5', household_id: 'h2', name: '单雄信' },
];
const names = (/** @type {{persons: {person: any}[]}} */ r) => r.persons.map((x) => x.person.name);

test('exact, then prefix, then substring; ties by pinyin', () => {
  const index = buildIndex(persons, households, readings);
  const found = find(index, 'li');
  assert.deepEqual(names(found), ['Julie Li', '李', '李杰', '黎明']);
  assert.deepEqual(found.persons.map((x) => x.rank), ['exact', 'exact', 'prefix', 'prefix']);
  assert.deepEqual(names(find(index, 'lm')), ['黎明']);
  assert.deepEqual(names(find(index, 'shan')), ['单雄信']);
  assert.deepEqual(names(find(index, '0026')), ['Julie Li']);
  assert.deepEqual(names(find(index, '0000 0001')), ['李杰']);
});

test('households are found by their address, and a limit keeps the total', () => {
  const index = buildIndex(persons, households, readings);
  assert.deepEqual(find(index, '凉城路').households.map((x) => x.household.id), ['h1']);
  assert.deepEqual(find(index, 'lijiang road').households.map((x) => x.household.id), ['h2']);
  const capped = find(index, 'l', { limit: 2 });
  assert.equal(capped.persons.length, 2);
  assert.equal(capped.total, 4);
});

test('the group filter, and a group alone lists everyone in it', () => {
  const index = buildIndex(persons, households, readings);
  assert.deepEqual(index.groups, ['求职二组', '求职一组'].sort((a, b) => a.localeCompare(b, 'zh')));
  assert.deepEqual(names(find(index, 'li', { group: '求职二组' })), ['黎明']);
  assert.deepEqual(names(find(index, '', { group: '求职一组' })), ['李杰']);
  assert.deepEqual(find(index, '', { group: '求职一组' }).households, []);
  assert.deepEqual(names(find(index, '')), []);
});

test('one index per replica picture; a changed name is read again', () => {
  /** @type {any} */
  let calls = 0;
  const counting = (/** @type {string} */ han) => { calls += 1; return readings(han); };
  const replica = { views: {}, all: (/** @type {string} */ e) => (e === 'person' ? people : households) };
  let people = persons.map((p) => ({ ...p, id: `c-${p.id}` }));
  const first = indexOf(replica, counting);
  assert.equal(indexOf(replica, counting), first);
  const before = calls;
  people = people.map((p) => (p.id === 'c-p1' ? { ...p, name: '王俊' } : p));
  replica.views = {};
  const second = indexOf(replica, counting);
  assert.notEqual(second, first);
  assert.equal(calls - before, 1);
  assert.deepEqual(names(find(second, 'wj')), ['王俊']);
});

test('keys worked out in slices beforehand make the build itself read only the cache', async () => {
  let calls = 0;
  const counting = (/** @type {string} */ han) => { calls += 1; return readings(han); };
  const people = persons.map((p) => ({ ...p, id: `w-${p.id}` }));
  await warmKeys(people, counting, 2);
  const warmed = calls;
  assert.equal(warmed, people.filter((p) => /[\u4e00-\u9fff]/.test(p.name)).length);
  assert.deepEqual(names(find(buildIndex(people, households, counting), 'sxx')), ['单雄信']);
  assert.equal(calls, warmed);
});
