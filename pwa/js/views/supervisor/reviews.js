/**
 * Visit log review: every visit of the sub-district, filtered by helper, committee, dates,
 * channel and review state (pending first by default); approve, or return with a comment. A
 * returned visit reaches its helper's phone by pull and shows on their Today list.
 *
 * Each card says what came of the visit, and whether it was a contact or only an attempt
 * (nobody home, no answer), so a supervisor never reads a failed knock as a visit. An amendment
 * says which visit it amends, with that visit's date, outcome and notes: the list when it is on
 * this page, else the server (`GET /api/visits/<id>`).
 *
 * The list is paged (100 a page, previous / next): a sub-district after a busy week has more
 * than one page waiting. Open visits can be ticked and approved together in one action
 * (`POST /api/visits/review`, all or nothing); returning one needs its own comment, so returns
 * stay one by one. Each card names the persons the visit concerns, the GPS fix with its
 * accuracy and, when the household has a location, how far the fix was from it (haversine,
 * `domain/geo.js`), flagged "far" over 500 m: a visit logged from the office reads as one.
 */
import { h } from '../../ui/dom.js';
import { t, label, formatDateTime, formatNumber } from '../../i18n/index.js';
import { effectiveOutcome, visitKind } from '../../domain/visit.js';
import { CHANNELS, REVIEW_STATES } from '../../domain/vocabulary.js';
import { remote, query } from './remote.js';
import { visitDistance } from '../../domain/geo.js';

/** @typedef {import('../context.js').Ctx} Ctx */

/** Open states first: what waits for the supervisor. */
const STATES = [...REVIEW_STATES].sort((a, b) => Number(isClosed(a)) - Number(isClosed(b)));

/** @param {string} state */
function isClosed(state) {
  return state === 'approved' || state === 'returned';
}

/** "Met · contact" / "Nobody home · attempt". @param {any} visit */
function outcomeLine(visit) {
  const kind = visitKind(visit);
  const outcome = effectiveOutcome(visit.channel, visit.outcome, visit.person_ids ?? []);
  return h('div', { class: 'sub', 'data-test': 'review-outcome', 'data-kind': kind },
    t('review_outcome', { outcome: label('outcome', outcome) }), ' ',
    h('span', { class: `badge ${kind === 'attempt' ? 'warn' : 'ok'}` }, t(kind === 'attempt' ? 'visit_attempt_badge' : 'visit_contact_badge')));
}

/** The visit an amendment amends, as one short summary. @param {any} original */
function originalSummary(original) {
  return h('div', { class: 'hint', 'data-test': 'review-amends' },
    h('p', null, t('review_amends', { when: formatDateTime(original.occurred_at) }), ' · ', label('channel', original.channel),
      ' · ', label('outcome', effectiveOutcome(original.channel, original.outcome, original.person_ids ?? [])),
      original.review_comment ? ` · ${t('returned_comment', { comment: original.review_comment })}` : ''),
    original.notes && h('p', null, t('review_original_notes', { notes: original.notes })));
}

/** @param {Ctx} ctx @param {string} id @param {Map<string, any>} onPage */
function amendsLink(ctx, id, onPage) {
  const known = onPage.get(id) ?? ctx.replica.get('visit', id);
  if (known) return originalSummary(known);
  return remote(() => ctx.api.request('GET', `/api/visits/${id}`), (original) => originalSummary(original));
}

/** Visits a page. */
const PER_PAGE = 100;

/** The persons named, or that nobody was. @param {any} visit */
function personsLine(visit) {
  const persons = /** @type {{id: string, name: string}[]} */ (visit.persons ?? []);
  return h('div', { class: 'sub', 'data-test': 'review-persons' },
    persons.length ? [t('wl_concerns'), ' ', persons.map((p) => p.name).join('、')] : t('wl_nobody_named'));
}

