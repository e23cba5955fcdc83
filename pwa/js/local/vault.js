/**
 * The vault: one random data key per user partition, kept on the phone only wrapped, and the
 * ways to get it back into memory.
 *
 * - by the password, after the server accepted it (login): always possible, so a forgotten or
 *   wiped PIN never loses unsynced work;
 * - by the PIN, offline; after `maxAttempts` wrong PINs the synced data is wiped and the PIN
 *   wrap destroyed: only the password (online) opens what is left (the unsynced work);
 * - by a key the browser keeps (non-extractable) while no PIN is set, so a reload does not
 *   lock a helper out before they chose one. Locking and logging out destroy that wrap.
 *
 * The wrong-PIN counter is written before each try and cleared only by a right one, so closing
 * the tab mid-try still counts. It lives in the partition: someone who can copy the browser's
 * files can copy it back, and can try PINs offline against the PIN wrap (pwa/README.md says
 * what that means).
 *
 * `unlock*` attaches the key to the open partition (keyring.js) and seals any row an older
 * version wrote in the clear (`sealLegacy`), so a phone updating with unsynced work keeps it.
 */
import { PBKDF2_ITERATIONS, deriveKek, newDataKey, newDeviceKek, randomBytes, unwrap, wrap } from './crypto.js';
import { attachKey, detachKey, opAad, openFields, recordAad, sealFields } from './keyring.js';

/** @typedef {import('./db.js').DB} DB */
/** @typedef {import('./crypto.js').Wrapped} Wrapped */
/** @typedef {{salt: Uint8Array<ArrayBuffer>, iterations: number, box: Wrapped}} SecretWrap */
/**
 * @typedef {{v: 1, password?: SecretWrap, pin?: SecretWrap, device?: {kek: CryptoKey, box: Wrapped},
 *   failures: number, wiped_at?: number}} VaultRecord
 */
/** @typedef {{exists: boolean, pin: boolean, device: boolean, failures: number, wiped: boolean}} VaultState */

export const DEFAULT_MAX_PIN_ATTEMPTS = 5;
export const DEFAULT_LOCK_AFTER_MINUTES = 10;
/** A PIN is 4 to 8 digits. */
export const PIN_PATTERN = /^\d{4,8}$/;

const VAULT = 'vault';
/** Set once no row is left in the clear. */
const SEALED_ALL = 'vault_sealed';

/** @param {DB} db @returns {Promise<VaultRecord|undefined>} */
function read(db) {
  return db.get('meta', VAULT);
}

/** @param {DB} db @param {VaultRecord} record */
async function write(db, record) {
  await db.put('meta', record, VAULT);
}

/** @param {DB} db @returns {Promise<VaultState>} */
export async function vaultState(db) {
  const v = await read(db);
  return { exists: Boolean(v), pin: Boolean(v?.pin), device: Boolean(v?.device), failures: v?.failures ?? 0, wiped: Boolean(v?.wiped_at) };
}

/**
 * @param {CryptoKey} key @param {string} secret @param {string} purpose @param {number} iterations
 * @returns {Promise<SecretWrap>}
 */
async function wrapWithSecret(key, secret, purpose, iterations) {
  const salt = randomBytes(16);
  return { salt, iterations, box: await wrap(key, await deriveKek(secret, salt, iterations), purpose) };
}

/** @param {SecretWrap} w @param {string} secret @param {string} purpose */
async function unwrapWithSecret(w, secret, purpose) {
  return unwrap(w.box, await deriveKek(secret, w.salt, w.iterations), purpose);
}

/** @param {CryptoKey} key */
async function deviceWrap(key) {
  const kek = await newDeviceKek();
  return { kek, box: await wrap(key, kek, 'device') };
}

/**
 * The server accepted this password: open the partition with it, making the vault the first
 * time (an existing plain partition is sealed then). Returns null when the vault was made with
 * another password (changed elsewhere): the PIN can still open it, then `rewrapPassword`.
 * @param {DB} db
 * @param {string} password
 * @param {{iterations?: number}} [opts]
 * @returns {Promise<CryptoKey|null>}
 */
