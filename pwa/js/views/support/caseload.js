/**
 * Support across the helper's caseload, from the replica (offline too): on Today, graduates'
 * requests to join a course that wait for a referral; on "More" → `#/support`, every policy
 * case waiting for a decision and every training under way, each linking to the person's file.
 */
import { h } from '../../ui/dom.js';
import { t, label, formatDate } from '../../i18n/index.js';
import { POLICY, TRAINING, moveOps, today } from './tracks.js';

/** @typedef {import('../context.js').Ctx} Ctx */
/** @typedef {import('./tracks.js').Track} Track */

/** @param {Ctx} ctx @param {Track} track @param {Record<string, any>} row */
function line(ctx, track, row) {
  const person = ctx.replica.get('person', row.person_id);
  const item = ctx.replica.get(track.catalogue, row[track.ref]);
  const since = Object.values(track.dates).map((c) => row[c]).filter(Boolean).sort().at(-1);
  return h('a', { class: 'card', href: `#/person/${row.person_id}`, 'data-test': `sp-line-${track.entity}` },
    h('div', { class: 'title' }, person?.name ?? '—', ' · ', item?.title ?? '—'),
    h('div', { class: 'sub' }, h('span', { class: 'badge' }, label(track.labels, row.state)),
      since ? ` ${formatDate(since)}` : '', row._pending && h('span', { class: 'badge warn' }, t('pending'))));
}

/** Today: requests to join a course, with a one-tap referral. @param {Ctx} ctx */
export function todayRequests(ctx) {
  const asked = ctx.replica.all('training_enrolment').filter((e) => e.state === 'requested');
  if (!asked.length) return null;
  return h('section', { 'aria-labelledby': 'h-sp-asked', 'data-test': 'sp-today' },
    h('h2', { id: 'h-sp-asked' }, t('sp_today_asked'), ' ', h('span', { class: 'badge warn' }, asked.length)),
    h('ul', { class: 'list' }, asked.map((e) => h('li', { 'data-test': 'sp-asked' },
      line(ctx, TRAINING, e),
      h('div', { class: 'actions' },
        h('button', { type: 'button', 'data-test': 'sp-refer', onclick: async () => {
          await ctx.replica.record(moveOps(ctx.replica, TRAINING, e, 'referred', today(ctx.now())));
          ctx.toast(t('saved_locally'));
        } }, label('training_state', 'referred')))))));
}

/** `#/support`: what waits across the caseload. @param {Ctx} ctx */
export function caseload(ctx) {
  const waiting = ctx.replica.all('policy_case').filter((c) => c.state === 'informed' || c.state === 'applied');
  const training = ctx.replica.all('training_enrolment').filter((e) => ['requested', 'referred', 'enrolled'].includes(e.state));
  /** @param {string} key @param {Track} track @param {Record<string, any>[]} rows */
  const part = (key, track, rows) => h('section', null,
    h('h2', null, t(key), ' ', h('span', { class: 'badge' }, rows.length)),
    rows.length === 0 ? h('p', { class: 'muted' }, t('sp_none_waiting'))
      : h('ul', { class: 'list' }, rows.map((r) => h('li', null, line(ctx, track, r)))));
  return h('div', { 'data-test': 'sp-caseload' },
    h('h1', null, t('sp_link')),
    part('sp_waiting_policies', POLICY, waiting),
    part('sp_waiting_trainings', TRAINING, training));
}
