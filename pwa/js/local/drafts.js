/**
 * Drafts of forms being typed, in the `drafts` store of the user's partition (db.js v4), so what
 * a helper was writing survives a reload, a closed tab and an app update: an update never drops
 * the store, and the partition is per user, so a second user on the phone never sees it.
 *
 * A draft is `{key, data, saved_at}`: `key` names the form and the record it is about (use
 * `draftKey('visit', householdId)`), `data` is whatever the form chose to keep (ui/draft-form.js
 * keeps the form's fields), `saved_at` is when it was last written (ISO 8601).
 *
 * Every read and every write goes through `toStored` / `fromStored` just below. They are the one
 * place a draft becomes the value IndexedDB holds and back: the vault (encryption at rest)
 * installs its own pair with `setDraftCodec()` and every draft is sealed without touching this
 * module's callers. The codec may be async; the stored value must keep `key` in clear (it is the
 * store's keyPath) and should keep `saved_at` (listDrafts sorts by it without decoding).
 */

/** @typedef {import('./db.js').DB} DB */
/** @typedef {{key: string, data: any, saved_at: string}} Draft */
/** @typedef {{key: string, saved_at: string} & Record<string, any>} StoredDraft */
/**
 * @typedef {{
 *   toStored(draft: Draft): StoredDraft | Promise<StoredDraft>,
 *   fromStored(stored: StoredDraft): Draft | Promise<Draft>,
 * }} DraftCodec
 */

/** @type {DraftCodec} */
const PLAIN = {
  toStored: (draft) => ({ key: draft.key, data: draft.data, saved_at: draft.saved_at }),
  fromStored: (stored) => ({ key: stored.key, data: stored.data, saved_at: stored.saved_at }),
};

let codec = PLAIN;

/** A draft as IndexedDB will hold it. @param {Draft} draft @returns {Promise<StoredDraft>} */
async function toStored(draft) {
  return codec.toStored(draft);
}

/** A draft as IndexedDB held it. @param {StoredDraft} stored @returns {Promise<Draft>} */
async function fromStored(stored) {
  return codec.fromStored(stored);
}

/**
 * Replace how drafts are stored (the vault wraps them in encryption). `null` puts plain storage back.
 * @param {DraftCodec | null} next
 */
export function setDraftCodec(next) {
  codec = next ?? PLAIN;
}

const STORE = 'drafts';

/**
 * The key of a form's draft: the form's name and the record it is about (or `new` for a form
 * that creates one), e.g. `visit:hh-12`, `guidance.know:p-3`.
 * @param {string} form @param {string | null | undefined} [id]
 */
export function draftKey(form, id) {
  return `${form}:${id ?? 'new'}`;
}

/**
 * The draft kept under `key`, or null.
 * @param {DB} db @param {string} key @returns {Promise<Draft | null>}
 */
export async function loadDraft(db, key) {
  const stored = await db.get(STORE, key);
  return stored ? fromStored(stored) : null;
}

/**
 * Keep (or replace) the draft under `key`.
 * @param {DB} db @param {string} key @param {any} data must be structured-cloneable
 * @param {number} [now] ms since the epoch (tests)
 * @returns {Promise<Draft>}
 */
export async function saveDraft(db, key, data, now = Date.now()) {
  const draft = { key, data, saved_at: new Date(now).toISOString() };
  await db.put(STORE, await toStored(draft));
  return draft;
}

/** Forget the draft under `key` (saved for real, or discarded). @param {DB} db @param {string} key */
export async function dropDraft(db, key) {
  await db.delete(STORE, key);
}

/**
 * Every draft in the partition, the most recently written first (a "you have unfinished forms"
 * list, or a check before signing out).
 * @param {DB} db @returns {Promise<Draft[]>}
 */
export async function listDrafts(db) {
  /** @type {StoredDraft[]} */
  const all = await db.getAll(STORE);
  all.sort((a, b) => (a.saved_at < b.saved_at ? 1 : a.saved_at > b.saved_at ? -1 : 0));
  return Promise.all(all.map(fromStored));
}
