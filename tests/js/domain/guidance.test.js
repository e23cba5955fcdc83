import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  STEPS, currentStep, stepView, withState, planOf, nextAction, tick, stepProblems, stepOps, sameStep, guidanceProgress,
  TEXT_MAX, PLAN_MAX,
} from '../../../pwa/js/domain/guidance.js';
import { guidanceSummary } from '../../../pwa/js/ui/guidance-summary.js';
import { setLocale } from '../../../pwa/js/i18n/index.js';

const TODAY = '2026-12-01';
const know = { state: 'done', date: '2026-11-20', wishes: '离家近的文员工作' };
const adjust = { state: 'in_progress', date: '2026-11-28', goal: '社区文员' };
const promote = {
  state: 'in_progress', date: '2026-11-30', plan: [
    { id: 'a2', date: '2026-12-05', action: '陪同参加招聘会', done_on: null },
    { id: 'a1', date: '2026-11-30', action: '改简历', done_on: '2026-11-30' },
  ],
};
/** @param {Record<string, any>} extra */
const person = (extra = {}) => ({ id: 'p1', name: '王芳', guidance_step: 'know', ...extra });
const noStamps = () => null;

test('the steps come in the order of the guidance model', () => {
  assert.deepEqual(STEPS, ['know', 'adjust', 'promote']);
});

test('a new file starts at knowing the person', () => {
  assert.equal(currentStep(person()), 'know');
  assert.equal(currentStep(person({ guidance_know: { state: 'in_progress', date: TODAY } })), 'know');
});

test('finishing a step moves the person to the next one, and all three to placed', () => {
  assert.equal(currentStep(person({ guidance_know: know })), 'adjust');
  assert.equal(currentStep(person({ guidance_know: know, guidance_adjust: { ...adjust, state: 'done' } })), 'promote');
  const all = { guidance_know: know, guidance_adjust: { ...adjust, state: 'done' }, guidance_promote: { ...promote, state: 'done' } };
  assert.equal(currentStep(person(all)), 'placed');
});

test('a step reopened after it was done takes the person back to it', () => {
  const reopened = person({ guidance_step: 'promote', guidance_know: { ...know, state: 'in_progress' }, guidance_adjust: { ...adjust, state: 'done' } });
  assert.equal(currentStep(reopened), 'know');
});

test('a file from before the steps had structure keeps its step: the earlier ones count as done', () => {
  const legacy = person({ guidance_step: 'promote' });
  assert.equal(currentStep(legacy), 'promote');
  assert.deepEqual(stepView(legacy, 'know'), { state: 'done', date: null, implied: true });
  assert.deepEqual(stepView(legacy, 'promote'), { state: 'not_started', date: null, implied: false });
  assert.equal(currentStep(person({ guidance_step: 'placed' })), 'placed');
});

test('changing a state dates it today; going back to not started undates it', () => {
  assert.deepEqual(withState(null, 'in_progress', TODAY), { state: 'in_progress', date: TODAY });
  assert.deepEqual(withState(know, 'done', TODAY), know, 'same state: the day it was done stays');
  assert.deepEqual(withState(adjust, 'not_started', TODAY), { ...adjust, state: 'not_started', date: null });
});

test('the plan is in date order and its next action is the first not done', () => {
  assert.deepEqual(planOf(promote).map((a) => a.id), ['a1', 'a2']);
  assert.equal(nextAction(promote)?.action, '陪同参加招聘会');
  const ticked = tick(promote.plan, 'a2', true, TODAY);
  assert.equal(ticked.find((a) => a.id === 'a2')?.done_on, TODAY);
  assert.equal(nextAction({ ...promote, plan: ticked }), null);
  assert.equal(tick(ticked, 'a1', false, TODAY).find((a) => a.id === 'a1')?.done_on, null);
});

test('what the server would refuse is told before saving', () => {
  assert.deepEqual(stepProblems('know', know, TODAY), {});
  const found = stepProblems('know', { state: 'done', date: '2026-12-02', wishes: '近'.repeat(TEXT_MAX.wishes + 1) }, TODAY);
  assert.deepEqual(Object.keys(found).sort(), ['date', 'wishes']);
  assert.equal(found.wishes.key, 'limit_too_long');
  const plan = [{ id: 'x', date: '', action: ' ', done_on: null }, { id: 'y', date: '2027-01-05', action: '面试', done_on: '2027-01-05' }];
  assert.deepEqual(Object.keys(stepProblems('promote', { state: 'in_progress', plan }, TODAY)).sort(), ['plan.0.action', 'plan.0.date', 'plan.1.done_on']);
  const long = Array.from({ length: PLAN_MAX + 1 }, (_, i) => ({ id: `a${i}`, date: TODAY, action: '打电话', done_on: null }));
  assert.equal(stepProblems('promote', { state: 'in_progress', plan: long }, TODAY).plan.key, 'guidance_problem_plan_long');
});

test('saving a step is a set over the stamp it was edited from, and moves the step when it is done', () => {
  const stamps = /** @type {Record<string, string>} */ ({ guidance_know: 'stamp-k', guidance_step: 'stamp-s' });
  const ops = stepOps(person(), 'know', know, (field) => stamps[field] ?? null);
  assert.deepEqual(ops, [
    { entity: 'person', entity_id: 'p1', kind: 'set', data: { guidance_know: know }, base: { guidance_know: 'stamp-k' } },
    { entity: 'person', entity_id: 'p1', kind: 'set', data: { guidance_step: 'adjust' }, base: { guidance_step: 'stamp-s' } },
  ]);
  assert.equal(stepOps(person(), 'know', { ...know, state: 'in_progress' }, noStamps).length, 1, 'still at know: the step is not sent');
});

test('a step says the same whatever the order of its keys or its empty parts', () => {
  assert.ok(sameStep({ date: '2026-11-20', state: 'done', wishes: 'x', goal: null }, { state: 'done', wishes: 'x', date: '2026-11-20' }));
  assert.ok(sameStep(promote, { ...promote, plan: [...promote.plan].reverse() }));
  assert.ok(!sameStep(know, { ...know, wishes: 'y' }));
  assert.ok(!sameStep(promote, { ...promote, plan: tick(promote.plan, 'a2', true, TODAY) }));
});

test('the line on Today says the step, its state and the plan', () => {
  setLocale('en');
  assert.deepEqual(guidanceProgress(person({ guidance_know: know, guidance_adjust: { ...adjust, state: 'done' }, guidance_promote: promote })),
    { position: 'promote', index: 3, state: 'in_progress', since: '2026-11-30', done: 1, total: 2, next: promote.plan[0] });
  assert.equal(guidanceSummary(person()), 'Step 1 of 3 · Know the person');
  assert.match(guidanceSummary(person({ guidance_know: know, guidance_adjust: adjust })), /^Step 2 of 3 · Adjust the goal · In progress, Nov 28, 2026$/);
  assert.match(guidanceSummary(person({ guidance_step: 'adjust', guidance_adjust: { ...adjust, state: 'done' }, guidance_promote: promote })),
    /^Step 3 of 3 · Promote employment · In progress, Nov 30, 2026 · 1 of 2 actions done · next: 陪同参加招聘会 \(Dec 5, 2026\)$/);
  setLocale('zh-CN');
  assert.equal(guidanceSummary(person({ guidance_step: 'placed' })), '已就业');
  assert.equal(guidanceSummary(person()), '第 1 步，共 3 步 · 了解情况');
  setLocale('en');
});
