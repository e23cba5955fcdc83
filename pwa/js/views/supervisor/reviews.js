/**
 * Visit log review: every visit of the sub-district, filtered by helper, committee, dates,
 * channel and review state (pending first by default); approve, or return with a comment. A
 * returned visit reaches its helper's phone by pull and shows on their Today list.
 */
import { h } from '../../ui/dom.js';
import { t, label, formatDateTime } from '../../i18n/index.js';
import { remote, query } from './remote.js';

/** @typedef {import('../context.js').Ctx} Ctx */

const STATES = ['pending', 'amended', 'returned', 'approved'];
const CHANNELS = ['home_visit', 'phone', 'online', 'service_point', 'accompanied_interview'];

/** @param {Ctx} ctx */
async function loadStaff(ctx) {
  const [users, areas] = await Promise.all([
    ctx.api.request('GET', '/api/users?role=helper&per_page=500'),
    ctx.api.request('GET', '/api/areas'),
  ]);
  const list = Array.isArray(areas) ? areas : areas.items ?? [];
  const committees = list.filter((/** @type {any} */ a) => a.kind === 'committee' && (!ctx.user.area_id || a.parent_id === ctx.user.area_id));
  return { helpers: /** @type {any[]} */ (users.items), committees: /** @type {any[]} */ (committees) };
}

/** @param {Ctx} ctx @param {any} visit @param {Map<string, string>} names @param {() => void} reload */
function visitCard(ctx, visit, names, reload) {
  const household = ctx.replica.get('household', visit.household_id);
  const comment = h('textarea', { rows: 2, 'aria-label': t('sup_return_comment'), placeholder: t('sup_return_comment') });
  /** @param {'approve'|'return'} decision */
  const decide = async (decision) => {
    if (decision === 'return' && !comment.value.trim()) {
      comment.focus();
      ctx.toast(t('sup_return_needs_comment'));
      return;
    }
    try {
      await ctx.api.request('POST', `/api/visits/${visit.id}/review`, { decision, comment: comment.value.trim() || undefined });
      ctx.toast(decision === 'approve' ? t('sup_approved') : t('sup_returned'));
      reload();
    } catch (err) {
      ctx.toast(t('sup_failed', { message: /** @type {Error} */ (err).message }));
    }
  };
  const open = visit.review_state === 'pending' || visit.review_state === 'amended';
  return h('li', { class: 'card', 'data-test': 'review-visit' },
    h('div', { class: 'title' }, household?.address ?? visit.household_id.slice(0, 8), ' · ', formatDateTime(visit.occurred_at),
      h('span', { class: `badge ${visit.review_state === 'returned' ? 'bad' : visit.review_state === 'approved' ? 'ok' : 'warn'}` }, t(`review.${visit.review_state}`))),
    h('div', { class: 'sub' }, label('channel', visit.channel), ' · ', names.get(visit.author_id) ?? '—', visit.late ? ` · ${t('sup_late')}` : ''),
    visit.services?.length > 0 && h('div', { class: 'sub' }, visit.services.map((/** @type {string} */ s) => label('service', s)).join('、')),
    visit.notes && h('p', null, visit.notes),
    visit.review_comment && h('p', { class: 'hint' }, t('returned_comment', { comment: visit.review_comment })),
    open && comment,
    open && h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'primary', onclick: () => void decide('approve') }, t('sup_approve')),
      h('button', { type: 'button', class: 'danger', onclick: () => void decide('return') }, t('sup_return'))));
}

/** @param {Ctx} ctx @param {import('../context.js').RouteArgs} args */
export function reviews(ctx, { query: q }) {
  /** @type {Record<string, string>} */
  const filters = { review_state: q.get('review_state') ?? 'pending' };
  for (const key of ['helper_id', 'committee_id', 'channel', 'since', 'until']) {
    const v = q.get(key);
    if (v) filters[key] = v;
  }
  /** @param {string} key @param {string} value */
  const refilter = (key, value) => ctx.nav(`/reviews${query({ ...filters, [key]: value })}`);
  /** @param {string} key @param {string} text @param {{value: string, label: string}[]} options @param {boolean} [any] */
  const select = (key, text, options, any = true) => h('div', null, h('label', { for: `r-${key}` }, text),
    h('select', { id: `r-${key}`, onchange: (/** @type {Event} */ e) => refilter(key, /** @type {HTMLSelectElement} */ (e.target).value) },
      any && h('option', { value: '' }, t('sup_all')),
      options.map((o) => h('option', { value: o.value, selected: filters[key] === o.value }, o.label))));
  /** @param {string} key @param {string} text */
  const day = (key, text) => h('div', null, h('label', { for: `r-${key}` }, text),
    h('input', { id: `r-${key}`, type: 'date', value: (filters[key] ?? '').slice(0, 10),
      onchange: (/** @type {Event} */ e) => refilter(key, /** @type {HTMLInputElement} */ (e.target).value) }));
  const params = { ...filters, since: filters.since && `${filters.since}T00:00:00Z`, until: filters.until && `${filters.until}T23:59:59Z`, per_page: 100 };
  return h('div', null,
    h('h1', null, t('sup_reviews')),
    remote(() => loadStaff(ctx), (staff) => {
      const names = new Map(staff.helpers.map((u) => [u.id, u.display_name]));
      return h('div', null,
        h('div', { class: 'filters' },
          select('review_state', t('sup_review_state'), STATES.map((s) => ({ value: s, label: t(`review.${s}`) }))),
          select('helper_id', t('sup_helper'), staff.helpers.map((u) => ({ value: u.id, label: u.display_name }))),
          select('committee_id', t('sup_committee'), staff.committees.map((a) => ({ value: a.id, label: a.name }))),
          select('channel', t('channel'), CHANNELS.map((c) => ({ value: c, label: label('channel', c) }))),
          day('since', t('sup_since')), day('until', t('sup_until'))),
        remote(() => ctx.api.request('GET', `/api/visits${query(params)}`), (page, reload) =>
          page.items.length === 0 ? h('p', null, t('sup_no_visits')) : h('div', null,
            h('p', { class: 'hint' }, t('sup_visits_shown', { n: page.items.length, total: page.total })),
            h('ul', { class: 'list' }, page.items.map((/** @type {any} */ v) => visitCard(ctx, v, names, reload))))));
    }));
}
