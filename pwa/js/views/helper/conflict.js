/**
 * A conflict, both sides: what each device wrote, when, and which value shows now. The helper
 * keeps one (a `resolve` op, PROTOCOL.md 5.3) with an optional comment, or only comments
 * (a note on the person's file) and leaves the decision to the supervisor.
 */
import { h } from '../../ui/dom.js';
import { t, label, formatDateTime } from '../../i18n/index.js';
import { decodeStamp } from '../../local/clock.js';
import { uuid } from '../../local/outbox.js';
import { fieldLabel } from './today.js';

/** @param {import('../context.js').Ctx} ctx @param {import('../context.js').RouteArgs} args */
export function conflict(ctx, { params }) {
  const { replica } = ctx;
  const c = replica.get('conflict', params.id);
  if (!c) return h('div', null, h('h1', null, t('conflict_title')), h('p', null, t('not_found')));
  const subject = c.entity === 'person' ? replica.get('person', c.entity_id) : replica.get('household', c.entity_id);
  const comment = h('textarea', { id: 'comment', rows: 3 });
  /** @param {any} k */
  const valueOf = (k) => (c.field === 'status' ? `${label('status', k.from)} → ${label('status', k.to)}` : String(k.value ?? '—'));
  /** @param {any} k */
  const whenOf = (k) => {
    try {
      return formatDateTime(decodeStamp(k.hlc).wall);
    } catch {
      return '—';
    }
  };
  /** @param {any} k */
  const keep = async (k) => {
    const data = k.op_id ? { choice: k.op_id, comment: comment.value.trim() } : { choice: { value: k.value ?? k.to }, comment: comment.value.trim() };
    await replica.record([{ entity: 'conflict', entity_id: c.id, kind: 'resolve', data }]);
    ctx.toast(t('saved_locally'));
    ctx.nav('/today');
  };
  const addComment = async () => {
    const text = comment.value.trim();
    if (!text) return comment.focus();
    const personId = c.entity === 'person' ? c.entity_id : null;
    await replica.record([{ entity: 'note', entity_id: uuid(), kind: 'insert', data: {
      person_id: personId, household_id: subject?.household_id ?? (c.entity === 'household' ? c.entity_id : null),
      visit_id: null, text: `${t('conflict_title')} (${fieldLabel(c.field)}): ${text}`, corrects_note_id: null } }]);
    ctx.toast(t('saved_locally'));
    comment.value = '';
  };
  const open = c.state === 'open';
  return h('div', null,
    h('h1', null, t('conflict_title'), ': ', subject?.name ?? subject?.address ?? ''),
    h('p', null, t('conflict_intro', { field: fieldLabel(c.field) })),
    !open && h('p', { class: 'badge ok' }, t('conflict_resolved')),
    h('div', { class: 'sides' }, (c.candidates ?? []).map((/** @type {any} */ k, /** @type {number} */ i) =>
      h('div', { class: `side${k.op_id === c.winner ? ' winner' : ''}`, 'data-test': 'conflict-side' },
        h('div', { class: 'muted' }, t('conflict_side', { n: i + 1 }), k.op_id === c.winner && h('span', { class: 'badge ok' }, t('conflict_winner'))),
        h('div', { class: 'value' }, valueOf(k)),
        h('div', { class: 'sub muted' }, t('conflict_by', { who: k.client_id === replica.clientId ? t('this_phone') : t('other_device'), when: whenOf(k) })),
        open && h('div', { class: 'actions' }, h('button', { type: 'button', class: 'primary', onclick: () => void keep(k) }, t('conflict_choose')))))),
    h('label', { for: 'comment' }, t('conflict_comment')), comment,
    h('div', { class: 'actions' }, h('button', { type: 'button', onclick: () => void addComment() }, t('send_comment'))));
}
