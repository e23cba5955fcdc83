/**
 * Today: what needs the helper now. Returned visits, conflicts and rejected changes first (they
 * are few and block someone), then households due or overdue, most urgent first, by the one
 * follow-up rule the board and the server's due list use (`domain/followup.js`). Each card
 * names its members with their guidance step and gives the lead member's reason line
 * ("zero-employment family, every 15 days; 18 days since last contact; 2 attempts since").
 * A select narrows the list to one group of the caseload. Interviews of today and tomorrow and
 * the aftercare calls due come from the outcomes feature's sections; a placed person flagged
 * as likely to quit joins the targeted-help list.
 */
import { h } from '../../ui/dom.js';
import { t, label, formatDate, formatList } from '../../i18n/index.js';
import { personsDue, householdsDue } from '../../domain/followup.js';
import { returnedVisits } from '../../domain/visit.js';
import { strugglingPersons } from '../../domain/struggling.js';
import { todaySections, renderSections } from '../features/index.js';

/** @typedef {import('../context.js').Ctx} Ctx */

/** @param {import('../../domain/followup.js').PersonDue} d */
export function reasonText(d) {
  const r = d.reason;
  /** @type {Record<string, string|number>} */
  const values = {};
  for (const [k, v] of Object.entries(r)) if (v !== null && v !== undefined && k !== 'code') values[k] = v;
  values.category = label('category', r.category);
  if (r.opened_on) values.opened_on = formatDate(r.opened_on);
  if (r.requested_on) values.requested_on = formatDate(r.requested_on);
  const code = r.code === 'requested' && r.days_since == null ? 'requested_never' : r.code;
  const line = t(`followup.reason.${code}`, values);
  return d.attempts > 0 ? line + t('followup.reason.attempts', { n: d.attempts }) : line;
}

/** @param {number} overdueDays @param {number} due */
export function dueText(overdueDays, due) {
  if (overdueDays > 0) return t('overdue_by', { n: overdueDays });
  if (overdueDays === 0) return t('due_today');
  return t('due_on', { date: formatDate(due) });
}

/** The groups present in a caseload, sorted. @param {Record<string, any>[]} persons @returns {string[]} */
export function groupsOf(persons) {
  return [...new Set(persons.map((p) => p.group_name).filter((g) => typeof g === 'string' && g.trim()))].sort();
}

/** @param {import('../../domain/followup.js').PersonDue} m */
function memberText(m) {
  const step = m.person.guidance_step ? ` · ${t('followup.step', { step: label('step', m.person.guidance_step) })}` : '';
  return `${m.person.name ?? '—'}${step}`;
}

/** @param {Ctx} ctx @param {string[]} groups @param {string} group */
function groupFilter(ctx, groups, group) {
  return h('div', { class: 'filters' },
    h('label', { for: 'today-group' }, t('followup.group')),
    h('select', { id: 'today-group', 'data-test': 'group-filter',
      onchange: (/** @type {Event} */ e) => {
        const value = /** @type {HTMLSelectElement} */ (e.target).value;
        ctx.nav(value ? `/today?group=${encodeURIComponent(value)}` : '/today');
      } },
    h('option', { value: '' }, t('followup.all_groups')),
    groups.map((g) => h('option', { value: g, selected: g === group }, g))));
}

