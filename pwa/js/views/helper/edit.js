/**
 * Keeping a file true: every field of a person, or a household's address, committee,
 * zero-employment flag and location (from the phone's GPS, or proposed from a visit's good
 * fix: `views/location/field.js`), edited offline.
 *
 * Each field shows its merge class from the registry: a reviewed field (`lww_review`) says that
 * a supervisor sees it if someone else changed it meanwhile. Only changed fields are sent, each
 * as a `set` carrying the stamp of the value this phone saw (`base`, PROTOCOL.md 5.1), so a
 * concurrent change opens a conflict instead of vanishing; the status is a `transition` of the
 * state machine, and its change proposes the category and interval that follow
 * (`suggestForStatus`), which the helper takes with one tap. A changed identity number or phone
 * is looked up in the replica first, like a registration.
 */
import { h } from '../../ui/dom.js';
import { t } from '../../i18n/index.js';
import { draftKey } from '../../local/drafts.js';
import { keepDraft } from '../../ui/draft-form.js';
import { problemText } from '../../ui/bounded.js';
import { checkText } from '../../domain/limits.js';
import { checkPerson, editDrafts, changedFields, mergeClass } from '../../domain/file-fields.js';
import { findDuplicates, blocksSaving } from '../../domain/duplicates.js';
import { personFields, duplicateNotice, proposeCategory, localDay } from './file-form.js';
import { knownCommittees, refreshCommittees } from './committees.js';
import { locationField } from '../location/field.js';
import { proposedFix } from '../../domain/geo.js';

/** @typedef {import('../context.js').Ctx} Ctx */

/**
 * Save the changed fields; navigate back to the record's page (replacing the form's entry).
 * @param {Ctx} ctx @param {string} entity @param {Record<string, any>} before @param {Record<string, any>} after
 * @param {string} to @param {import('../../ui/draft-form.js').KeptDraft} draft
 */
async function saveEdit(ctx, entity, before, after, to, draft) {
  const drafts = editDrafts(entity, before.id, before, after, (field) => ctx.replica.stampOf(entity, before.id, field));
  if (drafts.length) await ctx.replica.record(drafts);
  await draft.clear();
  ctx.toast(drafts.length ? t('saved_locally') : t('file_nothing_changed'));
  location.replace(`#${to}`);
}

/** The note on reviewed fields, once at the top of a form. */
function reviewedNote() {
  return h('p', { class: 'hint' }, h('span', { class: 'badge' }, t('file_reviewed')), ' ', t('file_reviewed_hint'));
}

/** @param {Ctx} ctx @param {import('../context.js').RouteArgs} args */
export function personEdit(ctx, { params }) {
  const p = ctx.replica.get('person', params.id);
  if (!p) return h('div', null, h('h1', null, t('file_edit_title')), h('p', null, t('not_found')));
  const hh = ctx.replica.get('household', p.household_id);
  const fields = personFields({ values: p, named: true, review: true });
  proposeCategory(fields, p, () => hh, ctx.intervals, { auto: false });
  const notice = h('div');
  const error = h('p', { class: 'error', role: 'alert' });
  let confirmed = false;
  const submit = h('button', { type: 'submit', class: 'primary', 'data-test': 'save-edit' }, t('save'));
  /** @param {Event} event */
  const save = async (event) => {
    event.preventDefault();
    notice.replaceChildren();
    error.textContent = '';
    const after = fields.read();
    const bad = fields.show(checkPerson(after, localDay(ctx.now())));
    if (bad) {
      error.textContent = t('attention_fix_first');
      return bad.focus();
    }
    const changed = changedFields(p, after);
    if (changed.some((f) => ['id_number', 'phone', 'name', 'birth_date'].includes(f))) {
      const matches = findDuplicates(ctx.replica.all('person'), after, p.id);
      if (blocksSaving(matches)) {
        notice.replaceChildren(duplicateNotice(matches.filter((m) => m.key === 'id_number'), null));
        return fields.rows.get('id_number')?.input.focus();
      }
      if (matches.length && !confirmed) {
        notice.replaceChildren(duplicateNotice(matches, () => { confirmed = true; form.requestSubmit(); }));
        return;
      }
    }
    submit.disabled = true;
    try {
      await saveEdit(ctx, 'person', p, after, `/person/${p.id}`, draft);
    } catch (err) {
      submit.disabled = false;
      error.textContent = String(err instanceof Error ? err.message : err);
    }
  };
  const form = h('form', { class: 'edit-form', onsubmit: save, novalidate: true },
    h('h1', null, t('file_edit_title')),
    h('p', { class: 'muted' }, p.name, hh ? ` · ${hh.address}` : ''),
    p._pending && h('p', null, h('span', { class: 'badge warn' }, t('pending'))),
    reviewedNote(),
    fields.nodes, notice, error,
    h('div', { class: 'actions sticky' }, submit,
      h('button', { type: 'button', onclick: () => void draft.cancel() }, t('cancel'))));
  form.addEventListener('input', () => { confirmed = false; });
  const draft = keepDraft(ctx, form, draftKey('person-edit', p.id));
  return form;
}

