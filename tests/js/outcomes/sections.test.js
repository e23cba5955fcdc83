import { test } from 'node:test';
import assert from 'node:assert/strict';
import { comingInterviews, dueRetention } from '../../../pwa/js/views/outcomes/sections.js';

const NOW = new Date(2026, 11, 1, 10, 0).getTime(); // 1 December, 10:00 on the phone
const at = (/** @type {number} */ days, /** @type {number} */ hour) => new Date(2026, 11, 1 + days, hour, 0).toISOString();

/** A ctx whose replica holds `rows` by entity. @param {Record<string, any[]>} rows */
function ctxWith(rows) {
  return /** @type {any} */ ({
    now: () => NOW,
    replica: { all: (/** @type {string} */ e) => rows[e] ?? [], get: () => undefined },
  });
}

test('Today shows an interview the day before and on the day, not after or later', () => {
  const recs = [
    { id: 'tomorrow', state: 'interview', interview_at: at(1, 14) },
    { id: 'today', state: 'interview', interview_at: at(0, 16) },
    { id: 'yesterday', state: 'interview', interview_at: at(-1, 9) },
    { id: 'in-two-days', state: 'interview', interview_at: at(2, 9) },
    { id: 'hired', state: 'hired', interview_at: at(0, 9) },
  ];
  assert.deepEqual(comingInterviews(ctxWith({}), recs).map((r) => r.id), ['today', 'tomorrow']);
});

test('a placement that started a week ago has its first call due today; an ended one none', () => {
  const ctx = ctxWith({
    placement: [{ id: 'p1', person_id: 'a', start_date: '2026-11-24' }, { id: 'p2', person_id: 'b', start_date: '2026-11-24', ended_on: '2026-11-28' },
      { id: 'p3', person_id: 'c', start_date: '2026-11-25' }],
    retention_check: [],
    retention_step: [],
  });
  const due = dueRetention(ctx);
  assert.deepEqual(due.map((d) => [d.placement.id, d.contact?.step, d.contact?.state]), [['p1', '1w', 'due']]);
});
