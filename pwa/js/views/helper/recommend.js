/**
 * Recommend a job from the cached list: open jobs ranked by how they fit the person, each with
 * its named reasons; the helper picks one and writes (or keeps) the reason the person will see.
 */
import { h } from '../../ui/dom.js';
import { t, formatNumber, formatList } from '../../i18n/index.js';
import { rankJobs } from '../../domain/match.js';
import { uuid } from '../../local/outbox.js';

/** @param {import('../../domain/match.js').MatchPart} part */
function partText(part) {
  return part.key === 'skills' ? t('match_skills', { skills: part.detail ?? '' }) : t(`match_${part.key}`);
}

/** @param {import('../context.js').Ctx} ctx @param {import('../context.js').RouteArgs} args */
export function recommend(ctx, { params }) {
  const { replica } = ctx;
  const p = replica.get('person', params.id);
  if (!p) return h('div', null, h('h1', null, t('recommend_title')), h('p', null, t('not_found')));
  const already = new Set(replica.all('recommendation').filter((r) => r.person_id === p.id).map((r) => r.job_id));
  const ranked = rankJobs(p, replica.all('job')).filter((r) => !already.has(r.job.id)).slice(0, 20);
  const reason = h('textarea', { id: 'reason', rows: 3 });
  /** @type {typeof ranked[number] | null} */
  let chosen = null;
  const radios = ranked.map((r) => h('input', { type: 'radio', name: 'job', value: r.job.id, onchange: () => {
    chosen = r;
    reason.value = formatList(r.parts.map(partText));
  } }));
  /** @param {Event} e */
  const save = async (e) => {
    e.preventDefault();
    if (!chosen) return;
    const match = { score: chosen.score, parts: Object.fromEntries(chosen.parts.map((x) => [x.key, x.weight])) };
    await replica.record([{ entity: 'recommendation', entity_id: uuid(), kind: 'insert',
      data: { person_id: p.id, job_id: chosen.job.id, reasons: reason.value.trim(), match, state: 'recommended' } }]);
    ctx.toast(t('saved_locally'));
    ctx.nav(`/person/${p.id}`);
  };
  return h('form', { onsubmit: save },
    h('h1', null, t('recommend_title')),
    h('p', { class: 'muted' }, p.name),
    ranked.length === 0 && h('p', null, t('no_jobs')),
    h('fieldset', null, h('legend', null, t('recommendations')),
      ranked.map((r, i) => h('label', { class: 'check card' }, radios[i],
        h('span', null,
          h('span', { class: 'title' }, r.job.title, ' · ', r.job.employer),
          h('span', { class: 'sub' }, ' ', r.job.place ?? '', r.job.pay_min ? ` · ${formatNumber(r.job.pay_min)}–${formatNumber(r.job.pay_max ?? r.job.pay_min)}` : ''),
          r.parts.length > 0 && h('span', { class: 'sub' }, ' · ', formatList(r.parts.map(partText))))))),
    h('label', { for: 'reason' }, t('recommend_reason')), reason,
    h('div', { class: 'actions sticky' },
      h('button', { type: 'submit', class: 'primary' }, t('recommend_save')),
      h('button', { type: 'button', onclick: () => history.back() }, t('cancel'))));
}
