/**
 * Two buttons: take a photo with the camera, or choose a file (a photo or a PDF). The picked
 * file is prepared at once (capture.js: downscaled, hashed) and handed to `onFile`; what is
 * wrong with it (too big, not a photo or PDF) is said under the buttons.
 */
import { h } from '../../ui/dom.js';
import { t } from '../../i18n/index.js';
import { FileProblem, prepareFile } from './capture.js';

/** @typedef {import('./capture.js').Prepared} Prepared */

/**
 * @param {{onFile: (file: Prepared) => Promise<void>|void, test?: string, photoOnly?: boolean}} opts
 * @returns {HTMLElement}
 */
export function filePicker({ onFile, test = 'attach', photoOnly = false }) {
  const status = h('p', { class: 'hint', role: 'status', 'aria-live': 'polite', 'data-test': `${test}-status` });
  /** @param {Event} event */
  const picked = async (event) => {
    const input = /** @type {HTMLInputElement} */ (event.target);
    const files = [...(input.files ?? [])];
    input.value = '';
    for (const file of files) {
      status.className = 'hint';
      status.textContent = t('at_preparing');
      try {
        await onFile(await prepareFile(file));
        status.textContent = t('at_kept');
      } catch (err) {
        status.className = 'error';
        status.textContent = err instanceof FileProblem ? t(err.key) : String(err instanceof Error ? err.message : err);
      }
    }
  };
  const camera = /** @type {HTMLInputElement} */ (h('input', { type: 'file', accept: 'image/*', capture: 'environment', hidden: true,
    'data-test': `${test}-camera`, onchange: picked }));
  const chooser = /** @type {HTMLInputElement} */ (h('input', { type: 'file', accept: photoOnly ? 'image/*' : 'image/*,application/pdf', hidden: true,
    multiple: true, 'data-test': `${test}-file`, onchange: picked }));
  return h('div', { class: 'picker' },
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'primary', 'data-test': `${test}-take`, onclick: () => camera.click() }, t('at_take_photo')),
      h('button', { type: 'button', 'data-test': `${test}-choose`, onclick: () => chooser.click() }, t('at_choose_file'))),
    camera, chooser, status);
}
