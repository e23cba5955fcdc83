/**
 * Record a visit: channel, what came of it (met, nobody home; for a call answered, no answer...),
 * when, who was seen, notes, services, a status change per member, the next follow-up (suggested
 * from the members' categories), and optionally where (GPS with its accuracy). Saving stores the
 * visit and its status transitions in one transaction; the visit then shows everywhere at once.
 * `?amends=<visit>` amends a returned visit: a new visit that points at it, prefilled from it.
 *
 * The form tells the truth about the contact: ticking nobody, or choosing an outcome where
 * nobody was reached, records an attempt, and the form says so; only a contact resets a
 * person's follow-up, so an attempt suggests no next date. A visit cannot be dated after today
 * (the date input stops at the end of today, as the server's rule does). What the server would refuse (domain/limits.js: notes too long,
 * a follow-up more than two years ahead) is told before saving, and nothing is saved until fixed.
 *
 * Photos taken during the visit (views/attachments/visit-photos.js) are attached to it on saving,
 * in the same transaction as the visit; they are not part of the draft (a reload forgets them).
 *
 * What is typed is kept as a draft (ui/draft-form.js): it survives a reload, and Cancel or back
 * ask before throwing it away. After saving, the form's history entry is replaced by the page
 * the helper came from, so back never shows an empty form as if the visit were lost.
 */
import { h, nextId } from '../../ui/dom.js';
import { t, label } from '../../i18n/index.js';
import { suggestNextFollowUp, dayOf } from '../../domain/followup.js';
import { checkOutcome, effectiveOutcome, visitDrafts } from '../../domain/visit.js';
import { ATTEMPT_OUTCOMES, CHANNELS, CONTACT_OUTCOMES, SERVICES, STATUSES, outcomesFor } from '../../domain/vocabulary.js';
import { checkFollowUp, latestFollowUp } from '../../domain/limits.js';
import { boundedText, problemText } from '../../ui/bounded.js';
import { keepDraft } from '../../ui/draft-form.js';
import { draftKey } from '../../local/drafts.js';
import { visitPhotos } from '../attachments/visit-photos.js';

/** Every outcome once, contacts first: radios are made once and shown per channel, so a draft restores them. */
const ALL_OUTCOMES = [...CONTACT_OUTCOMES, ...ATTEMPT_OUTCOMES];
/**
 * The last moment a visit may be dated: the end of today on this phone. The server refuses a
 * visit dated after today (its business day, PROTOCOL.md "Follow-up"); the phone says so first.
 * @param {number} nowMs
 */
function endOfToday(nowMs) {
  const d = new Date(nowMs);
  d.setHours(23, 59, 59, 999);
  return d.getTime();
}

/** @param {number} ms @returns {string} value for <input type=datetime-local> */
function localDateTime(ms) {
  const d = new Date(ms);
  d.setMinutes(d.getMinutes() - d.getTimezoneOffset());
  return d.toISOString().slice(0, 16);
}

