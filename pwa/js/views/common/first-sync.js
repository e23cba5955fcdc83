/** The first sync of a caseload: a progress bar (N of M) that resumes where it stopped. */
import { h } from '../../ui/dom.js';
import { t } from '../../i18n/index.js';

/**
 * @param {import('../../net/syncer.js').SyncStatus} status
 */
export function firstSyncView(status) {
  const p = status.progress ?? { pages: 0, changes: 0, total: null, done: false };
  const total = p.total && p.total >= p.changes ? p.total : null;
  // M is known when the server says how many changes remain; otherwise count up.
  const text = total ? t('first_sync_progress', { n: p.changes, m: total }) : t('first_sync_count', { n: p.changes });
  return h('section', { class: 'first-sync center', 'aria-labelledby': 'h-first' },
    h('h1', { id: 'h-first' }, t('first_sync_title')),
    h('progress', total ? { max: total, value: p.changes, 'aria-labelledby': 'h-first', 'data-test': 'first-sync-progress' } : { 'aria-labelledby': 'h-first', 'data-test': 'first-sync-progress' }),
    h('p', { 'aria-live': 'polite', 'data-test': 'first-sync-text' }, text),
    status.phase === 'offline' && h('p', { class: 'error' }, t('first_sync_paused')));
}
