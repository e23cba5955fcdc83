/**
 * The two message tables: the core strings of en.js/zh.js, the labels of every vocabulary code
 * (`status.seeking`, `outcome.nobody_home`...) from `sync/vocabulary.json` - the one file the
 * server labels its exports from too - and one part per feature under `parts/` (so features add
 * messages without editing one shared file). A key defined twice is
 * a mistake the keys test catches (`tests/js/i18n/keys.test.js`).
 */
import coreEn from './en.js';
import coreZh from './zh.js';
import vocabulary from '../../../sync/vocabulary.json' with { type: 'json' };
import followup from './parts/followup.js';
import contacts from './parts/contacts.js';
import file from './parts/file.js';
import guidance from './parts/guidance.js';
import search from './parts/search.js';
import vault from './parts/vault.js';
import device from './parts/device.js';
import office from './parts/office.js';
import history from './parts/history.js';
import admin from './parts/admin.js';
import worklists from './parts/worklists.js';
import backgroundJobs from './parts/jobs.js';
import outcomes from './parts/outcomes.js';
import attachments from './parts/attachments.js';
import support from './parts/support.js';
import employers from './parts/employers.js';
import events from './parts/events.js';
import groups from './parts/groups.js';
import questions from './parts/questions.js';
import features from './parts/features.js';

/** @type {{en: Record<string, string>, zh: Record<string, string>}[]} the vocabulary's labels first */
export const PARTS = [vocabulary.labels, followup, contacts, file, guidance, search, vault, device, office, history, admin, worklists,
  backgroundJobs, outcomes, attachments, support, employers, events, groups, questions, features];

/** @type {Record<string, string>} */
export const en = Object.assign({}, coreEn, ...PARTS.map((p) => p.en));
/** @type {Record<string, string>} */
export const zh = Object.assign({}, coreZh, ...PARTS.map((p) => p.zh));
export { coreEn, coreZh };
