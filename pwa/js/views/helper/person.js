/**
 * One person, one file: every field of it (identity, education, situation, group, job
 * intention, skills and difficulties), "Edit", the guidance steps with a link to their screen,
 * the quick call log, status with its history, the guidance step,
 * services delivered against the 1-3-1 and 3-3-3-3 targets, job recommendations (each with its
 * interview and a button to record its outcome for a person without the app), and the
 * timeline of contacts, with a short form to add a note (its length limit shown while typing,
 * an over-long note refused before it is saved). Pending changes are marked, so the helper knows
 * what is not yet sent.
 */
import { h } from '../../ui/dom.js';
import { t, label, formatDate, formatDateTime, formatNumber, formatList } from '../../i18n/index.js';
import { serviceCounts, progress, TARGET_131 } from '../../domain/targets.js';
import { uuid } from '../../local/outbox.js';
import { boundedText } from '../../ui/bounded.js';
import { guidanceSummary } from '../../ui/guidance-summary.js';
import { callLogSection } from './call-log.js';
import { inviteSection } from './invite.js';
import { fileSections, renderSections } from '../features/index.js';
import { reachable } from '../outcomes/outcome.js';

/** @typedef {import('../context.js').Ctx} Ctx */

/** @param {string} key @param {unknown} value */
function fact(key, value) {
  return [h('dt', null, t(key)), h('dd', null, value === null || value === undefined || value === '' ? '—' : String(value))];
}

