/**
 * The admin's "Office" tab: one page of links to the screens that run Doorstep without a
 * developer (accounts, areas, the follow-up cadence, catalogues, imports), plus the supervisor's
 * caseloads, jobs and reports that no longer fit the bottom bar at 360 px.
 */
import { h } from '../../ui/dom.js';
import { t } from '../../i18n/index.js';

/** @type {[string, string, string|null][]} route, title key, hint key */
const LINKS = [
  ['#/users', 'adm_users', 'adm_users_hint'],
  ['#/areas', 'adm_areas', 'adm_areas_hint'],
  ['#/rules', 'adm_rules', 'adm_rules_hint'],
  ['#/catalogues', 'adm_catalogues', 'adm_catalogues_hint'],
  ['#/imports', 'adm_imports', 'adm_imports_hint'],
  ['#/caseloads', 'nav_caseloads', null],
  ['#/jobs', 'sup_jobs', null],
  ['#/reports', 'office_title', null],
  ['#/devices', 'adm_devices', null],
];

/** @type {import('../context.js').View} */
export const office = () => h('section', { class: 'admin office' },
  h('h1', null, t('adm_office')),
  h('ul', { class: 'list', 'data-test': 'office-links' }, LINKS.map(([href, title, hint]) => h('li', { class: 'card' },
    h('a', { href, 'data-test': `office-${href.slice(2)}` }, h('strong', null, t(title))),
    hint && h('p', { class: 'muted' }, t(hint))))));
