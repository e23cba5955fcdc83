/**
 * The quick call log on a person's page: "Log a call", then one of answered / no answer / wrong
 * number / refused, and the call is recorded. Two taps, because a helper rings through a list
 * of people between door knocks and writes nothing down when nobody picks up; yet a call nobody
 * answered must show as an attempt, so the person stays due (only a contact resets follow-up).
 *
 * The call is a visit (channel `phone`, the person named, the outcome, occurred now) recorded
 * offline through `ctx.replica.record()` like the visit form (domain/visit.js `callDrafts`). Below
 * the buttons, the person's recent contacts and attempts with their outcome.
 *
 * Mounted by the person page: `callLogSection(ctx, person)` returns one element.
 */
import { h, mount } from '../../ui/dom.js';
import { t, label, formatDateTime } from '../../i18n/index.js';
import { callDrafts, effectiveOutcome, visitKind } from '../../domain/visit.js';
import { outcomesFor } from '../../domain/vocabulary.js';

/** How many recent contacts and attempts the section lists. */
const RECENT = 5;

/**
 * The visits that concern a person, newest first: those naming them, and those on their
 * household that name nobody (an attempt on the household is an attempt on each member).
 * @param {import('../context.js').Ctx} ctx @param {Record<string, any>} person
 * @returns {Record<string, any>[]}
 */
export function visitsOf(ctx, person) {
  return ctx.replica.all('visit')
    .filter((v) => (v.person_ids?.length ? v.person_ids.includes(person.id) : v.household_id === person.household_id))
    .sort((a, b) => (a.occurred_at < b.occurred_at ? 1 : a.occurred_at > b.occurred_at ? -1 : 0));
}

/** One line of the list: when, how, what came of it, and a badge: contact or attempt. @param {Record<string, any>} v */
export function contactLine(v) {
  const kind = visitKind(v);
  const outcome = effectiveOutcome(v.channel, v.outcome, v.person_ids ?? []);
  return h('li', { class: `call ${kind}`, 'data-test': 'call-entry', 'data-kind': kind, 'data-outcome': outcome ?? '' },
    t('call_log_entry', { when: formatDateTime(v.occurred_at), channel: label('channel', v.channel), outcome: label('outcome', outcome) }),
    ' ', h('span', { class: `badge ${kind === 'attempt' ? 'warn' : 'ok'}` }, t(kind === 'attempt' ? 'visit_attempt_badge' : 'visit_contact_badge')));
}

/**
 * Show or hide; `.actions` and buttons have a display of their own that beats the hidden attribute.
 * @param {HTMLElement} el @param {boolean} visible
 */
function show(el, visible) {
  el.hidden = !visible;
  el.style.display = visible ? '' : 'none';
}

/**
 * @param {import('../context.js').Ctx} ctx
 * @param {Record<string, any>} person the visible person record (needs `id`, `household_id`)
 * @returns {HTMLElement}
 */
export function callLogSection(ctx, person) {
  const list = h('ul', { class: 'list calls', 'data-test': 'call-list' });
  const showList = () => {
    const recent = visitsOf(ctx, person).slice(0, RECENT);
    mount(list, recent.length ? recent.map(contactLine) : h('li', { class: 'hint' }, t('call_log_none')));
  };
  const picker = h('div', { class: 'actions', role: 'group', 'aria-label': t('call_log_pick'), 'data-test': 'call-outcomes' });
  show(picker, false);
  const start = h('button', { type: 'button', class: 'primary', 'data-test': 'log-call', 'aria-expanded': 'false' }, t('call_log_start'));
  /** @param {boolean} open */
  const toggle = (open) => {
    show(picker, open);
    show(start, !open);
    start.setAttribute('aria-expanded', String(open));
    if (open) /** @type {HTMLElement|null} */ (picker.querySelector('button'))?.focus();
    else start.focus();
  };
  /** @param {string} outcome */
  const log = async (outcome) => {
    for (const b of picker.querySelectorAll('button')) b.disabled = true;
    try {
      await ctx.replica.record(callDrafts({ id: person.id, household_id: person.household_id }, outcome, ctx.now()).drafts);
      ctx.toast(t('call_log_saved', { outcome: label('outcome', outcome) }));
      showList();
      toggle(false);
    } catch (err) {
      ctx.toast(String(err instanceof Error ? err.message : err));
    } finally {
      for (const b of picker.querySelectorAll('button')) b.disabled = false;
    }
  };
  mount(picker,
    h('p', { class: 'hint' }, t('call_log_pick')),
    outcomesFor('phone').map((o) => h('button', { type: 'button', 'data-test': `call-${o}`, onclick: () => void log(o) }, label('outcome', o))),
    h('button', { type: 'button', onclick: () => toggle(false) }, t('call_log_cancel')));
  start.addEventListener('click', () => toggle(true));
  showList();
  return h('section', { class: 'call-log', 'data-test': 'call-log', 'aria-labelledby': `call-log-${person.id}` },
    h('h2', { id: `call-log-${person.id}` }, t('call_log_title')),
    person.phone ? h('p', null, h('a', { href: `tel:${String(person.phone).replace(/[^\d+]/g, '')}` }, person.phone))
      : h('p', { class: 'hint' }, t('call_log_no_phone')),
    start, picker,
    h('h3', null, t('call_log_recent')), list);
}
