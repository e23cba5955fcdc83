import { test } from 'node:test';
import assert from 'node:assert/strict';
import { strugglingPersons, moveTime } from '../../../pwa/js/domain/struggling.js';
import { t, setLocale } from '../../../pwa/js/i18n/index.js';

const NOW = Date.parse('2026-11-21T10:00:00Z');
const DAY = 86_400_000;
/** Naive UTC ISO with microseconds, as the server's `utcnow().isoformat()` writes it. */
const daysAgo = (/** @type {number} */ n) => new Date(NOW - n * DAY).toISOString().replace('Z', '123');

let seq = 0;
/**
 * A recommendation that went through `moves`, a day apart, starting `start` days ago.
 * @param {string} person @param {string[]} moves @param {number} start
 */
function rec(person, moves, start) {
  /** @type {{from: string|null, to: string, at: string, by: string}[]} */
  const history = [];
  let before = null;
  moves.forEach((to, n) => {
    history.push({ from: before, to, at: daysAgo(start - n), by: 'helper1' });
    before = to;
  });
  return { id: `rec-${++seq}`, person_id: person, state: moves[moves.length - 1], history };
}

const persons = [
  { id: 'li', name: '李杰', status: 'seeking', household_id: 'H1' },
  { id: 'wang', name: '王芳', status: 'seeking', household_id: 'H2' },
  { id: 'chen', name: 'Chen Mei', status: null, household_id: 'H3' },
  { id: 'zhao', name: '赵敏', status: 'employed', household_id: 'H4' },
  { id: 'liu', name: '刘洋', status: 'seeking', household_id: 'H5' },
  { id: 'sun', name: '孙丽', status: 'seeking', household_id: 'H6' },
];

const A = ['recommended', 'interested', 'applied'];
const R = [...A, 'rejected'];
const I = [...A, 'interview'];
const recs = [
  // 李杰: applied 3 times (one interview, one turned down) — listed with 3 attempts
  rec('li', A, 30), rec('li', I, 40), rec('li', R, 50),
  // 王芳: 4 attempts, one of them only the rejection inside the window
  rec('wang', A, 10), rec('wang', A, 20), rec('wang', I, 30), rec('wang', R, 92.5),
  // Chen Mei: two attempts, plus interest only: not enough
  rec('chen', A, 10), rec('chen', I, 20), rec('chen', ['recommended', 'interested'], 5),
  // 赵敏: three attempts but employed
  rec('zhao', A, 10), rec('zhao', A, 20), rec('zhao', A, 30),
  // 刘洋: three attempts and a hire in the window
  rec('liu', A, 10), rec('liu', A, 20), rec('liu', [...A, 'hired'], 30),
  // 孙丽: three attempts but one is older than 90 days; an old hire does not count either
  rec('sun', A, 10), rec('sun', A, 20), rec('sun', A, 200), rec('sun', [...A, 'hired'], 300),
  // a person not on this phone
  rec('elsewhere', A, 10), rec('elsewhere', A, 11), rec('elsewhere', A, 12),
];

test('persons with 3+ jobs tried in 90 days and no hire, most attempts first', () => {
  const list = strugglingPersons(recs, persons, NOW);
  assert.deepEqual(list.map((s) => [s.person.id, s.attempts, s.applied, s.interviews, s.rejections]), [
    ['wang', 4, 3, 1, 1],
    ['li', 3, 3, 1, 1],
  ]);
  assert.equal(list[1].lastAttemptAt, moveTime(daysAgo(28)));
});

test('the window and the threshold are the server’s defaults, and can be changed', () => {
  assert.deepEqual(strugglingPersons(recs, persons, NOW, { days: 20 }).map((s) => s.person.id), []);
  assert.deepEqual(strugglingPersons(recs, persons, NOW, { minAttempts: 2 }).map((s) => s.person.id), ['wang', 'li', 'chen', 'sun']);
  // 100 days on, nothing is recent any more
  assert.deepEqual(strugglingPersons(recs, persons, NOW + 100 * DAY).map((s) => s.person.id), []);
});

test('a move exactly 90 days ago is in the window, a moment earlier is not', () => {
  const edge = (/** @type {number} */ ms) => ({ id: `e${ms}`, person_id: 'li', history: [{ from: 'interested', to: 'applied', at: new Date(NOW - 90 * DAY - ms).toISOString() }] });
  const two = [rec('li', A, 5), rec('li', A, 6)];
  assert.equal(strugglingPersons([...two, edge(0)], persons, NOW).length, 1);
  assert.equal(strugglingPersons([...two, edge(1)], persons, NOW).length, 0);
});

test('records without a pulled history (made offline, older server) are skipped', () => {
  const bare = [{ id: 'x', person_id: 'li', state: 'applied' }, { id: 'y', person_id: 'li', history: null }];
  assert.deepEqual(strugglingPersons(bare, persons, NOW), []);
  assert.deepEqual(strugglingPersons([{ id: 'z', person_id: 'li', history: [{ to: 'applied', at: 'garbage' }] }], persons, NOW, { minAttempts: 1 }), []);
});

test('move times: naive ISO is UTC, microseconds and offsets are read', () => {
  assert.equal(moveTime('2026-11-21T09:30:00.123456'), Date.parse('2026-11-21T09:30:00.123Z'));
  assert.equal(moveTime('2026-11-21T09:30:00'), Date.parse('2026-11-21T09:30:00Z'));
  assert.equal(moveTime('2026-11-21T17:30:00+08:00'), Date.parse('2026-11-21T09:30:00Z'));
  assert.equal(moveTime('2026-11-21T09:30:00Z'), Date.parse('2026-11-21T09:30:00Z'));
  assert.ok(Number.isNaN(moveTime(null)));
  assert.ok(Number.isNaN(moveTime('yesterday')));
});

test('the Today section speaks both languages', () => {
  setLocale('en');
  assert.equal(t('today_struggling'), 'Needs targeted help');
  assert.equal(t('today_struggling_attempts', { n: 3, applied: 3, interviews: 1, rejections: 1 }),
    '3 jobs tried in 90 days: 3 applied, 1 interviews, 1 not hired');
  setLocale('zh-CN');
  assert.equal(t('today_struggling'), '需要重点帮扶');
  setLocale('en');
});
