/**
 * HTTP to the Doorstep API: JSON in and out, the bearer token, and one refresh on a 401.
 *
 * Refresh tokens rotate: each is exchanged once for a new pair, and the server ends the
 * device's session when an old one comes back (a copy in someone else's hands). So the newest
 * refresh token must be the one sent next: the store saves it (`saveTokens`); a store that
 * can only save access tokens still works for the life of the page, the Api remembering the
 * newest refresh token itself. `logout()` ends the session on the server.
 *
 * Errors are sorted into kinds the sync loop treats differently:
 * - `NetworkError`: no answer (offline, DNS, timeout) → retry later with backoff, keep everything;
 * - `AuthExpiredError`: the refresh token is no longer accepted → ask the helper to log in again,
 *   keep the outbox;
 * - `DeviceWipedError`: the phone was reported lost (401 `device_wiped`, never refreshed away) →
 *   push what it holds, then wipe (net/syncer.js, local/wipe.js);
 * - `HttpError`: the server answered with an error body `{error: {code, message, fields}}`.
 *
 * Every request says which device it comes from (`X-Device-Id`, when the app gives one): the
 * server's device list and its audit log name it.
 */

/** @typedef {{id: string, username: string, display_name: string, role: string, area_id?: string|null, person_id?: string|null, locale?: string|null}} User */
/** @typedef {{access_token: string, refresh_token: string, user: User}} LoginResult */
/**
 * Where the client keeps its tokens; `saveTokens` (or, in an older store, `saveAccess`) is
 * called after a refresh.
 * @typedef {{
 *   access(): string|null, refresh(): string|null,
 *   saveTokens?(access: string, refresh: string): Promise<void>|void,
 *   saveAccess?(token: string): Promise<void>|void,
 * }} TokenStore
 */

export class NetworkError extends Error {
  /** @param {string} message @param {unknown} [cause] */
  constructor(message, cause) {
    super(message);
    this.name = 'NetworkError';
    this.cause = cause;
  }
}

export class AuthExpiredError extends Error {
  constructor() {
    super('Your session has expired; log in again.');
    this.name = 'AuthExpiredError';
  }
}

export class DeviceWipedError extends Error {
  constructor() {
    super('This phone was reported lost: its data is being removed.');
    this.name = 'DeviceWipedError';
  }
}

export class HttpError extends Error {
  /**
   * @param {number} status
   * @param {{code?: string, message?: string, fields?: Record<string, string[]>}} error
   * @param {number|null} [retryAfter] seconds the server asked to wait (429, 503), if it said
   */
  constructor(status, error, retryAfter = null) {
    super(error.message || `HTTP ${status}`);
    this.name = 'HttpError';
    this.status = status;
    this.code = error.code || `http_${status}`;
    this.fields = error.fields || {};
    this.retryAfter = retryAfter;
  }
}

export class Api {
  /**
   * @param {{fetch?: typeof fetch, base?: string, tokens: TokenStore, device?: () => string|null}} opts
   *   device: this installation's id, sent as X-Device-Id
   */
  constructor({ fetch: fetchImpl, base = '', tokens, device }) {
    this.fetch = fetchImpl ?? ((input, init) => globalThis.fetch(input, init));
    this.base = base;
    this.tokens = tokens;
    this.device = device ?? (() => null);
    /** Did a refresh answer say this phone must wipe (`wipe: true`)? */
    this.wipeOrdered = false;
    /** Offset (ms) to add to the phone's clock to get the server's, from X-Server-Time. */
    this.serverOffsetMs = 0;
    /** @type {Promise<boolean>|null} one refresh at a time, shared by concurrent requests */
    this.refreshing = null;
    /**
     * The newest refresh token, when the store could not save it, and the stored one it
     * replaces (a new login stores another token, and this is forgotten).
     * @type {{replaced: string|null, token: string}|null}
     */
    this.rotated = null;
  }

  /** @returns {string|null} the refresh token to send next */
  currentRefresh() {
    const stored = this.tokens.refresh();
    return this.rotated && stored === this.rotated.replaced ? this.rotated.token : stored;
  }

  /**
   * End the session on the server (best effort: offline, it ends when its refresh token
   * expires). Pass the refresh token read before the local session was dropped.
   * @param {string|null} [token]
   * @returns {Promise<boolean>} whether the server confirmed
   */
  async logout(token = this.currentRefresh()) {
    if (!token) return false;
    try {
      const res = await this.send('POST', '/api/auth/logout', undefined, token);
      return res.ok;
    } catch {
      return false;
    }
  }

