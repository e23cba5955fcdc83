/**
 * Matching from the other side ("一键人岗匹配"): for a vacancy or an event, the persons of my
 * caseload (a supervisor: my sub-district) it fits best, each with the score's reasons, and one
 * tap to act: invite them (an event) or recommend them the vacancy (a job). The ranking is the
 * server's (`GET /api/jobs/:id/candidates`, `/api/events/:id/candidates`: the same scorer as a
 * person's own matches); the tap is an op in the outbox like every other write. A screen that
 * re-renders on every sync keeps the last answer for a minute rather than asking again.
 */
import { h } from '../../ui/dom.js';
import { t, label, locale, formatNumber } from '../../i18n/index.js';
import { uuid } from '../../local/outbox.js';
import { remote } from '../supervisor/remote.js';

/** @typedef {import('../context.js').Ctx} Ctx */
/** @typedef {{person: {id: string, name: string, status: string, category: string, major?: string|null}, job_id: string, match: {score: number, parts: Record<string, number>, reasons: {code: string, positive: boolean, zh: string, en: string}[]}}} Candidate */

const KEEP_MS = 60_000;
/** @type {Map<string, {at: number, data: any}>} */
const answers = new Map();

/** @param {Ctx} ctx @param {string} path */
function load(ctx, path) {
  // Kept per user: another login on this tab never sees the first user's candidates.
  const key = `${ctx.user.id} ${path}`;
  const kept = answers.get(key);
  if (kept && Date.now() - kept.at < KEEP_MS) return Promise.resolve(kept.data);
  if (answers.size > 20) answers.clear();
  return ctx.api.request('GET', path).then((data) => {
    answers.set(key, { at: Date.now(), data });
    return data;
  });
}

/** The reasons of a match in the reader's language. @param {Candidate['match']} match */
export function reasonsText(match) {
  const zh = locale().startsWith('zh');
  return match.reasons.filter((r) => r.positive).map((r) => (zh ? r.zh : r.en)).join(zh ? '；' : '; ');
}

/**
 * The ranked list with one action per candidate.
 * @param {Ctx} ctx @param {string} path @param {(c: Candidate) => Node} action
 */
export function candidateList(ctx, path, action) {
  return remote(() => load(ctx, path), (data) => {
    /** @type {Candidate[]} */
    const items = data.items;
    if (!items.length) return h('p', { class: 'muted', 'data-test': 'no-candidates' }, t('ev_no_candidates', { n: data.scored }));
    return h('div', null,
      h('p', { class: 'hint' }, t('ev_candidates_of', { n: data.scored })),
      h('ul', { class: 'list', 'data-test': 'candidates' }, items.map((c) => h('li', { class: 'card', 'data-test': 'candidate' },
        h('div', { class: 'title' }, c.person.name, ' ', h('span', { class: 'badge' }, formatNumber(Math.round(c.match.score * 100)), '%')),
        h('div', { class: 'sub' }, label('status', c.person.status), ' · ', label('category', c.person.category), c.person.major ? ` · ${c.person.major}` : ''),
        h('div', { class: 'sub', 'data-test': 'candidate-reasons' }, reasonsText(c.match)),
        h('div', { class: 'actions' }, action(c))))));
  });
}

/** `#/jobs/:id/candidates`: the best candidates for one vacancy. @param {Ctx} ctx @param {import('../context.js').RouteArgs} args */
export function jobCandidates(ctx, { params }) {
  const job = ctx.replica.get('job', params.id);
  const done = new Set(ctx.replica.all('recommendation').filter((r) => r.job_id === params.id).map((r) => r.person_id));
  const recommend = async (/** @type {Candidate} */ c) => {
    await ctx.replica.record([{ entity: 'recommendation', entity_id: uuid(), kind: 'insert', data: {
      person_id: c.person.id, job_id: params.id, reasons: reasonsText(c.match) || t('ev_fits'), state: 'recommended',
      match: { score: c.match.score, parts: c.match.parts } } }]);
    ctx.toast(navigator.onLine ? t('ev_recommended', { title: job?.title ?? '' }) : t('saved_locally'));
  };
  return h('div', null,
    h('h1', null, t('ev_job_candidates')),
    job && h('p', { class: 'muted' }, job.title, ' · ', job.employer),
    candidateList(ctx, `/api/jobs/${params.id}/candidates`, (c) => done.has(c.person.id)
      ? h('span', { class: 'badge ok' }, t('ev_recommended_short'))
      : h('button', { type: 'button', class: 'small primary', 'data-test': 'recommend-candidate', onclick: (/** @type {Event} */ e) => {
        /** @type {HTMLButtonElement} */ (e.currentTarget).disabled = true;
        void recommend(c);
      } }, t('ev_recommend_this'))));
}
