/**
 * Today: what needs the helper now. Returned visits, conflicts and rejected changes first (they
 * are few and block someone), then households due or overdue, most urgent first, each with its
 * reason ("zero-employment family, 18 days since last visit").
 */
import { h } from '../../ui/dom.js';
import { t, label, formatDate, formatList } from '../../i18n/index.js';
import { personsDue, householdsDue } from '../../domain/followup.js';
import { returnedVisits } from '../../domain/visit.js';
import { strugglingPersons } from '../../domain/struggling.js';

/** @typedef {import('../context.js').Ctx} Ctx */

/** @param {import('../../domain/followup.js').PersonDue} d */
export function reasonText(d) {
  const category = label('category', d.person.category);
  return d.daysSince === null ? t('reason_never', { category }) : t('reason_since', { category, n: d.daysSince });
}

/** @param {number} overdueDays @param {number} due */
export function dueText(overdueDays, due) {
  if (overdueDays > 0) return t('overdue_by', { n: overdueDays });
  if (overdueDays === 0) return t('due_today');
  return t('due_on', { date: formatDate(due) });
}

/** @param {Ctx} ctx */
export function today(ctx) {
  const { replica } = ctx;
  const now = ctx.now();
  const dues = personsDue(replica.all('person'), replica.all('visit'), ctx.intervals(), now);
  const due = householdsDue(dues, now, 0);
  const upcoming = householdsDue(dues, now, 7).length - due.length;
  const returned = returnedVisits(replica.all('visit'), ctx.user.id);
  const conflicts = replica.openConflicts();
  const rejected = replica.rejected;
  const struggling = strugglingPersons(replica.all('recommendation'), replica.all('person'), now);

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
    h('section', { 'aria-labelledby': 'h-due' },
      h('h2', { id: 'h-due' }, t('today_followups'), ' ', h('span', { class: 'badge' }, due.length)),
      due.length === 0 && h('p', { class: 'muted' }, t('today_none')),
      h('ul', { class: 'list', 'data-test': 'due-list' }, due.map((item) => {
        const hh = replica.get('household', item.household_id);
        const names = formatList(item.members.map((m) => m.person.name));
        return h('li', null,
          h('a', { class: `card ${item.overdueDays > 0 ? 'overdue' : 'due'}`, href: `#/household/${item.household_id}`, 'data-test': 'due-item' },
            h('div', { class: 'title' }, hh?.address ?? names,
              h('span', { class: `badge ${item.overdueDays > 0 ? 'bad' : 'warn'}` }, dueText(item.overdueDays, item.due))),
            h('div', { class: 'sub' }, names),
            h('div', { class: 'sub reason' }, reasonText(item.lead))));
      })),
      upcoming > 0 && h('p', { class: 'muted' }, t('today_upcoming', { n: upcoming }))),
    struggling.length > 0 &&
      h('section', { 'aria-labelledby': 'h-struggling' },
        h('h2', { id: 'h-struggling' }, t('today_struggling'), ' ', h('span', { class: 'badge' }, struggling.length)),
        h('p', { class: 'muted' }, t('today_struggling_intro')),
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