  /**
   * @param {string} username
   * @param {string} password
   * @param {string} [deviceLabel] what the user calls this phone (the server reads the browser's
   *   name when left out)
   * @returns {Promise<LoginResult>}
   */
  login(username, password, deviceLabel) {
    const body = deviceLabel ? { username, password, device_label: deviceLabel } : { username, password };
    return this.send('POST', '/api/auth/login', body, null).then(readJson);
  }

  /**
   * An authenticated JSON request; on 401 refreshes the access token once and retries.
   * @param {string} method
   * @param {string} path
   * @param {unknown} [body]
   * @returns {Promise<any>}
   */
  async request(method, path, body) {
    const access = this.tokens.access();
    if (!access) throw new AuthExpiredError();
    let res = await this.send(method, path, body, access);
    if (res.status === 401) {
      if (await wiped(res)) throw new DeviceWipedError();
      if (!(await this.refresh())) throw new AuthExpiredError();
      res = await this.send(method, path, body, this.tokens.access());
      if (res.status === 401) throw (await wiped(res)) ? new DeviceWipedError() : new AuthExpiredError();
    }
    return readJson(res);
  }

  /**
   * Upload a file (multipart, field `file`) with the same token refresh, device id and errors
   * as `request`: the imports of persons and jobs.
   * @param {string} path @param {Blob} file
   * @returns {Promise<any>}
   */
  upload(path, file) {
    const form = new FormData();
    form.append('file', file);
    return this.request('POST', path, form);
  }

  /** @returns {Promise<boolean>} whether a new access token was obtained */
  refresh() {
    if (!this.refreshing) {
      this.refreshing = this.doRefresh().finally(() => {
        this.refreshing = null;
      });
    }
    return this.refreshing;
  }

  /** @private */
  async doRefresh() {
    const stored = this.tokens.refresh();
    const refresh = this.currentRefresh();
    if (!refresh) return false;
    const res = await this.send('POST', '/api/auth/refresh', undefined, refresh);
    if (res.status === 401 && (await wiped(res))) throw new DeviceWipedError(); // lost, and long expired
    if (res.status === 401 || res.status === 422) return false;
    const body = await readJson(res);
    if (body.wipe === true) this.wipeOrdered = true;
    const next = body.refresh_token ?? refresh;
    if (this.tokens.saveTokens) {
      await this.tokens.saveTokens(body.access_token, next);
      this.rotated = null;
    } else {
      await this.tokens.saveAccess?.(body.access_token);
      this.rotated = { replaced: stored, token: next };
    }
    return true;
  }

  /**
   * @private
   * @param {string} method
   * @param {string} path
   * @param {unknown} body
   * @param {string|null} bearer
   * @returns {Promise<Response>}
   */
  async send(method, path, body, bearer) {
    /** @type {Record<string, string>} */
    const headers = { Accept: 'application/json' };
    if (bearer) headers.Authorization = `Bearer ${bearer}`;
    const device = this.device();
    if (device) headers['X-Device-Id'] = device;
    // A form (a file upload) sets its own multipart content type.
    const form = typeof FormData !== 'undefined' && body instanceof FormData;
    if (body !== undefined && !form) headers['Content-Type'] = 'application/json';
    let res;
    try {
      res = await this.fetch(this.base + path, {
        method,
        headers,
        body: body === undefined ? undefined : form ? body : JSON.stringify(body),
        cache: 'no-store',
      });
    } catch (err) {
      throw new NetworkError('The server could not be reached.', err);
    }
    const serverTime = Number(res.headers.get('X-Server-Time'));
    if (serverTime > 0) this.serverOffsetMs = serverTime - Date.now();
    return res;
  }
}

/**
 * Is this 401 the server's order to wipe? (Reads a clone: the caller may still read the body.)
 * @param {Response} res
 */
async function wiped(res) {
  try {
    const body = await res.clone().json();
    return body?.error?.code === 'device_wiped';
  } catch {
    return false;
  }
}

/**
 * @param {Response} res
 * @returns {Promise<any>}
 */
async function readJson(res) {
  let body = null;
  try {
    body = await res.json();
  } catch {
    // A proxy's HTML error page or an empty body: fall through with null.
  }
  if (!res.ok) {
    // A gateway error page means we did not really reach the API: treat it like no network.
    if (res.status >= 502 && res.status <= 504 && !body) throw new NetworkError(`HTTP ${res.status}`);
    const retryAfter = Number(res.headers.get('Retry-After'));
    throw new HttpError(res.status, (body && body.error) || {}, retryAfter > 0 ? retryAfter : null);
  }
  return body;
}
