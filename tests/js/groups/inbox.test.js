import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ANSWERS_FOR, deliveriesOf } from '../../../pwa/js/views/groups/inbox.js';

const vocabulary = JSON.parse(readFileSync(new URL('../../../sync/vocabulary.json', import.meta.url), 'utf8'));

test('a graduate sees only their own copies of the posts, newest first', () => {
  const rows = [
    { id: 'a', person_id: 'me', posted_at: '2026-11-02T08:00:00Z' },
    { id: 'b', person_id: 'someone else', posted_at: '2026-11-30T08:00:00Z' },
    { id: 'c', person_id: 'me', posted_at: '2026-11-20T08:00:00Z' },
  ];
  assert.deepEqual(deliveriesOf(rows, 'me').map((d) => d.id), ['c', 'a']);
});

test('every kind of post has its answers, all of them codes the vocabulary labels', () => {
  assert.deepEqual(Object.keys(ANSWERS_FOR).sort(), [...vocabulary.post_kinds].sort());
  for (const answers of Object.values(ANSWERS_FOR)) {
    for (const code of answers) assert.ok(vocabulary.post_answers.includes(code), code);
  }
  assert.deepEqual(ANSWERS_FOR.text, []); // a plain message is only read
});
