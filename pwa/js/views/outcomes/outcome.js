/**
 * Record what happened to a recommendation, for a person without the app: applied, an
 * interview (day, time, place), hired (then the placement: employer, job, start day, contract,
 * pay), rejected or withdrawn. Works offline: the move is the shortest legal walk through the
 * recommendation machine (`domain/aftercare.js` `walk`, PROTOCOL.md "Outcomes by staff"), one
 * `transition` op per step, then a `set` of the interview's details and the placement's
 * `insert`, all in one transaction. The server makes the person employed once.
 */
import { h } from '../../ui/dom.js';
import { t, label } from '../../i18n/index.js';
import { uuid } from '../../local/outbox.js';
import { walk } from '../../domain/aftercare.js';
import registry from '../../../../sync/registry.json' with { type: 'json' };

/** @typedef {import('../context.js').Ctx} Ctx */
/** @typedef {import('../../local/outbox.js').Draft} Draft */

/** @type {Record<string, readonly string[]>} */
const MOVES = /** @type {any} */ (registry).machines.recommendation_state.transitions;
/** What staff record, in the order a job search goes. */
export const STAFF_OUTCOMES = ['applied', 'interview', 'hired', 'rejected', 'withdrawn'];

/** The outcomes reachable from `state`. @param {string} state */
export function reachable(state) {
  return STAFF_OUTCOMES.filter((to) => to !== state && (walk(MOVES, state, to)?.length ?? 0) > 0);
}

