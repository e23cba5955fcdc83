/**
 * The three guidance steps of one file (`#/person/:id/guidance`): know the person, adjust the
 * goal, promote employment with a plan of dated actions until placed. Each step is its own
 * form with a state, a date and its parts, saved offline as a `set` of the step (with the stamp
 * it was edited over, so a concurrent edit goes to review) and, when the step moves the person
 * on, of `guidance_step` (the rule: domain/guidance.js). Each form keeps its draft as it is
 * typed (ui/draft-form.js): a reload brings it back, back and Cancel ask before discarding.
 *
 * The screen redraws itself after a save (it stays where the helper is, the next step open) and
 * after a sync, unless a form has unsaved typing.
 */
import { h, mount, nextId } from '../../ui/dom.js';
import { t, label, formatDate } from '../../i18n/index.js';
import { keepDraft } from '../../ui/draft-form.js';
import { draftKey } from '../../local/drafts.js';
import { uuid } from '../../local/outbox.js';
import { textLength } from '../../domain/limits.js';
import { guidanceSummary } from '../../ui/guidance-summary.js';
import {
  STEPS, STATES, PARTS, TEXT_MAX, PLACED, stepView, currentStep, withState, planOf, tick, stepProblems, stepOps, sameStep,
} from '../../domain/guidance.js';

/** @typedef {import('../context.js').Ctx} Ctx */
/** @typedef {import('../../domain/guidance.js').Step} Step */
/** @typedef {import('../../domain/guidance.js').StepRecord} StepRecord */
/** @typedef {import('../../domain/guidance.js').PlanAction} PlanAction */

/** Today on this phone, YYYY-MM-DD. @param {number} ms */
function localDay(ms) {
  const d = new Date(ms);
  d.setMinutes(d.getMinutes() - d.getTimezoneOffset());
  return d.toISOString().slice(0, 10);
}

/** @param {Ctx} ctx @param {import('../context.js').RouteArgs} args */
export function guidance(ctx, { params }) {
  if (!ctx.replica.get('person', params.id)) {
    return h('div', null, h('h1', null, t('guidance_open')), h('p', null, t('not_found')));
  }
  const root = h('div', { class: 'guidance' });
  /** @type {import('../../ui/draft-form.js').KeptDraft[]} the forms on screen */
  let kept = [];
  /** @param {Step | null} open the step to show open (else the current one) */
  const draw = (open) => {
    kept = [];
    mount(root, screen(ctx, params.id, open, draw, kept));
  };
  // A sync (the step sent, a colleague's change) redraws the screen unless the helper is typing:
  // the app itself holds the redraw of a screen with filled text areas.
  const onChange = () => {
    if (!root.isConnected) return ctx.replica.removeEventListener('change', onChange);
    if (!ctx.replica.get('person', params.id) || kept.some((d) => d.dirty()) || root.contains(document.activeElement)) return;
    const open = /** @type {Step | null} */ (root.querySelector('details[open]')?.getAttribute('data-step') ?? null);
    draw(open);
  };
  ctx.replica.addEventListener('change', onChange);
  draw(null);
  return root;
}

/**
 * @param {Ctx} ctx @param {string} personId @param {Step | null} open
 * @param {(open: Step | null) => void} redraw
 * @param {import('../../ui/draft-form.js').KeptDraft[]} kept collects the forms' drafts
 */
function screen(ctx, personId, open, redraw, kept) {
  const person = /** @type {Record<string, any>} */ (ctx.replica.get('person', personId));
  const position = currentStep(person);
  return [
    h('h1', null, t('guidance_title', { name: person.name })),
    h('p', null, h('span', { 'data-test': 'guidance-summary' }, guidanceSummary(person)),
      person._pending && [' ', h('span', { class: 'badge warn' }, t('pending'))]),
    position === PLACED && h('p', { class: 'hint' }, t('guidance_placed_hint')),
    h('p', { class: 'hint' }, t('guidance_intro')),
    STEPS.map((step, i) => stepSection(ctx, person, step, i + 1, (open ?? position) === step, redraw, kept)),
    h('p', null, h('a', { href: `#/person/${person.id}` }, t('guidance_back_to_file'))),
  ];
}

/**
 * One step: a summary line (state, date) that opens its form.
 * @param {Ctx} ctx @param {Record<string, any>} person @param {Step} step @param {number} n
 * @param {boolean} open @param {(open: Step | null) => void} redraw
 * @param {import('../../ui/draft-form.js').KeptDraft[]} kept
 */
