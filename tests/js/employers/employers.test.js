import { test } from 'node:test';
import assert from 'node:assert/strict';
import { creditCodeProblem, normaliseCreditCode } from '../../../pwa/js/domain/credit-code.js';
import { vacanciesOf, searchEmployers } from '../../../pwa/js/views/employers/vacancies.js';

test('a credit code is checked on the phone as on the server', () => {
  // The same cases as tests/server/test_employers.py.
  assert.equal(creditCodeProblem('91350100M000100Y43'), null);
  assert.equal(creditCodeProblem(normaliseCreditCode(' 91310000717866186p ')), null);
  assert.equal(creditCodeProblem('91350100M000100Y44'), 'em_code_check');
  assert.equal(creditCodeProblem('91350100M000100Y4'), 'em_code_length');
  assert.equal(creditCodeProblem('91350100M000100I43'), 'em_code_chars');
  assert.equal(creditCodeProblem('913501A0M000100Y43'), 'em_code_division');
});

test('vacancies typed at a visit show at once and give way to their jobs after the pull', () => {
  const visits = [{ employer_id: 'e1', occurred_at: '2026-11-20T02:00:00Z',
    vacancies: [{ id: 'j1', title: '缝纫工', headcount: 5 }, { id: 'j2', title: '设计助理' }] }];
  const before = vacanciesOf('e1', [], visits);
  assert.deepEqual(before.map((v) => [v.title, v.pending]), [['缝纫工', true], ['设计助理', true]]);
  const jobs = [{ id: 'j1', employer_id: 'e1', title: '缝纫工', headcount: 5, is_open: true },
    { id: 'j9', employer_id: 'e2', title: '别家的' }];
  const after = vacanciesOf('e1', jobs, visits);
  assert.deepEqual(after.map((v) => [v.id, v.pending]), [['j1', false], ['j2', true]]);
});

test('a pulled job is what the page shows, whatever an older line said', () => {
  const jobs = [{ id: 'j1', employer_id: 'e1', title: '缝纫工', is_open: true }];
  const visits = [{ employer_id: 'e1', occurred_at: '2026-11-27T02:00:00Z', vacancies: [{ id: 'j1', is_open: false }] }];
  // A pulled job is the truth once it is here; the closing line waits for its push.
  assert.equal(vacanciesOf('e1', jobs, visits)[0].is_open, true);
});

test('employers are found by name, park or credit code', () => {
  const all = [{ name: '凉城服饰', park: '凉城乐业空间' }, { name: '申通快递', credit_code: '91310000717866186P' }];
  assert.deepEqual(searchEmployers(all, '乐业').map((e) => e.name), ['凉城服饰']);
  assert.deepEqual(searchEmployers(all, '9131').map((e) => e.name), ['申通快递']);
  assert.equal(searchEmployers(all, '').length, 2);
});
