/**
 * The phone's cryptography, all WebCrypto: AES-GCM for every value kept at rest, PBKDF2-SHA256
 * to turn a PIN or a password into a key that wraps the data key.
 *
 * Why PBKDF2 and not Argon2: it is in every browser's WebCrypto (native speed, nothing to ship
 * or keep patched, works in WebKit), and the work factor OWASP gives for it (600,000 iterations)
 * costs about half a second on a phone. Argon2 would resist GPUs better, but a PIN of 4-8 digits
 * falls to any KDF offline; what protects a PIN is the wrong-PIN limit (vault.js).
 *
 * A sealed value is one byte string: a fresh 12-byte IV followed by the ciphertext and tag. The
 * additional data binds it to where it lives (`records/person/<id>`, `op/<op_id>`...), so a
 * ciphertext copied onto another record does not open.
 */

/** OWASP's 2023 figure for PBKDF2-HMAC-SHA256. */
export const PBKDF2_ITERATIONS = 600_000;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** @returns {Uint8Array<ArrayBuffer>} */
export function randomBytes(/** @type {number} */ n) {
  return crypto.getRandomValues(new Uint8Array(n));
}

/** A fresh data key (AES-GCM 256); extractable only so that it can be wrapped. */
export function newDataKey() {
  return crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, true, ['encrypt', 'decrypt']);
}

/**
 * A key-encryption key from a secret the person types.
 * @param {string} secret
 * @param {Uint8Array<ArrayBuffer>} salt
 * @param {number} iterations
 * @returns {Promise<CryptoKey>}
 */
export async function deriveKek(secret, salt, iterations) {
  const base = await crypto.subtle.importKey('raw', encoder.encode(secret), 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey({ name: 'PBKDF2', salt, iterations, hash: 'SHA-256' }, base,
    { name: 'AES-GCM', length: 256 }, false, ['wrapKey', 'unwrapKey']);
}

/** A key that never leaves the browser (non-extractable), for wrapping on this device only. */
export function newDeviceKek() {
  return crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['wrapKey', 'unwrapKey']);
}

/** @typedef {{iv: Uint8Array<ArrayBuffer>, wrapped: Uint8Array<ArrayBuffer>}} Wrapped */

/**
 * @param {CryptoKey} dataKey
 * @param {CryptoKey} kek
 * @param {string} purpose bound as additional data ("pin", "password", "device")
 * @returns {Promise<Wrapped>}
 */
export async function wrap(dataKey, kek, purpose) {
  const iv = randomBytes(12);
  const wrapped = await crypto.subtle.wrapKey('raw', dataKey, kek, { name: 'AES-GCM', iv, additionalData: encoder.encode(purpose) });
  return { iv, wrapped: new Uint8Array(wrapped) };
}

/**
 * @param {Wrapped} box
 * @param {CryptoKey} kek
 * @param {string} purpose
 * @returns {Promise<CryptoKey>} throws (OperationError) when the key is wrong
 */
export function unwrap(box, kek, purpose) {
  return crypto.subtle.unwrapKey('raw', box.wrapped, kek, { name: 'AES-GCM', iv: box.iv, additionalData: encoder.encode(purpose) },
    { name: 'AES-GCM', length: 256 }, true, ['encrypt', 'decrypt']);
}

/**
 * Encrypt a text (JSON, for what the app keeps).
 * @param {CryptoKey} key
 * @param {string} aad where the value lives
 * @param {string} text
 * @returns {Promise<Uint8Array<ArrayBuffer>>} IV ‖ ciphertext ‖ tag
 */
export async function sealText(key, aad, text) {
  const iv = randomBytes(12);
  const ct = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: encoder.encode(aad) }, key, encoder.encode(text));
  const out = new Uint8Array(12 + ct.byteLength);
  out.set(iv, 0);
  out.set(new Uint8Array(ct), 12);
  return out;
}

/**
 * Decrypt what `sealText` made; throws when the key, the bytes or the place are wrong.
 * @param {CryptoKey} key
 * @param {string} aad
 * @param {Uint8Array<ArrayBuffer>} sealed
 * @returns {Promise<string>}
 */
export async function openText(key, aad, sealed) {
  const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: sealed.subarray(0, 12), additionalData: encoder.encode(aad) }, key, sealed.subarray(12));
  return decoder.decode(plain);
}

/** Encrypt a JSON value. @param {CryptoKey} key @param {string} aad @param {unknown} value */
export function sealValue(key, aad, value) {
  return sealText(key, aad, JSON.stringify(value));
}

/** @param {CryptoKey} key @param {string} aad @param {Uint8Array<ArrayBuffer>} sealed @returns {Promise<any>} */
export async function openValue(key, aad, sealed) {
  return JSON.parse(await openText(key, aad, sealed));
}
