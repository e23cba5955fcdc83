/**
 * A graduate's own job search (`#/jobs`): open jobs ranked for their file by the helpers'
 * matching (`GET /api/me/jobs`), each with the reasons in their language and "I'm interested".
 *
 * Interest is asked of the server at the moment of the tap (`POST /api/me/jobs/:id/interest`),
 * not queued offline: the list is a snapshot of a catalogue this phone does not sync, and only
 * the server can say whether the job is still open. It makes (or moves) a recommendation of
 * their own, which the next sync brings to this phone and to the helper's. The last answer is
 * kept sealed for reading offline (`./job-cache.js`).
 */
import { h, mount } from '../../ui/dom.js';
import { t, label, locale, formatDateTime } from '../../i18n/index.js';
import { HttpError, NetworkError } from '../../net/api.js';
import { payText } from '../graduate/mine.js';
import { clientRoutes } from '../features/index.js';
import { keepJobs, lastJobs } from './job-cache.js';
import { searchOf } from './order.js';

/** @typedef {import('../context.js').Ctx} Ctx */
/** @typedef {import('./job-cache.js').JobItem} JobItem */
/** @typedef {import('./job-cache.js').JobPage} JobPage */

const PER_PAGE = 20;
/** The states "I'm interested" moves on from (`server/records/job_interest.py`). */
const CAN_SAY_INTERESTED = new Set(['recommended', 'viewed', 'declined']);

/** @param {Ctx} ctx @param {JobItem} item */
function jobCard(ctx, item) {
  const { job } = item;
  const state = h('div', { class: 'actions' });
  const showState = () => {
    const recId = item.recommendation_id;
    const rec = recId ? ctx.replica.get('recommendation', recId) : null;
    const stateCode = rec?.state ?? item.recommendation_state;
    if (stateCode && !CAN_SAY_INTERESTED.has(stateCode)) {
      mount(state, rec
        ? h('a', { href: `#/offer/${rec.id}`, class: 'badge ok', 'data-test': 'gq-state' }, t('gq_your_answer', { state: label('rec', stateCode) }))
        : h('span', { class: 'badge ok', 'data-test': 'gq-state' }, t('gq_your_answer', { state: label('rec', stateCode) })));
      return;
    }
    mount(state, stateCode === 'declined' && h('span', { class: 'badge', 'data-test': 'gq-state' }, t('gq_your_answer', { state: label('rec', stateCode) })),
      h('button', { type: 'button', class: 'primary', 'data-test': 'gq-interested', onclick: interested }, t('gq_interested')));
  };
  const interested = async () => {
    if (!navigator.onLine) return ctx.toast(t('gq_interest_offline'));
    try {
      const body = await ctx.api.request('POST', `/api/me/jobs/${job.id}/interest`);
      item.recommendation_id = body.recommendation.id;
      item.recommendation_state = body.recommendation.state;
      ctx.toast(t('gq_interest_sent'));
      ctx.sync();
      showState();
    } catch (err) {
      if (err instanceof NetworkError) ctx.toast(t('gq_interest_offline'));
      else if (err instanceof HttpError && err.status === 422) ctx.toast(t('gq_interest_closed'));
      else ctx.toast(t('gq_interest_failed'));
    }
  };
  showState();
  const pay = payText(job);
  return h('li', { class: 'card', 'data-test': 'gq-job', 'data-job': job.id },
    h('div', { class: 'title' }, `${job.title} · ${job.employer}`,
      h('span', { class: 'badge' }, t('gq_fit', { score: Math.round((item.match?.score ?? 0) * 100) }))),
    h('div', { class: 'sub' }, [job.industry, job.place, pay].filter(Boolean).join(' · ')),
    item.reasons.length > 0 && h('ul', { 'data-test': 'gq-reasons' },
      item.reasons.slice(0, 4).map((r) => h('li', { class: r.positive ? undefined : 'muted' }, r.text))),
    state);
}

