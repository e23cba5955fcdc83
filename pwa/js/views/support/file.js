/**
 * The support part of a person's file: the three deliveries (policy, training, jobs) at a
 * glance, the person's policy cases and trainings with their next moves, and the assistance
 * period with 3-3-3-3 counted inside it (`domain/targets.js`, the board's rule). All from the
 * phone's replica, so it works offline; a move is recorded in the outbox (`./tracks.js`).
 */
import { h } from '../../ui/dom.js';
import { t, label, formatDate, formatNumber } from '../../i18n/index.js';
import { counts3333, progress, TARGET_3333 } from '../../domain/targets.js';
import { POLICY, TRAINING, moveOps, today } from './tracks.js';

/** @typedef {import('../context.js').Ctx} Ctx */
/** @typedef {import('./tracks.js').Track} Track */

/** @param {string|null|undefined} day */
function dayText(day) {
  return day ? formatDate(day) : '';
}

/**
 * One case or enrolment: what it is, where it stands, and a button per legal next state.
 * @param {Ctx} ctx @param {Track} track @param {Record<string, any>} row
 */
function trackItem(ctx, track, row) {
  const item = ctx.replica.get(track.catalogue, row[track.ref]);
  const next = track.moves[row.state] ?? [];
  const dates = [...new Set(Object.values(track.dates))].filter((column) => row[column])
    .map((column) => t(`sp_d_${column}`, { day: dayText(row[column]) }));
  return h('li', { class: 'card', 'data-test': `sp-${track.entity}`, 'data-state': row.state },
    h('div', { class: 'title' }, item?.title ?? '—', ' ',
      h('span', { class: `badge${row.state === 'granted' || row.state === 'completed' ? ' ok' : ''}` }, label(track.labels, row.state)),
      row._pending && h('span', { class: 'badge warn' }, t('pending'))),
    dates.length > 0 && h('div', { class: 'sub' }, dates.join(' · ')),
    row.amount != null && h('div', { class: 'sub' }, t('sp_amount_is', { amount: formatNumber(row.amount) })),
    row.notes && h('div', { class: 'sub' }, row.notes),
    next.length > 0 && h('div', { class: 'actions' }, next.map((to) => {
      // Granting asks for the amount, so it opens the form; the rest are one tap.
      if (to === 'granted') {
        return h('a', { class: 'button', href: `#/support/move/${track.entity}/${row.id}?to=${to}`, 'data-test': `sp-to-${to}` }, label(track.labels, to));
      }
      return h('button', { type: 'button', 'data-test': `sp-to-${to}`, onclick: async () => {
        await ctx.replica.record(moveOps(ctx.replica, track, row, to, today(ctx.now())));
        ctx.toast(t('saved_locally'));
      } }, label(track.labels, to));
    })));
}

/** @param {{service: string, done: number, target: number}[]} lines */
function meters(lines) {
  return h('div', { 'data-test': 'sp-3333' }, lines.map((l) => {
    const id = `sp-m-${l.service}`;
    return h('div', { class: 'meter' },
      h('span', { id }, label('service', l.service)),
      h('span', { class: l.done >= l.target ? 'badge ok' : 'badge', 'data-test': `sp-3333-${l.service}` }, `${formatNumber(l.done)} / ${formatNumber(l.target)}`),
      h('progress', { max: l.target, value: Math.min(l.done, l.target), 'aria-labelledby': id }));
  }));
}

/** @param {Ctx} ctx @param {Record<string, any>} p */
function periodPart(ctx, p) {
  const { replica } = ctx;
  const periods = replica.all('assistance_period').filter((a) => a.person_id === p.id)
    .sort((a, b) => String(b.start_on).localeCompare(String(a.start_on)));
  if (!p.disadvantaged && periods.length === 0) return null;
  const counts = counts3333(p.id, p.household_id, {
    visits: replica.all('visit').filter((v) => v.household_id === p.household_id),
    recommendations: replica.all('recommendation'),
    attachments: replica.all('attachment'),
    participants: replica.all('event_participant'),
    events: new Map(replica.all('event').map((e) => [e.id, e])),
    periods,
  });
  return h('div', null,
    h('h3', null, t('sp_period')),
    periods.length === 0
      ? h('p', { class: 'muted' }, t('sp_no_period'))
      : h('ul', { class: 'list' }, periods.map((a) => h('li', { class: 'card', 'data-test': 'sp-period' },
        h('div', { class: 'title' }, t('sp_period_span', { start: dayText(a.start_on), end: a.end_on ? dayText(a.end_on) : t('sp_open') }),
          a._pending && h('span', { class: 'badge warn' }, t('pending'))),
        a.notes && h('div', { class: 'sub' }, a.notes),
        h('div', { class: 'actions' }, h('a', { class: 'button', href: `#/support/period/${p.id}?id=${a.id}` }, t('sp_period_edit')))))),
    periods.length === 0 && h('div', { class: 'actions' },
      h('a', { class: 'button', href: `#/support/period/${p.id}`, 'data-test': 'sp-period-new' }, t('sp_period_new'))),
    h('h3', null, t('sp_3333_in_period')),
    meters(progress(counts, TARGET_3333)));
}

/** The file section. @param {Ctx} ctx @param {Record<string, any>} p */
export function supportSection(ctx, p) {
  const { replica } = ctx;
  const cases = replica.all('policy_case').filter((c) => c.person_id === p.id);
  const trainings = replica.all('training_enrolment').filter((e) => e.person_id === p.id);
  const jobs = replica.all('recommendation').filter((r) => r.person_id === p.id);
  /** @param {string} key @param {number} n */
  const delivery = (key, n) => h('span', { class: `badge${n > 0 ? ' ok' : ''}`, 'data-test': `sp-delivery-${key}` }, t(`sp_delivery_${key}`, { n: formatNumber(n) }));
  return h('section', { 'aria-labelledby': 'h-sp', 'data-test': 'sp-section' },
    h('h2', { id: 'h-sp' }, t('sp_title')),
    h('p', { 'data-test': 'sp-deliveries' }, t('sp_deliveries'), ' ',
      delivery('policy', cases.length), ' ', delivery('training', trainings.length), ' ', delivery('jobs', jobs.length)),
    h('h3', null, t('sp_policies')),
    cases.length === 0 ? h('p', { class: 'muted' }, t('sp_no_policies'))
      : h('ul', { class: 'list' }, cases.map((c) => trackItem(ctx, POLICY, c))),
    h('div', { class: 'actions' }, h('a', { class: 'button', href: `#/support/new/policy_case/${p.id}`, 'data-test': 'sp-add-policy' }, t('sp_add_policy'))),
    h('h3', null, t('sp_trainings')),
    trainings.length === 0 ? h('p', { class: 'muted' }, t('sp_no_trainings'))
      : h('ul', { class: 'list' }, trainings.map((e) => trackItem(ctx, TRAINING, e))),
    h('div', { class: 'actions' }, h('a', { class: 'button', href: `#/support/new/training_enrolment/${p.id}`, 'data-test': 'sp-add-training' }, t('sp_add_training'))),
    periodPart(ctx, p));
}