function stepSection(ctx, person, step, n, open, redraw, kept) {
  const view = stepView(person, step);
  const badge = view.state === 'done' ? 'badge ok' : view.state === 'in_progress' ? 'badge warn' : 'badge';
  const details = h('details', { class: 'card', open, 'data-step': step, 'data-state': view.state },
    h('summary', null,
      h('span', { class: 'title' }, `${n} · ${label('step', step)} `),
      h('span', { class: badge, 'data-test': `state-${step}` }, label('guidance_state', view.state)),
      view.date && h('span', { class: 'muted' }, ` ${formatDate(view.date)}`)),
    view.implied && h('p', { class: 'hint' }, t('guidance_implied')));
  details.append(stepForm(ctx, person, step, view, details, redraw, kept));
  return details;
}

/**
 * A text area with its limit shown while typing.
 * @param {string} part @param {string} value
 */
function partField(part, value) {
  const id = nextId(`g-${part}`);
  const max = TEXT_MAX[part];
  const counter = h('p', { class: 'hint counter', id: `${id}-count` });
  const problem = h('p', { class: 'error', id: `${id}-problem`, role: 'alert', 'data-test': `problem-${part}` });
  const input = h('textarea', { id, name: part, rows: 3, 'aria-describedby': `${id}-count ${id}-problem` }, value);
  const count = () => {
    const length = textLength(input.value);
    counter.textContent = t('limit_counter', { n: length, max });
    counter.classList.toggle('over', length > max);
  };
  input.addEventListener('input', count);
  count();
  return { nodes: [h('label', { for: id }, t(`guidance_part.${part}`)), input, counter, problem], input, problem };
}

/**
 * @param {Ctx} ctx @param {Record<string, any>} person @param {Step} step
 * @param {import('../../domain/guidance.js').StepView} view @param {HTMLDetailsElement} details
 * @param {(open: Step | null) => void} redraw
 * @param {import('../../ui/draft-form.js').KeptDraft[]} kept
 */
function stepForm(ctx, person, step, view, details, redraw, kept) {
  const { replica } = ctx;
  const today = localDay(ctx.now());
  const stateName = nextId(`g-state-${step}`);
  const states = STATES.map((s) => h('input', { type: 'radio', name: 'state', value: s, checked: view.state === s, 'data-test': `${step}-${s}` }));
  const dateId = nextId(`g-date-${step}`);
  const date = h('input', { id: dateId, name: 'date', type: 'date', max: today, value: view.date ?? '', 'aria-describedby': `${dateId}-hint ${dateId}-problem` });
  const dateProblem = h('p', { class: 'error', id: `${dateId}-problem`, role: 'alert', 'data-test': `problem-${step}-date` });
  let dateTouched = false;
  date.addEventListener('input', () => { dateTouched = true; });
  for (const radio of states) {
    // A new state is dated today unless the helper chose a day; going back restores the old day.
    // Only the helper's own tap: a restored draft brings its own date.
    radio.addEventListener('change', (event) => {
      if (!event.isTrusted || dateTouched) return;
      date.value = withState(view, /** @type {any} */ (radio.value), today).date ?? '';
    });
  }
  const parts = PARTS[step].map((part) => ({ part, ...partField(part, view[part] ?? '') }));
  const plan = step === 'promote' ? planEditor(view.plan ?? [], today) : null;
  const error = h('p', { class: 'error', role: 'alert' });
  const submit = h('button', { type: 'submit', class: 'primary', 'data-test': `save-${step}` }, t('guidance_save_step'));

  /** @returns {StepRecord} */
  const read = () => {
    const chosen = /** @type {import('../../domain/guidance.js').StepState} */ (states.find((r) => r.checked)?.value ?? 'not_started');
    /** @type {StepRecord} */
    const record = { state: chosen, date: date.value || null };
    for (const { part, input } of parts) if (input.value.trim()) record[part] = input.value.trim();
    if (plan) record.plan = planOf({ state: chosen, plan: plan.read() });
    return record;
  };

  /** @param {Event} event */
  const save = async (event) => {
    event.preventDefault();
    const record = read();
    const found = stepProblems(step, record, today);
    for (const { part, input, problem } of parts) {
      problem.textContent = found[part] ? t(found[part].key, found[part].values) : '';
      input.setAttribute('aria-invalid', found[part] ? 'true' : 'false');
    }
    dateProblem.textContent = found.date ? t(found.date.key, found.date.values) : '';
    plan?.show(found);
    if (Object.keys(found).length) {
      error.textContent = t('attention_fix_first');
      return;
    }
    error.textContent = '';
    const current = /** @type {Record<string, any>} */ (replica.get('person', person.id));
    const before = stepView(current, step);
    submit.disabled = true;
    try {
      if (before.implied || !sameStep(before, record)) {
        await replica.record(stepOps(current, step, record, (field) => replica.stampOf('person', person.id, field)));
        ctx.toast(t('saved_locally'));
      }
      await draft.clear();
      const next = currentStep(/** @type {Record<string, any>} */ (replica.get('person', person.id)));
      redraw(next === PLACED ? step : next);
    } catch (e) {
      error.textContent = String(/** @type {Error} */ (e)?.message ?? e);
      submit.disabled = false;
    }
  };

  const form = h('form', { class: 'guidance-step', 'data-test': `form-${step}`, onsubmit: save, novalidate: true },
    h('fieldset', null,
      h('legend', { id: stateName }, t('guidance_state')),
      h('div', { role: 'radiogroup', 'aria-labelledby': stateName },
        states.map((radio) => h('label', { class: 'check' }, radio, label('guidance_state', radio.value))))),
    h('label', { for: dateId }, t('guidance_date')),
    date,
    h('p', { class: 'hint', id: `${dateId}-hint` }, t('guidance_date_hint')),
    dateProblem,
    parts.map((p) => p.nodes),
    plan?.nodes,
    error,
    h('div', { class: 'actions' },
      submit,
      h('button', { type: 'button', 'data-test': `cancel-${step}`, onclick: () => void draft.cancel(`/person/${person.id}`) }, t('cancel'))));
  const draft = keepDraft(ctx, form, draftKey(`guidance.${step}`, person.id), plan ? { state: plan.state } : {});
  kept.push(draft);
  void draft.ready.then((restored) => {
    if (restored) details.open = true;
  });
  return form;
}

