/**
 * The three guidance steps of a file (know the person, adjust the goal, promote employment) as
 * structure, and the one rule of which step a person is at.
 *
 * The shape (steps, states, parts, limits) is `sync/guidance.json`, which the server's schema
 * reads too (server/schemas/guidance.py), so the phone refuses before saving exactly what the
 * server would. Each step lives in `person.guidance_<step>` as `{state, date, ...parts}`;
 * promote also holds `plan: [{id, date, action, done_on}]`.
 *
 * The rule (`currentStep`): a person is at the first step that is not done; when all three are
 * done they are placed. Files opened before the steps had structure name a step
 * (`guidance_step`) with nothing recorded: the steps before it count as done ("implied"), so
 * such a file does not fall back to the first step; a step recorded explicitly always counts as
 * recorded. The phone computes the step and sends it with the step's change (`stepOps`), so the
 * server stores what the helper saw.
 *
 * Pure: no DOM, no i18n (ui/guidance-summary.js words it).
 */
import shape from '../../../sync/guidance.json' with { type: 'json' };
import { storable, textLength } from '../sync/bounds.js';

/** @typedef {'know' | 'adjust' | 'promote'} Step */
/** @typedef {Step | 'placed'} Position */
/** @typedef {'not_started' | 'in_progress' | 'done'} StepState */
/** @typedef {{id: string, date: string, action: string, done_on: string | null}} PlanAction */
/** @typedef {{state: StepState, date?: string | null, plan?: PlanAction[]} & Record<string, any>} StepRecord */
/** @typedef {StepRecord & {implied: boolean}} StepView */
/** @typedef {{key: string, values?: Record<string, string|number>}} Problem */

export const STEPS = /** @type {Step[]} */ (shape.steps);
export const PLACED = /** @type {'placed'} */ (shape.after_last);
export const STATES = /** @type {StepState[]} */ (shape.states);
/** The free-text parts of each step. @type {Record<Step, string[]>} */
export const PARTS = /** @type {any} */ (shape.parts);
/** @type {Record<string, number>} */
export const TEXT_MAX = shape.text_max;
export const PLAN_MAX = shape.plan_max;

/** The column of a step. @param {Step} step */
export function columnOf(step) {
  return `guidance_${step}`;
}

/**
 * A step as the file shows it: what was recorded, or `done` implied by a legacy step name, or
 * not started.
 * @param {Record<string, any>} person @param {Step} step @returns {StepView}
 */
export function stepView(person, step) {
  const recorded = person[columnOf(step)];
  if (recorded && typeof recorded === 'object') return { ...recorded, implied: false };
  const named = [...STEPS, PLACED].indexOf(person.guidance_step ?? STEPS[0]);
  return { state: STEPS.indexOf(step) < named ? 'done' : 'not_started', date: null, implied: STEPS.indexOf(step) < named };
}

/** Where a person is: the first step not done, or placed. @param {Record<string, any>} person @returns {Position} */
export function currentStep(person) {
  return STEPS.find((step) => stepView(person, step).state !== 'done') ?? PLACED;
}

/**
 * A step with a new state; the date becomes `today` when the state changes (the day it was
 * started or done), unless the helper chose one.
 * @param {StepRecord | null | undefined} record @param {StepState} state @param {string} today YYYY-MM-DD
 * @returns {StepRecord}
 */
export function withState(record, state, today) {
  const before = record ?? { state: 'not_started', date: null };
  if (before.state === state) return { ...before };
  return { ...before, state, date: state === 'not_started' ? null : today };
}

/**
 * The promote plan, dated order (undated last), done actions after the open ones of a day.
 * @param {StepRecord | null | undefined} promote @returns {PlanAction[]}
 */
