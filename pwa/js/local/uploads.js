/**
 * Files waiting to go up: the phone's second queue, beside the outbox and never inside it.
 *
 * An attachment is two things: its row (an `attachment` op in the outbox, like a note) and its
 * bytes, which are kept here until the server holds them all. A photo of a few megabytes must
 * never hold up the ops behind it, so the bytes travel on their own (net/uploader.js), after
 * the op queue has drained, resuming from the server's offset after a cut.
 *
 * Schema (db.js v6): `uploads` is the queue, one row per attachment id: its state, how far the
 * server got, when to try again — times and counts in the clear, no one's data — and, sealed,
 * its content type and a small thumbnail (the file section shows it offline). `upload_chunks`
 * holds the bytes in sealed chunks of `CHUNK`, so sending or resuming opens only the chunk it
 * needs, never the whole photo at once. Every chunk is sealed under the upload's place
 * (`uploads/<id>`) with its index inside the sealed value, checked on opening, so chunks cannot
 * be reordered or moved to another upload unnoticed (and the server checks the whole file's
 * sha256 anyway). The vault's codec seals text, so a chunk is kept as base64 inside it: a third
 * more on disk, nothing in the clear. Once uploaded, the chunks go and the row stays as `done`
 * with its thumbnail.
 */
import { openFields, sealFields } from './keyring.js';

/** @typedef {import('./db.js').DB} DB */
/**
 * @typedef {{id: string, state: 'waiting'|'done'|'failed', offset: number, size: number,
 *   attempts: number, next_at: number, created_at: number, error?: string|null,
 *   refusals?: number}} UploadRow
 */
/** @typedef {UploadRow & {content_type: string, thumb: string|null}} Upload */

/** Bytes per sealed chunk, and per PATCH (well under the server's 1 MiB). */
export const CHUNK = 256 * 1024;

/** @param {string} id */
const place = (id) => `uploads/${id}`;
/** @param {string} id */
const metaPlace = (id) => `uploads/${id}/meta`;

/** @param {Uint8Array} bytes */
function toBase64(bytes) {
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

/** @param {string} text @returns {Uint8Array<ArrayBuffer>} */
function fromBase64(text) {
  const raw = atob(text);
  const out = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
  return out;
}

/**
 * Keep a file until it is uploaded. Sealed before the one transaction that stores it.
 * @param {DB} db
 * @param {{id: string, bytes: Uint8Array, content_type: string, thumb?: string|null}} file
 * @param {number} [now]
 */
export async function keepUpload(db, file, now = Date.now()) {
  const chunks = [];
  for (let n = 0; n * CHUNK < file.bytes.length || n === 0; n++) {
    const part = file.bytes.subarray(n * CHUNK, (n + 1) * CHUNK);
    chunks.push({ id: file.id, n, ...(await sealFields(db, place(file.id), { n, b64: toBase64(part) })) });
  }
  /** @type {UploadRow} */
  const row = { id: file.id, state: 'waiting', offset: 0, size: file.bytes.length, attempts: 0, next_at: 0, created_at: now, error: null };
  const sealed = await sealFields(db, metaPlace(file.id), { content_type: file.content_type, thumb: file.thumb ?? null });
  const tx = db.transaction(['uploads', 'upload_chunks'], 'readwrite');
  await Promise.all([tx.objectStore('uploads').put({ ...row, ...sealed }), ...chunks.map((c) => tx.objectStore('upload_chunks').put(c)), tx.done]);
}

/**
 * The queue, each row with its type and thumbnail opened.
 * @param {DB} db
 * @returns {Promise<Upload[]>}
 */
export async function listUploads(db) {
  const rows = await db.getAll('uploads');
  return Promise.all(rows.map((row) => openFields(db, metaPlace(row.id), row)));
}

/**
 * How many files are not on the server yet (waiting or failed): unsynced work, which a logout
 * or a wipe must keep and count, like the outbox.
 * @param {DB} db
 * @returns {Promise<number>}
 */
export async function unsentUploads(db) {
  if (!db.objectStoreNames.contains('uploads')) return 0;
  return (await db.getAll('uploads')).filter((row) => row.state !== 'done').length;
}

/** @param {DB} db @param {string} id @returns {Promise<Upload|undefined>} */
export async function getUpload(db, id) {
  const row = await db.get('uploads', id);
  return row ? openFields(db, metaPlace(id), row) : undefined;
}

/**
 * The bytes from `offset` to the end of the chunk that holds it.
 * @param {DB} db @param {string} id @param {number} offset
 * @returns {Promise<Uint8Array<ArrayBuffer>>}
 */
export async function bytesFrom(db, id, offset) {
  const n = Math.floor(offset / CHUNK);
  const stored = await db.get('upload_chunks', [id, n]);
  if (!stored) throw new Error(`upload ${id} has no chunk ${n}`);
  const open = await openFields(db, place(id), stored);
  if (open.n !== n) throw new Error(`upload ${id}: chunk ${n} is not where it belongs`);
  return fromBase64(open.b64).subarray(offset - n * CHUNK);
}

/**
 * The whole file (to show it offline), or null when its bytes are no longer kept.
 * @param {DB} db @param {string} id
 * @returns {Promise<Blob|null>}
 */
export async function localFile(db, id) {
  const upload = await getUpload(db, id);
  if (!upload || upload.state === 'done') return null;
  const parts = [];
  for (let offset = 0; offset < upload.size; offset += CHUNK) parts.push(await bytesFrom(db, id, offset));
  return new Blob(parts, { type: upload.content_type });
}

/**
 * Change the queue's clear fields of one upload (its state, offset, next try).
 * @param {DB} db @param {string} id @param {Partial<UploadRow>} changes
 */
export async function markUpload(db, id, changes) {
  const tx = db.transaction('uploads', 'readwrite');
  const row = await tx.store.get(id);
  if (row) await tx.store.put({ ...row, ...changes, id });
  await tx.done;
}

/** The server holds the whole file: drop the bytes, keep the row and its thumbnail. @param {DB} db @param {string} id */
export async function finishUpload(db, id) {
  const tx = db.transaction(['uploads', 'upload_chunks'], 'readwrite');
  const row = await tx.objectStore('uploads').get(id);
  if (row) await tx.objectStore('uploads').put({ ...row, state: 'done', offset: row.size, error: null });
  await tx.objectStore('upload_chunks').delete(IDBKeyRange.bound([id, 0], [id, Infinity]));
  await tx.done;
}