export async function unlockWithPassword(db, password, opts = {}) {
  const iterations = opts.iterations ?? PBKDF2_ITERATIONS;
  const v = await read(db);
  let key;
  if (!v?.password) {
    key = await newDataKey();
    const record = { v: /** @type {1} */ (1), password: await wrapWithSecret(key, password, 'password', iterations), failures: 0, device: await deviceWrap(key) };
    await write(db, record);
  } else {
    try {
      key = await unwrapWithSecret(v.password, password, 'password');
    } catch {
      return null;
    }
    // The password proves who this is: a wiped PIN may be chosen again.
    const { wiped_at: _wiped, device: _device, ...rest } = v;
    await write(db, v.pin ? { ...rest, failures: 0 } : { ...rest, failures: 0, device: await deviceWrap(key) });
  }
  return attach(db, key);
}

/**
 * Open with the key the browser keeps (no PIN set yet, not locked since). null: not possible.
 * @param {DB} db
 * @returns {Promise<CryptoKey|null>}
 */
export async function unlockWithDevice(db) {
  const v = await read(db);
  if (!v?.device) return null;
  try {
    return await attach(db, await unwrap(v.device.box, v.device.kek, 'device'));
  } catch {
    return null;
  }
}

/**
 * Try a PIN. The try is counted before it is made; the `maxAttempts`-th wrong one wipes the
 * synced data (`wipe`) and the PIN wrap.
 * @param {DB} db
 * @param {string} pin
 * @param {{maxAttempts?: number, wipe: (db: DB) => Promise<void>}} opts
 * @returns {Promise<{key: CryptoKey} | {wrong: number} | {wiped: true}>} wrong: tries left
 */
export async function unlockWithPin(db, pin, opts) {
  const max = opts.maxAttempts ?? DEFAULT_MAX_PIN_ATTEMPTS;
  // Counted in one read-write transaction: tabs trying PINs at once take turns, each try counts.
  const tx = db.transaction('meta', 'readwrite');
  /** @type {any} */
  const v = await tx.store.get(VAULT);
  if (!v?.pin) {
    await tx.done;
    return { wiped: true };
  }
  const failures = v.failures + 1;
  await tx.store.put({ ...v, failures }, VAULT);
  await tx.done;
  try {
    const key = await unwrapWithSecret(v.pin, pin, 'pin');
    await write(db, { ...v, failures: 0 });
    return { key: await attach(db, key) };
  } catch {
    if (failures < max) return { wrong: max - failures };
    await opts.wipe(db);
    const { pin: _pin, device: _device, ...rest } = v;
    await write(db, { ...rest, failures, wiped_at: Date.now() });
    return { wiped: true };
  }
}

/**
 * Choose (or change) the PIN of an unlocked partition. From now on a reload asks for it: the
 * browser-kept wrap is destroyed.
 * @param {DB} db @param {CryptoKey} key @param {string} pin @param {{iterations?: number}} [opts]
 */
export async function setPin(db, key, pin, opts = {}) {
  if (!PIN_PATTERN.test(pin)) throw new Error('A PIN is 4 to 8 digits.');
  const v = await read(db);
  if (!v) throw new Error('no vault');
  const { device: _device, wiped_at: _wiped, ...rest } = v;
  await write(db, { ...rest, failures: 0, pin: await wrapWithSecret(key, pin, 'pin', opts.iterations ?? PBKDF2_ITERATIONS) });
}

/** The password changed (here or elsewhere): wrap the key with the new one. @param {DB} db @param {CryptoKey} key @param {string} password @param {{iterations?: number}} [opts] */
export async function rewrapPassword(db, key, password, opts = {}) {
  const v = await read(db);
  if (!v) throw new Error('no vault');
  await write(db, { ...v, password: await wrapWithSecret(key, password, 'password', opts.iterations ?? PBKDF2_ITERATIONS) });
}

/**
 * The password changed elsewhere (another device, an admin's reset) and the server accepted the
 * new one: the phone's data still opens with the previous password, which the helper types once;
 * it is then wrapped under the new one. null: that is not the previous password either.
 * @param {DB} db @param {string} oldPassword @param {string} newPassword
 * @param {{iterations?: number}} [opts]
 * @returns {Promise<CryptoKey|null>}
 */