/** "YYYY-MM-DD" of a local day. @param {number} ms */
export function localIso(ms) {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/**
 * The ops of one staff move: each step of the walk, the details, and the placement.
 * @param {Record<string, any>} rec @param {string} to
 * @param {Record<string, any>} details interview_at / interview_place (only those given)
 * @param {Record<string, any>|null} placement the placement's data, for a hire
 * @param {(field: string) => string|null} stampOf the server's stamp of a recommendation field
 * @returns {Draft[]}
 */
export function moveDrafts(rec, to, details, placement, stampOf) {
  const steps = walk(MOVES, rec.state, to) ?? [];
  /** @type {Draft[]} */
  const drafts = [];
  let from = rec.state;
  for (const step of steps) {
    drafts.push({ entity: 'recommendation', entity_id: rec.id, kind: 'transition', data: { field: 'state', from, to: step } });
    from = step;
  }
  if (Object.keys(details).length) {
    drafts.push({ entity: 'recommendation', entity_id: rec.id, kind: 'set', data: details,
      base: Object.fromEntries(Object.keys(details).map((k) => [k, stampOf(k)])) });
  }
  if (placement) drafts.push({ entity: 'placement', entity_id: uuid(), kind: 'insert', data: placement });
  return drafts;
}

/** @param {string} id @param {string} text @param {Node} input */
const row = (id, text, input) => h('div', { class: 'field' }, h('label', { for: id }, text), input);

/** @param {Ctx} ctx @param {import('../context.js').RouteArgs} args */
export function outcome(ctx, { params }) {
  const { replica } = ctx;
  const rec = replica.get('recommendation', params.id);
  if (!rec) return h('div', null, h('h1', null, t('oc_title')), h('p', null, t('not_found')));
  const person = replica.get('person', rec.person_id);
  const job = replica.get('job', rec.job_id);
  const choices = reachable(rec.state);
  const error = h('p', { class: 'error', role: 'alert', 'data-test': 'oc-error' });
  const when = h('input', { id: 'oc-day', type: 'date', 'data-test': 'oc-interview-day' });
  const time = h('input', { id: 'oc-time', type: 'time', value: '09:30', 'data-test': 'oc-interview-time' });
  const place = h('input', { id: 'oc-place', type: 'text', maxLength: 160, value: rec.interview_place ?? job?.place ?? '', 'data-test': 'oc-interview-place' });
  const employer = h('input', { id: 'oc-employer', type: 'text', maxLength: 160, value: job?.employer ?? '', 'data-test': 'oc-employer' });
  const title = h('input', { id: 'oc-job', type: 'text', maxLength: 160, value: job?.title ?? '', 'data-test': 'oc-job-title' });
  const start = h('input', { id: 'oc-start', type: 'date', value: localIso(ctx.now()), 'data-test': 'oc-start' });
  const contract = h('input', { id: 'oc-contract', type: 'checkbox', 'data-test': 'oc-contract' });
  const pay = h('input', { id: 'oc-pay', type: 'number', min: 0, max: 1000000, inputMode: 'numeric', value: job?.pay_min ? String(job.pay_min) : '', 'data-test': 'oc-pay' });
  const interviewBox = h('fieldset', { hidden: true, 'data-test': 'oc-interview' }, h('legend', null, t('oc_interview')),
    row('oc-day', t('oc_interview_day'), when), row('oc-time', t('oc_interview_time'), time), row('oc-place', t('oc_interview_place'), place));
  const hireBox = h('fieldset', { hidden: true, 'data-test': 'oc-placement' }, h('legend', null, t('oc_placement')),
    row('oc-employer', t('oc_employer'), employer), row('oc-job', t('oc_job_title'), title), row('oc-start', t('oc_start'), start),
    h('label', { class: 'check' }, contract, ' ', t('oc_contract')), row('oc-pay', t('oc_pay'), pay));
  let chosen = '';
  const radios = choices.map((to) => h('label', { class: 'check card' },
    h('input', { type: 'radio', name: 'oc-to', value: to, 'data-test': `oc-to-${to}`, onchange: () => {
      chosen = to;
      interviewBox.hidden = to !== 'interview';
      hireBox.hidden = to !== 'hired';
    } }), ' ', label('rec', to)));

  let saving = false;
  /** @param {Event} e */
  const save = async (e) => {
    e.preventDefault();
    if (saving) return; // a double tap records one move and one placement
    error.textContent = '';
    if (!chosen) return void (error.textContent = t('oc_pick'));
    /** @type {Record<string, any>} */
    const details = {};
    if (chosen === 'interview') {
      if (!when.value) return void (error.textContent = t('oc_need_day'));
      details.interview_at = new Date(`${when.value}T${time.value || '09:00'}`).toISOString();
      details.interview_place = place.value.trim() || null;
    }
    /** @type {Record<string, any>|null} */
    let placement = null;
    if (chosen === 'hired') {
      if (!employer.value.trim()) return void (error.textContent = t('oc_need_employer'));
      if (!start.value) return void (error.textContent = t('oc_need_start'));
      placement = { person_id: rec.person_id, recommendation_id: rec.id, employer_name: employer.value.trim(),
        job_id: rec.job_id, job_title: title.value.trim(), start_date: start.value, contract_signed: contract.checked,
        pay: pay.value ? Number(pay.value) : null, at_risk: false };
    }
    saving = true;
    try {
      await replica.record(moveDrafts(rec, chosen, details, placement, (f) => replica.stampOf('recommendation', rec.id, f)));
    } catch (err) {
      saving = false;
      throw err;
    }
    ctx.toast(t('saved_locally'));
    ctx.nav(`/person/${rec.person_id}`);
  };

  return h('form', { class: 'outcome', onsubmit: save, novalidate: true },
    h('h1', null, t('oc_title')),
    h('p', { class: 'muted' }, person?.name ?? '', job ? ` · ${job.title} · ${job.employer}` : ''),
    h('p', null, t('oc_now', { state: label('rec', rec.state) })),
    choices.length === 0
      ? h('p', { class: 'muted' }, t('oc_final'))
      : h('fieldset', null, h('legend', null, t('oc_what_happened')), radios),
    interviewBox, hireBox, error,
    h('div', { class: 'actions sticky' },
      choices.length > 0 && h('button', { type: 'submit', class: 'primary', 'data-test': 'oc-save' }, t('save')),
      h('button', { type: 'button', onclick: () => history.back() }, t('cancel'))));
}