/** @param {Ctx} ctx @param {import('../context.js').RouteArgs} args */
export function browse(ctx, { query }) {
  const search = searchOf(query);
  const list = h('ul', { class: 'list', 'data-test': 'gq-jobs' });
  const status = h('p', { class: 'hint', 'data-test': 'gq-status' }, t('gq_loading'));
  const more = h('div', { class: 'actions' });
  const industry = h('select', { id: 'gq-industry', name: 'industry' }, h('option', { value: '' }, t('gq_any_industry')));
  const form = h('form', { class: 'filters', 'data-test': 'gq-filters', onsubmit: (/** @type {Event} */ e) => {
    e.preventDefault();
    const next = new URLSearchParams();
    for (const [k, v] of new FormData(/** @type {HTMLFormElement} */ (e.target))) if (String(v).trim()) next.set(k, String(v).trim());
    ctx.nav(next.size ? `/jobs?${next}` : '/jobs');
  } },
  h('label', { for: 'gq-q' }, t('gq_search')), h('input', { id: 'gq-q', name: 'q', type: 'search', value: search.get('q') ?? '' }),
  h('label', { for: 'gq-industry' }, t('gq_industry')), industry,
  h('label', { for: 'gq-place' }, t('gq_place')), h('input', { id: 'gq-place', name: 'place', value: search.get('place') ?? '' }),
  h('button', { type: 'submit', 'data-test': 'gq-find' }, t('gq_find')));

  /** @type {JobItem[]} */
  const shown = [];
  /** @param {JobPage} page @param {boolean} append */
  const render = (page, append) => {
    if (!append) shown.length = 0;
    shown.push(...page.items);
    mount(list, shown.map((item) => jobCard(ctx, item)));
    const wanted = search.get('industry') ?? '';
    mount(industry, h('option', { value: '' }, t('gq_any_industry')),
      [...new Set([...page.industries, ...(wanted ? [wanted] : [])])].map((i) => h('option', { value: i, selected: i === wanted }, i)));
    mount(more, shown.length < page.total
      ? h('button', { type: 'button', 'data-test': 'gq-more', onclick: () => void load(page.page + 1).catch(() => ctx.toast(t('gq_interest_failed'))) }, t('gq_more'))
      : null);
    return page;
  };
  /** @param {number} number */
  const load = async (number) => {
    const params = new URLSearchParams(search);
    params.set('page', String(number));
    params.set('per_page', String(PER_PAGE));
    params.set('lang', locale() === 'en' ? 'en' : 'zh');
    try {
      const page = render(await ctx.api.request('GET', `/api/me/jobs?${params}`), number > 1);
      mount(status, page.total ? t('gq_count', { shown: shown.length, total: page.total }) : t('gq_none'));
      if (number === 1) await keepJobs(ctx.replica.db, { query: search.toString(), page, savedAt: Date.now() });
    } catch (err) {
      if (!(err instanceof NetworkError)) throw err;
      if (number > 1) return ctx.toast(t('gq_interest_offline'));
      const cached = await lastJobs(ctx.replica.db);
      if (!cached) return mount(status, t('gq_never_loaded'));
      render(cached.page, false);
      mount(status, t('gq_cached', { time: formatDateTime(new Date(cached.savedAt).toISOString()) }));
    }
  };
  void load(1).catch(() => mount(status, t('gq_interest_failed')));

  const elsewhere = [['/events', 'gq_see_events'], ['/trainings', 'gq_see_trainings']]
    .filter(([path]) => clientRoutes.some((r) => r.path === path));
  return h('div', null,
    h('h1', null, t('gq_jobs_title')),
    h('p', { class: 'hint' }, t('gq_jobs_hint')),
    form,
    elsewhere.length > 0 && h('div', { class: 'actions' }, elsewhere.map(([path, key]) => h('a', { class: 'button', href: `#${path}` }, t(key)))),
    status,
    list,
    more);
}
