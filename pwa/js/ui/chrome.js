/**
 * The parts of the page around the views: the "update ready" banner, short toasts, and the
 * static shell's own words (skip link, navigation label) in the current language.
 */
import { h, mount } from './dom.js';
import { t } from '../i18n/index.js';

/** @param {HTMLElement} el @param {() => void} apply */
export function showUpdateBanner(el, apply) {
  el.hidden = false;
  mount(
    el,
    h('span', { role: 'status' }, t('update_ready')),
    h('button', { type: 'button', 'data-test': 'apply-update', onclick: apply }, t('update_now')),
  );
}

/** A short message that goes away by itself (announced politely to screen readers). @param {string} message */
export function toast(message) {
  const el = h('div', { class: 'toast', role: 'status' }, message);
  document.body.appendChild(el);
  setTimeout(() => el.remove(), 3500);
}

/** @param {HTMLElement} nav */
export function translateShell(nav) {
  const skip = document.querySelector('.skip');
  if (skip) skip.textContent = t('skip_to_content');
  nav.setAttribute('aria-label', t('app_name'));
}
