/**
 * Registering at the door, offline: a household (address, committee, the zero-employment flag)
 * and its members, each with every field of the file (`domain/file-fields.js`), or one more
 * member of a household already on file (`#/household/:id/add`).
 *
 * Before saving, each member is checked like the server checks (identity number, dates, pay,
 * lengths) and looked up in the replica for a file that may be the same person
 * (`domain/duplicates.js`): the same identity number stops the save and links to that file; the
 * same phone, or name and birth date, asks the helper to open it or confirm someone else. The
 * registration is then one transaction of `insert` ops, household first (PROTOCOL.md: an op may
 * name a row an earlier op of the same push creates). The form keeps its draft as it is typed.
 */
import { h } from '../../ui/dom.js';
import { t } from '../../i18n/index.js';
import { uuid } from '../../local/outbox.js';
import { draftKey } from '../../local/drafts.js';
import { keepDraft } from '../../ui/draft-form.js';
import { problemText } from '../../ui/bounded.js';
import { checkText } from '../../domain/limits.js';
import { checkPerson, personInsert } from '../../domain/file-fields.js';
import { findDuplicates, blocksSaving } from '../../domain/duplicates.js';
import { personFields, duplicateNotice, proposeCategory, localDay } from './file-form.js';
import { knownCommittees, refreshCommittees } from './committees.js';
import { locationField } from '../location/field.js';

/** @typedef {import('../context.js').Ctx} Ctx */
/** @typedef {import('./file-form.js').PersonFields} PersonFields */

const NEW_PERSON = { status: 'seeking' };

/**
 * Check members and look for duplicates; null when saving may go on, else what to show.
 * @param {Ctx} ctx @param {PersonFields[]} members @param {boolean} confirmed
 * @param {(matches: import('../../domain/duplicates.js').Match[], confirm: (() => void)|null) => void} warn
 */
function checkMembers(ctx, members, confirmed, warn) {
  const today = localDay(ctx.now());
  /** @type {HTMLElement|null} */
  let first = null;
  const values = members.map((m) => m.read());
  members.forEach((m, i) => { first ??= m.show(checkPerson(values[i], today)); });
  if (first) return /** @type {HTMLElement} */ (first);
  // Each member against the caseload and against the members typed before it.
  const persons = ctx.replica.all('person');
  for (let i = 0; i < values.length; i++) {
    const others = [...persons, ...values.slice(0, i).map((v, j) => ({ ...v, id: `form-${j}` }))];
    const matches = findDuplicates(others, values[i]).filter((m) => !m.person.id.startsWith('form-') || m.key === 'id_number');
    if (!matches.length) continue;
    if (blocksSaving(matches)) {
      warn(matches.filter((m) => m.key === 'id_number'), null);
      return members[i].rows.get('id_number')?.input ?? null;
    }
    if (!confirmed) {
      warn(matches, () => {});
      return members[i].rows.get('name')?.input ?? null;
    }
  }
  return null;
}

