/**
 * One placement: the job, its retention schedule as the shared rule sees it today
 * (`domain/aftercare.js`), the call to record ("still in the job?" / left, why) and the
 * "at risk of quitting" flag with its note. A check is an append-only `insert`; a "left" check
 * ends the placement on the server, which moves the status back to seeking. Offline too.
 */
import { h } from '../../ui/dom.js';
import { t, label, formatDate, formatDateTime, formatNumber } from '../../i18n/index.js';
import { uuid } from '../../local/outbox.js';
import { schedule, stepTable } from '../../domain/aftercare.js';
import vocabulary from '../../../../sync/vocabulary.json' with { type: 'json' };
import { localIso } from './outcome.js';

/** @typedef {import('../context.js').Ctx} Ctx */

/** @type {readonly string[]} */
const END_REASONS = /** @type {any} */ (vocabulary).placement_end_reasons;

/** The placement's contacts today. @param {Ctx} ctx @param {Record<string, any>} p */
export function contactsOf(ctx, p) {
  const checks = ctx.replica.all('retention_check').filter((c) => c.placement_id === p.id);
  return schedule(p, stepTable(ctx.replica.all('retention_step')), checks, localIso(ctx.now()));
}

/** @param {import('../../domain/aftercare.js').Contact} c */
export function contactText(c) {
  const step = label('retention', c.step);
  if (c.state === 'overdue') return t('oc_contact_overdue', { step, n: c.days_late });
  if (c.state === 'due') return t('oc_contact_due', { step });
  return `${step} · ${formatDate(c.due_on)} · ${t(`oc_state_${c.state}`)}`;
}

/** @param {Ctx} ctx @param {Record<string, any>} p @param {import('../../domain/aftercare.js').Contact[]} contacts */
function checkForm(ctx, p, contacts) {
  const open = contacts.filter((c) => c.state !== 'done' && c.state !== 'ended');
  const first = open.find((c) => c.state === 'due' || c.state === 'overdue') ?? open[0];
  const step = h('select', { id: 'rc-step', 'data-test': 'rc-step' },
    contacts.map((c) => h('option', { value: c.step, selected: c.step === first?.step }, label('retention', c.step))));
  const stayed = h('input', { type: 'radio', name: 'rc-still', value: 'yes', checked: true, 'data-test': 'rc-still' });
  const left = h('input', { type: 'radio', name: 'rc-still', value: 'no', 'data-test': 'rc-left' });
  const reason = h('select', { id: 'rc-reason', 'data-test': 'rc-reason' },
    h('option', { value: '' }, '—'), END_REASONS.map((r) => h('option', { value: r }, label('end_reason', r))));
  const notes = h('textarea', { id: 'rc-notes', rows: 2, maxLength: 4000, 'data-test': 'rc-notes' });
  const error = h('p', { class: 'error', role: 'alert' });
  /** @param {Event} e */
  const save = async (e) => {
    e.preventDefault();
    if (left.checked && !reason.value) return void (error.textContent = t('oc_need_reason'));
    await ctx.replica.record([{ entity: 'retention_check', entity_id: uuid(), kind: 'insert', data: {
      placement_id: p.id, person_id: p.person_id, step: step.value, occurred_at: new Date(ctx.now()).toISOString(),
      still_employed: !left.checked, reason: left.checked ? reason.value : null, notes: notes.value.trim() } }]);
    ctx.toast(t('saved_locally'));
    ctx.nav(`/person/${p.person_id}`);
  };
  return h('form', { onsubmit: save, novalidate: true, 'data-test': 'rc-form', 'aria-labelledby': 'h-rc' },
    h('h2', { id: 'h-rc' }, t('oc_check_title')),
    h('label', { for: 'rc-step' }, t('oc_check_step')), step,
    h('div', { class: 'inline' }, h('label', { class: 'check' }, stayed, ' ', t('oc_still')), ' ',
      h('label', { class: 'check' }, left, ' ', t('oc_left'))),
    h('label', { for: 'rc-reason' }, t('oc_left_why')), reason,
    h('label', { for: 'rc-notes' }, t('oc_notes')), notes, error,
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', 'data-test': 'rc-save' }, t('save'))));
}

/** @param {Ctx} ctx @param {Record<string, any>} p */
function riskForm(ctx, p) {
  const note = h('textarea', { id: 'risk-note', rows: 2, maxLength: 2000, 'data-test': 'risk-note' }, p.at_risk_note ?? '');
  /** @param {boolean} flag */
  const save = async (flag) => {
    const data = { at_risk: flag, at_risk_note: flag ? note.value.trim() || null : p.at_risk_note ?? null };
    await ctx.replica.record([{ entity: 'placement', entity_id: p.id, kind: 'set', data,
      base: { at_risk: ctx.replica.stampOf('placement', p.id, 'at_risk'), at_risk_note: ctx.replica.stampOf('placement', p.id, 'at_risk_note') } }]);
    ctx.toast(t('saved_locally'));
  };
  return h('section', { 'aria-labelledby': 'h-risk' },
    h('h2', { id: 'h-risk' }, t('oc_risk_title')),
    p.at_risk && h('p', null, h('span', { class: 'badge bad', 'data-test': 'at-risk' }, t('oc_at_risk'))),
    h('label', { for: 'risk-note' }, t('oc_risk_note')), note,
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: p.at_risk ? '' : 'danger', 'data-test': 'risk-flag', onclick: () => void save(true) }, p.at_risk ? t('oc_risk_update') : t('oc_risk_flag')),
      p.at_risk && h('button', { type: 'button', 'data-test': 'risk-clear', onclick: () => void save(false) }, t('oc_risk_clear'))));
}

