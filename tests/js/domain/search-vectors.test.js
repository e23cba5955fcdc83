/**
 * The shared search vectors (sync/vectors/search/search.json): the phone computes the same keys,
 * reads queries the same way and ranks them the same as the server (tests/server/test_search.py).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { keysOf, rankOf, readQuery } from '../../../pwa/js/domain/search.js';
import { pinyinProReadings } from '../../../pwa/js/domain/search-pinyin.js';

const vectors = JSON.parse(readFileSync(new URL('../../../sync/vectors/search/search.json', import.meta.url), 'utf8'));
const readings = pinyinProReadings();

test('vectors: a person\'s keys', () => {
  for (const v of vectors.keys) {
    const keys = keysOf(v.person, readings);
    for (const name of v.names_include ?? []) assert.ok(keys.names.includes(name), `${v.person.name}: ${name} in ${keys.names}`);
    if ('phone' in v) assert.equal(keys.phone, v.phone, JSON.stringify(v.person));
    if ('id' in v) assert.equal(keys.id, v.id, JSON.stringify(v.person));
  }
});

test('vectors: how a query is read', () => {
  for (const v of vectors.queries) assert.deepEqual(readQuery(v.query), { kind: v.kind, text: v.text }, v.query);
});

test('vectors: ranks', () => {
  for (const v of vectors.matches) {
    assert.equal(rankOf(keysOf(v.person, readings), readQuery(v.query)), v.rank, `${JSON.stringify(v.person)} ? ${v.query}`);
  }
});