export function planOf(promote) {
  return [...(promote?.plan ?? [])].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** The next action not done yet (by date), or null. @param {StepRecord | null | undefined} promote */
export function nextAction(promote) {
  return planOf(promote).find((a) => !a.done_on) ?? null;
}

/**
 * Tick or untick an action of the plan.
 * @param {PlanAction[]} plan @param {string} id @param {boolean} done @param {string} today
 * @returns {PlanAction[]}
 */
export function tick(plan, id, done, today) {
  return plan.map((a) => (a.id === id ? { ...a, done_on: done ? (a.done_on ?? today) : null } : a));
}

/**
 * What the server would refuse in a step, before saving: texts too long (or holding a character
 * no database keeps), a step dated after today, an action without a day or words, or ticked
 * ahead of today, a plan too long. Keys are parts (`wishes`), `date`, or `plan.<i>.<field>`.
 * @param {Step} step @param {StepRecord} record @param {string} today YYYY-MM-DD
 * @returns {Record<string, Problem>}
 */
export function stepProblems(step, record, today) {
  /** @type {Record<string, Problem>} */
  const found = {};
  /** @param {string} key @param {string} limit @param {unknown} value */
  const text = (key, limit, value) => {
    if (typeof value !== 'string' || value === '') return;
    if (!storable(value)) found[key] = { key: 'limit_bad_char' };
    else if (textLength(value) > TEXT_MAX[limit]) {
      found[key] = { key: 'limit_too_long', values: { max: TEXT_MAX[limit], n: textLength(value), over: textLength(value) - TEXT_MAX[limit] } };
    }
  };
  for (const part of PARTS[step]) text(part, part, record[part]);
  if (record.date && record.date > today) found.date = { key: 'guidance_problem_future' };
  const plan = record.plan ?? [];
  if (plan.length > PLAN_MAX) found.plan = { key: 'guidance_problem_plan_long', values: { max: PLAN_MAX } };
  plan.forEach((a, i) => {
    if (!a.date) found[`plan.${i}.date`] = { key: 'guidance_problem_action_date' };
    if (!a.action?.trim()) found[`plan.${i}.action`] = { key: 'guidance_problem_action_words' };
    else text(`plan.${i}.action`, 'action', a.action);
    if (a.done_on && a.done_on > today) found[`plan.${i}.done_on`] = { key: 'guidance_problem_future' };
  });
  return found;
}

/**
 * Do two values of a step say the same (key order, empty parts and the `implied` mark aside)?
 * @param {Record<string, any> | null | undefined} a @param {Record<string, any> | null | undefined} b
 */
export function sameStep(a, b) {
  /** @param {Record<string, any> | null | undefined} r */
  const canon = (r) => JSON.stringify(Object.entries(r ?? {})
    .filter(([k, v]) => k !== 'implied' && v !== null && v !== undefined && v !== '')
    .map(([k, v]) => [k, k === 'plan' ? planOf({ state: 'done', plan: v }).map((x) => [x.id, x.date, x.action, x.done_on ?? null]) : v])
    .sort(([x], [y]) => (x < y ? -1 : 1)));
  return canon(a) === canon(b);
}

/**
 * The ops that save one step: a `set` of the step (with the stamp it was edited over), and of
 * `guidance_step` when the step moves the person on (or back).
 * @param {Record<string, any>} person as shown (with pending ops)
 * @param {Step} step
 * @param {StepRecord} record
 * @param {(field: string) => string | null} stampOf the server's stamp of a field of this person
 * @returns {import('../local/outbox.js').Draft[]}
 */
export function stepOps(person, step, record, stampOf) {
  const field = columnOf(step);
  /** @type {import('../local/outbox.js').Draft[]} */
  const ops = [{ entity: 'person', entity_id: person.id, kind: 'set', data: { [field]: record }, base: { [field]: stampOf(field) } }];
  const position = currentStep({ ...person, [field]: record });
  if (position !== person.guidance_step) {
    ops.push({ entity: 'person', entity_id: person.id, kind: 'set', data: { guidance_step: position }, base: { guidance_step: stampOf('guidance_step') } });
  }
  return ops;
}

/**
 * Where a person is, in figures for a line on Today or in the file: the current position,
 * its state and since when, and for promote the plan's progress and next action.
 * @param {Record<string, any>} person
 * @returns {{position: Position, index: number, state: StepState | null, since: string | null,
 *   done: number, total: number, next: PlanAction | null}}
 */
export function guidanceProgress(person) {
  const position = currentStep(person);
  const view = position === PLACED ? null : stepView(person, position);
  const plan = planOf(person.guidance_promote);
  return {
    position,
    index: position === PLACED ? STEPS.length : STEPS.indexOf(position) + 1,
    state: view?.state ?? null,
    since: view?.date ?? null,
    done: plan.filter((a) => a.done_on).length,
    total: plan.length,
    next: nextAction(person.guidance_promote),
  };
}