export async function reopenWithOldPassword(db, oldPassword, newPassword, opts = {}) {
  const v = await read(db);
  if (!v?.password) return null;
  let key;
  try {
    key = await unwrapWithSecret(v.password, oldPassword, 'password');
  } catch {
    return null;
  }
  const { wiped_at: _wiped, device: _device, ...rest } = v;
  const password = await wrapWithSecret(key, newPassword, 'password', opts.iterations ?? PBKDF2_ITERATIONS);
  await write(db, v.pin ? { ...rest, failures: 0, password } : { ...rest, failures: 0, password, device: await deviceWrap(key) });
  return attach(db, key);
}

/**
 * Lock: forget the key in memory and destroy the browser-kept wrap, so only the PIN (or the
 * password, online) opens the partition again. Also on logout with parked work.
 * @param {DB} db
 */
export async function lockVault(db) {
  detachKey(db);
  const v = await read(db);
  if (v?.device) {
    const { device: _device, ...rest } = v;
    await write(db, rest);
  }
}

/** @param {DB} db @param {CryptoKey} key */
async function attach(db, key) {
  attachKey(db, key);
  await sealLegacy(db);
  return key;
}

/**
 * Seal every row an older version stored in the clear: base records, and the ops in the outbox,
 * set aside, or kept after their answer. Each row is sealed outside a transaction, then written
 * in one that first checks the row is still the plain one it read, so a row changed meanwhile is
 * left for the next unlock rather than overwritten. Nothing is deleted.
 * @param {DB} db
 * @returns {Promise<number>} rows sealed
 */
export async function sealLegacy(db) {
  // Once a pass found nothing left in the clear, later unlocks skip the scan (a wipe forgets it).
  if (await db.get('meta', SEALED_ALL)) return 0;
  let sealed = 0;
  let left = 0;
  for (const store of ['records', 'outbox', 'rejected', 'sent']) {
    /** @type {any[]} */
    const plain = (await db.getAll(store)).filter((row) => !(row.sealed instanceof Uint8Array) && !(row.op?.sealed instanceof Uint8Array));
    if (!plain.length) continue;
    const rows = await Promise.all(plain.map((row) => sealRow(db, store, row)));
    const tx = db.transaction(store, 'readwrite');
    const keyPath = /** @type {string|string[]} */ (tx.store.keyPath);
    for (let i = 0; i < rows.length; i++) {
      const key = Array.isArray(keyPath) ? keyPath.map((k) => plain[i][k]) : plain[i][keyPath];
      const now = await tx.store.get(key);
      if (now && JSON.stringify(now) === JSON.stringify(plain[i])) {
        await tx.store.put(rows[i]);
        sealed++;
      } else if (now) {
        left++;
      }
    }
    await tx.done;
  }
  if (left === 0) await db.put('meta', true, SEALED_ALL);
  return sealed;
}

/** @param {DB} db @param {string} store @param {any} row */
async function sealRow(db, store, row) {
  if (store === 'records') {
    const { entity, id, household_id: _h, person_id: _p, ...secret } = row;
    return { entity, id, ...(await sealFields(db, recordAad(entity, id), secret)) };
  }
  if (store === 'sent') return { ...row, op: await sealOp(db, row.op) };
  return sealOp(db, row);
}

/**
 * An op as it is stored: its data and field stamps sealed, the rest (seq, ids, kind, times,
 * result) in the clear.
 * @template {{op_id: string, data: any, base?: any}} T
 * @param {DB} db
 * @param {T} op
 * @returns {Promise<Omit<T, 'data'|'base'> & ({sealed: Uint8Array<ArrayBuffer>} | {data: any, base?: any})>}
 */
export async function sealOp(db, op) {
  const { data, base, ...rest } = op;
  return { ...rest, ...(await sealFields(db, opAad(op.op_id), base ? { data, base } : { data })) };
}

/** @template {{op_id: string}} T @param {DB} db @param {T} row @returns {Promise<T & {data: any}>} */
export function openOp(db, row) {
  return /** @type {Promise<any>} */ (openFields(db, opAad(row.op_id), row));
}
