import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describe } from '../../../pwa/js/ui/syncbar.js';
import { setLocale } from '../../../pwa/js/i18n/index.js';
import { matchRoute } from '../../../pwa/js/router.js';

const base = { phase: 'idle', offlineSince: null, pending: 0, conflicts: 0, rejected: 0, online: true, leader: true };

test('the sync bar says one plain thing per state', () => {
  setLocale('en');
  assert.deepEqual(describe(base).parts, ['All synced']);
  assert.deepEqual(describe({ ...base, pending: 3 }).parts, ['3 changes waiting']);
  assert.deepEqual(describe({ ...base, conflicts: 1 }).parts, ['1 conflict needs you']);
  const since = new Date(2026, 10, 21, 9, 12).getTime();
  assert.match(describe({ ...base, phase: 'offline', offlineSince: since, pending: 1 }).parts.join(' · '), /^Offline since 09:12( AM)? · 1 change waiting$/);
  assert.equal(describe({ ...base, phase: 'auth', pending: 2 }).action, 'login');
  assert.deepEqual(describe({ ...base, phase: 'outdated' }).parts, ['This version is too old to sync: update the app']);
  assert.deepEqual(describe({ ...base, phase: 'error' }).parts, ['Sync problem, retrying'], 'never "All synced" after a failure');
  setLocale('zh-CN');
  assert.deepEqual(describe({ ...base, pending: 3 }).parts, ['3 条修改待同步']);
  setLocale('en');
});

test('routes match with params and query', () => {
  const routes = [{ path: '/today', view: () => document.body }, { path: '/person/:id', view: () => document.body }];
  const m = matchRoute(/** @type {any} */ (routes), '#/person/abc-1?tab=x');
  assert.equal(m?.route.path, '/person/:id');
  assert.equal(m?.params.id, 'abc-1');
  assert.equal(m?.query.get('tab'), 'x');
  assert.equal(matchRoute(/** @type {any} */ (routes), '#/nope'), null);
});

test('set-aside changes are "N need your attention", one tap from their screen', () => {
  setLocale('en');
  const one = describe({ ...base, rejected: 1, pending: 2 });
  assert.deepEqual(one.parts, ['1 needs your attention', '2 changes waiting']);
  assert.equal(one.action, 'attention');
  assert.equal(one.tone, 'bad');
  assert.deepEqual(describe({ ...base, rejected: 3, conflicts: 1 }).parts, ['1 conflict needs you', '3 need your attention']);
  assert.equal(describe({ ...base, phase: 'auth', rejected: 3 }).action, 'login', 'logging in again comes first');
  setLocale('zh-CN');
  assert.deepEqual(describe({ ...base, rejected: 2 }).parts, ['2 条需要您处理']);
  setLocale('en');
});