/** @param {Ctx} ctx @param {import('../context.js').RouteArgs} [args] */
export function today(ctx, args) {
  const { replica } = ctx;
  const now = ctx.now();
  const persons = replica.all('person');
  const groups = groupsOf(persons);
  const group = args?.query?.get('group') ?? '';
  const shown = group ? persons.filter((p) => p.group_name === group) : persons;
  const dues = personsDue(shown, replica.all('visit'), ctx.intervals(), now);
  const due = householdsDue(dues, now, 0);
  const upcoming = householdsDue(dues, now, 7).length - due.length;
  const returned = returnedVisits(replica.all('visit'), ctx.user.id);
  const conflicts = replica.openConflicts();
  const rejected = replica.rejected;
  const struggling = strugglingPersons(replica.all('recommendation'), replica.all('person'), now);
  // Targeted help also means someone in a job who may quit (flagged on the placement).
  const atRisk = replica.all('placement').filter((p) => p.at_risk && !p.ended_on && replica.get('person', p.person_id));

  return h(
    'div',
    { class: 'today' },
    h('h1', null, t('today_title')),
    returned.length > 0 &&
      h('section', { 'aria-labelledby': 'h-returned' },
        h('h2', { id: 'h-returned' }, t('today_returned')),
        h('ul', { class: 'list' }, returned.map((v) => {
          const hh = replica.get('household', v.household_id);
          return h('li', null,
            h('a', { class: 'card returned', href: `#/visit/new?amends=${v.id}`, 'data-test': 'returned-visit' },
              h('div', { class: 'title' }, hh?.address ?? '—', ' · ', formatDate(v.occurred_at)),
              h('div', { class: 'sub' }, t('returned_comment', { comment: v.review_comment || '—' })),
              h('div', { class: 'sub' }, t('amend'), ' →')));
        }))),
    conflicts.length > 0 &&
      h('section', { 'aria-labelledby': 'h-conflicts' },
        h('h2', { id: 'h-conflicts' }, t('today_conflicts')),
        h('ul', { class: 'list' }, conflicts.map((c) => {
          const who = c.entity === 'person' ? replica.get('person', c.entity_id)?.name : replica.get('household', c.entity_id)?.address;
          return h('li', null,
            h('a', { class: 'card conflict', href: `#/conflict/${c.id}`, 'data-test': 'conflict' },
              h('div', { class: 'title' }, who ?? c.entity_id),
              h('div', { class: 'sub' }, fieldLabel(c.field), ': ', candidatesText(c))));
        }))),
    rejected.length > 0 &&
      h('section', { 'aria-labelledby': 'h-rejected' },
        h('h2', { id: 'h-rejected' }, t('today_rejected')),
        h('ul', { class: 'list' }, rejected.map((r) =>
          h('li', { class: 'card', 'data-test': 'rejected' },
            h('div', { class: 'title' }, label('entity', r.entity), ' · ', formatDate(r.recorded_at)),
            h('div', { class: 'sub' }, t('rejected_reason', { code: r.result.code ?? '', message: r.result.message ?? '' })),
            r.entity === 'visit' && r.data.notes && h('div', { class: 'sub' }, '“', r.data.notes, '”'),
            h('div', { class: 'actions' }, h('a', { class: 'button', href: '#/attention' }, t('attention_open'))))))),
    ...renderSections(todaySections, ctx),
    h('section', { 'aria-labelledby': 'h-due' },
      h('h2', { id: 'h-due' }, t('today_followups'), ' ', h('span', { class: 'badge' }, due.length)),
      groups.length > 0 && groupFilter(ctx, groups, group),
      due.length === 0 && h('p', { class: 'muted' }, t('today_none')),
      h('ul', { class: 'list', 'data-test': 'due-list' }, due.map((item) => {
        const hh = replica.get('household', item.household_id);
        const names = formatList(item.members.map(memberText));
        return h('li', null,
          h('a', { class: `card ${item.overdueDays > 0 ? 'overdue' : 'due'}`, href: `#/household/${item.household_id}`, 'data-test': 'due-item' },
            h('div', { class: 'title' }, hh?.address ?? formatList(item.members.map((m) => m.person.name)),
              h('span', { class: `badge ${item.overdueDays > 0 ? 'bad' : 'warn'}` }, dueText(item.overdueDays, item.due))),
            h('div', { class: 'sub' }, names),
            h('div', { class: 'sub reason' }, reasonText(item.lead))));
      })),
      upcoming > 0 && h('p', { class: 'muted' }, t('today_upcoming', { n: upcoming }))),
    struggling.length + atRisk.length > 0 &&
      h('section', { 'aria-labelledby': 'h-struggling' },
        h('h2', { id: 'h-struggling' }, t('today_struggling'), ' ', h('span', { class: 'badge' }, struggling.length + atRisk.length)),
        h('p', { class: 'muted' }, t('today_struggling_intro')),
        atRisk.length > 0 && h('ul', { class: 'list', 'data-test': 'at-risk-list' }, atRisk.map((p) =>
          h('li', null, h('a', { class: 'card', href: `#/placement/${p.id}`, 'data-test': 'at-risk-item' },
            h('div', { class: 'title' }, replica.get('person', p.person_id)?.name ?? '—', h('span', { class: 'badge bad' }, t('oc_at_risk'))),
            h('div', { class: 'sub' }, t('oc_at_risk_line', { employer: p.employer_name, note: p.at_risk_note || '—' })))))),
        h('ul', { class: 'list', 'data-test': 'struggling-list' }, struggling.map((s) => {
          const hh = replica.get('household', s.person.household_id);
          return h('li', null,
            h('a', { class: 'card', href: `#/person/${s.person.id}`, 'data-test': 'struggling-item' },
              h('div', { class: 'title' }, s.person.name ?? '—', hh?.address ? ` · ${hh.address}` : '',
                h('span', { class: 'badge warn' }, s.attempts)),
              h('div', { class: 'sub' }, t('today_struggling_attempts', { n: s.attempts, applied: s.applied, interviews: s.interviews, rejections: s.rejections })),
              h('div', { class: 'sub muted' }, t('today_struggling_last', { date: formatDate(s.lastAttemptAt) }))));
        }))),
  );
}

/** @param {string} field */
export function fieldLabel(field) {
  const key = field === 'status' ? 'status' : field === 'phone' ? 'phone' : field;
  return t(key);
}

/** @param {Record<string, any>} c */
export function candidatesText(c) {
  return (c.candidates ?? [])
    .map((/** @type {any} */ k) => (c.field === 'status' ? label('status', k.to) : String(k.value ?? k.to ?? '')))
    .join(' / ');
}
