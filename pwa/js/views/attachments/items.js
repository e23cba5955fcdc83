/**
 * One attachment as a line of a list: its thumbnail (from the phone's own copy, so it shows
 * offline), what it is, and where its bytes are: waiting for the op, uploading n%, waiting to
 * retry, on the server, or failed. Progress updates the line as the uploader reports it.
 */
import { h, mount } from '../../ui/dom.js';
import { t, label, formatDateTime } from '../../i18n/index.js';
import { listUploads } from '../../local/uploads.js';
import { uploadProgress } from '../../net/uploader.js';

/** @typedef {import('../context.js').Ctx} Ctx */
/** @typedef {import('../../local/uploads.js').Upload} Upload */

/** @param {number} offset @param {number} size */
const pct = (offset, size) => (size ? Math.floor((offset * 100) / size) : 0);

/**
 * Where the bytes are, in words.
 * @param {Ctx} ctx @param {Record<string, any>} att @param {Upload|undefined} upload
 * @param {{offset: number, state: string}|null} [live] the uploader's latest report
 */
export function stateText(ctx, att, upload, live = null) {
  if (att.uploaded_at || upload?.state === 'done' || live?.state === 'done') return { key: 'done', text: t('at_state_done') };
  if (!upload) return { key: 'elsewhere', text: t('at_state_elsewhere') };
  if (upload.state === 'failed' || live?.state === 'failed') return { key: 'failed', text: t('at_state_failed', { code: upload.error ?? '?' }) };
  if (ctx.replica.pendingFor('attachment', att.id).length) return { key: 'pending', text: t('at_state_pending') };
  const offset = live?.offset ?? upload.offset;
  if (live?.state === 'uploading') return { key: 'uploading', text: t('at_state_uploading', { pct: pct(offset, upload.size) }) };
  return { key: 'retry', text: t('at_state_retry', { pct: pct(offset, upload.size) }) };
}

/** The attachment's name as people see it. @param {Record<string, any>} att */
export function titleOf(att) {
  if (att.kind === 'cv') return t('at_cv_version', { n: att.cv_version ?? '?' });
  return att.title || label('attachment', att.kind);
}

/**
 * A list of attachments with their states; one read of the upload queue for the whole list.
 * @param {Ctx} ctx @param {Record<string, any>[]} atts @param {string} test
 * @returns {HTMLElement}
 */
export function attachmentList(ctx, atts, test) {
  const list = h('ul', { class: 'list attachments', 'data-test': test });
  /** @type {Map<string, HTMLElement>} */
  const states = new Map();
  /** @type {Map<string, Upload>} */
  let uploads = new Map();
  const rows = atts.map((att) => {
    const thumb = h('span', { class: 'thumb', 'aria-hidden': 'true' });
    const state = h('span', { class: 'hint', 'data-test': 'attachment-state' }, '…');
    states.set(att.id, state);
    const when = att.uploaded_at ? ` · ${formatDateTime(att.uploaded_at)}` : '';
    return h('li', { class: 'card attachment', 'data-test': 'attachment', 'data-id': att.id, 'data-kind': att.kind },
      h('a', { href: `#/attachment/${att.id}`, class: 'row' }, thumb,
        h('span', null, h('strong', null, titleOf(att)), ' ',
          h('span', { class: 'muted' }, (att.kind === 'cv' || !att.title ? '' : label('attachment', att.kind)) + when), h('br'), state)));
  });
  mount(list, rows.length ? rows : h('li', { class: 'hint' }, t('at_files_none')));
  /** @param {Record<string, any>} att @param {any} [live] */
  const show = (att, live) => {
    const el = states.get(att.id);
    if (!el) return;
    const s = stateText(ctx, att, uploads.get(att.id), live);
    el.textContent = s.text;
    el.dataset.state = s.key;
  };
  void listUploads(ctx.replica.db).then((all) => {
    uploads = new Map(all.map((u) => [u.id, u]));
    atts.forEach((att, i) => {
      show(att);
      const thumb = uploads.get(att.id)?.thumb;
      const slot = rows[i].querySelector('.thumb');
      if (thumb && slot) mount(slot, h('img', { src: thumb, alt: '', width: 48, height: 48, 'data-test': 'attachment-thumb' }));
    });
  }).catch(() => atts.forEach((att) => show(att)));
  /** @param {Event} event */
  const onProgress = (event) => {
    if (!list.isConnected) return uploadProgress.removeEventListener('progress', onProgress);
    const detail = /** @type {CustomEvent} */ (event).detail;
    const att = atts.find((a) => a.id === detail.id);
    if (att) show(att, detail);
  };
  uploadProgress.addEventListener('progress', onProgress);
  return list;
}
