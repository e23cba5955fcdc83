/**
 * Sends the files of local/uploads.js to the server, resumably, once their rows are pushed.
 *
 * Policy and transport of the second queue (the op queue is syncer.js's): the syncer calls
 * `startUploads` after each push that drained the outbox, so an attachment's row is on the
 * server before its bytes, and a big photo never holds up the ops behind it. Then, oldest first:
 *
 * - tus 1.0 at `/api/attachments/<id>/upload`: `POST` (creation, idempotent) answers the
 *   server's `Upload-Offset`, then `PATCH` one chunk at a time from there; after a cut the next
 *   try starts where the server got to, never from zero; a `409` (the offset moved) asks `HEAD`;
 * - an upload whose op is still in the outbox waits; one whose op was refused is marked failed
 *   (the "needs your attention" screen shows the op);
 * - no network, a server down (502-504) or busy (423, 429, 503) → retry with backoff and jitter
 *   (`backoff.js`), the queue stops for now (the others would fail the same way); a file that
 *   does not match its checksum (460) starts again from zero, three times at most; any other
 *   refusal (403, 404 for long, 413, 415, 422) marks it failed with the server's code;
 * - progress goes out on `uploadProgress` (`{id, offset, size, state}`), for the screens.
 *
 * A small tus client of our own rather than tus-js-client: the bytes come out of the vault one
 * sealed chunk at a time (a `Blob` of the whole photo would mean opening it all), the upload URL
 * is known from the attachment's id (no URL storage in localStorage, where tus-js-client keeps
 * its fingerprints), and the retry policy is the app's own backoff. The server speaks standard
 * tus, so any tus client can talk to it.
 */
import { AuthExpiredError, HttpError, NetworkError } from './api.js';
import { backoffDelay } from './backoff.js';
import { bytesFrom, finishUpload, listUploads, markUpload } from '../local/uploads.js';

/** @typedef {import('./api.js').Api} Api */
/** @typedef {import('../local/replica.js').Replica} Replica */
/** @typedef {import('../local/uploads.js').Upload} Upload */
/** @typedef {{id: string, offset: number, size: number, state: string}} Progress */

export const TUS_VERSION = '1.0.0';
/** Checksum mismatches before a file is given up (something rewrites it on the way). */
const MAX_RESTARTS = 3;
/** Tries while the server does not know the row yet (its op pushed, not yet applied). */
const MAX_UNKNOWN = 8;

/** Every upload's progress, for whichever screen shows it. */
export const uploadProgress = new EventTarget();

/** @param {Progress} detail */
function tell(detail) {
  uploadProgress.dispatchEvent(new CustomEvent('progress', { detail }));
}

/** @type {WeakMap<Replica, Uploader>} */
const running = new WeakMap();

/**
 * Send what waits (called by the syncer after a push; never throws, never blocks it).
 * @param {Api} api @param {Replica} replica
 * @returns {Uploader}
 */
export function startUploads(api, replica) {
  let uploader = running.get(replica);
  if (!uploader) running.set(replica, (uploader = new Uploader({ api, replica })));
  void uploader.run();
  return uploader;
}

export class Uploader {
  /**
   * @param {{api: Api, replica: Replica, now?: () => number, random?: () => number,
   *   timers?: {set: (fn: () => void, ms: number) => any, clear: (handle: any) => void}}} opts
   */
  constructor(opts) {
    this.api = opts.api;
    this.replica = opts.replica;
    this.now = opts.now ?? Date.now;
    this.random = opts.random ?? Math.random;
    this.timers = opts.timers ?? {
      set: (fn, ms) => {
        const handle = setTimeout(fn, ms);
        /** @type {any} */ (handle).unref?.(); // never keeps a test runner alive
        return handle;
      },
      clear: (h) => clearTimeout(h),
    };
    /** @type {Promise<void>|null} */
    this.busy = null;
    this.again = false;
    this.timer = null;
  }

  /** One pass over the queue (or another right after the current one). */
  run() {
    if (this.busy) {
      this.again = true;
      return this.busy;
    }
    this.busy = this.pass().catch(() => {
      // A locked vault or a closed database: the next unlock starts again.
    }).finally(() => {
      this.busy = null;
      if (this.again) {
        this.again = false;
        void this.run();
      }
    });
    return this.busy;
  }

  /** @private @param {number} ms */
  schedule(ms) {
    if (this.timer) this.timers.clear(this.timer);
    this.timer = this.timers.set(() => {
      this.timer = null;
      void this.run();
    }, Math.max(ms, 0));
  }

  /** @private */
  async pass() {
    const db = this.replica.db;
    // Failed because its row was refused: once the row is accepted (sent again from the
    // attention screen), the file goes after all.
    const waiting = (await listUploads(db))
      .filter((u) => u.state === 'waiting' || (u.state === 'failed' && u.error === 'rejected'))
      .sort((a, b) => a.created_at - b.created_at);
    let soonest = Infinity;
    for (const upload of waiting) {
      if (this.replica.pendingFor('attachment', upload.id).length) continue; // the row goes first
      const refused = this.replica.rejected.find((op) => op.entity === 'attachment' && op.entity_id === upload.id);
      if (refused?.result?.status === 'parked') continue; // waits with its row
      if (refused) {
        if (upload.state !== 'failed') {
          await markUpload(db, upload.id, { state: 'failed', error: 'rejected' });
          tell({ id: upload.id, offset: upload.offset, size: upload.size, state: 'failed' });
        }
        continue;
      }
      if (upload.state === 'failed') {
        await markUpload(db, upload.id, { state: 'waiting', error: null, next_at: 0 });
        upload.state = 'waiting';
        upload.next_at = 0;
      }
      const wait = upload.next_at - this.now();
      if (wait > 0) {
        soonest = Math.min(soonest, wait);
        continue;
      }
      const outcome = await this.attempt(upload);
      if (outcome === 'stop') return;
      if (outcome > 0) soonest = Math.min(soonest, outcome);
    }
    if (soonest < Infinity) this.schedule(soonest);
  }