/** @param {Ctx} ctx @param {import('../context.js').RouteArgs} args */
export function placement(ctx, { params }) {
  const p = ctx.replica.get('placement', params.id);
  if (!p) return h('div', null, h('h1', null, t('oc_placement')), h('p', null, t('not_found')));
  const person = ctx.replica.get('person', p.person_id);
  const contacts = contactsOf(ctx, p);
  const checks = ctx.replica.all('retention_check').filter((c) => c.placement_id === p.id)
    .sort((a, b) => String(b.occurred_at).localeCompare(String(a.occurred_at)));
  return h('div', { class: 'placement' },
    h('h1', null, p.job_title || t('oc_placement')),
    h('p', null, person && h('a', { href: `#/person/${p.person_id}` }, person.name), ' · ', p.employer_name,
      p._pending && h('span', { class: 'badge warn' }, t('pending'))),
    h('dl', { class: 'facts' },
      h('dt', null, t('oc_start')), h('dd', null, formatDate(p.start_date)),
      h('dt', null, t('oc_contract')), h('dd', null, p.contract_signed ? '✓' : '—'),
      h('dt', null, t('oc_pay')), h('dd', null, p.pay ? formatNumber(p.pay) : '—'),
      p.ended_on && [h('dt', null, t('oc_ended')), h('dd', { 'data-test': 'ended' }, formatDate(p.ended_on), ' · ', label('end_reason', p.end_reason))]),
    h('section', { 'aria-labelledby': 'h-schedule' },
      h('h2', { id: 'h-schedule' }, t('oc_schedule')),
      h('ul', { class: 'list', 'data-test': 'contacts' }, contacts.map((c) =>
        h('li', { class: `card ${c.state}`, 'data-test': 'contact', 'data-state': c.state }, contactText(c))))),
    !p.ended_on && checkForm(ctx, p, contacts),
    !p.ended_on && riskForm(ctx, p),
    checks.length > 0 && h('section', { 'aria-labelledby': 'h-checks' },
      h('h2', { id: 'h-checks' }, t('oc_checks')),
      h('ul', { class: 'timeline', 'data-test': 'checks' }, checks.map((c) => h('li', null,
        h('div', { class: 'when' }, formatDateTime(c.occurred_at), ' · ', label('retention', c.step), c._pending && h('span', { class: 'badge warn' }, t('pending'))),
        h('div', null, c.still_employed ? t('oc_still') : `${t('oc_left')} · ${label('end_reason', c.reason)}`),
        c.notes && h('div', { class: 'sub' }, c.notes))))));
}
