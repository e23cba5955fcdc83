/**
 * A visit to an enterprise, recorded on the phone offline like a household visit: when, who was
 * met, notes, the GPS fix, and the vacancies collected there ("add vacancy" rows), plus the
 * employer's open vacancies to close when they are filled. It is one `insert` of the
 * append-only `enterprise_visit`; each new vacancy line carries a new id, the id of the job the
 * server makes of it when the visit lands, so the employer's page shows it at once and the
 * real job replaces it after the pull, and a replay makes nothing twice.
 */
import { h } from '../../ui/dom.js';
import { t, label } from '../../i18n/index.js';
import { uuid } from '../../local/outbox.js';
import { keepDraft } from '../../ui/draft-form.js';
import { draftKey } from '../../local/drafts.js';
import { EDUCATION_LEVELS } from '../../domain/vocabulary.js';
import { rowList } from './rows.js';
import { vacanciesOf } from './vacancies.js';

/** @typedef {import('../context.js').Ctx} Ctx */

/** `a, b；c` → `['a', 'b', 'c']`. @param {string} text */
const listOf = (text) => text.split(/[,，;；、]/).map((s) => s.trim()).filter(Boolean);

/**
 * The wire line of one typed vacancy row, or a message key saying what is wrong with it.
 * @param {Record<string, string>} row @param {() => string} newId
 * @returns {{line: Record<string, any>} | {problem: string}}
 */
export function vacancyLine(row, newId = uuid) {
  if (!row.title) return { problem: 'em_vacancy_title_needed' };
  /** @param {string} v */
  const int = (v) => (v === '' || v === undefined ? null : Number(v));
  const headcount = int(row.headcount);
  const low = int(row.pay_min);
  const high = int(row.pay_max);
  if ((headcount !== null && (!Number.isInteger(headcount) || headcount < 1))
    || [low, high].some((n) => n !== null && (!Number.isInteger(n) || n < 0))) return { problem: 'em_vacancy_numbers' };
  if (low !== null && high !== null && low > high) return { problem: 'em_vacancy_pay' };
  /** @type {Record<string, any>} */
  const line = { id: row.id || newId(), title: row.title };
  if (headcount !== null) line.headcount = headcount;
  if (low !== null) line.pay_min = low;
  if (high !== null) line.pay_max = high;
  if (row.education_level) line.education_level = row.education_level;
  if (row.majors) line.majors = listOf(row.majors);
  if (row.closing_date) line.closing_date = row.closing_date;
  return { line };
}

