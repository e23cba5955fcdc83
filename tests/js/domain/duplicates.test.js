import { test, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { freshIndexedDb, makeReplica, closeAll } from '../helpers.js';
import { findDuplicates, blocksSaving, phoneDigits } from '../../../pwa/js/domain/duplicates.js';
import {
  idNumberProblem, normaliseIdNumber, birthDateOfIdNumber, genderOfIdNumber, checkPerson, editDrafts,
  personInsert, readValue, mergeClass, PERSON_FIELDS,
} from '../../../pwa/js/domain/file-fields.js';

beforeEach(freshIndexedDb);
afterEach(closeAll);

const ID = '11010519491231002X';

/** A replica holding 李杰 from the server and 王芳 registered on this phone, not yet sent. */
async function caseload() {
  const replica = await makeReplica();
  await replica.db.put('records', { entity: 'person', id: 'p1', household_id: 'h1', stamps: {},
    data: { name: '李杰', household_id: 'h1', phone: '138 0000 0001', birth_date: '2003-05-01', id_number: null } });
  await replica.reload(false);
  await replica.record([{ entity: 'person', entity_id: 'p2', kind: 'insert',
    data: { name: '王芳', household_id: 'h1', id_number: ID, category: 'unemployed_seeking', status: 'seeking' } }]);
  return replica;
}

test('the same ID number, even one still waiting to be sent, blocks a second file', async () => {
  const replica = await caseload();
  const matches = findDuplicates(replica.all('person'), { name: '王小芳', id_number: ID });
  assert.deepEqual(matches.map((m) => [m.person.id, m.key]), [['p2', 'id_number']]);
  assert.ok(blocksSaving(matches));
});

test('the same phone, written differently, or the same name and birth date is a warning only', async () => {
  const replica = await caseload();
  const byPhone = findDuplicates(replica.all('person'), { name: '李洁', phone: '13800000001' });
  assert.deepEqual(byPhone.map((m) => [m.person.id, m.key]), [['p1', 'phone']]);
  assert.ok(!blocksSaving(byPhone));
  const byBirth = findDuplicates(replica.all('person'), { name: ' 李杰 ', birth_date: '2003-05-01' });
  assert.deepEqual(byBirth.map((m) => m.key), ['name_birth_date']);
  assert.deepEqual(findDuplicates(replica.all('person'), { name: '李杰', birth_date: '2004-05-01' }), []);
});

test('a file being edited is not its own duplicate', async () => {
  const replica = await caseload();
  assert.deepEqual(findDuplicates(replica.all('person'), { name: '王芳', id_number: ID }, 'p2'), []);
  assert.equal(phoneDigits('+86 138-0000'), '861380000'); // too short for a mobile: kept whole
  assert.equal(phoneDigits('+86 138 0013 8000'), '13800138000');
});

test('ID numbers are checked as GB 11643 does, and carry the birth date and gender', () => {
  assert.equal(normaliseIdNumber(' 110105 19491231 002x '), ID);
  assert.equal(idNumberProblem(ID), null);
  assert.equal(idNumberProblem('440524188001010014'), null);
  assert.equal(idNumberProblem('110105194912310021')?.key, 'file_id_check');
  assert.equal(idNumberProblem('11010519491331002X')?.key, 'file_id_date');
  assert.equal(idNumberProblem('1101051949123')?.key, 'file_id_length');
  assert.equal(idNumberProblem('1101051949123100AX')?.key, 'file_id_chars');
  assert.equal(birthDateOfIdNumber(ID), '1949-12-31');
  assert.equal(genderOfIdNumber(ID), 'female');
});

test('a form is checked like the server checks it', () => {
  const ok = { name: '周晓燕', status: 'seeking', category: 'unemployed_seeking', id_number: ID, birth_date: '1949-12-31' };
  assert.deepEqual(checkPerson(ok, '2026-12-01'), {});
  const bad = checkPerson({ ...ok, name: null, birth_date: '1950-01-01', intention_pay_min: 8000, intention_pay_max: 5000, email: 'nope' }, '2026-12-01');
  assert.deepEqual(Object.fromEntries(Object.entries(bad).map(([k, v]) => [k, v.key])), {
    name: 'file_required', birth_date: 'file_birth_mismatch', intention_pay_max: 'file_pay_reversed', email: 'file_email' });
  assert.equal(checkPerson({ ...ok, id_number: null, birth_date: '2027-01-01' }, '2026-12-01').birth_date.key, 'file_birth_range');
});

test('an edit sends only what changed: a set per field with the stamp it replaces, the pay range together, the status as a transition', () => {
  const before = { id: 'p1', name: '李杰', phone: '111', status: 'seeking', category: 'graduate_active_search', skills: [], intention_pay_min: 3000, intention_pay_max: 5000, disadvantaged: false };
  const after = { ...before, phone: '222', status: 'employed', category: 'settled', skills: [], intention_pay_min: 6000, intention_pay_max: 8000, disadvantaged: false };
  const stamps = { phone: 'S-phone', category: 'S-cat', intention_pay_min: 'S-min' };
  const drafts = editDrafts('person', 'p1', before, after, (f) => stamps[/** @type {keyof typeof stamps} */ (f)] ?? null);
  assert.deepEqual(drafts, [
    { entity: 'person', entity_id: 'p1', kind: 'transition', data: { field: 'status', from: 'seeking', to: 'employed' } },
    { entity: 'person', entity_id: 'p1', kind: 'set', data: { phone: '222' }, base: { phone: 'S-phone' } },
    { entity: 'person', entity_id: 'p1', kind: 'set', data: { category: 'settled' }, base: { category: 'S-cat' } },
    { entity: 'person', entity_id: 'p1', kind: 'set', data: { intention_pay_min: 6000, intention_pay_max: 8000 },
      base: { intention_pay_min: 'S-min', intention_pay_max: null } },
  ]);
  assert.deepEqual(editDrafts('person', 'p1', { ...before, skills: undefined }, before, () => null), []);
});

test('every field of the form is a field of the registry, and a new file leaves empty ones out', () => {
  assert.deepEqual(PERSON_FIELDS.filter((f) => mergeClass('person', f.name) === null).map((f) => f.name), []);
  assert.equal(mergeClass('person', 'id_number'), 'lww_review');
  const skills = PERSON_FIELDS.find((f) => f.name === 'skills');
  assert.deepEqual(readValue(/** @type {any} */ (skills), 'Excel\n会计证， 驾照'), ['Excel', '会计证', '驾照']);
  assert.deepEqual(personInsert('h1', { name: '周强', phone: null, skills: [], status: 'seeking', category: 'settled' }, '2026-12-01'),
    { household_id: 'h1', registered_on: '2026-12-01', name: '周强', status: 'seeking', category: 'settled' });
});
