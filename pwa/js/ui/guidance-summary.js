/**
 * One line that says where a person is in the three guidance steps, for Today, the file and
 * any list: "Step 2 of 3 · Adjust the goal · In progress, 28 Nov 2026", or for promote the
 * plan's progress and its next action. The figures are domain/guidance.js; this only words them.
 */
import { t, label, formatDate } from '../i18n/index.js';
import { guidanceProgress, STEPS, PLACED } from '../domain/guidance.js';

/** @param {Record<string, any>} person @returns {string} */
export function guidanceSummary(person) {
  const g = guidanceProgress(person);
  if (g.position === PLACED) return label('step', PLACED);
  const parts = [t('guidance_step_of', { n: g.index, total: STEPS.length }), label('step', g.position)];
  if (g.state && g.state !== 'not_started') {
    parts.push(g.since ? t('guidance_state_on', { state: label('guidance_state', g.state), date: formatDate(g.since) }) : label('guidance_state', g.state));
  }
  if (g.position === 'promote' && g.total > 0) {
    parts.push(t('guidance_plan_progress', { done: g.done, total: g.total }));
    if (g.next) parts.push(t('guidance_next', { action: g.next.action, date: formatDate(g.next.date) }));
  }
  return parts.join(' · ');
}
