import { test } from 'node:test';
import assert from 'node:assert/strict';
import { questionsOf, searchOf, waitingQuestions } from '../../../pwa/js/views/questions/order.js';

const q = (id, person, asked, answered = null) => ({
  id, person_id: person, text: id, asked_at: asked, answer: answered ? 'ok' : null, answered_at: answered,
});

test('the longest-waiting question comes first, answered ones after, newest answer first', () => {
  const all = [
    q('late', 'li', '2026-11-30T08:00:00Z'),
    q('old-answer', 'li', '2026-11-01T08:00:00Z', '2026-11-01T09:00:00Z'),
    q('early', 'li', '2026-11-29T08:00:00Z'),
    q('new-answer', 'li', '2026-11-20T08:00:00Z', '2026-11-28T09:00:00Z'),
    q('someone-else', 'chen', '2026-11-01T08:00:00Z'),
  ];
  const { waiting, answered } = questionsOf(all, 'li');
  assert.deepEqual(waiting.map((x) => x.id), ['early', 'late']);
  assert.deepEqual(answered.map((x) => x.id), ['new-answer', 'old-answer']);
  assert.deepEqual(waitingQuestions(all).map((x) => x.id), ['someone-else', 'early', 'late']);
});

test('a job search keeps only the filters that say something', () => {
  const search = searchOf(new URLSearchParams('q=%20客服%20&industry=&place=凉城&page=3'));
  assert.equal(search.toString(), new URLSearchParams({ q: '客服', place: '凉城' }).toString());
});
