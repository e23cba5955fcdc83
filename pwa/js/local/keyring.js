/**
 * Which data key seals which open partition, and the two calls every storage layer uses:
 * `sealFields` before a write transaction, `openFields` after a read.
 *
 * WebCrypto is asynchronous and an IndexedDB transaction commits as soon as it waits on
 * anything else, so values are sealed before the transaction that stores them and opened after
 * the one that read them. Rows keep in the clear only what IndexedDB itself needs (the key path:
 * an entity name, a random id, a seq) and what is no one's personal data (op kind, stamps of
 * time); everything else travels in `sealed`.
 *
 * A partition the app has unlocked has its key here; locking forgets the key but keeps the entry,
 * so a write that races a lock fails instead of writing in the clear. Only a partition opened
 * without ever attaching a key (the sync loop's unit tests) reads and writes plain rows; rows
 * written in the clear by an older version are read as they are until `vault.js` seals them.
 */
import { openText, sealText, sealValue } from './crypto.js';

/** @typedef {import('./db.js').DB} DB */

export class LockedError extends Error {
  constructor() {
    super('The phone is locked.');
    this.name = 'LockedError';
  }
}

/** @type {WeakMap<DB, {key: CryptoKey|null}>} */
const keys = new WeakMap();

/**
 * What this tab sealed or opened, by place, with the IV of that ciphertext: a row read back
 * with the same IV at the same place is the one written (IVs are random, never reused), so it
 * is not decrypted again. The replica rereads the whole base after every sync and every saved
 * visit; without this each reread would decrypt every row. Values only, in memory, forgotten at
 * lock (the replica holds the same values in the clear while unlocked anyway).
 * @type {WeakMap<DB, Map<string, {iv: string, json: string}>>}
 */
const known = new WeakMap();

/** @param {Uint8Array} sealed */
const ivOf = (sealed) => String.fromCharCode(...sealed.subarray(0, 12));

/** @param {DB} db @param {string} aad @param {Uint8Array} sealed @param {string} json */
function remember(db, aad, sealed, json) {
  let map = known.get(db);
  if (!map) known.set(db, (map = new Map()));
  map.set(aad, { iv: ivOf(sealed), json });
}

/** @param {DB} db @param {CryptoKey} key */
export function attachKey(db, key) {
  keys.set(db, { key });
}

/** Forget the key of an open partition: from now on its reads and writes throw. @param {DB} db */
export function detachKey(db) {
  known.delete(db);
  const entry = keys.get(db);
  if (entry) entry.key = null;
  else keys.set(db, { key: null });
}

/** @param {DB} db @returns {CryptoKey|null|undefined} undefined: never attached (plain partition) */
function keyOf(db) {
  const entry = keys.get(db);
  if (!entry) return undefined;
  if (!entry.key) throw new LockedError();
  return entry.key;
}

/** @param {DB} db */
export function isSealing(db) {
  return keys.get(db)?.key != null;
}

/**
 * The part of a row that holds personal data, sealed under `aad`: `{sealed}`, or the fields as
 * they are in a plain partition.
 * @template {Record<string, any>} T
 * @param {DB} db
 * @param {string} aad
 * @param {T} fields
 * @returns {Promise<T | {sealed: Uint8Array<ArrayBuffer>}>}
 */
export async function sealFields(db, aad, fields) {
  const key = keyOf(db);
  if (key === undefined) return fields;
  const json = JSON.stringify(fields);
  const sealed = await sealText(/** @type {CryptoKey} */ (key), aad, json);
  remember(db, aad, sealed, json);
  return { sealed };
}

/**
 * A stored row with its sealed part opened (a plain row comes back as it is).
 * @template {Record<string, any>} R
 * @param {DB} db
 * @param {string} aad
 * @param {R} row
 * @returns {Promise<R>}
 */
export async function openFields(db, aad, row) {
  if (!(row?.sealed instanceof Uint8Array)) return row;
  const key = keyOf(db);
  if (!key) throw new LockedError();
  const { sealed, ...rest } = row;
  const bytes = /** @type {Uint8Array<ArrayBuffer>} */ (sealed);
  const seen = known.get(db)?.get(aad);
  let json = seen && seen.iv === ivOf(bytes) ? seen.json : null;
  if (json === null) {
    json = await openText(key, aad, bytes);
    remember(db, aad, bytes, json);
  }
  return /** @type {R} */ ({ ...rest, ...JSON.parse(json) });
}

/** Where a base record lives. @param {string} entity @param {string} id */
export const recordAad = (entity, id) => `records/${entity}/${id}`;
/** Where an op lives (the same in outbox, rejected and sent: moving it needs no new seal). @param {string} opId */
export const opAad = (opId) => `op/${opId}`;
/** A value in the partition's metadata. @param {string} name */
export const metaAad = (name) => `meta/${name}`;
/** A form draft (drafts.js). @param {string} key */
export const draftAad = (key) => `drafts/${key}`;

/**
 * Seal one value kept under a single key (metadata, a draft): `{sealed}`, or the value itself in
 * a plain partition.
 * @param {DB} db @param {string} aad @param {unknown} value
 */
export async function sealValueOf(db, aad, value) {
  const key = keyOf(db);
  if (key === undefined) return value;
  return { sealed: await sealValue(/** @type {CryptoKey} */ (key), aad, { value }) };
}

/** @param {DB} db @param {string} aad @param {any} stored @returns {Promise<any>} */
export async function openValueOf(db, aad, stored) {
  if (!(stored?.sealed instanceof Uint8Array)) return stored;
  return (await openFields(db, aad, stored)).value;
}

/**
 * The codec drafts.js routes every read and write through (`setDraftCodec`): the form's data
 * sealed; `key` (the store's key path) and `saved_at` (its sorting) in the clear.
 * @param {DB} db
 * @returns {import('./drafts.js').DraftCodec}
 */
export function sealedDrafts(db) {
  return {
    toStored: async (draft) => ({ key: draft.key, saved_at: draft.saved_at, ...(await sealFields(db, draftAad(draft.key), { data: draft.data })) }),
    fromStored: async (stored) => {
      const open = await openFields(db, draftAad(stored.key), stored);
      return { key: open.key, data: open.data, saved_at: open.saved_at };
    },
  };
}

/** While locked, a draft can be neither written in the clear nor read. @type {import('./drafts.js').DraftCodec} */
export const LOCKED_DRAFTS = {
  toStored: () => { throw new LockedError(); },
  fromStored: () => { throw new LockedError(); },
};
