import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { en, zh, coreEn, coreZh, PARTS } from '../../../pwa/js/i18n/tables.js';

const registry = JSON.parse(readFileSync(new URL('../../../sync/registry.json', import.meta.url), 'utf8'));

test('both languages have exactly the same keys', () => {
  const missingInZh = Object.keys(en).filter((k) => !(k in zh));
  const missingInEn = Object.keys(zh).filter((k) => !(k in en));
  assert.deepEqual({ missingInZh, missingInEn }, { missingInZh: [], missingInEn: [] });
});

test('every placeholder of a message is in its translation too', () => {
  /** @param {string} text */
  const names = (text) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
  const differ = Object.keys(en).filter((k) => typeof en[k] === 'string' && k in zh &&
    JSON.stringify(names(en[k])) !== JSON.stringify(names(zh[k])));
  assert.deepEqual(differ, []);
});

test('every rejection code of the sync protocol has a message in both languages', () => {
  // The codes a push result can carry (sync/PROTOCOL.md section 3) and those the server adds.
  const codes = ['invalid_op', 'unknown_entity', 'read_only', 'unknown_field', 'server_only_field',
    'illegal_transition', 'not_found', 'already_resolved', 'id_exists', 'out_of_scope', 'forbidden',
    'too_long', 'too_large', 'too_deep', 'invalid_text', 'already_recommended', 'author_inactive',
    'duplicate_person', 'future_date'];
  assert.ok(registry.limits, 'the registry publishes its limits');
  for (const code of codes) {
    assert.ok(`reject.${code}` in en, `en lacks reject.${code}`);
    assert.ok(`reject.${code}` in zh, `zh lacks reject.${code}`);
  }
});

test('no message key is defined twice across en.js and the feature parts', () => {
  const seen = new Map();
  const twice = [];
  for (const [name, table] of [['core', coreEn], ...PARTS.map((p, i) => [`part ${i}`, p.en])]) {
    for (const k of Object.keys(table)) {
      if (seen.has(k)) twice.push(`${k} (${seen.get(k)} and ${name})`);
      else seen.set(k, name);
    }
  }
  assert.deepEqual(twice, []);
  assert.equal(Object.keys(coreZh).length, Object.keys(coreEn).length);
});

test('every code of the shared vocabularies has a label in both languages', () => {
  const vocabulary = JSON.parse(readFileSync(new URL('../../../sync/vocabulary.json', import.meta.url), 'utf8'));
  /** @type {[string, string[]][]} label prefix → the codes it labels */
  const kinds = [
    ['status', vocabulary.statuses], ['category', Object.keys(vocabulary.category_interval_days)],
    ['channel', vocabulary.channels], ['service', vocabulary.services],
    ['outcome', [...vocabulary.outcomes.contact, ...vocabulary.outcomes.attempt]],
    ['rec', vocabulary.recommendation_states], ['review', vocabulary.review_states],
    ['source', vocabulary.job_sources], ['edu', vocabulary.education_levels], ['role', vocabulary.roles],
  ];
  const missing = kinds.flatMap(([kind, codes]) => codes.flatMap((code) =>
    [[en, 'en'], [zh, 'zh']].filter(([table]) => !(`${kind}.${code}` in table)).map(([, lang]) => `${lang} ${kind}.${code}`)));
  assert.deepEqual(missing, []);
});
