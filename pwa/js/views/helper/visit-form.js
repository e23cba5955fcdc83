/**
 * Record a visit: channel, when, who was seen, notes, services, a status change per member,
 * the next follow-up (suggested from the members' categories), and optionally where (GPS with
 * its accuracy). Saving stores the visit and its status transitions in one transaction; the
 * visit then shows everywhere at once. `?amends=<visit>` amends a returned visit: a new visit
 * that points at it, prefilled from it.
 *
 * Before saving it tells what the server would refuse (domain/limits.js): notes longer than the
 * limit (a counter shows it while typing), a visit dated more than a day ahead, a next
 * follow-up more than two years ahead. Nothing is saved until they are fixed.
 */
import { h, nextId } from '../../ui/dom.js';
import { t, label } from '../../i18n/index.js';
import { suggestNextFollowUp, dayOf } from '../../domain/followup.js';
import { visitDrafts } from '../../domain/visit.js';
import { checkFollowUp, checkVisitTime, latestFollowUp, LIMITS } from '../../domain/limits.js';
import { boundedText, problemText } from '../../ui/bounded.js';

const CHANNELS = ['home_visit', 'phone', 'online', 'service_point', 'accompanied_interview'];
const SERVICES = [
  'vocational_guidance', 'psychological_support', 'heart_to_heart', 'cv_revision', 'mock_interview',
  'interview_accompaniment', 'recruitment_event', 'job_recommendation', 'training_referral',
  'policy_information', 'entrepreneurship_support', 'public_welfare_placement',
];
const STATUSES = ['studying', 'seeking', 'internship', 'informal', 'employed', 'further_study', 'unemployed', 'not_eligible'];

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

  const channel = h('select', { id: 'channel', name: 'channel', required: true },
    CHANNELS.map((c) => h('option', { value: c, selected: (amends?.channel ?? 'home_visit') === c }, label('channel', c))));
  const when = h('input', { id: 'when', name: 'when', type: 'datetime-local', required: true,
    max: localDateTime(ctx.now() + LIMITS.visit_ahead_ms), 'aria-describedby': 'when-hint when-problem',
    value: localDateTime(amends ? Date.parse(amends.occurred_at) : ctx.now()) });
  const whenHint = h('p', { class: 'hint', id: 'when-hint' }, t('visit_when_hint'));
  const whenProblem = h('p', { class: 'error', id: 'when-problem', role: 'alert', 'data-test': 'when-problem' });
  const notesField = boundedText({ entity: 'visit', field: 'notes', id: 'notes', label: t('notes'), value: amends?.notes ?? '', required: true });
  const notes = notesField.input;
  const seen = members.map((p) => h('input', { type: 'checkbox', name: 'seen', value: p.id, checked: preselected.includes(p.id), onchange: () => suggest() }));
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

  /** Show what is wrong with the dates; true when both are fine. */
  const checkDates = () => {
    const whenProblemFound = checkVisitTime(when.value ? new Date(when.value).getTime() : ctx.now(), ctx.now());
    const nextProblemFound = checkFollowUp(next.value, ctx.now());
    whenProblem.textContent = whenProblemFound ? problemText(whenProblemFound) : '';
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
  const error = h('p', { class: 'error', role: 'alert' });

  const suggest = () => {
    if (next.dataset.touched) return;
    const chosen = members.filter((p, i) => seen[i].checked);
    const cats = (chosen.length ? chosen : members).map((p) => p.category);
    const day = dayOf(when.value ? new Date(when.value).getTime() : ctx.now());
    next.value = suggestNextFollowUp(cats, ctx.intervals(), day) ?? '';
    const intervals = ctx.intervals();
    const shortest = cats.filter((c) => c && intervals[c]).sort((a, b) => intervals[a] - intervals[b])[0];
    nextHint.textContent = shortest ? t('suggested_from', { category: label('category', shortest), n: intervals[shortest] }) : '';
  };
  when.addEventListener('change', suggest);
  suggest();

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
    const personIds = members.filter((p, i) => seen[i].checked).map((p) => p.id);
    if (!notes.value.trim()) {
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
    const { drafts } = visitDrafts(
      {
        household_id: hh.id,
        person_ids: personIds,
        channel: channel.value,
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
      await replica.record(drafts);
      ctx.toast(t('saved_locally'));
      ctx.nav(query.get('person') ? `/person/${query.get('person')}` : `/household/${hh.id}`);
    } catch (err) {
      submit.disabled = false;
      error.textContent = String(err instanceof Error ? err.message : err);
    }
  };

  const submit = h('button', { type: 'submit', class: 'primary', 'data-test': 'save-visit' }, t('save'));
  return h('form', { class: 'visit-form', onsubmit: save, novalidate: true },
    h('h1', null, t('visit_form_title')),
    h('p', { class: 'muted' }, hh.address),
    amends && h('p', { class: 'error' }, t('amend_of'), ': ', t('returned_comment', { comment: amends.review_comment ?? '—' })),
    h('label', { for: 'channel' }, t('channel')), channel,
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
    error,
    h('div', { class: 'actions sticky' }, submit,
      h('button', { type: 'button', onclick: () => history.back() }, t('cancel'))),
  );
}
