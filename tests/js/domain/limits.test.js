/** The limits a form tells before saving are the server's (sync/registry.json `limits`). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { checkData, checkFollowUp, checkText, checkVisitTime, latestFollowUp, textMax } from '../../../pwa/js/domain/limits.js';

const registry = JSON.parse(readFileSync(new URL('../../../sync/registry.json', import.meta.url), 'utf8'));
const NOW = Date.UTC(2026, 11, 1, 9, 0);

test('a note longer than the server takes is refused, counted in characters as a person counts them', () => {
  const max = /** @type {number} */ (textMax('note', 'text'));
  assert.equal(max, registry.limits?.text?.note?.text ?? 4000);
  assert.equal(checkText('note', 'text', '访'.repeat(max)), null);
  assert.deepEqual(checkText('note', 'text', 'x'.repeat(max + 25)), { key: 'limit_too_long', values: { max, n: max + 25, over: 25 } });
  assert.equal(checkText('note', 'text', '😀'.repeat(max)), null, 'an emoji is one character, not two');
});

test('a character no database keeps (NUL, a lone surrogate) is refused; a real pair is fine', () => {
  assert.equal(checkText('note', 'text', 'a\u0000b')?.key, 'limit_bad_char');
  assert.equal(checkText('note', 'text', 'a\ud800b')?.key, 'limit_bad_char');
  assert.equal(checkText('note', 'text', 'a\udc00')?.key, 'limit_bad_char');
  assert.equal(checkText('note', 'text', 'a\ud83d\ude00'), null);
});

test('a visit is dated today or before, as the server says; a next follow-up at most two years', () => {
  const endOfToday = new Date(NOW);
  endOfToday.setHours(23, 59, 59, 999);
  assert.equal(checkVisitTime(NOW, NOW), null);
  assert.equal(checkVisitTime(endOfToday.getTime(), NOW), null);
  assert.equal(checkVisitTime(endOfToday.getTime() + 60_000, NOW)?.key, 'limit_visit_future');
  assert.equal(checkVisitTime(Date.UTC(9999, 11, 31), NOW)?.key, 'limit_visit_future');
  assert.equal(checkFollowUp('2028-11-30', NOW), null);
  assert.equal(checkFollowUp(latestFollowUp(NOW), NOW), null);
  assert.equal(checkFollowUp('2029-01-01', NOW)?.key, 'limit_follow_up_far');
  assert.equal(checkFollowUp('9999-12-31', NOW)?.key, 'limit_follow_up_far');
  assert.equal(checkFollowUp('soon', NOW)?.key, 'limit_bad_date');
});

test('checkData finds every field a helper must correct in a set-aside visit', () => {
  const problems = checkData('visit', { notes: 'x'.repeat(20_000), occurred_at: '2027-12-01T09:00:00Z', next_follow_up: '2026-12-15', person_ids: [] }, NOW);
  assert.deepEqual([...problems.keys()].sort(), ['notes', 'occurred_at']);
});