/** @param {Ctx} ctx */
export function registerHousehold(ctx) {
  const address = h('input', { id: 'hh-address', name: 'address', required: true, autocomplete: 'street-address', 'aria-describedby': 'hh-address-problem' });
  const addressProblem = h('p', { class: 'error', id: 'hh-address-problem', role: 'alert' });
  const committee = h('select', { id: 'hh-committee', name: 'committee_id', required: true, 'aria-describedby': 'hh-committee-hint' });
  const committeeHint = h('p', { class: 'hint', id: 'hh-committee-hint' });
  const fillCommittees = () => {
    const list = knownCommittees(ctx);
    const current = committee.value;
    committee.replaceChildren(h('option', { value: '' }, '—'), ...list.map((c) => h('option', { value: c.id, selected: c.id === current }, c.name)));
    committeeHint.textContent = list.length ? '' : t('file_no_committees');
  };
  fillCommittees();
  void refreshCommittees(ctx).then((list) => { if (list && committee.isConnected) fillCommittees(); });
  const zero = h('input', { id: 'hh-zero', name: 'zero_employment', type: 'checkbox', value: 'yes' });
  const place = locationField(null);

  /** @type {PersonFields[]} */
  const members = [];
  const memberList = h('div', { 'data-test': 'members' });
  /** @type {(() => void)[]} */
  const proposals = [];
  const household = () => ({ zero_employment: zero.checked });
  /** @param {Record<string, string|boolean>} [typed] */
  const addMember = (typed) => {
    const fields = personFields({ values: NEW_PERSON });
    const n = members.length + 1;
    const remove = h('button', { type: 'button', class: 'danger', 'data-test': 'remove-member', onclick: () => {
      const at = members.indexOf(fields);
      if (at < 0 || members.length === 1) return;
      members.splice(at, 1);
      box.remove();
      draft.touch();
    } }, t('file_remove_member'));
    const box = h('fieldset', { class: 'member', 'data-test': 'member-form' }, h('legend', null, t('file_member_n', { n })), fields.nodes, n > 1 && remove);
    memberList.append(box);
    members.push(fields);
    const update = proposeCategory(fields, NEW_PERSON, household, ctx.intervals, { auto: true });
    if (update) proposals.push(update);
    // What was typed (a restored draft) wins over the first suggestion.
    if (typed) fields.write(typed);
    return fields;
  };
  zero.addEventListener('change', () => proposals.forEach((p) => p()));
  addMember();

  const notice = h('div');
  const error = h('p', { class: 'error', role: 'alert' });
  let confirmed = false;
  const submit = h('button', { type: 'submit', class: 'primary', 'data-test': 'save-registration' }, t('save'));

  /** @param {Event} event */
  const save = async (event) => {
    event.preventDefault();
    notice.replaceChildren();
    error.textContent = '';
    const where = address.value.trim();
    const addressBad = !where ? { key: 'file_required' } : checkText('household', 'address', where);
    addressProblem.textContent = addressBad ? problemText(addressBad) : '';
    if (addressBad) return address.focus();
    if (!committee.value) {
      committeeHint.textContent = t('file_required');
      return committee.focus();
    }
    const bad = checkMembers(ctx, members, confirmed, (matches, confirm) => notice.replaceChildren(
      duplicateNotice(matches, confirm && (() => { confirmed = true; form.requestSubmit(); }))));
    if (bad) {
      // A duplicate explains itself in its notice; otherwise fields are marked.
      if (!notice.childElementCount) error.textContent = t('attention_fix_first');
      return bad.focus();
    }
    const householdId = uuid();
    const today = localDay(ctx.now());
    const at = place.read();
    const drafts = [
      { entity: 'household', entity_id: householdId, kind: /** @type {const} */ ('insert'),
        data: { address: where, committee_id: committee.value, zero_employment: zero.checked,
          ...(at.lat == null ? {} : { lat: at.lat, lng: at.lng }) } },
      ...members.map((m) => ({ entity: 'person', entity_id: uuid(), kind: /** @type {const} */ ('insert'),
        data: personInsert(householdId, m.read(), today) })),
    ];
    submit.disabled = true;
    try {
      await ctx.replica.record(drafts);
      await draft.clear();
      ctx.toast(t('saved_locally'));
      // Replaced, not pushed: back from the new household does not reopen an empty form.
      location.replace(`#/household/${householdId}`);
    } catch (err) {
      submit.disabled = false;
      error.textContent = String(err instanceof Error ? err.message : err);
    }
  };

  const form = h('form', { class: 'register-form', onsubmit: save, novalidate: true },
    h('h1', null, t('file_register_title')),
    h('p', { class: 'hint' }, t('file_register_intro')),
    h('fieldset', null, h('legend', null, t('file_s_household')),
      h('label', { for: 'hh-address' }, t('file_f_address'), ' *'), address, addressProblem,
      h('label', { for: 'hh-committee' }, t('file_f_committee_id'), ' *'), committee, committeeHint,
      h('label', { class: 'check', for: 'hh-zero' }, zero, t('file_f_zero_employment')),
      h('p', { class: 'label' }, t('bg_location_label')), place.node),
    h('h2', null, t('members')),
    memberList,
    h('div', { class: 'actions' }, h('button', { type: 'button', 'data-test': 'add-member-form', onclick: () => { addMember(); draft.touch(); } }, t('file_add_another'))),
    notice, error,
    h('div', { class: 'actions sticky' }, submit,
      h('button', { type: 'button', onclick: () => void draft.cancel() }, t('cancel'))));
  form.addEventListener('input', () => { confirmed = false; });
  const draft = keepDraft(ctx, form, draftKey('register', null), {
    state: {
      read: () => members.map((m) => m.raw()),
      write: (list) => {
        if (!Array.isArray(list) || !list.length) return;
        members.length = 0;
        proposals.length = 0;
        memberList.replaceChildren();
        for (const typed of list) addMember(typed);
      },
    },
  });
  return form;
}

/** @param {Ctx} ctx @param {import('../context.js').RouteArgs} args */
export function addPerson(ctx, { params }) {
  const hh = ctx.replica.get('household', params.id);
  if (!hh) return h('div', null, h('h1', null, t('file_add_title')), h('p', null, t('not_found')));
  const fields = personFields({ values: NEW_PERSON, named: true });
  proposeCategory(fields, NEW_PERSON, () => hh, ctx.intervals, { auto: true });
  const notice = h('div');
  const error = h('p', { class: 'error', role: 'alert' });
  let confirmed = false;
  const submit = h('button', { type: 'submit', class: 'primary', 'data-test': 'save-person' }, t('save'));
  /** @param {Event} event */
  const save = async (event) => {
    event.preventDefault();
    notice.replaceChildren();
    error.textContent = '';
    const bad = checkMembers(ctx, [fields], confirmed, (matches, confirm) => notice.replaceChildren(
      duplicateNotice(matches, confirm && (() => { confirmed = true; form.requestSubmit(); }))));
    if (bad) {
      // A duplicate explains itself in its notice; otherwise fields are marked.
      if (!notice.childElementCount) error.textContent = t('attention_fix_first');
      return bad.focus();
    }
    const personId = uuid();
    submit.disabled = true;
    try {
      await ctx.replica.record([{ entity: 'person', entity_id: personId, kind: 'insert',
        data: personInsert(hh.id, fields.read(), localDay(ctx.now())) }]);
      await draft.clear();
      ctx.toast(t('saved_locally'));
      location.replace(`#/person/${personId}`);
    } catch (err) {
      submit.disabled = false;
      error.textContent = String(err instanceof Error ? err.message : err);
    }
  };
  const form = h('form', { class: 'register-form', onsubmit: save, novalidate: true },
    h('h1', null, t('file_add_title')),
    h('p', { class: 'muted' }, hh.address),
    fields.nodes, notice, error,
    h('div', { class: 'actions sticky' }, submit,
      h('button', { type: 'button', onclick: () => void draft.cancel() }, t('cancel'))));
  form.addEventListener('input', () => { confirmed = false; });
  const draft = keepDraft(ctx, form, draftKey('add-person', hh.id));
  return form;
}
