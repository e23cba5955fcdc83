/**
 * The helper's support forms, offline like the rest of the file: put a policy or a course on a
 * person's file (`#/support/new/:entity/:personId`), move a case with its date, amount and notes
 * (`#/support/move/:entity/:id?to=`), and open or change an assistance period
 * (`#/support/period/:personId[?id=]`). Each saves ops to the outbox and goes back to the file.
 */
import { h } from '../../ui/dom.js';
import { t, label } from '../../i18n/index.js';
import { uuid } from '../../local/outbox.js';
import { TRACKS, insertOp, moveOps, today } from './tracks.js';

/** @typedef {import('../context.js').Ctx} Ctx */
/** @typedef {import('../context.js').RouteArgs} RouteArgs */

/** @param {string} id @param {string} key @param {HTMLElement} input */
function row(id, key, input) {
  input.id = id;
  return h('div', null, h('label', { for: id }, t(key)), input);
}

/** @param {string} value */
function amountOf(value) {
  const n = Number(value);
  return value.trim() === '' || !Number.isFinite(n) || n < 0 ? null : Math.round(n);
}

/** @param {Ctx} ctx @param {RouteArgs} args */
export function newTrack(ctx, { params }) {
  const track = TRACKS[params.entity];
  const p = ctx.replica.get('person', params.person);
  if (!track || !p) return h('div', null, h('h1', null, t('sp_title')), h('p', null, t('not_found')));
  const taken = new Set(ctx.replica.all(track.entity).filter((r) => r.person_id === p.id).map((r) => r[track.ref]));
  const items = ctx.replica.all(track.catalogue).filter((c) => !taken.has(c.id))
    .sort((a, b) => String(a.title).localeCompare(String(b.title)));
  const pick = /** @type {HTMLSelectElement} */ (h('select', { required: true, 'data-test': 'sp-pick' },
    items.map((c) => h('option', { value: c.id }, c.title))));
  const state = /** @type {HTMLSelectElement} */ (h('select', { 'data-test': 'sp-state' },
    track.initial.map((s) => h('option', { value: s }, label(track.labels, s)))));
  const day = /** @type {HTMLInputElement} */ (h('input', { type: 'date', value: today(ctx.now()), 'data-test': 'sp-day' }));
  const amount = /** @type {HTMLInputElement} */ (h('input', { type: 'number', min: 0, inputmode: 'numeric', 'data-test': 'sp-amount' }));
  const notes = /** @type {HTMLTextAreaElement} */ (h('textarea', { rows: 2, maxlength: 2000 }));
  /** @param {Event} e */
  const save = async (e) => {
    e.preventDefault();
    if (!pick.value) return;
    /** @type {Record<string, any>} */
    const data = { person_id: p.id, [track.ref]: pick.value, state: state.value, notes: notes.value.trim() || null };
    const column = track.dates[state.value];
    if (column) data[column] = day.value || today(ctx.now());
    if (track.entity === 'policy_case' && amountOf(amount.value) !== null) data.amount = amountOf(amount.value);
    await ctx.replica.record([insertOp(track, uuid(), data, today(ctx.now()))]);
    ctx.toast(t('saved_locally'));
    ctx.nav(`/person/${p.id}`);
  };
  return h('form', { onsubmit: save, 'data-test': 'sp-new-form' },
    h('h1', null, t(track.entity === 'policy_case' ? 'sp_add_policy' : 'sp_add_training')),
    h('p', { class: 'muted' }, p.name),
    items.length === 0 && h('p', null, t('sp_nothing_left')),
    row('sp-pick', track.entity === 'policy_case' ? 'sp_policy' : 'sp_course', pick),
    track.initial.length > 1 && row('sp-state', 'sp_state', state),
    row('sp-day', 'sp_day', day),
    track.entity === 'policy_case' && row('sp-amount', 'sp_amount', amount),
    row('sp-notes', 'sp_notes', notes),
    h('div', { class: 'actions sticky' },
      h('button', { type: 'submit', class: 'primary', 'data-test': 'sp-save' }, t('sp_save')),
      h('button', { type: 'button', onclick: () => history.back() }, t('cancel'))));
}

