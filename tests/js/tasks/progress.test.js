import { test } from 'node:test';
import assert from 'node:assert/strict';
import { asTask, counts, finished } from '../../../pwa/js/views/tasks/progress.js';
import { setLocale } from '../../../pwa/js/i18n/index.js';

/** @param {Partial<import('../../../pwa/js/views/tasks/progress.js').Task>} over */
const task = (over) => /** @type {any} */ ({ id: 't1', kind: 'import_persons', state: 'running', done: 0, total: 0,
  message: '', result: null, error: null, error_code: null, file_name: null, has_file: false, ...over });

test('an export or import address asks for a task', () => {
  assert.equal(asTask('/api/persons/import'), '/api/persons/import?async=1');
  assert.equal(asTask('/api/exports/visits.xlsx?period=2026-Q3&lang=zh'), '/api/exports/visits.xlsx?period=2026-Q3&lang=zh&async=1');
});

test('a task is over when done or failed, not while queued or running', () => {
  assert.deepEqual(['queued', 'running', 'done', 'failed'].map((state) => finished(task({ state: /** @type {any} */ (state) }))),
    [false, false, true, true]);
});

test('done/total is said only once the total is known', () => {
  setLocale('zh-CN');
  assert.equal(counts(task({ done: 1200, total: 5000 })), '1,200 / 5,000');
  assert.equal(counts(task({ total: 0 })), '');
  setLocale('en');
  assert.equal(counts(task({ done: 3, total: 40 })), '3 of 40');
});
