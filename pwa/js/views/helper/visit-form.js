/**
 * Record a visit: channel, when, who was seen, notes, services, a status change per member,
 * the next follow-up (suggested from the members' categories), and optionally where (GPS with
 * its accuracy). Saving stores the visit and its status transitions in one transaction; the
 * visit then shows everywhere at once. `?amends=<visit>` amends a returned visit: a new visit
 * that points at it, prefilled from it.
 */
import { h, nextId } from '../../ui/dom.js';
import { t, label } from '../../i18n/index.js';
import { suggestNextFollowUp, dayOf } from '../../domain/followup.js';
import { visitDrafts } from '../../domain/visit.js';

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
    value: localDateTime(amends ? Date.parse(amends.occurred_at) : ctx.now()) });
  const notes = h('textarea', { id: 'notes', name: 'notes', required: true, rows: 4 }, amends?.notes ?? '');
  const seen = members.map((p) => h('input', { type: 'checkbox', name: 'seen', value: p.id, checked: preselected.includes(p.id), onchange: () => suggest() }));
  const services = SERVICES.map((s) => h('input', { type: 'checkbox', name: 'services', value: s, checked: (amends?.services ?? []).includes(s) }));
  const statusSelects = members.map((p) => {
    const id = nextId('st');
    return { person: p, id, select: h('select', { id, name: `status-${p.id}` },
      h('option', { value: '' }, t('no_change')),
      STATUSES.filter((s) => s !== p.status).map((s) => h('option', { value: s }, label('status', s)))) };
  });
  const next = h('input', { id: 'next', name: 'next', type: 'date', oninput: () => { next.dataset.touched = '1'; } });
  const nextHint = h('p', { class: 'hint', id: 'next-hint' });
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
    h('label', { for: 'when' }, t('occurred_at')), when,
    h('fieldset', null, h('legend', null, t('who_seen')),
      members.map((p, i) => h('label', { class: 'check' }, seen[i], p.name))),
    h('label', { for: 'notes' }, t('notes')), notes,
    h('fieldset', null, h('legend', null, t('services')),
      h('div', { class: 'chips' }, SERVICES.map((s, i) => h('label', { class: 'check' }, services[i], label('service', s))))),
    h('fieldset', null, h('legend', null, t('status_change')),
      statusSelects.map((s) => [h('label', { for: s.id }, s.person.name, ' · ', label('status', s.person.status)), s.select])),
    h('label', { for: 'next' }, t('next_follow_up')), next, nextHint,
    h('div', { class: 'actions' }, h('button', { type: 'button', onclick: locate, 'data-test': 'gps' }, t('gps')), gpsStatus),
    error,
    h('div', { class: 'actions sticky' }, submit,
      h('button', { type: 'button', onclick: () => history.back() }, t('cancel'))),
  );
}
