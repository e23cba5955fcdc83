/**
 * What the organisers of an event add after it: the counts they reported for people not on
 * file (a live stream's viewers, their interviews and hires: the board shows them apart from
 * the recorded figures), and cancelling an event that will not take place. The counts are a
 * supervisor's desk work and go straight to the server (`PATCH /api/events/:id`); cancelling is
 * an op, so it can be done from the phone anywhere.
 */
import { h } from '../../ui/dom.js';
import { t } from '../../i18n/index.js';
import { HttpError } from '../../net/api.js';

/** @typedef {import('../context.js').Ctx} Ctx */

const REPORTED = ['reported_attendance', 'reported_interviews', 'reported_hires'];

/** @param {Ctx} ctx @param {Record<string, any>} ev */
export function organiserTools(ctx, ev) {
  const inputs = REPORTED.map((name) => h('input', { id: `event-${name}`, name, type: 'number', min: 0, inputMode: 'numeric' }));
  const out = h('p', { 'aria-live': 'polite' });
  /** @param {SubmitEvent} e */
  const save = async (e) => {
    e.preventDefault();
    /** @type {Record<string, number|null>} */
    const body = {};
    inputs.forEach((input, i) => { if (input.value !== '') body[REPORTED[i]] = Number(input.value); });
    if (!Object.keys(body).length) return;
    try {
      await ctx.api.request('PATCH', `/api/events/${ev.id}`, body);
      out.className = 'ok';
      out.textContent = t('ev_reported_saved');
    } catch (err) {
      out.className = 'error';
      out.textContent = err instanceof HttpError ? err.message : t('sup_offline');
    }
  };
  const cancel = async () => {
    if (!confirm(t('ev_cancel_confirm'))) return;
    await ctx.replica.record([{ entity: 'event', entity_id: ev.id, kind: 'set', data: { cancelled: true },
      base: { cancelled: ctx.replica.stampOf('event', ev.id, 'cancelled') } }]);
    ctx.toast(navigator.onLine ? t('ev_cancelled_done') : t('saved_locally'));
  };
  return h('details', { 'data-test': 'organiser' },
    h('summary', null, t('ev_organiser')),
    h('form', { onsubmit: save },
      h('p', { class: 'hint' }, t('ev_reported_hint')),
      inputs.map((input, i) => h('div', null, h('label', { for: input.id }, t(`ev_col_${REPORTED[i]}`)), input)),
      h('div', { class: 'actions' }, h('button', { type: 'submit', 'data-test': 'save-reported' }, t('ev_reported_save'))),
      out),
    !ev.cancelled && h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'danger', 'data-test': 'cancel-event', onclick: () => void cancel() }, t('ev_cancel'))));
}