/** Where the phone was, and how sure it was. @param {any} visit */
function fixLine(visit) {
  if (visit.lat == null || visit.lng == null) return h('div', { class: 'sub', 'data-test': 'review-fix' }, t('wl_no_fix'));
  return h('div', { class: 'sub', 'data-test': 'review-fix' }, t('wl_fix'), ' ',
    `${Number(visit.lat).toFixed(5)}, ${Number(visit.lng).toFixed(5)}`,
    visit.accuracy_m == null ? '' : [' ', t('wl_fix_within', { m: formatNumber(Math.round(visit.accuracy_m)) })]);
}

/** How far the fix was from the household's location, far flagged. @param {any} visit @param {any} household */
function distanceLine(visit, household) {
  if (visit.lat == null || visit.lng == null) return null;
  const distance = visitDistance(visit, household);
  if (!distance) return h('div', { class: 'sub', 'data-test': 'review-distance' }, t('bg_distance_none'));
  const m = formatNumber(distance.metres);
  return h('div', { class: 'sub', 'data-test': 'review-distance', 'data-far': String(distance.far) },
    distance.far ? h('span', { class: 'badge bad' }, t('bg_distance_far', { m })) : t('bg_distance', { m }));
}

/** Helpers and the committees of the caller's sub-district, for filters. @param {Ctx} ctx */
export async function loadStaff(ctx) {
  const [users, areas] = await Promise.all([
    ctx.api.request('GET', '/api/users?role=helper&per_page=500'),
    ctx.api.request('GET', '/api/areas'),
  ]);
  const list = Array.isArray(areas) ? areas : areas.items ?? [];
  const committees = list.filter((/** @type {any} */ a) => a.kind === 'committee' && (!ctx.user.area_id || a.parent_id === ctx.user.area_id));
  return { helpers: /** @type {any[]} */ (users.items), committees: /** @type {any[]} */ (committees) };
}

/**
 * @param {Ctx} ctx @param {any} visit @param {Map<string, string>} names @param {Map<string, any>} onPage
 * @param {() => void} reload @param {(id: string, on: boolean) => void} tick
 */
function visitCard(ctx, visit, names, onPage, reload, tick) {
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
    open && h('label', { class: 'check' }, h('input', { type: 'checkbox', 'data-test': 'review-tick', 'data-id': visit.id,
      onchange: (/** @type {Event} */ e) => tick(visit.id, /** @type {HTMLInputElement} */ (e.target).checked) }), t('wl_tick')),
    h('div', { class: 'title' }, household?.address ?? visit.household_id.slice(0, 8), ' · ', formatDateTime(visit.occurred_at),
      h('span', { class: `badge ${visit.review_state === 'returned' ? 'bad' : visit.review_state === 'approved' ? 'ok' : 'warn'}` }, t(`review.${visit.review_state}`))),
    h('div', { class: 'sub' }, label('channel', visit.channel), ' · ', names.get(visit.author_id) ?? '—', visit.late ? ` · ${t('sup_late')}` : ''),
    personsLine(visit),
    outcomeLine(visit),
    fixLine(visit),
    distanceLine(visit, household),
    visit.amends_visit_id ? amendsLink(ctx, visit.amends_visit_id, onPage) : null,
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
  for (const key of ['helper_id', 'committee_id', 'channel', 'since', 'until', 'page']) {
    const v = q.get(key);
    if (v) filters[key] = v;
  }
  /** @param {string} key @param {string} value */
  const refilter = (key, value) => ctx.nav(`/reviews${query({ ...filters, page: undefined, [key]: value })}`);
  /** @param {string} key @param {string} text @param {{value: string, label: string}[]} options @param {boolean} [any] */
  const select = (key, text, options, any = true) => h('div', null, h('label', { for: `r-${key}` }, text),
    h('select', { id: `r-${key}`, onchange: (/** @type {Event} */ e) => refilter(key, /** @type {HTMLSelectElement} */ (e.target).value) },
      any && h('option', { value: '' }, t('sup_all')),
      options.map((o) => h('option', { value: o.value, selected: filters[key] === o.value }, o.label))));
  /** @param {string} key @param {string} text */
  const day = (key, text) => h('div', null, h('label', { for: `r-${key}` }, text),
    h('input', { id: `r-${key}`, type: 'date', value: (filters[key] ?? '').slice(0, 10),
      onchange: (/** @type {Event} */ e) => refilter(key, /** @type {HTMLInputElement} */ (e.target).value) }));
  const params = { ...filters, since: filters.since && `${filters.since}T00:00:00Z`, until: filters.until && `${filters.until}T23:59:59Z`, per_page: PER_PAGE };
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
        remote(() => ctx.api.request('GET', `/api/visits${query(params)}`), (page, reload) => {
          /** @type {Map<string, any>} */
          const onPage = new Map(page.items.map((/** @type {any} */ o) => [o.id, o]));
          if (page.items.length === 0) return h('p', null, t('sup_no_visits'));
          const bulk = bulkBar(ctx, page.items, reload);
          return h('div', null,
            h('p', { class: 'hint' }, t('wl_visits_page', { from: formatNumber((page.page - 1) * page.per_page + 1),
              to: formatNumber((page.page - 1) * page.per_page + page.items.length), total: formatNumber(page.total) })),
            bulk.node,
            h('ul', { class: 'list' }, page.items.map((/** @type {any} */ v) => visitCard(ctx, v, names, onPage, reload, bulk.tick))),
            pager(page, (n) => refilter('page', String(n))));
        }));
    }));
}

