/**
 * The one error hierarchy of the JavaScript sync core, mirroring sync/errors.py: every error
 * carries a machine `code`, so callers branch on codes, never on classes or messages.
 */

export class SyncError extends Error {
  /**
   * @param {string} code machine code, snake_case
   * @param {string} message human text (English; the UI localises by code)
   * @param {Record<string, string[]>} [fields] per-field messages
   */
  constructor(code, message, fields = {}) {
    super(message);
    this.name = 'SyncError';
    /** @type {string} */
    this.code = code;
    /** @type {Record<string, string[]>} */
    this.fields = fields;
  }
}

/** One operation is rejected; the push goes on with the next one. */
export class OpRejected extends SyncError {
  /**
   * @param {string} code
   * @param {string} message
   * @param {Record<string, string[]>} [fields]
   */
  constructor(code, message, fields = {}) {
    super(code, message, fields);
    this.name = 'OpRejected';
  }
}

/** The request names a protocol version that is not accepted (HTTP 426). */
export class UnsupportedProtocol extends SyncError {
  /** @param {string} message */
  constructor(message) {
    super('unsupported_protocol', message);
    this.name = 'UnsupportedProtocol';
  }
}

/** A string is not an HLC stamp. */
export class InvalidStamp extends SyncError {
  /** @param {string} message */
  constructor(message) {
    super('invalid_stamp', message);
    this.name = 'InvalidStamp';
  }
}
