/**
 * What each feature adds to the role screens, one module per feature (`./<feature>.js`), so a
 * feature is added without editing the shared role modules, the file or the board:
 *
 * - `helperRoutes`: routes of the helper's app (supervisors and admins get them too, as they get
 *   every helper screen); `staffRoutes`: supervisor and admin only; `clientRoutes`: graduates.
 * - `helperLinks`: buttons on the helper's "More" tab (`#/more`), e.g. employers, events.
 * - `boardLinks`: buttons under the supervisor's board title (the bottom bar is full).
 * - `clientNav`: tabs of the graduate's bottom bar (five fit at 360 px with the three there).
 * - `fileSections`: sections of a person's file (`#/person/:id`), after the recommendations.
 * - `todaySections`: sections of the helper's Today, above the follow-ups.
 * - `homeSections`: sections of the graduate's home (`#/mine`), above the recommendations.
 * - `boardSections`: sections of the supervisor's board, each fetching its own figures for
 *   the board's filters (period, sub-district).
 *
 * A section returns a Node, or null/false for nothing. Sections that read the server render a
 * placeholder at once and fill it when the answer comes (views are synchronous).
 */
import outcomes from './outcomes.js';
import attachments from './attachments.js';
import support from './support.js';
import employers from './employers.js';
import events from './events.js';
import groups from './groups.js';
import questions from './questions.js';
import jobs from './jobs.js';
import { h } from '../../ui/dom.js';
import { t } from '../../i18n/index.js';

/** @typedef {import('../context.js').Ctx} Ctx */
/** @typedef {import('../context.js').Route} Route */
/** @typedef {{href: string, key: string}} Link */
/** @typedef {Node | null | false | undefined} Maybe */

/**
 * @typedef {{
 *   helperRoutes?: Route[],
 *   staffRoutes?: Route[],
 *   clientRoutes?: Route[],
 *   helperLinks?: Link[],
 *   boardLinks?: Link[],
 *   clientNav?: Link[],
 *   fileSections?: ((ctx: Ctx, person: Record<string, any>) => Maybe)[],
 *   todaySections?: ((ctx: Ctx) => Maybe)[],
 *   homeSections?: ((ctx: Ctx) => Maybe)[],
 *   boardSections?: ((ctx: Ctx, filters: Record<string, string>) => Maybe)[],
 * }} Feature
 */

/** @type {Feature[]} */
export const FEATURES = [outcomes, attachments, support, employers, events, groups, questions, jobs];

/**
 * @template {keyof Feature} K
 * @param {K} key
 * @returns {NonNullable<Feature[K]>}
 */
function all(key) {
  return /** @type {any} */ (FEATURES.flatMap((f) => /** @type {any[]} */ (f[key] ?? [])));
}

export const helperRoutes = all('helperRoutes');
export const staffRoutes = all('staffRoutes');
export const clientRoutes = all('clientRoutes');
export const helperLinks = all('helperLinks');
export const boardLinks = all('boardLinks');
export const clientNav = all('clientNav');
export const fileSections = all('fileSections');
export const todaySections = all('todaySections');
export const homeSections = all('homeSections');
export const boardSections = all('boardSections');

/**
 * Render every section of one list, a failing one as nothing (one feature's bug must not
 * blank the file or the board).
 * @param {((...args: any[]) => Maybe)[]} sections
 * @param {...any} args
 * @returns {Node[]}
 */
export function renderSections(sections, ...args) {
  /** @type {Node[]} */
  const out = [];
  for (const section of sections) {
    try {
      const node = section(...args);
      if (node) out.push(node);
    } catch (err) {
      console.error('section failed', err);
    }
  }
  return out;
}

/** The helper's "More" tab: every feature's links. @type {import('../context.js').View} */
export function more() {
  return h('div', { class: 'more' },
    h('h1', null, t('more_title')),
    helperLinks.length === 0
      ? h('p', { class: 'muted' }, t('more_none'))
      : h('div', { class: 'actions stack', 'data-test': 'more-links' },
        helperLinks.map((l) => h('a', { class: 'button', href: l.href, 'data-test': `more-${l.key}` }, t(l.key)))));
}
