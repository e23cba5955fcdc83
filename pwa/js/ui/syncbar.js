/**
 * The sync bar, always visible: one plain sentence on what is saved, waiting, or needs the
 * helper ("All synced", "3 changes waiting", "Offline since 09:12", "1 conflict needs you",
 * "2 need your attention": changes the server refused or the phone set aside, one tap away).
 * It is an aria-live region, so a screen reader hears when the state changes.
 */
import { h, mount } from './dom.js';
import { t, formatTime } from '../i18n/index.js';

/**
 * @typedef {{phase: string, offlineSince: number|null, pending: number, conflicts: number, rejected: number,
 *   online: boolean, leader: boolean}} BarState
 */

/**
 * The sentence parts and the tone for a state (pure, so it is easy to test and to reason about).
 * @param {BarState} s
 * @returns {{tone: 'ok'|'warn'|'bad'|'info', parts: string[], action: 'login'|'today'|'attention'|'sync'|null}}
 */
export function describe(s) {
  /** @type {string[]} */
  const parts = [];
  /** @type {'ok'|'warn'|'bad'|'info'} */
  let tone = 'ok';
  /** @type {'login'|'today'|'attention'|'sync'|null} */
  let action = null;
  if (s.phase === 'auth') {
    parts.push(t('sync_login'));
    tone = 'bad';
    action = 'login';
  } else if (s.phase === 'outdated') {
    parts.push(t('sync_outdated'));
    tone = 'bad';
  } else if (s.phase === 'offline' || !s.online) {
    parts.push(t('sync_offline_since', { time: formatTime(s.offlineSince ?? Date.now()) }));
    tone = 'warn';
  } else if (s.phase === 'syncing') {
    parts.push(t('sync_running'));
    tone = 'info';
  } else if (s.phase === 'error') {
    parts.push(t('sync_error'));
    tone = 'warn';
  }
  if (s.conflicts > 0) {
    parts.push(s.conflicts === 1 ? t('sync_conflicts_1') : t('sync_conflicts', { n: s.conflicts }));
    if (tone === 'ok') tone = 'warn';
    action ??= 'today';
  }
  if (s.rejected > 0) {
    parts.push(s.rejected === 1 ? t('sync_attention_1') : t('sync_attention', { n: s.rejected }));
    tone = 'bad';
    action = action === 'login' ? action : 'attention';
  }
  if (s.pending > 0) {
    parts.push(s.pending === 1 ? t('sync_waiting_1') : t('sync_waiting', { n: s.pending }));
    if (tone === 'ok') tone = 'info';
    action ??= 'sync';
  }
  if (!parts.length) parts.push(t('sync_all'));
  return { tone, parts, action };
}

/**
 * @param {HTMLElement} el
 * @param {BarState} state
 * @param {{onSync(): void, onLogin(): void}} handlers
 */
export function renderSyncBar(el, state, handlers) {
  const { tone, parts, action } = describe(state);
  el.dataset.tone = tone;
  el.dataset.phase = state.phase;
  el.dataset.pending = String(state.pending);
  el.dataset.conflicts = String(state.conflicts);
  el.dataset.rejected = String(state.rejected);
  const text = parts.join(' · ');
  // Rewrite only on change, so the live region does not chatter.
  if (el.dataset.text === `${text}|${action}`) return;
  el.dataset.text = `${text}|${action}`;
  mount(
    el,
    h('span', { class: 'msg' }, text),
    action === 'login' && h('button', { type: 'button', onclick: handlers.onLogin }, t('login_button')),
    action === 'today' && h('a', { href: '#/today', class: 'button' }, t('nav_today')),
    action === 'attention' && h('a', { href: '#/attention', class: 'button', 'data-test': 'attention-link' }, t('attention_open')),
    action === 'sync' && state.online && h('button', { type: 'button', onclick: handlers.onSync }, t('sync_now')),
  );
}
