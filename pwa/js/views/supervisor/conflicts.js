/**
 * Conflicts and quarantine, from the server: both sides of every open conflict of the
 * sub-district (keep one), and every operation the server refused, with its raw payload so no
 * typed text is lost (re-apply it, or dismiss it). A re-apply runs with the author's rights, so
 * the card says who wrote the change, in which role, from which device.
 */
import { h } from '../../ui/dom.js';
import { t, label, formatDateTime } from '../../i18n/index.js';
import { remote } from './remote.js';

/** @typedef {import('../context.js').Ctx} Ctx */

/** @param {Ctx} ctx @param {string} path @param {any} body @param {() => void} reload */
async function act(ctx, path, body, reload) {
  try {
    await ctx.api.request('POST', path, body ?? {});
    ctx.toast(t('sup_done'));
    reload();
  } catch (err) {
    ctx.toast(t('sup_failed', { message: /** @type {Error} */ (err).message }));
  }
}

/** @param {any} c @param {any} k */
function sideValue(c, k) {
  if (c.field === 'status') return `${label('status', k.from)} → ${label('status', k.to)}`;
  if (c.field === 'state') return `${t(`rec.${k.from}`)} → ${t(`rec.${k.to}`)}`;
  return String(k.value ?? k.to ?? '—');
}

/** @param {Ctx} ctx @param {any} c @param {() => void} reload */
function conflictCard(ctx, c, reload) {
  const subject = c.entity === 'person' ? ctx.replica.get('person', c.entity_id)?.name : ctx.replica.get('household', c.household_id)?.address;
  const comment = h('input', { type: 'text', 'aria-label': t('conflict_comment'), placeholder: t('conflict_comment') });
  return h('li', { class: 'card conflict', 'data-test': 'sup-conflict' },
    h('div', { class: 'title' }, subject ?? c.entity_id.slice(0, 8), ' · ', c.field),
    h('div', { class: 'sides' }, (c.candidates ?? []).map((/** @type {any} */ k, /** @type {number} */ i) =>
      h('div', { class: `side${k.op_id === c.winner ? ' winner' : ''}` },
        h('div', { class: 'muted' }, t('conflict_side', { n: i + 1 }), k.op_id === c.winner && h('span', { class: 'badge ok' }, t('conflict_winner'))),
        h('div', { class: 'value' }, sideValue(c, k)),
        h('div', { class: 'sub muted' }, k.client_id ?? ''),
        c.state === 'open' && h('button', { type: 'button', class: 'primary', onclick: () =>
          void act(ctx, `/api/conflicts/${c.id}/resolve`, { choice: k.op_id, comment: comment.value.trim() || undefined }, reload) }, t('conflict_choose'))))),
    c.state === 'open' && comment);
}

/** @param {Ctx} ctx @param {any} q @param {() => void} reload */
function quarantineCard(ctx, q, reload) {
  return h('li', { class: 'card returned', 'data-test': 'quarantined' },
    h('div', { class: 'title' }, q.code, ' · ', formatDateTime(q.created_at)),
    h('div', { class: 'sub' }, q.message),
    h('div', { class: 'sub', 'data-test': 'quarantine-author' },
      t('sup_quarantine_author', { name: q.author_name ?? '—', role: label('role', q.author_role), device: q.device_id ?? '—' })),
    q.result?.status === 'rejected' &&
      h('div', { class: 'sub' }, t('sup_reapply_refused', { message: q.result.message ?? q.result.code ?? '' })),
    h('pre', { class: 'raw' }, JSON.stringify(q.raw, null, 2)),
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'primary', onclick: () => void act(ctx, `/api/quarantine/${q.id}/reapply`, undefined, reload) }, t('sup_reapply')),
      h('button', { type: 'button', class: 'danger', onclick: () => void act(ctx, `/api/quarantine/${q.id}/dismiss`, undefined, reload) }, t('sup_dismiss'))));
}

/** @param {Ctx} ctx */
export function conflicts(ctx) {
  return h('div', null,
    h('h1', null, t('sup_conflicts')),
    remote(() => ctx.api.request('GET', '/api/conflicts?state=open&per_page=200'), (page, reload) =>
      page.items.length === 0 ? h('p', null, t('sup_no_conflicts')) :
        h('ul', { class: 'list' }, page.items.map((/** @type {any} */ c) => conflictCard(ctx, c, reload)))),
    h('h2', null, t('sup_quarantine')),
    h('p', { class: 'hint' }, t('sup_quarantine_intro')),
    remote(() => ctx.api.request('GET', '/api/quarantine?state=open&per_page=200'), (page, reload) =>
      page.items.length === 0 ? h('p', null, t('sup_no_quarantine')) :
        h('ul', { class: 'list' }, page.items.map((/** @type {any} */ q) => quarantineCard(ctx, q, reload)))));
}