/** Now as the value of a datetime-local input, in the phone's time. @param {number} ms */
function localInput(ms) {
  const d = new Date(ms);
  const pad = (/** @type {number} */ n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** @param {Ctx} ctx @param {import('../context.js').RouteArgs} args */
export function enterpriseVisit(ctx, { params }) {
  const employer = ctx.replica.get('employer', params.id);
  if (!employer) return h('div', null, h('p', null, t('em_not_found')));
  const when = h('input', { id: 'ev-when', name: 'occurred_at', type: 'datetime-local', value: localInput(ctx.now()) });
  const met = h('input', { id: 'ev-met', name: 'met', type: 'text', 'data-test': 'ev-met' });
  const notes = h('textarea', { id: 'ev-notes', name: 'notes', rows: 3, 'data-test': 'ev-notes' });
  const open = vacanciesOf(employer.id, ctx.replica.all('job'), ctx.replica.all('enterprise_visit'))
    .filter((v) => v.is_open && !v.pending);
  const closing = open.map((v) => h('input', { type: 'checkbox', name: 'close', value: v.id, 'data-test': 'ev-close' }));
  const vacancies = rowList({
    fields: [
      { key: 'title', label: t('em_vacancy_title'), attrs: { 'data-test': 'ev-title' } },
      { key: 'headcount', label: t('em_vacancy_headcount'), type: 'number', attrs: { min: 1, inputMode: 'numeric', 'data-test': 'ev-headcount' } },
      { key: 'pay_min', label: t('em_vacancy_pay_min'), type: 'number', attrs: { min: 0, inputMode: 'numeric' } },
      { key: 'pay_max', label: t('em_vacancy_pay_max'), type: 'number', attrs: { min: 0, inputMode: 'numeric' } },
      { key: 'education_level', label: t('education'), options: [{ value: '', text: '—' }, ...EDUCATION_LEVELS.map((e) => ({ value: e, text: label('edu', e) }))] },
      { key: 'majors', label: t('em_vacancy_majors') },
      { key: 'closing_date', label: t('em_vacancy_closing'), type: 'date' },
    ],
    addKey: 'em_vacancy_add', removeKey: 'em_remove', test: 'vacancy-row', onChange: () => draft.touch(),
  });
  /** @type {{lat: number, lng: number}|null} */
  let position = null;
  const gpsStatus = h('span', { class: 'hint', 'aria-live': 'polite' });
  const locate = () => {
    if (!navigator.geolocation) {
      gpsStatus.textContent = t('gps_failed');
      return;
    }
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        position = { lat: pos.coords.latitude, lng: pos.coords.longitude };
        gpsStatus.textContent = t('gps_got', { m: Math.round(pos.coords.accuracy) });
      },
      () => { gpsStatus.textContent = t('gps_failed'); },
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  };
  const error = h('p', { class: 'error', role: 'alert', 'data-test': 'ev-error' });
  /** @param {Event} event */
  const save = async (event) => {
    event.preventDefault();
    /** @type {Record<string, any>[]} */
    const lines = [];
    for (const row of vacancies.read()) {
      if (Object.entries(row).every(([k, v]) => k === 'id' || !v)) continue; // an empty row
      const made = vacancyLine(row);
      if ('problem' in made) {
        error.textContent = t(made.problem);
        return;
      }
      lines.push(made.line);
    }
    for (const box of closing) if (box.checked) lines.push({ id: box.value, is_open: false });
    if (!lines.length && !notes.value.trim()) {
      error.textContent = t('em_visit_empty');
      notes.focus();
      return;
    }
    error.textContent = '';
    /** @type {Record<string, any>} */
    const data = {
      employer_id: employer.id, occurred_at: new Date(when.value || ctx.now()).toISOString(),
      notes: notes.value.trim(), vacancies: lines, ...(position ?? {}),
    };
    if (met.value.trim()) data.met = met.value.trim();
    try {
      await ctx.replica.record([{ entity: 'enterprise_visit', entity_id: uuid(), kind: 'insert', data }]);
      await draft.clear();
      ctx.toast(t('saved_locally'));
      location.replace(`#/employers/${employer.id}`);
    } catch (err) {
      error.textContent = String(err instanceof Error ? err.message : err);
    }
  };
  const form = /** @type {HTMLFormElement} */ (h('form', { class: 'enterprise-visit', onsubmit: save, novalidate: true },
    h('h1', null, t('em_visit_title')),
    h('p', { class: 'muted' }, employer.name),
    h('label', { for: 'ev-when' }, t('occurred_at')), when,
    h('label', { for: 'ev-met' }, t('em_met')), met,
    h('label', { for: 'ev-notes' }, t('notes')), notes,
    h('fieldset', null, h('legend', null, t('em_new_vacancies')), vacancies.node),
    open.length > 0 && h('fieldset', null, h('legend', null, t('em_close_vacancies')),
      open.map((v, i) => h('label', { class: 'check' }, closing[i], v.title))),
    h('div', { class: 'actions' }, h('button', { type: 'button', onclick: locate, 'data-test': 'ev-gps' }, t('gps')), gpsStatus),
    error,
    h('div', { class: 'actions sticky' },
      h('button', { type: 'submit', class: 'primary', 'data-test': 'save-enterprise-visit' }, t('save')),
      h('button', { type: 'button', onclick: () => void draft.cancel() }, t('cancel')))));
  const draft = keepDraft(ctx, form, draftKey('enterprise_visit', employer.id), { state: { read: vacancies.read, write: vacancies.write } });
  return form;
}
