/**
 * A recorded visit as protocol operations: one `insert` of the append-only visit, plus one
 * `transition` per member whose status changed. The caller stores them in one transaction.
 */
import { uuid } from '../local/outbox.js';

/** @typedef {import('../local/outbox.js').Draft} Draft */
/**
 * @typedef {{
 *   household_id: string, person_ids: string[], channel: string, occurred_at: string, notes: string,
 *   services: string[], next_follow_up: string|null, status_changes: Record<string, string>,
 *   lat?: number|null, lng?: number|null, accuracy_m?: number|null, amends_visit_id?: string|null,
 * }} VisitInput
 */

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