/** @param {Ctx} ctx @param {import('../context.js').RouteArgs} args */
export function householdEdit(ctx, { params }) {
  const hh = ctx.replica.get('household', params.id);
  if (!hh) return h('div', null, h('h1', null, t('file_edit_household_title')), h('p', null, t('not_found')));
  /** @param {string} field */
  const mark = (field) => mergeClass('household', field) === 'lww_review' && h('span', { class: 'badge', title: t('file_reviewed_hint') }, t('file_reviewed'));
  const address = h('input', { id: 'hh-address', name: 'address', required: true, value: hh.address ?? '', 'aria-describedby': 'hh-address-problem' });
  const addressProblem = h('p', { class: 'error', id: 'hh-address-problem', role: 'alert' });
  const committee = h('select', { id: 'hh-committee', name: 'committee_id', required: true });
  const fillCommittees = () => {
    const current = committee.value || hh.committee_id;
    committee.replaceChildren(...knownCommittees(ctx).map((c) => h('option', { value: c.id, selected: c.id === current }, c.name)));
  };
  fillCommittees();
  void refreshCommittees(ctx).then((list) => { if (list && committee.isConnected) fillCommittees(); });
  const zero = h('input', { id: 'hh-zero', name: 'zero_employment', type: 'checkbox', value: 'yes', checked: Boolean(hh.zero_employment) });
  const visits = ctx.replica.all('visit').filter((/** @type {any} */ v) => v.household_id === hh.id);
  const place = locationField(hh, { proposal: proposedFix(hh, visits) });
  const error = h('p', { class: 'error', role: 'alert' });
  /** @param {Event} event */
  const save = async (event) => {
    event.preventDefault();
    const where = address.value.trim();
    const bad = !where ? { key: 'file_required' } : checkText('household', 'address', where);
    addressProblem.textContent = bad ? problemText(bad) : '';
    if (bad) return address.focus();
    try {
      const at = place.read();
      await saveEdit(ctx, 'household', hh, { address: where, committee_id: committee.value, zero_employment: zero.checked,
        lat: at.lat, lng: at.lng }, `/household/${hh.id}`, draft);
    } catch (err) {
      error.textContent = String(err instanceof Error ? err.message : err);
    }
  };
  const form = h('form', { class: 'edit-form', onsubmit: save, novalidate: true },
    h('h1', null, t('file_edit_household_title')),
    reviewedNote(),
    h('label', { for: 'hh-address' }, t('file_f_address'), ' ', mark('address')), address, addressProblem,
    h('label', { for: 'hh-committee' }, t('file_f_committee_id'), ' ', mark('committee_id')), committee,
    h('label', { class: 'check', for: 'hh-zero' }, zero, t('file_f_zero_employment'), mark('zero_employment')),
    h('p', { class: 'label' }, t('bg_location_label'), ' ', mark('lat')), place.node,
    error,
    h('div', { class: 'actions sticky' }, h('button', { type: 'submit', class: 'primary', 'data-test': 'save-household' }, t('save')),
      h('button', { type: 'button', onclick: () => void draft.cancel() }, t('cancel'))));
  const draft = keepDraft(ctx, form, draftKey('household-edit', hh.id));
  return form;
}
