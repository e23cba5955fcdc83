/** Settings: language, whether storage is persistent (and how much is used), account, version. */
import { h } from '../../ui/dom.js';
import { t, LOCALES, formatNumber } from '../../i18n/index.js';

/** @param {number} bytes */
function size(bytes) {
  return `${formatNumber(Math.round(bytes / 1024 / 102.4) / 10)} MB`;
}

/** @param {import('../context.js').Ctx} ctx */
export function settings(ctx) {
  const s = ctx.settings;
  const persisted = h('p', { 'data-test': 'persisted' }, '…');
  const usage = h('p', { class: 'muted' });
  void s.persisted().then((ok) => {
    persisted.textContent = ok === null ? t('storage_unknown') : ok ? t('storage_persisted') : t('storage_not_persisted');
    persisted.dataset.persisted = String(ok);
  });
  void s.estimate().then((e) => {
    if (e?.usage !== undefined && e.quota) usage.textContent = t('storage_usage', { used: size(e.usage), quota: size(e.quota) });
  });
  const lang = h('select', { id: 'lang', onchange: () => s.setLocale(lang.value) },
    LOCALES.map(([code, name]) => h('option', { value: code, selected: s.locale() === code, lang: code }, name)));
  return h('div', null,
    h('h1', null, t('settings_title')),
    h('label', { for: 'lang' }, t('language')), lang,
    h('h2', null, t('storage')), persisted, usage,
    h('h2', null, t('account')),
    h('p', null, t('signed_in_as', { name: `${ctx.user.display_name} (${ctx.user.username})` })),
    h('div', { class: 'actions' },
      h('button', { type: 'button', 'data-test': 'sync-now', onclick: () => ctx.sync() }, t('sync_now')),
      h('button', { type: 'button', class: 'danger', 'data-test': 'logout', onclick: () => void s.logout() }, t('logout'))),
    h('p', { class: 'muted' }, t('version', { v: s.version() })));
}