  /**
   * Send one file; what to do next: 0 (carry on), a delay before trying this one again, or
   * 'stop' (offline: the rest would fail the same way).
   * @private @param {Upload} upload @returns {Promise<number|'stop'>}
   */
  async attempt(upload) {
    const db = this.replica.db;
    try {
      await this.send(upload);
      await finishUpload(db, upload.id);
      tell({ id: upload.id, offset: upload.size, size: upload.size, state: 'done' });
      return 0;
    } catch (err) {
      if (err instanceof AuthExpiredError) return 'stop'; // the syncer asks for a login
      if (!(err instanceof HttpError) && !(err instanceof NetworkError)) throw err; // locked, closed
      const attempts = upload.attempts + 1;
      const status = err instanceof HttpError ? err.status : 0;
      const code = err instanceof HttpError ? String(err.code ?? status) : 'offline';
      // Cuts and busy servers back off for ever; only the server's own refusals (an unknown
      // row, a checksum that does not match) are counted toward giving up.
      const refusals = (upload.refusals ?? 0) + (status === 404 || status === 460 ? 1 : 0);
      const retry = !(err instanceof HttpError) || [423, 429, 502, 503, 504].includes(status) ||
        (status === 404 && refusals < MAX_UNKNOWN) || (status === 460 && refusals < MAX_RESTARTS);
      if (!retry) {
        await markUpload(db, upload.id, { state: 'failed', attempts, refusals, error: code });
        tell({ id: upload.id, offset: upload.offset, size: upload.size, state: 'failed' });
        return 0;
      }
      const delay = backoffDelay(attempts - 1, { random: this.random });
      await markUpload(db, upload.id, { attempts, refusals, next_at: this.now() + delay, error: code,
        ...(status === 460 ? { offset: 0 } : {}) });
      tell({ id: upload.id, offset: upload.offset, size: upload.size, state: 'waiting' });
      return status === 0 || status >= 500 ? (this.schedule(delay), 'stop') : delay;
    }
  }

  /**
   * tus: creation (tells the server's offset), then PATCH chunk after chunk from there.
   * @private @param {Upload} upload
   */
  async send(upload) {
    const db = this.replica.db;
    const url = `/api/attachments/${upload.id}/upload`;
    const created = await this.call('POST', url, { 'Upload-Length': String(upload.size) });
    let offset = Number(created.headers.get('Upload-Offset') ?? 0);
    tell({ id: upload.id, offset, size: upload.size, state: 'uploading' });
    while (offset < upload.size) {
      const chunk = await bytesFrom(db, upload.id, offset);
      const res = await this.call('PATCH', url,
        { 'Upload-Offset': String(offset), 'Content-Type': 'application/offset+octet-stream' }, chunk, [409]);
      if (res.status === 409) {
        const head = await this.call('HEAD', url, {});
        offset = Number(head.headers.get('Upload-Offset') ?? 0);
        continue;
      }
      offset = Number(res.headers.get('Upload-Offset') ?? offset + chunk.length);
      await markUpload(db, upload.id, { offset });
      tell({ id: upload.id, offset, size: upload.size, state: 'uploading' });
    }
  }

  /**
   * @private
   * @param {string} method @param {string} path @param {Record<string, string>} headers
   * @param {Uint8Array<ArrayBuffer>} [body] @param {number[]} [expected]
   */
  call(method, path, headers, body, expected = []) {
    return authorized(this.api, method, path, { 'Tus-Resumable': TUS_VERSION, ...headers }, body, expected);
  }
}

/**
 * A request with the app's token (refreshed once on a 401) and device id, for what api.js's
 * JSON `request` cannot carry: raw bytes up, a file down, tus headers both ways.
 * @param {Api} api
 * @param {string} method @param {string} path @param {Record<string, string>} extra
 * @param {Uint8Array<ArrayBuffer>} [body] @param {number[]} [expected] error statuses the caller handles
 * @returns {Promise<Response>} ok (or an expected status); else throws HttpError / NetworkError / AuthExpiredError
 */
export async function authorized(api, method, path, extra, body, expected = []) {
  const go = async () => {
    /** @type {Record<string, string>} */
    const headers = { ...extra };
    const token = api.tokens.access();
    if (token) headers.Authorization = `Bearer ${token}`;
    const device = api.device();
    if (device) headers['X-Device-Id'] = device;
    try {
      return await api.fetch(api.base + path, { method, headers, body, cache: 'no-store' });
    } catch (err) {
      throw new NetworkError('The server could not be reached.', err);
    }
  };
  let res = await go();
  if (res.status === 401) {
    if (!(await api.refresh())) throw new AuthExpiredError();
    res = await go();
    if (res.status === 401) throw new AuthExpiredError();
  }
  if (res.ok || expected.includes(res.status)) return res;
  if (res.status >= 502 && res.status <= 504) throw new NetworkError(`HTTP ${res.status}`);
  let error = {};
  try {
    error = (await res.json())?.error ?? {};
  } catch {
    // no JSON body (a proxy's page)
  }
  throw new HttpError(res.status, error);
}
