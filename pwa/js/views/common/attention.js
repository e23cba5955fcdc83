/**
 * "Needs your attention": every change the server refused and every change the phone parked
 * because the server kept failing on it (sync/PROTOCOL.md 6.1). Each shows why, in
 * the helper's language, and what it holds; its texts and dates can be corrected (with the same
 * limits as the forms) and sent again, or it can be discarded after a confirmation. Nothing
 * here is ever dropped without the helper saying so. Reached from the sync bar.
 */
import { h, nextId } from '../../ui/dom.js';
import { t, label, formatDateTime } from '../../i18n/index.js';
import { checkData } from '../../domain/limits.js';
import { boundedText, problemText } from '../../ui/bounded.js';

/** @typedef {import('../../local/outbox.js').RejectedOp} RejectedOp */

/** Data fields a helper may correct: what they typed, not ids or bookkeeping. */
const EDITABLE_KINDS = new Set(['insert', 'set']);

/** @param {string} name @param {unknown} value */
function editable(name, value) {
  return typeof value === 'string' && name !== 'id' && !name.endsWith('_id') && !name.endsWith('_ids');
}

/** The reason, in the helper's language (the server's own words as a fallback). @param {RejectedOp} r */
export function reasonOf(r) {
  const code = r.result.code ?? '';
  if (r.result.status === 'parked') return t(`park.${code}`);
  const key = `reject.${code}`;
  const said = t(key);
  return said === key ? t('rejected_reason', { code, message: r.result.message ?? '' }) : said;
}

/** @type {import('../context.js').View} */
export function attention(ctx) {
  const { replica } = ctx;
  const items = [...replica.rejected].sort((a, b) => a.seq - b.seq);
  const none = () => h('p', { class: 'muted', 'data-test': 'attention-none' }, t('attention_none'));
  if (items.length === 0) return h('div', { class: 'attention' }, h('h1', null, t('attention_title')), none());
  const list = h('ul', { class: 'list' });
  const intro = h('p', null, t('attention_intro'));
  // A card being corrected holds the screen's redraw (its text is typed), so a card that is
  // done takes itself away.
  const settled = (/** @type {HTMLElement} */ card) => {
    card.remove();
    if (!list.children.length) intro.replaceWith(none());
  };
  for (const r of items) list.append(item(ctx, r, settled));
  return h('div', { class: 'attention' }, h('h1', null, t('attention_title')), intro, list);
}

/**
 * @param {import('../context.js').Ctx} ctx
 * @param {RejectedOp} r
 * @param {(card: HTMLElement) => void} settled
 */
function item(ctx, r, settled) {
  const parked = r.result.status === 'parked';
  const canEdit = EDITABLE_KINDS.has(r.kind);
  /** @type {Map<string, {input: HTMLInputElement|HTMLTextAreaElement, problem: HTMLElement}>} */
  const fields = new Map();
  /** @type {Node[]} */
  const rows = [];
  /** @type {Record<string, unknown>} */
  const other = {};
  for (const [name, value] of Object.entries(r.data ?? {})) {
    if (!canEdit || !editable(name, value)) {
      other[name] = value;
      continue;
    }
    if (/^\d{4}-\d{2}-\d{2}/.test(String(value)) && String(value).length <= 40) {
      const id = nextId(`fix-${name}`);
      const input = h('input', { id, name, type: 'text', value: String(value), 'data-field': name, 'aria-describedby': `${id}-problem` });
      const problem = h('p', { class: 'error', id: `${id}-problem`, role: 'alert' });
      fields.set(name, { input, problem });
      rows.push(h('label', { for: id }, fieldName(name)), input, problem);
    } else {
      const field = boundedText({ entity: r.entity, field: name, label: fieldName(name), value: String(value), rows: 3 });
      field.input.dataset.field = name;
      const problem = /** @type {HTMLElement} */ (field.nodes[3]);
      fields.set(name, { input: field.input, problem });
      rows.push(...field.nodes);
    }
  }
  const status = h('p', { class: 'error', role: 'alert' });

  const edited = () => {
    /** @type {Record<string, any>} */
    const data = { ...r.data };
    for (const [name, { input }] of fields) data[name] = input.value;
    return data;
  };
  const resend = async () => {
    const data = edited();
    const problems = checkData(r.entity, data, ctx.now());
    for (const [name, { problem }] of fields) problem.textContent = problems.has(name) ? problemText(/** @type {any} */ (problems.get(name))) : '';
    if (problems.size > 0) {
      status.textContent = t('attention_fix_first');
      const first = [...fields].find(([name]) => problems.has(name));
      first?.[1].input.focus();
      return;
    }
    const changed = [...fields.keys()].some((name) => data[name] !== r.data[name]);
    await ctx.replica.resend(r.op_id, changed ? data : null);
    settled(card);
    ctx.toast(t('attention_resent'));
    ctx.sync();
  };
  const discard = async () => {
    if (!confirm(parked ? t('attention_discard_parked') : t('attention_discard_rejected'))) return;
    await ctx.replica.dismiss(r.op_id);
    settled(card);
    ctx.toast(t('attention_discarded'));
  };

  const card = h('li', { class: `card ${parked ? 'parked' : 'rejected'}`, 'data-test': 'attention-item', 'data-status': r.result.status, 'data-op': r.op_id },
    h('div', { class: 'title' }, label('entity', r.entity), ' · ', formatDateTime(r.recorded_at),
      h('span', { class: `badge ${parked ? 'warn' : 'bad'}` }, parked ? t('attention_parked') : t('attention_rejected'))),
    h('p', { class: 'sub', 'data-test': 'attention-reason' }, reasonOf(r)),
    rows,
    Object.keys(other).length > 0 && h('details', null,
      h('summary', null, t('attention_other')),
      h('pre', { class: 'raw' }, JSON.stringify(other, null, 1))),
    status,
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'primary', onclick: () => void resend(), 'data-test': 'attention-resend' }, t('attention_resend')),
      h('button', { type: 'button', class: 'danger', onclick: () => void discard(), 'data-test': 'attention-discard' }, t('attention_discard'))));
  return card;
}

/** A field's label where the app has one, else its name. @param {string} name */
function fieldName(name) {
  const key = name === 'text' ? 'note_text' : name === 'notes' ? 'notes' : name === 'occurred_at' ? 'occurred_at' : name === 'next_follow_up' ? 'next_follow_up' : name;
  return t(key);
}
