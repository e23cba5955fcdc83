import { test } from 'node:test';
import assert from 'node:assert/strict';
import { areaTree, childKind } from '../../../pwa/js/views/admin/areas-data.js';
import { activationLink, linkedInvitation } from '../../../pwa/js/views/graduate/activate-link.js';

const AREAS = [
  { id: 'c2', name: '二居委', kind: 'committee', parent_id: 's1' },
  { id: 'd1', name: '杨浦区', kind: 'district', parent_id: null },
  { id: 's1', name: '五角场', kind: 'subdistrict', parent_id: 'd1' },
  { id: 'c1', name: '一居委', kind: 'committee', parent_id: 's1' },
];

test('a committee is named by its whole path, and pickers list only the kind asked for', () => {
  const tree = areaTree(/** @type {any} */ (AREAS));
  assert.equal(tree.path('c1'), '杨浦区 › 五角场 › 一居委');
  assert.deepEqual(tree.options('subdistrict'), [['s1', '杨浦区 › 五角场']]);
  assert.equal(tree.options('committee').length, 2);
  assert.deepEqual(tree.children(null).map((a) => a.id), ['d1']);
  assert.equal(tree.path(null), '');
});

test('under a district come sub-districts, under those committees, under a committee nothing', () => {
  assert.equal(childKind('district'), 'subdistrict');
  assert.equal(childKind('subdistrict'), 'committee');
  assert.equal(childKind('committee'), null);
});

test('an activation link carries the username and code, and reading it back gives them', () => {
  const link = activationLink('g138 00', 'ab12cd', 'https://doorstep.example/');
  assert.equal(link, 'https://doorstep.example/#/activate?user=g138+00&code=ab12cd');
  assert.deepEqual(linkedInvitation(link.slice(link.indexOf('#'))), { username: 'g138 00', code: 'AB12CD' });
  assert.equal(linkedInvitation('#/today'), null);
  assert.equal(linkedInvitation('#/activate?user=x'), null);
});
