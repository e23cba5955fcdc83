/**
 * One event, for staff: what, when, where and which vacancies; the people on its list (those of
 * my scope, from this phone) with one tap to mark them present, absent or signed up; who the
 * matching suggests inviting (online: the server ranks my caseload or sub-district against the
 * event's vacancies, with the reasons); and, for someone who came, one tap to recommend them a
 * vacancy of the event, so an interview or a hire is attributed to it (`source_event_id`).
 * Every write is an op in the outbox: attendance taken in a hall with no signal is kept.
 */
import { h } from '../../ui/dom.js';
import { t, label } from '../../i18n/index.js';
import { rankJobs } from '../../domain/match.js';
import { uuid } from '../../local/outbox.js';
import { eventLine, moveOps, participantId, MOVES } from './common.js';
import { candidateList } from './candidates.js';
import { organiserTools } from './organiser.js';

/** @typedef {import('../context.js').Ctx} Ctx */
/** @typedef {Record<string, any>} Row */

/** The buttons a participant's state offers staff, in order. */
const STAFF_MOVES = ['attended', 'no_show', 'signed_up', 'declined'];

/** @param {Ctx} ctx @param {Row} ev @param {Row} row */
function participantCard(ctx, ev, row) {
  const person = ctx.replica.get('person', row.person_id);
  const recs = ctx.replica.all('recommendation').filter((r) => r.person_id === row.person_id);
  const fromHere = recs.filter((r) => r.source_event_id === ev.id);
  const go = async (/** @type {string} */ to) => {
    await ctx.replica.record(moveOps(row, to, to === 'attended' ? { via: 'list' } : {}));
    ctx.toast(navigator.onLine ? t('ev_marked', { state: label('participation', to) }) : t('saved_locally'));
  };
  const jobs = (ev.job_ids ?? []).map((/** @type {string} */ id) => ctx.replica.get('job', id)).filter(Boolean);
  const taken = new Set(recs.map((r) => r.job_id));
  const best = person ? rankJobs(person, jobs.filter((/** @type {Row} */ j) => !taken.has(j.id)))[0] : undefined;
  const recommend = async () => {
    if (!best || !person) return;
    const reasons = t('ev_recommend_reason', { title: ev.title });
    await ctx.replica.record([{ entity: 'recommendation', entity_id: uuid(), kind: 'insert', data: {
      person_id: person.id, job_id: best.job.id, reasons, state: 'recommended', source_event_id: ev.id,
      match: { score: best.score, parts: Object.fromEntries(best.parts.map((p) => [p.key, p.weight])) } } }]);
    ctx.toast(t('ev_recommended', { title: best.job.title }));
  };
  return h('li', { class: 'card', 'data-test': 'participant', 'data-state': row.state },
    h('div', { class: 'title' }, person ? h('a', { href: `#/person/${person.id}` }, person.name) : t('ev_someone')),
    h('div', { class: 'sub' }, h('span', { class: `badge${row.state === 'attended' ? ' ok' : ''}` }, label('participation', row.state)),
      row.check_in_via ? ` · ${t(`ev_via_${row.check_in_via}`)}` : '',
      row._pending && h('span', { class: 'badge warn' }, t('pending')),
      fromHere.length > 0 && h('span', { class: 'badge' }, ' ', t('ev_recs_from_here', { n: fromHere.length }))),
    h('div', { class: 'actions' },
      STAFF_MOVES.filter((to) => (MOVES[row.state] ?? []).includes(to)).map((to) =>
        h('button', { type: 'button', class: to === 'attended' ? 'primary small' : 'small', 'data-test': `mark-${to}`, onclick: () => void go(to) },
          t(`ev_mark_${to}`))),
      row.state === 'attended' && best && h('button', { type: 'button', class: 'small', 'data-test': 'recommend-from-event', onclick: () => void recommend() },
        t('ev_recommend', { title: best.job.title }))));
}

/** @param {Ctx} ctx @param {import('../context.js').RouteArgs} args */
export function eventDetail(ctx, { params }) {
  const ev = ctx.replica.get('event', params.id);
  if (!ev) return h('div', null, h('h1', null, t('ev_title')), h('p', null, t('not_found')));
  const rows = ctx.replica.all('event_participant').filter((r) => r.event_id === ev.id);
  const names = (/** @type {Row} */ r) => ctx.replica.get('person', r.person_id)?.name ?? '';
  rows.sort((a, b) => names(a).localeCompare(names(b)));
  /** @type {(Row|undefined)[]} */
  const jobs = (ev.job_ids ?? []).map((/** @type {string} */ id) => ctx.replica.get('job', id));
  const came = rows.filter((r) => r.state === 'attended').length;
  const invite = async (/** @type {string} */ personId) => {
    await ctx.replica.record([{ entity: 'event_participant', entity_id: participantId(ev.id, personId), kind: 'insert',
      data: { event_id: ev.id, person_id: personId, state: 'invited' } }]);
    ctx.toast(navigator.onLine ? t('ev_invited') : t('saved_locally'));
  };
  const listed = new Set(rows.map((r) => r.person_id));
  return h('div', { 'data-test': 'event-detail' },
    h('h1', null, ev.title),
    eventLine(ev),
    ev.description && h('p', { class: 'hint' }, ev.description),
    h('h2', null, t('ev_vacancies')),
    jobs.length ? h('ul', { class: 'list' }, jobs.map((j, i) => h('li', { class: 'card' },
      j ? h('span', null, h('span', { class: 'title' }, j.title), ' · ', j.employer) : t('ev_job_closed', { n: i + 1 }))))
      : h('p', { class: 'muted' }, t('ev_no_vacancies')),
    h('div', { class: 'actions' },
      h('a', { class: 'button', href: `#/events/${ev.id}/scan`, 'data-test': 'event-scan' }, t('ev_scan'))),
    h('h2', null, t('ev_list', { n: rows.length, came })),
    rows.length ? h('ul', { class: 'list', 'data-test': 'participants' }, rows.map((r) => participantCard(ctx, ev, r)))
      : h('p', { class: 'muted' }, t('ev_nobody')),
    h('h2', null, t('ev_suggested')),
    h('p', { class: 'hint' }, t('ev_suggested_hint')),
    candidateList(ctx, `/api/events/${ev.id}/candidates`, (c) =>
      listed.has(c.person.id) ? h('span', { class: 'badge' }, t('ev_on_list'))
        : h('button', { type: 'button', class: 'small primary', 'data-test': 'invite', onclick: (/** @type {Event} */ e) => {
          /** @type {HTMLButtonElement} */ (e.currentTarget).disabled = true;
          void invite(c.person.id);
        } }, t('ev_invite'))),
    ctx.user.role !== 'helper' && organiserTools(ctx, ev));
}