/**
 * Tick visits, tick all open ones on the page, approve the ticked ones in one action.
 * @param {Ctx} ctx @param {any[]} items @param {() => void} reload
 */
function bulkBar(ctx, items, reload) {
  /** @type {Set<string>} */
  const chosen = new Set();
  const openIds = items.filter((v) => v.review_state === 'pending' || v.review_state === 'amended').map((v) => v.id);
  const count = h('span', { 'aria-live': 'polite', 'data-test': 'review-chosen' }, t('wl_chosen_visits', { n: 0 }));
  const approve = h('button', { type: 'button', class: 'primary', disabled: true, 'data-test': 'review-approve-chosen',
    onclick: () => void approveChosen() }, t('wl_approve_chosen'));
  const show = () => {
    count.textContent = t('wl_chosen_visits', { n: chosen.size });
    approve.disabled = chosen.size === 0;
  };
  /** @param {string} id @param {boolean} on */
  const tick = (id, on) => {
    if (on) chosen.add(id);
    else chosen.delete(id);
    show();
  };
  const all = h('input', { type: 'checkbox', 'data-test': 'review-tick-all', onchange: (/** @type {Event} */ e) => {
    const on = /** @type {HTMLInputElement} */ (e.target).checked;
    for (const box of /** @type {NodeListOf<HTMLInputElement>} */ (document.querySelectorAll('[data-test="review-tick"]'))) {
      box.checked = on;
      tick(box.dataset.id ?? '', on);
    }
  } });
  const approveChosen = async () => {
    if (!chosen.size) return;
    approve.disabled = true;
    try {
      await ctx.api.request('POST', '/api/visits/review', { visit_ids: [...chosen], decision: 'approve' });
      ctx.toast(t('wl_approved_n', { n: chosen.size }));
      reload();
    } catch (err) {
      approve.disabled = false;
      ctx.toast(t('sup_failed', { message: /** @type {Error} */ (err).message }));
    }
  };
  const node = openIds.length === 0 ? h('span', null) : h('div', { class: 'actions', 'data-test': 'review-bulk' },
    h('label', { class: 'check' }, all, t('wl_tick_all_page')), count, approve);
  return { node, tick };
}

/** Previous / next, with the page number. @param {any} page @param {(n: number) => void} go */
function pager(page, go) {
  const pages = Math.max(1, Math.ceil(page.total / page.per_page));
  if (pages === 1) return h('span', null);
  return h('nav', { class: 'actions', 'aria-label': t('wl_pages'), 'data-test': 'review-pager' },
    h('button', { type: 'button', disabled: page.page <= 1, 'data-test': 'review-prev', onclick: () => go(page.page - 1) }, t('wl_previous')),
    h('span', null, t('wl_page_of', { n: formatNumber(page.page), pages: formatNumber(pages) })),
    h('button', { type: 'button', disabled: page.page >= pages, 'data-test': 'review-next', onclick: () => go(page.page + 1) }, t('wl_next')));
}
