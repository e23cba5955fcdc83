/**
 * A graduate's home: the policies and subsidies on their file (informed, applied, granted with
 * the amount, or refused), so they know what was applied for on their behalf. The rows come by
 * sync (`policy_case` is in a graduate's partition), the titles from the public catalogue.
 */
import { h, mount } from '../../ui/dom.js';
import { t, label, formatNumber } from '../../i18n/index.js';
import { publicCatalogue } from './public-catalogue.js';

/** @typedef {import('../context.js').Ctx} Ctx */
/** @typedef {{id: string, title: string, summary?: string}} PolicyBrief */

const POLICIES = /** @type {ReturnType<typeof publicCatalogue<PolicyBrief>>} */ (publicCatalogue('/api/policies', 'doorstep-policies'));
/** @type {HTMLElement|null} */
let shown = null;

/** @param {Record<string, any>[]} cases @param {PolicyBrief[]} policies */
function render(cases, policies) {
  const byId = new Map(policies.map((p) => [p.id, p]));
  return h('ul', { class: 'list' }, cases.map((c) => h('li', { class: 'card', 'data-test': 'sp-my-policy', 'data-state': c.state },
    h('div', { class: 'title' }, byId.get(c.policy_id)?.title ?? t('sp_policy'), ' ',
      h('span', { class: `badge${c.state === 'granted' ? ' ok' : ''}` }, label('policy_state', c.state))),
    c.state === 'granted' && c.amount != null && h('div', { class: 'sub' }, t('sp_amount_is', { amount: formatNumber(c.amount) })),
    byId.get(c.policy_id)?.summary && h('div', { class: 'sub muted' }, byId.get(c.policy_id)?.summary))));
}

/** The home section (nothing until a policy is on the file). @param {Ctx} ctx */
export function myPoliciesSection(ctx) {
  const cases = ctx.replica.all('policy_case').filter((c) => c.person_id === ctx.user.person_id);
  if (!cases.length) return null;
  const box = h('div', null, render(cases, POLICIES.cached()));
  shown = box;
  void POLICIES.refresh(ctx).then((fresh) => {
    if (fresh && shown) mount(shown, render(cases, fresh));
  });
  return h('section', { 'aria-labelledby': 'h-sp-mine', 'data-test': 'sp-my-policies' },
    h('h2', { id: 'h-sp-mine' }, t('sp_my_policies')), box);
}