/** @param {import('../context.js').Ctx} ctx @param {import('../context.js').RouteArgs} args */
export function visitForm(ctx, { query }) {
  const { replica } = ctx;
  const amends = replica.get('visit', query.get('amends'));
  const householdId = amends?.household_id ?? query.get('household') ?? replica.get('person', query.get('person'))?.household_id;
  const hh = replica.get('household', householdId);
  if (!hh) return h('div', null, h('h1', null, t('visit_form_title')), h('p', null, t('not_found')));
  const members = replica.all('person').filter((p) => p.household_id === hh.id);
  const preselected = amends?.person_ids?.length ? amends.person_ids : query.get('person') ? [query.get('person')] : members.map((p) => p.id);
  const backTo = query.get('person') ? `/person/${query.get('person')}` : `/household/${hh.id}`;

  const channel = h('select', { id: 'channel', name: 'channel', required: true },
    CHANNELS.map((c) => h('option', { value: c, selected: (amends?.channel ?? 'home_visit') === c }, label('channel', c))));
  const outcomeRadios = ALL_OUTCOMES.map((o) => h('input', { type: 'radio', name: 'outcome', value: o, 'data-test': `outcome-${o}` }));
  const outcomeLabels = ALL_OUTCOMES.map((o, i) => h('label', { class: 'check' }, outcomeRadios[i], label('outcome', o)));
  const outcomeHint = h('p', { class: 'hint', id: 'outcome-hint', role: 'status', 'data-test': 'outcome-hint' });
  const when = h('input', { id: 'when', name: 'when', type: 'datetime-local', required: true,
    max: localDateTime(endOfToday(ctx.now())), 'aria-describedby': 'when-hint when-problem',
    value: localDateTime(amends ? Date.parse(amends.occurred_at) : ctx.now()) });
  const whenHint = h('p', { class: 'hint', id: 'when-hint' }, t('visit_when_hint_past'));
  const whenProblem = h('p', { class: 'error', id: 'when-problem', role: 'alert', 'data-test': 'when-problem' });
  const notesField = boundedText({ entity: 'visit', field: 'notes', id: 'notes', label: t('notes'), value: amends?.notes ?? '', required: true });
  const notes = notesField.input;
  const seen = members.map((p) => h('input', { type: 'checkbox', name: 'seen', value: p.id, checked: preselected.includes(p.id), onchange: () => showOutcome() }));
  const services = SERVICES.map((s) => h('input', { type: 'checkbox', name: 'services', value: s, checked: (amends?.services ?? []).includes(s) }));
  const statusSelects = members.map((p) => {
    const id = nextId('st');
    return { person: p, id, select: h('select', { id, name: `status-${p.id}` },
      h('option', { value: '' }, t('no_change')),
      STATUSES.filter((s) => s !== p.status).map((s) => h('option', { value: s }, label('status', s)))) };
  });
  const next = h('input', { id: 'next', name: 'next', type: 'date', max: latestFollowUp(ctx.now()),
    'aria-describedby': 'next-hint next-limit next-problem', oninput: () => { next.dataset.touched = '1'; } });
  const nextHint = h('p', { class: 'hint', id: 'next-hint' });
  const nextLimit = h('p', { class: 'hint', id: 'next-limit' }, t('next_follow_up_hint'));
  const nextProblem = h('p', { class: 'error', id: 'next-problem', role: 'alert', 'data-test': 'next-problem' });

  const personIds = () => members.filter((p, i) => seen[i].checked).map((p) => p.id);
  const chosenOutcome = () => outcomeRadios.find((r) => r.checked)?.value ?? null;
  /** What will be saved: the chosen outcome, or an attempt when nobody is ticked. */
  const outcome = () => effectiveOutcome(channel.value, chosenOutcome(), personIds());
  const isAttempt = () => ATTEMPT_OUTCOMES.includes(outcome() ?? '') || personIds().length === 0;

  /** The attempt was chosen by the form (nobody ticked), not by the helper: ticking someone undoes it. */
  let autoAttempt = false;
  /** Show the channel's outcomes and keep the choice true to who was ticked. */
  const showOutcome = () => {
    const offered = outcomesFor(channel.value);
    ALL_OUTCOMES.forEach((o, i) => {
      // `.check` is display:flex, which beats the hidden attribute: hide it outright.
      outcomeLabels[i].hidden = !offered.includes(o);
      outcomeLabels[i].style.display = offered.includes(o) ? '' : 'none';
    });
    const current = chosenOutcome();
    const ids = personIds();
    let pick = current && offered.includes(current) ? current : null;
    if (ids.length === 0 && pick && CONTACT_OUTCOMES.includes(pick)) pick = effectiveOutcome(channel.value, pick, ids);
    else if (ids.length > 0 && autoAttempt) pick = null;
    pick ??= effectiveOutcome(channel.value, null, ids);
    autoAttempt = ids.length === 0 && pick !== current;
    for (const r of outcomeRadios) r.checked = r.value === pick;
    outcomeHint.textContent = ids.length === 0 ? t('visit_nobody_ticked') : isAttempt() ? t('visit_outcome_hint_attempt') : '';
    notes.required = !isAttempt();
    suggest();
  };

  /** Show what is wrong with the dates; true when both are fine. */
  const checkDates = () => {
    const at = when.value ? new Date(when.value).getTime() : ctx.now();
    const whenProblemFound = !Number.isFinite(at) ? t('limit_bad_date') : at > endOfToday(ctx.now()) ? t('visit_when_future') : '';
    const nextProblemFound = checkFollowUp(next.value, ctx.now());
    whenProblem.textContent = whenProblemFound;
    nextProblem.textContent = nextProblemFound ? problemText(nextProblemFound) : '';
    when.setAttribute('aria-invalid', whenProblemFound ? 'true' : 'false');
    next.setAttribute('aria-invalid', nextProblemFound ? 'true' : 'false');
    return { ok: !whenProblemFound && !nextProblemFound, first: whenProblemFound ? when : nextProblemFound ? next : null };
  };
  when.addEventListener('input', () => void checkDates());
  next.addEventListener('input', () => void checkDates());
  /** @type {{lat: number, lng: number, accuracy_m: number} | null} */
  let position = null;
  const gpsStatus = h('span', { class: 'hint', 'aria-live': 'polite', 'data-test': 'gps-status' });
  // Photos taken during the visit (a signed form, a certificate): kept sealed, sent after the ops.
  const photos = visitPhotos(ctx);
  const error = h('p', { class: 'error', role: 'alert', 'data-test': 'visit-error' });

  /** The next follow-up from the categories of who was seen; an attempt resets nothing, so suggests nothing. */
  function suggest() {
    if (next.dataset.touched) return;
    if (isAttempt()) {
      next.value = '';
      nextHint.textContent = '';
      return;
    }
    const chosen = members.filter((p, i) => seen[i].checked);
    const cats = (chosen.length ? chosen : members).map((p) => p.category);
    const day = dayOf(when.value ? new Date(when.value).getTime() : ctx.now());
    next.value = suggestNextFollowUp(cats, ctx.intervals(), day) ?? '';
    const intervals = ctx.intervals();
    const shortest = cats.filter((c) => c && intervals[c]).sort((a, b) => intervals[a] - intervals[b])[0];
    nextHint.textContent = shortest ? t('suggested_from', { category: label('category', shortest), n: intervals[shortest] }) : '';
  }
  when.addEventListener('change', suggest);
  channel.addEventListener('change', () => showOutcome());
  for (const r of outcomeRadios) r.addEventListener('change', () => showOutcome());

  const locate = () => {
    if (!navigator.geolocation) {
      gpsStatus.textContent = t('gps_failed');
      return;
    }
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        position = { lat: pos.coords.latitude, lng: pos.coords.longitude, accuracy_m: Math.round(pos.coords.accuracy) };
        gpsStatus.textContent = t('gps_got', { m: position.accuracy_m });
        gpsStatus.dataset.accuracy = String(position.accuracy_m);
      },
      () => { gpsStatus.textContent = t('gps_failed'); },
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  };

  /** @param {Event} event */
  const save = async (event) => {
    event.preventDefault();
    const ids = personIds();
    const outcomeProblem = checkOutcome(channel.value, outcome(), ids);
    if (outcomeProblem) {
      error.textContent = t(outcomeProblem);
      outcomeRadios.find((r) => r.checked)?.focus();
      return;
    }
    if (!isAttempt() && !notes.value.trim()) {
      error.textContent = `${t('notes')}: ?`;
      notes.focus();
      return;
    }
    const dates = checkDates();
    if (!notesField.check() || !dates.ok) {
      error.textContent = t('attention_fix_first');
      if (dates.first && notes.getAttribute('aria-invalid') !== 'true') dates.first.focus();
      return;
    }
    error.textContent = '';
    /** @type {Record<string, string>} */
    const statusChanges = {};
    for (const s of statusSelects) if (s.select.value) statusChanges[s.person.id] = s.select.value;
    const { visitId, drafts } = visitDrafts(
      {
        household_id: hh.id,
        person_ids: ids,
        channel: channel.value,
        outcome: outcome(),
        occurred_at: new Date(when.value || ctx.now()).toISOString(),
        notes: notes.value,
        services: services.filter((c) => c.checked).map((c) => c.value),
        next_follow_up: next.value || null,
        status_changes: statusChanges,
        ...(position ?? {}),
        amends_visit_id: amends?.id ?? null,
      },
      (id) => replica.get('person', id),
    );
    submit.disabled = true;
    try {
      const photoDrafts = await photos.describe({ household_id: hh.id, visit_id: visitId, person_ids: ids });
      await replica.record([...drafts, ...photoDrafts]);
      if (photoDrafts.length) ctx.sync();
      await draft.clear();
      ctx.toast(t('saved_locally'));
      // Replace this form's history entry: back goes where the helper came from, not to an empty form.
      location.replace(`#${backTo}`);
    } catch (err) {
      submit.disabled = false;
      error.textContent = String(err instanceof Error ? err.message : err);
    }
  };

  const submit = h('button', { type: 'submit', class: 'primary', 'data-test': 'save-visit' }, t('save'));
  const form = /** @type {HTMLFormElement} */ (h('form', { class: 'visit-form', onsubmit: save, novalidate: true },
    h('h1', null, t('visit_form_title')),
    h('p', { class: 'muted' }, hh.address),
    amends && h('p', { class: 'error' }, t('amend_of'), ': ', t('returned_comment', { comment: amends.review_comment ?? '—' })),
    h('label', { for: 'channel' }, t('channel')), channel,
    h('fieldset', { 'data-test': 'outcomes' }, h('legend', null, t('visit_outcome')), h('div', { class: 'chips' }, outcomeLabels), outcomeHint),
    h('label', { for: 'when' }, t('occurred_at')), when, whenHint, whenProblem,
    h('fieldset', null, h('legend', null, t('who_seen')),
      members.map((p, i) => h('label', { class: 'check' }, seen[i], p.name))),
    notesField.nodes,
    h('fieldset', null, h('legend', null, t('services')),
      h('div', { class: 'chips' }, SERVICES.map((s, i) => h('label', { class: 'check' }, services[i], label('service', s))))),
    h('fieldset', null, h('legend', null, t('status_change')),
      statusSelects.map((s) => [h('label', { for: s.id }, s.person.name, ' · ', label('status', s.person.status)), s.select])),
    h('label', { for: 'next' }, t('next_follow_up')), next, nextHint, nextLimit, nextProblem,
    h('div', { class: 'actions' }, h('button', { type: 'button', onclick: locate, 'data-test': 'gps' }, t('gps')), gpsStatus),
    photos.node,
    error,
    h('div', { class: 'actions sticky' }, submit,
      h('button', { type: 'button', 'data-test': 'cancel-visit', onclick: () => void draft.cancel() }, t('cancel'))),
  ));
  if (amends?.outcome) for (const r of outcomeRadios) r.checked = r.value === amends.outcome;
  showOutcome();
  const draft = keepDraft(ctx, form, draftKey('visit', amends ? `amends-${amends.id}` : hh.id));
  return form;
}