/**
 * The promote plan: dated actions to tick, remove and add. Its list lives in memory (and in
 * the form's draft through `state`); the "new action" inputs are form fields, kept too.
 * @param {PlanAction[]} initial @param {string} today
 */
function planEditor(initial, today) {
  let plan = planOf({ state: 'in_progress', plan: initial });
  const list = h('ul', { class: 'list', 'data-test': 'plan' });
  const problem = h('p', { class: 'error', role: 'alert', 'data-test': 'problem-plan' });
  const whenId = nextId('g-new-date');
  const whatId = nextId('g-new-action');
  const when = h('input', { id: whenId, name: 'new_action_date', type: 'date', value: today });
  const what = h('input', { id: whatId, name: 'new_action', type: 'text', maxlength: TEXT_MAX.action, 'data-test': 'new-action' });

  const render = () => {
    list.replaceChildren(...(plan.length ? plan.map((a) => {
      const box = h('input', { type: 'checkbox', checked: Boolean(a.done_on), 'data-test': 'plan-done' });
      // Runs before the form hears the change, so the draft keeps the ticked plan.
      box.addEventListener('change', () => {
        plan = tick(plan, a.id, box.checked, today);
        render();
      });
      return h('li', { class: 'card', 'data-test': 'plan-action', 'data-done': a.done_on ? '1' : '0' },
        h('label', { class: 'check' }, box,
          h('span', null, h('strong', null, formatDate(a.date)), ' ', a.action,
            a.done_on && h('span', { class: 'muted' }, ` · ${t('guidance_action_done_on', { date: formatDate(a.done_on) })}`))),
        h('button', { type: 'button', 'data-test': 'plan-remove', onclick: () => {
          plan = plan.filter((x) => x.id !== a.id);
          render();
          // The button is gone with its row: the list tells the form (and its draft).
          list.dispatchEvent(new Event('change', { bubbles: true }));
        } }, t('guidance_remove_action')));
    }) : [h('li', { class: 'muted' }, t('guidance_plan_empty'))]));
  };
  /** Put the typed action into the plan; false when nothing is typed. */
  const addTyped = () => {
    if (!what.value.trim()) return false;
    plan = planOf({ state: 'in_progress', plan: [...plan, { id: uuid(), date: when.value || today, action: what.value.trim(), done_on: null }] });
    what.value = '';
    render();
    // Tell the form (and its draft) that the plan changed.
    what.dispatchEvent(new Event('input', { bubbles: true }));
    return true;
  };
  const add = () => {
    addTyped();
    what.focus();
  };
  what.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      add();
    }
  });
  render();
  return {
    nodes: h('fieldset', null,
      h('legend', null, t('guidance_plan')),
      list,
      problem,
      h('label', { for: whatId }, t('guidance_new_action')), what,
      h('label', { for: whenId }, t('guidance_new_action_date')), when,
      h('div', { class: 'actions' }, h('button', { type: 'button', 'data-test': 'add-action', onclick: add }, t('guidance_add_action')))),
    /** The plan to save: an action typed but not yet added is added (the helper meant it). */
    read: () => {
      addTyped();
      return plan.map((a) => ({ ...a }));
    },
    state: {
      read: () => plan.map((a) => ({ ...a })),
      /** @param {PlanAction[]} value */
      write: (value) => {
        plan = planOf({ state: 'in_progress', plan: value ?? [] });
        render();
      },
    },
    /** Show the plan's problems (keys `plan` and `plan.<i>.<field>`). @param {Record<string, import('../../domain/guidance.js').Problem>} found */
    show(found) {
      const mine = Object.entries(found).filter(([k]) => k === 'plan' || k.startsWith('plan.'));
      problem.textContent = mine.map(([, p]) => t(p.key, p.values)).join(' ');
    },
  };
}
