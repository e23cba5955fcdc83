import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { freshIndexedDb } from '../helpers.js';
import { openUserDb } from '../../../pwa/js/local/db.js';
import { loadDraft, saveDraft, dropDraft, listDrafts, draftKey, setDraftCodec } from '../../../pwa/js/local/drafts.js';

beforeEach(() => {
  freshIndexedDb();
  setDraftCodec(null);
});

test('a draft typed before a reload is there after it', async () => {
  const key = draftKey('visit', 'hh-1');
  const db = await openUserDb('u1');
  await saveDraft(db, key, { fields: { notes: '上门走访，母亲在家', seen: ['p1', 'p2'] } }, Date.UTC(2026, 11, 1, 9, 30));
  db.close();

  const reopened = await openUserDb('u1');
  const draft = await loadDraft(reopened, key);
  assert.deepEqual(draft, {
    key: 'visit:hh-1',
    data: { fields: { notes: '上门走访，母亲在家', seen: ['p1', 'p2'] } },
    saved_at: '2026-12-01T09:30:00.000Z',
  });
  reopened.close();
});

test('saving again replaces the draft; dropping it forgets it', async () => {
  const db = await openUserDb('u1');
  const key = draftKey('guidance.know', 'p1');
  await saveDraft(db, key, { fields: { wishes: 'office' } });
  await saveDraft(db, key, { fields: { wishes: 'office work near home' } });
  assert.equal((await loadDraft(db, key))?.data.fields.wishes, 'office work near home');
  await dropDraft(db, key);
  assert.equal(await loadDraft(db, key), null);
  db.close();
});

test('a form that creates a record keeps its draft under "new"', () => {
  assert.equal(draftKey('household'), 'household:new');
  assert.equal(draftKey('person', null), 'person:new');
});

test('the list of drafts is newest first', async () => {
  const db = await openUserDb('u1');
  await saveDraft(db, 'visit:a', { n: 1 }, 1_000);
  await saveDraft(db, 'visit:b', { n: 2 }, 3_000);
  await saveDraft(db, 'household:new', { n: 3 }, 2_000);
  assert.deepEqual((await listDrafts(db)).map((d) => d.key), ['visit:b', 'household:new', 'visit:a']);
  db.close();
});

test('a second user on the phone does not see the first one\'s drafts', async () => {
  const first = await openUserDb('u1');
  await saveDraft(first, 'visit:hh-1', { fields: { notes: 'private' } });
  const second = await openUserDb('u2');
  assert.deepEqual(await listDrafts(second), []);
  first.close();
  second.close();
});

test('every read and write goes through the codec the vault installs', async () => {
  const db = await openUserDb('u1');
  setDraftCodec({
    toStored: async (d) => ({ key: d.key, saved_at: d.saved_at, sealed: JSON.stringify(d.data).split('').reverse().join('') }),
    fromStored: async (s) => ({ key: s.key, saved_at: s.saved_at, data: JSON.parse(String(s.sealed).split('').reverse().join('')) }),
  });
  await saveDraft(db, 'visit:hh-1', { fields: { notes: '李杰 wants a job' } });
  const raw = await db.get('drafts', 'visit:hh-1');
  assert.equal(raw.data, undefined, 'nothing is stored in clear');
  assert.ok(!JSON.stringify(raw).includes('李杰'));
  assert.equal((await loadDraft(db, 'visit:hh-1'))?.data.fields.notes, '李杰 wants a job');
  assert.equal((await listDrafts(db))[0].data.fields.notes, '李杰 wants a job');
  db.close();
});