/** @param {Ctx} ctx @param {import('../context.js').RouteArgs} args */
export function person(ctx, { params }) {
  const { replica } = ctx;
  const p = replica.get('person', params.id);
  if (!p) return h('div', null, h('h1', null, t('person_title')), h('p', null, t('not_found')));
  const hh = replica.get('household', p.household_id);
  const visits = replica
    .all('visit')
    .filter((v) => (v.person_ids?.length ? v.person_ids.includes(p.id) : v.household_id === p.household_id))
    .sort((a, b) => String(b.occurred_at).localeCompare(String(a.occurred_at)));
  const notes = replica.all('note').filter((n) => n.person_id === p.id);
  const visitIds = new Set(visits.map((v) => v.id));
  /** @type {Map<string, Record<string, any>[]>} */
  const notesOf = new Map();
  for (const n of notes) if (n.visit_id && visitIds.has(n.visit_id)) notesOf.set(n.visit_id, [...(notesOf.get(n.visit_id) ?? []), n]);
  const loose = notes.filter((n) => !(n.visit_id && visitIds.has(n.visit_id)));
  const recs = replica.all('recommendation').filter((r) => r.person_id === p.id);
  const counts = serviceCounts(p.id, p.household_id, visits, recs);
  const pay =
    p.intention_pay_min || p.intention_pay_max
      ? `${p.intention_pay_min ? formatNumber(p.intention_pay_min) : '…'}–${p.intention_pay_max ? formatNumber(p.intention_pay_max) : '…'}`
      : null;

  return h('div', { class: 'person' },
    h('h1', null, p.name),
    h('p', null,
      h('span', { class: 'badge ok', 'data-test': 'status', 'data-status': p.status }, label('status', p.status)),
      p._pending && h('span', { class: 'badge warn' }, t('pending')),
      ' ', h('span', { class: 'muted' }, label('category', p.category))),
    h('div', { class: 'actions' },
      h('a', { class: 'button primary', href: `#/visit/new?household=${p.household_id}&person=${p.id}`, 'data-test': 'record-visit' }, t('record_visit')),
      h('a', { class: 'button', href: `#/person/${p.id}/edit`, 'data-test': 'edit-person' }, t('file_edit')),
      h('a', { class: 'button', href: `#/history/person/${p.id}`, 'data-test': 'history-link' }, t('hist_title')),
      h('a', { class: 'button', href: `#/recommend/${p.id}` }, t('recommend_job'))),

    h('section', { 'aria-labelledby': 'h-details' },
      h('h2', { id: 'h-details' }, t('details')),
      h('dl', { class: 'facts', 'data-test': 'facts' },
        hh && [h('dt', null, t('household_title')), h('dd', null, h('a', { href: `#/household/${hh.id}` }, hh.address))],
        fact('file_f_phone', p.phone),
        fact('file_f_id_number', p.id_number),
        fact('file_f_gender', p.gender ? label('gender', p.gender) : null),
        fact('file_f_birth_date', p.birth_date ? formatDate(p.birth_date) : null),
        fact('file_f_email', p.email),
        fact('file_f_wechat', p.wechat),
        fact('file_group', p.group_name),
        fact('file_f_disadvantaged', p.disadvantaged ? '✓' : null),
        fact('school', p.school),
        fact('major', p.major),
        fact('education', p.education_level ? label('edu', p.education_level) : null),
        fact('graduation', p.graduation_date ? formatDate(p.graduation_date) : null),
        fact('skills', formatList(p.skills ?? [])),
        fact('difficulties', formatList(p.difficulties ?? [])))),

    h('section', { 'aria-labelledby': 'h-guidance' },
      h('h2', { id: 'h-guidance' }, t('guidance_step')),
      h('p', null, h('a', { href: `#/person/${p.id}/guidance`, 'data-test': 'guidance-link' }, t('file_guidance_link', { step: guidanceSummary(p) })))),

    callLogSection(ctx, p),
    inviteSection(ctx, p),

    h('section', { 'aria-labelledby': 'h-intention' },
      h('h2', { id: 'h-intention' }, t('intention')),
      h('dl', { class: 'facts' },
        [h('dt', null, t('intention')), h('dd', null, [p.intention_industry, p.intention_role].filter(Boolean).join(' · ') || '—')],
        fact('place', p.intention_place),
        fact('pay', pay))),

    h('section', { 'aria-labelledby': 'h-targets' },
      h('h2', { id: 'h-targets' }, t('services_targets')),
      h('h3', null, t('target_131')),
      // 3-3-3-3 is the support section's: counted from the records within the assistance period.
      meters(progress(counts, TARGET_131))),

    h('section', { 'aria-labelledby': 'h-status' },
      h('h2', { id: 'h-status' }, t('status_history')),
      statusHistory(ctx, p.id)),

    recs.length > 0 && h('section', { 'aria-labelledby': 'h-recs' },
      h('h2', { id: 'h-recs' }, t('recommendations')),
      h('ul', { class: 'list' }, recs.map((r) => {
        const job = replica.get('job', r.job_id);
        return h('li', { class: 'card' },
          h('div', { class: 'title' }, job ? `${job.title} · ${job.employer}` : r.job_id,
            h('span', { class: 'badge' }, label('rec', r.state)), r._pending && h('span', { class: 'badge warn' }, t('pending'))),
          r.reasons && h('div', { class: 'sub' }, r.reasons),
          r.response_reason && h('div', { class: 'sub' }, '“', r.response_reason, '”'),
          r.state === 'interview' && r.interview_at && h('div', { class: 'sub', 'data-test': 'rec-interview' },
            t('oc_interview_at', { when: formatDateTime(r.interview_at) }), r.interview_place ? ` · ${r.interview_place}` : ''),
          reachable(r.state).length > 0 && h('div', { class: 'actions' },
            h('a', { class: 'button small', href: `#/outcome/${r.id}`, 'data-test': 'record-outcome' }, t('oc_record'))));
      }))),

    ...renderSections(fileSections, ctx, p),

    h('section', { 'aria-labelledby': 'h-timeline' },
      h('h2', { id: 'h-timeline' }, t('timeline')),
      visits.length + notes.length === 0 && h('p', { class: 'muted' }, t('no_visits')),
      // Notes carry no time of their own: they sit under their visit, loose ones come first.
      loose.length > 0 && h('ul', { class: 'list', 'data-test': 'notes' }, loose.map((n) =>
        h('li', { class: 'card' }, n.text, n._pending && h('span', { class: 'badge warn' }, t('pending'))))),
      h('ul', { class: 'timeline', 'data-test': 'timeline' }, visits.map((v) => visitItem(v, notesOf.get(v.id) ?? []))),
      noteForm(ctx, p)),
  );
}

