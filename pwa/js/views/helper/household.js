/**
 * A household: its address and committee, its members (each with their group), its recent
 * visits, and "record a visit", "add member", "edit".
 */
import { h } from '../../ui/dom.js';
import { t, label, formatDate } from '../../i18n/index.js';

/** @param {import('../context.js').Ctx} ctx @param {import('../context.js').RouteArgs} args */
export function household(ctx, { params }) {
  const { replica } = ctx;
  const hh = replica.get('household', params.id);
  if (!hh) return h('div', null, h('h1', null, t('household_title')), h('p', null, t('not_found')));
  const members = replica.all('person').filter((p) => p.household_id === hh.id);
  const visits = replica
    .all('visit')
    .filter((v) => v.household_id === hh.id)
    .sort((a, b) => String(b.occurred_at).localeCompare(String(a.occurred_at)))
    .slice(0, 5);
  return h('div', null,
    h('h1', null, hh.address),
    h('p', null,
      hh._pending && h('span', { class: 'badge warn' }, t('pending')), ' ',
      hh.zero_employment && h('span', { class: 'badge bad' }, t('zero_employment'))),
    h('div', { class: 'actions' },
      h('a', { class: 'button primary', href: `#/visit/new?household=${hh.id}`, 'data-test': 'record-visit' }, t('record_visit')),
      h('a', { class: 'button', href: `#/household/${hh.id}/add`, 'data-test': 'add-member' }, t('file_add_member')),
      h('a', { class: 'button', href: `#/household/${hh.id}/edit`, 'data-test': 'edit-household' }, t('file_edit')),
      h('a', { class: 'button', href: `#/history/household/${hh.id}`, 'data-test': 'history-link' }, t('hist_title'))),
    h('h2', null, t('members')),
    h('ul', { class: 'list' }, members.map((p) =>
      h('li', null, h('a', { class: 'card', href: `#/person/${p.id}`, 'data-test': 'member' },
        h('div', { class: 'title' }, p.name, p._pending && h('span', { class: 'badge warn' }, t('pending'))),
        h('div', { class: 'sub' }, label('status', p.status), ' · ', label('category', p.category),
          p.group_name ? ` · ${p.group_name}` : ''))))),
    h('h2', null, t('timeline')),
    visits.length === 0 && h('p', { class: 'muted' }, t('no_visits')),
    h('ul', { class: 'timeline' }, visits.map((v) =>
      h('li', null,
        h('div', { class: 'when' }, formatDate(v.occurred_at), ' · ', label('channel', v.channel), v._pending && h('span', { class: 'badge warn' }, t('pending'))),
        h('div', null, v.notes)))),
  );
}
