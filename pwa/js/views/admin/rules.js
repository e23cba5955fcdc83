/**
 * The follow-up cadence: how many days may pass between visits for each category of person
 * (sync/PROTOCOL.md, "Follow-up"). The admin changes a category's interval or puts it back to
 * the default; every phone picks the new rule up on its next sync. Below it, the schedule of
 * aftercare calls after a hire (`retention_step`, PROTOCOL.md "Aftercare"), edited the same way.
 */
import { h } from '../../ui/dom.js';
import { t, label, formatDateTime } from '../../i18n/index.js';
import { remote } from '../supervisor/remote.js';
import { problem, alertLine, heading } from './common.js';

/** @typedef {{category: string, interval_days: number, default_days: number, updated_at: string|null}} Rule */

/**
 * One category's row: its label, its interval (editable) and its default.
 * @param {import('../context.js').Ctx} ctx @param {Rule} rule @param {() => void} reload
 */
function ruleRow(ctx, rule, reload) {
  const id = `rule-${rule.category}`;
  const days = h('input', { id, type: 'number', min: 1, max: 3650, required: true, value: String(rule.interval_days), inputMode: 'numeric', 'data-test': 'rule-days' });
  const error = alertLine();
  /** @param {number} value */
  const put = async (value) => {
    error.say('');
    if (!Number.isInteger(value) || value < 1 || value > 3650) return error.say(t('adm_rule_range'));
    try {
      await ctx.api.request('PUT', `/api/follow-up-rules/${rule.category}`, { interval_days: value });
      ctx.toast(t('adm_rule_saved', { category: label('category', rule.category), n: value }));
      reload();
    } catch (err) {
      error.say(problem(err));
    }
  };
  const changed = rule.interval_days !== rule.default_days;
  return h('li', { class: 'card', 'data-test': 'rule', 'data-category': rule.category },
    h('form', { onsubmit: (/** @type {Event} */ e) => { e.preventDefault(); void put(Number(days.value)); } },
      h('label', { for: id }, h('strong', null, label('category', rule.category))),
      h('div', { class: 'inline' }, days, ` ${t('adm_days')} `,
        h('button', { type: 'submit', class: 'small', 'data-test': 'rule-save' }, t('save')),
        changed && h('button', { type: 'button', class: 'small', 'data-test': 'rule-reset', onclick: () => void put(rule.default_days) }, t('adm_rule_reset'))),
      h('p', { class: 'hint' }, t('adm_rule_default', { n: rule.default_days }),
        changed && rule.updated_at ? ` · ${t('adm_rule_changed', { when: formatDateTime(rule.updated_at) })}` : ''),
      error.el));
}

/** @typedef {{code: string, days: number, default_days: number|null, updated_at: string|null}} Step */

/**
 * One retention step's row: its label, its days after the start (editable) and its default.
 * @param {import('../context.js').Ctx} ctx @param {Step} step @param {() => void} reload
 */
function stepRow(ctx, step, reload) {
  const id = `step-${step.code}`;
  const days = h('input', { id, type: 'number', min: 1, max: 3650, required: true, value: String(step.days), inputMode: 'numeric', 'data-test': 'step-days' });
  const error = alertLine();
  /** @param {number} value */
  const put = async (value) => {
    error.say('');
    if (!Number.isInteger(value) || value < 1 || value > 3650) return error.say(t('adm_rule_range'));
    try {
      await ctx.api.request('PUT', `/api/retention-steps/${step.code}`, { days: value });
      ctx.toast(t('oc_step_saved', { step: label('retention', step.code), n: value }));
      reload();
    } catch (err) {
      error.say(problem(err));
    }
  };
  const changed = step.default_days !== null && step.days !== step.default_days;
  return h('li', { class: 'card', 'data-test': 'step', 'data-code': step.code },
    h('form', { onsubmit: (/** @type {Event} */ e) => { e.preventDefault(); void put(Number(days.value)); } },
      h('label', { for: id }, h('strong', null, label('retention', step.code))),
      h('div', { class: 'inline' }, days, ` ${t('adm_days')} `,
        h('button', { type: 'submit', class: 'small', 'data-test': 'step-save' }, t('save')),
        changed && h('button', { type: 'button', class: 'small', onclick: () => void put(/** @type {number} */ (step.default_days)) }, t('adm_rule_reset'))),
      step.default_days !== null && h('p', { class: 'hint' }, t('adm_rule_default', { n: step.default_days }),
        changed && step.updated_at ? ` · ${t('adm_rule_changed', { when: formatDateTime(step.updated_at) })}` : ''),
      error.el));
}

/** @type {import('../context.js').View} */
export const rules = (ctx) => h('section', { class: 'admin rules' }, ...heading(t('adm_rules')),
  h('p', { class: 'hint' }, t('adm_rules_intro')),
  remote(() => ctx.api.request('GET', '/api/follow-up-rules'),
    (/** @type {Rule[]} */ all, reload) => h('ul', { class: 'list', 'data-test': 'rules' }, all.map((r) => ruleRow(ctx, r, reload)))),
  h('h2', null, t('oc_steps_title')),
  h('p', { class: 'hint' }, t('oc_steps_intro')),
  remote(() => ctx.api.request('GET', '/api/retention-steps'),
    (/** @type {Step[]} */ all, reload) => h('ul', { class: 'list', 'data-test': 'steps' }, all.map((s) => stepRow(ctx, s, reload)))));