/**
 * Add a loose note to the person's file (append-only: a correction is a new note).
 * @param {Ctx} ctx @param {Record<string, any>} p the person
 */
function noteForm(ctx, p) {
  const field = boundedText({ entity: 'note', field: 'text', id: 'note-text', label: t('note_text'), rows: 3 });
  /** @param {Event} event */
  const save = async (event) => {
    event.preventDefault();
    const text = field.input.value.trim();
    if (!text) return field.input.focus();
    if (!field.check()) return;
    // Emptied first, so the screen redraws with the new note (a typed text holds the redraw).
    field.input.value = '';
    try {
      await ctx.replica.record([{ entity: 'note', entity_id: uuid(), kind: 'insert', data: {
        person_id: p.id, household_id: p.household_id, visit_id: null, text, corrects_note_id: null } }]);
    } catch (err) {
      field.input.value = text;
      throw err;
    }
    ctx.toast(t('saved_locally'));
  };
  return h('form', { class: 'note-form', onsubmit: save, novalidate: true, 'aria-labelledby': 'h-note' },
    h('h3', { id: 'h-note' }, t('note_add')),
    field.nodes,
    h('div', { class: 'actions' }, h('button', { type: 'submit', 'data-test': 'save-note' }, t('note_save'))));
}

/** @param {Record<string, any>} v @param {Record<string, any>[]} notes written with this visit */
function visitItem(v, notes) {
  const review = v.review_state && v.review_state !== 'pending' ? t(`review_${v.review_state}`) : null;
  return h('li', { 'data-test': 'visit' },
    h('div', { class: 'when' }, formatDateTime(v.occurred_at), ' · ', label('channel', v.channel),
      v._pending && h('span', { class: 'badge warn' }, t('pending')),
      review && h('span', { class: `badge ${v.review_state === 'returned' ? 'bad' : 'ok'}` }, review),
      v.late && h('span', { class: 'badge' }, t('late'))),
    h('div', { class: 'notes' }, v.notes),
    notes.map((n) => h('div', { class: 'sub' }, '✎ ', n.text)),
    (v.services ?? []).length > 0 && h('div', { class: 'sub muted' }, formatList(v.services.map((/** @type {string} */ s) => label('service', s)))),
    v.review_state === 'returned' && v.review_comment && h('div', { class: 'error' }, t('returned_comment', { comment: v.review_comment })),
    v.review_state === 'returned' && h('a', { class: 'button', href: `#/visit/new?amends=${v.id}` }, t('amend')));
}

/** @param {{service: string, done: number, target: number}[]} lines */
function meters(lines) {
  return h('div', null, lines.map((l) => {
    const id = `m-${l.service}-${l.target}`;
    return h('div', { class: 'meter' },
      h('span', { id }, label('service', l.service)),
      h('span', { class: l.done >= l.target ? 'badge ok' : 'badge' }, `${formatNumber(l.done)} / ${formatNumber(l.target)}`),
      h('progress', { max: l.target, value: Math.min(l.done, l.target), 'aria-labelledby': id }));
  }));
}

/** @param {Ctx} ctx @param {string} personId */
function statusHistory(ctx, personId) {
  const events = ctx.replica
    .all('status_event')
    .filter((e) => e.person_id === personId)
    .map((e) => ({ at: Number(e.at) || Date.parse(e.at), from: e.from_status, to: e.to_status, superseded: e.superseded, pending: false }));
  for (const op of ctx.replica.pendingFor('person', personId)) {
    if (op.kind === 'transition') events.push({ at: op.recorded_at, from: op.data.from, to: op.data.to, superseded: false, pending: true });
  }
  events.sort((a, b) => b.at - a.at);
  if (!events.length) return h('p', { class: 'muted' }, '—');
  return h('ul', { class: 'timeline', 'data-test': 'status-history' }, events.map((e) =>
    h('li', null,
      h('div', { class: 'when' }, formatDateTime(e.at), e.pending && h('span', { class: 'badge warn' }, t('pending'))),
      h(e.superseded ? 's' : 'span', null, e.from ? `${label('status', e.from)} → ` : '', label('status', e.to)))));
}
