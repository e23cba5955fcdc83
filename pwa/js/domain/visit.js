/**
 * A recorded visit as protocol operations: one `insert` of the append-only visit, plus one
 * `transition` per member whose status changed. The caller stores them in one transaction.
 *
 * Every visit says what came of it (`outcome`, from sync/vocabulary.json): a contact reached the
 * persons it names, an attempt (nobody home, no answer, wrong number) did not, and only a contact
 * resets a person's follow-up. A visit naming nobody is an attempt on the household.
 */
import { uuid } from '../local/outbox.js';
import { ATTEMPT_OUTCOMES, CONTACT_OUTCOMES, LEGACY_OUTCOME, defaultOutcome, isContact, outcomesFor } from './vocabulary.js';

/** @typedef {import('../local/outbox.js').Draft} Draft */
/**
 * @typedef {{
 *   household_id: string, person_ids: string[], channel: string, occurred_at: string, notes: string,
 *   services: string[], next_follow_up: string|null, status_changes: Record<string, string>,
 *   lat?: number|null, lng?: number|null, accuracy_m?: number|null, amends_visit_id?: string|null,
 *   outcome?: string|null,
 * }} VisitInput
 */

/**
 * What to tell the helper about an outcome before saving, as a message key, or null when it
 * may be saved: an outcome the channel does not offer, or a contact that names nobody.
 * @param {string} channel @param {string|null|undefined} outcome @param {string[]} personIds
 * @returns {string|null}
 */
export function checkOutcome(channel, outcome, personIds) {
  if (!outcome) return null;
  if (!outcomesFor(channel).includes(outcome)) return 'visit_outcome_needs_person';
  if (CONTACT_OUTCOMES.includes(outcome) && personIds.length === 0) return 'visit_outcome_needs_person';
  return null;
}

/**
 * The outcome to record: the one chosen (by default the channel's first contact outcome), except
 * that a visit naming nobody reached nobody, so it becomes the channel's first attempt (home
 * visit: nobody home). A channel with no attempt outcome keeps what was chosen (checkOutcome
 * refuses a contact naming nobody before it gets here).
 * @param {string} channel @param {string|null|undefined} outcome @param {string[]} personIds
 * @returns {string|null}
 */
export function effectiveOutcome(channel, outcome, personIds) {
  if (personIds.length) return outcome || (defaultOutcome(channel, true) ?? LEGACY_OUTCOME);
  if (outcome && ATTEMPT_OUTCOMES.includes(outcome)) return outcome;
  return defaultOutcome(channel, false) ?? outcome ?? null;
}

/** Was this visit a contact or an attempt? @param {{outcome?: string|null, person_ids?: string[]|null}} visit */
export function visitKind(visit) {
  return isContact(visit) ? 'contact' : 'attempt';
}

/**
 * A call logged in two taps: a phone visit to one person, now, with its outcome.
 * @param {{id: string, household_id: string}} person
 * @param {string} outcome one of the phone's outcomes
 * @param {number} nowMs
 * @param {() => string} [newId]
 */
export function callDrafts(person, outcome, nowMs, newId = uuid) {
  if (!outcomesFor('phone').includes(outcome)) throw new Error(`not a phone outcome: ${outcome}`);
  return visitDrafts({
    household_id: person.household_id, person_ids: [person.id], channel: 'phone', outcome,
    occurred_at: new Date(nowMs).toISOString(), notes: '', services: [], next_follow_up: null, status_changes: {},
  }, () => undefined, newId);
}

/**
 * @param {VisitInput} input
 * @param {(personId: string) => Record<string, any>|undefined} personOf the visible person record
 * @param {() => string} [newId]
 * @returns {{visitId: string, drafts: Draft[]}}
 */
export function visitDrafts(input, personOf, newId = uuid) {
  const visitId = newId();
  /** @type {Record<string, any>} */
  const data = {
    household_id: input.household_id,
    person_ids: input.person_ids,
    channel: input.channel,
    occurred_at: input.occurred_at,
    notes: input.notes.trim(),
    services: input.services,
    next_follow_up: input.next_follow_up || null,
  };
  if (typeof input.lat === 'number' && typeof input.lng === 'number') {
    data.lat = input.lat;
    data.lng = input.lng;
    data.accuracy_m = input.accuracy_m ?? null;
  }
  if (input.amends_visit_id) data.amends_visit_id = input.amends_visit_id;
  // The outcome goes on the wire when it says more than what the persons named already say
  // (named: the channel's contact; nobody: its attempt), which the server fills in the same way.
  const outcome = effectiveOutcome(input.channel, input.outcome, input.person_ids);
  if (outcome && outcome !== effectiveOutcome(input.channel, null, input.person_ids)) data.outcome = outcome;
  /** @type {Draft[]} */
  const drafts = [{ entity: 'visit', entity_id: visitId, kind: 'insert', data }];
  for (const [personId, to] of Object.entries(input.status_changes)) {
    const from = personOf(personId)?.status ?? null;
    if (!to || to === from) continue;
    drafts.push({ entity: 'person', entity_id: personId, kind: 'transition', data: { field: 'status', from, to } });
  }
  return { visitId, drafts };
}

/**
 * The returned visits of this user still waiting for an amendment.
 * @template {Record<string, any>} V
 * @param {V[]} visits
 * @param {string} userId
 * @returns {V[]}
 */
export function returnedVisits(visits, userId) {
  const amended = new Set(visits.map((v) => v.amends_visit_id).filter(Boolean));
  return visits.filter((v) => v.review_state === 'returned' && (!v.author_id || v.author_id === userId) && !amended.has(v.id));
}
