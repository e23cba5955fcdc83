/**
 * One attachment, full size: from the phone's own copy while it is kept (offline too), else
 * from the server (online: the bytes are fetched with the session's token, shown from a blob
 * URL, never from a URL that would carry the token). Offline with only a thumbnail left, the
 * thumbnail shows and says the full file needs a signal.
 */
import { h, mount } from '../../ui/dom.js';
import { t, label } from '../../i18n/index.js';
import { getUpload, localFile } from '../../local/uploads.js';
import { authorized } from '../../net/uploader.js';
import { stateText, titleOf } from './items.js';

/** @typedef {import('../context.js').Ctx} Ctx */

/** @param {Blob} blob @returns {Promise<string>} */
function dataUrlOf(blob) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(blob);
  });
}

/** @param {HTMLElement} slot @param {Blob} blob @param {string} name */
async function showBlob(slot, blob, name) {
  const url = URL.createObjectURL(blob);
  // The decrypted file lives only as long as this screen: revoked once the slot leaves the page.
  const watch = setInterval(() => {
    if (!slot.isConnected) {
      URL.revokeObjectURL(url);
      clearInterval(watch);
    }
  }, 1000);
  const open = h('a', { class: 'button', href: url, download: name, 'data-test': 'attachment-download' }, t('at_download'));
  if (blob.type.startsWith('image/')) {
    // The app's CSP allows images from itself and data: URLs only (not blob:).
    const src = await dataUrlOf(blob);
    mount(slot, h('img', { src, alt: name, class: 'attachment-full', 'data-test': 'attachment-image' }), h('div', { class: 'actions' }, open));
    const img = /** @type {HTMLImageElement} */ (slot.querySelector('img'));
    img.style.maxWidth = '100%';
  } else {
    mount(slot, h('div', { class: 'actions' }, open));
  }
}

/** @type {import('../context.js').View} */
export function attachmentView(ctx, { params }) {
  const att = ctx.replica.get('attachment', params.id);
  if (!att) return h('div', null, h('h1', null, t('at_viewer_title')), h('p', null, t('not_found')));
  const slot = h('div', { 'data-test': 'attachment-view' }, h('p', { class: 'hint' }, t('at_loading')));
  const state = h('p', { class: 'hint', 'data-test': 'attachment-state' });
  const name = titleOf(att);
  void (async () => {
    const upload = await getUpload(ctx.replica.db, att.id);
    state.textContent = stateText(ctx, att, upload).text;
    const local = await localFile(ctx.replica.db, att.id);
    if (local) return showBlob(slot, local, name);
    if (att.uploaded_at || upload?.state === 'done') {
      try {
        const res = await authorized(ctx.api, 'GET', `/api/attachments/${att.id}/content`, {});
        return showBlob(slot, await res.blob(), name);
      } catch {
        // offline or refused: fall back on the thumbnail below
      }
    }
    mount(slot, upload?.thumb ? h('img', { src: upload.thumb, alt: name, 'data-test': 'attachment-thumb' }) : '',
      h('p', { class: 'hint' }, t('at_offline_only_thumb')));
  })().catch(() => {
    // Locked meanwhile, or a chunk missing: say so rather than load for ever.
    if (slot.isConnected) mount(slot, h('p', { class: 'hint' }, t('at_offline_only_thumb')));
  });
  return h('div', { class: 'attachment-viewer' },
    h('h1', null, name),
    h('p', { class: 'muted' }, label('attachment', att.kind)),
    state, slot,
    h('div', { class: 'actions' }, h('button', { type: 'button', onclick: () => history.back() }, t('back'))));
}