/** @param {Ctx} ctx @param {RouteArgs} args */
export function moveTrack(ctx, { params, query }) {
  const track = TRACKS[params.entity];
  const rec = track && ctx.replica.get(track.entity, params.id);
  if (!track || !rec) return h('div', null, h('h1', null, t('sp_title')), h('p', null, t('not_found')));
  const next = track.moves[rec.state] ?? [];
  const to = /** @type {HTMLSelectElement} */ (h('select', { 'data-test': 'sp-state' },
    next.map((s) => h('option', { value: s, selected: s === query.get('to') }, label(track.labels, s)))));
  const day = /** @type {HTMLInputElement} */ (h('input', { type: 'date', value: today(ctx.now()) }));
  const amount = /** @type {HTMLInputElement} */ (h('input', { type: 'number', min: 0, inputmode: 'numeric', value: rec.amount ?? '', 'data-test': 'sp-amount' }));
  const notes = /** @type {HTMLTextAreaElement} */ (h('textarea', { rows: 2, maxlength: 2000 }, rec.notes ?? ''));
  let saving = false;
  /** @param {Event} e */
  const save = async (e) => {
    e.preventDefault();
    if (saving || !to.value) return; // a double tap moves once; a final state has no move
    saving = true;
    /** @type {Record<string, any>} */
    const details = { notes: notes.value.trim() || null };
    if (track.entity === 'policy_case') details.amount = amountOf(amount.value);
    await ctx.replica.record(moveOps(ctx.replica, track, rec, to.value, day.value || today(ctx.now()), details));
    ctx.toast(t('saved_locally'));
    ctx.nav(`/person/${rec.person_id}`);
  };
  const item = ctx.replica.get(track.catalogue, rec[track.ref]);
  if (next.length === 0) {
    return h('div', null, h('h1', null, item?.title ?? t('sp_title')),
      h('p', { class: 'muted' }, label(track.labels, rec.state)), h('p', null, t('not_found')));
  }
  return h('form', { onsubmit: save, 'data-test': 'sp-move-form' },
    h('h1', null, item?.title ?? t('sp_title')),
    h('p', { class: 'muted' }, label(track.labels, rec.state)),
    row('sp-to', 'sp_state', to),
    row('sp-day', 'sp_day', day),
    track.entity === 'policy_case' && row('sp-amount', 'sp_amount', amount),
    row('sp-notes', 'sp_notes', notes),
    h('div', { class: 'actions sticky' },
      h('button', { type: 'submit', class: 'primary', 'data-test': 'sp-save' }, t('sp_save')),
      h('button', { type: 'button', onclick: () => history.back() }, t('cancel'))));
}

/** @param {Ctx} ctx @param {RouteArgs} args */
export function periodForm(ctx, { params, query }) {
  const p = ctx.replica.get('person', params.person);
  if (!p) return h('div', null, h('h1', null, t('sp_period')), h('p', null, t('not_found')));
  const existing = ctx.replica.get('assistance_period', query.get('id'));
  const start = /** @type {HTMLInputElement} */ (h('input', { type: 'date', required: true, value: existing?.start_on ?? today(ctx.now()), 'data-test': 'sp-start' }));
  const end = /** @type {HTMLInputElement} */ (h('input', { type: 'date', value: existing?.end_on ?? '', 'data-test': 'sp-end' }));
  const notes = /** @type {HTMLTextAreaElement} */ (h('textarea', { rows: 2, maxlength: 2000 }, existing?.notes ?? ''));
  const problem = h('p', { class: 'error', role: 'alert' });
  /** @param {Event} e */
  const save = async (e) => {
    e.preventDefault();
    if (!start.value) return start.focus();
    if (end.value && end.value < start.value) {
      problem.textContent = t('sp_end_before_start');
      return end.focus();
    }
    const data = { start_on: start.value, end_on: end.value || null, notes: notes.value.trim() || null };
    if (existing) {
      const changed = Object.fromEntries(Object.entries(data).filter(([k, v]) => existing[k] !== v));
      if (Object.keys(changed).length) {
        await ctx.replica.record([{ entity: 'assistance_period', entity_id: existing.id, kind: 'set', data: changed,
          base: Object.fromEntries(Object.keys(changed).map((k) => [k, ctx.replica.stampOf('assistance_period', existing.id, k)])) }]);
      }
    } else {
      await ctx.replica.record([{ entity: 'assistance_period', entity_id: uuid(), kind: 'insert',
        data: { person_id: p.id, ...data, helper_id: p.helper_id ?? ctx.user.id } }]);
    }
    ctx.toast(t('saved_locally'));
    ctx.nav(`/person/${p.id}`);
  };
  return h('form', { onsubmit: save, 'data-test': 'sp-period-form' },
    h('h1', null, t('sp_period')),
    h('p', { class: 'muted' }, p.name),
    row('sp-start', 'sp_start', start),
    row('sp-end', 'sp_end', end),
    h('p', { class: 'hint' }, t('sp_end_hint')),
    row('sp-notes', 'sp_notes', notes),
    problem,
    h('div', { class: 'actions sticky' },
      h('button', { type: 'submit', class: 'primary', 'data-test': 'sp-save' }, t('sp_save')),
      h('button', { type: 'button', onclick: () => history.back() }, t('cancel'))));
}
