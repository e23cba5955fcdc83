/**
 * A photo or a file as the phone keeps and sends it: downscaled, typed, hashed, with a thumbnail.
 *
 * A phone camera makes 4000-pixel photos of 3-8 MB; a signed contract reads perfectly at 1600
 * pixels on the long side as a JPEG at quality 0.8 (a few hundred KB), which is what a poor
 * signal can carry. So every image is redrawn on a canvas (OffscreenCanvas where there is one,
 * off the main thread's layout) from `createImageBitmap`, which also applies the camera's EXIF
 * rotation (and drops the rest of its metadata, the place it was taken included). A JPEG already
 * within the long side is kept as it is; PDFs too. What is still over the server's limit is
 * refused here, before anything is stored.
 */

/** The server's default limit (server/attachments/settings.py `ATTACHMENT_MAX_BYTES`). */
export const MAX_BYTES = 10 * 1024 * 1024;
export const LONG_SIDE = 1600;
export const QUALITY = 0.8;
export const THUMB_SIDE = 240;
/** What the server accepts; images of other kinds are redrawn as JPEG. */
export const SENT_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'];

/** @typedef {{bytes: Uint8Array<ArrayBuffer>, content_type: string, sha256: string, thumb: string|null, name: string}} Prepared */

export class FileProblem extends Error {
  /** @param {string} key an i18n key */
  constructor(key) {
    super(key);
    this.name = 'FileProblem';
    this.key = key;
  }
}

/** @param {Uint8Array<ArrayBuffer>} bytes */
export async function sha256Hex(bytes) {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Draw `bitmap` fitted into `side` pixels on its long side; JPEG bytes.
 * @param {ImageBitmap} bitmap @param {number} side @param {number} quality
 * @returns {Promise<Blob>}
 */
async function redraw(bitmap, side, quality) {
  const scale = Math.min(1, side / Math.max(bitmap.width, bitmap.height));
  const width = Math.max(1, Math.round(bitmap.width * scale));
  const height = Math.max(1, Math.round(bitmap.height * scale));
  if (typeof OffscreenCanvas === 'function') {
    const canvas = new OffscreenCanvas(width, height);
    const g = /** @type {OffscreenCanvasRenderingContext2D} */ (canvas.getContext('2d'));
    g.drawImage(bitmap, 0, 0, width, height);
    return canvas.convertToBlob({ type: 'image/jpeg', quality });
  }
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  /** @type {CanvasRenderingContext2D} */ (canvas.getContext('2d')).drawImage(bitmap, 0, 0, width, height);
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new FileProblem('at_bad_image'))), 'image/jpeg', quality));
}

/** @param {Blob} blob @returns {Promise<string>} a data: URL */
function dataUrl(blob) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(blob);
  });
}

/**
 * Make a picked file ready to keep: an image downscaled to JPEG (and a thumbnail), a PDF as is.
 * @param {File} file
 * @param {{longSide?: number, quality?: number, maxBytes?: number}} [opts]
 * @returns {Promise<Prepared>} throws FileProblem (its `key` says why)
 */
export async function prepareFile(file, opts = {}) {
  const maxBytes = opts.maxBytes ?? MAX_BYTES;
  let blob = /** @type {Blob} */ (file);
  let contentType = file.type;
  let thumb = null;
  if (file.type.startsWith('image/')) {
    let bitmap;
    try {
      bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
    } catch {
      throw new FileProblem('at_bad_image'); // a format this browser cannot read (HEIC on some)
    }
    const longSide = opts.longSide ?? LONG_SIDE;
    try {
      // A JPEG already small enough is kept as it is: redrawing it would only lose quality.
      const keep = file.type === 'image/jpeg' && Math.max(bitmap.width, bitmap.height) <= longSide;
      if (!keep) blob = await redraw(bitmap, longSide, opts.quality ?? QUALITY);
      thumb = await dataUrl(await redraw(bitmap, THUMB_SIDE, 0.7));
    } finally {
      bitmap.close();
    }
    contentType = 'image/jpeg';
  } else if (file.type !== 'application/pdf') {
    throw new FileProblem('at_bad_type');
  }
  if (blob.size > maxBytes) throw new FileProblem('at_too_big');
  const bytes = new Uint8Array(await blob.arrayBuffer());
  return { bytes, content_type: contentType, sha256: await sha256Hex(bytes), thumb, name: file.name };
}
