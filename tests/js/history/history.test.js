import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setLocale } from '../../../pwa/js/i18n/index.js';
import { byline, fieldLabel, showValue } from '../../../pwa/js/views/common/history.js';
import part from '../../../pwa/js/i18n/parts/history.js';

test('a coded value is shown by its label, never its code, in both languages', () => {
  setLocale('en');
  assert.equal(showValue('status', 'seeking'), 'Seeking a job');
  assert.equal(showValue('outcome', 'nobody_home'), 'Nobody home');
  setLocale('zh-CN');
  assert.notEqual(showValue('status', 'seeking'), 'seeking');
  assert.equal(showValue('disadvantaged', true), '是');
  assert.equal(showValue('skills', ['Excel', '会计证']), 'Excel、会计证');
});

test('empty values, names for ids and field labels read as words', () => {
  setLocale('en');
  assert.equal(showValue('phone', null), '(empty)');
  assert.equal(showValue('primary_helper_id', 'a1b2', '张燕'), '张燕');
  assert.equal(fieldLabel('phone'), 'Phone');
  assert.equal(fieldLabel('to_status'), 'To');
  assert.equal(fieldLabel('no_such_field'), 'no_such_field');
  assert.match(showValue('birth_date', '1949-12-31'), /1949/);
});

test('the byline names the person and the device by its label', () => {
  setLocale('en');
  const entry = { user_name: '张燕', device_label: '张燕的手机', device_id: 'c1' };
  assert.equal(byline(/** @type {any} */ (entry)), '张燕 · from 张燕的手机');
  assert.equal(byline(/** @type {any} */ ({ user_name: null, device_label: null, device_id: 'web' })), 'The system · from a browser');
});

test('both languages have the same keys and placeholders', () => {
  assert.deepEqual(Object.keys(part.en).sort(), Object.keys(part.zh).sort());
  for (const [key, text] of Object.entries(part.en)) {
    const holes = (/** @type {string} */ s) => (s.match(/\{\w+\}/g) ?? []).sort().join();
    assert.equal(holes(/** @type {Record<string, string>} */ (part.zh)[key]), holes(text), key);
  }
});
