/**
 * Supervisor screens read the server directly: supervisors work at a desk, and their lists
 * (every visit of a sub-district, the board) are not on the phone. `remote()` shows a
 * placeholder, loads, and swaps in the result; offline or failing, it says so plainly and
 * offers to try again. `download()` fetches a CSV with the bearer token and saves it.
 */
import { h, mount } from '../../ui/dom.js';
import { t } from '../../i18n/index.js';
import { NetworkError } from '../../net/api.js';

/**
 * @template T
 * @param {() => Promise<T>} load
 * @param {(data: T, reload: () => void) => Node} render
 * @returns {HTMLElement}
 */
export function remote(load, render) {
  const box = h('div', { 'aria-live': 'polite', 'aria-busy': 'true' }, h('p', { class: 'loading' }, t('loading')));
  const run = () => {
    box.setAttribute('aria-busy', 'true');
    if (!navigator.onLine) {
      mount(box, failure(new NetworkError('offline'), run));
      box.setAttribute('aria-busy', 'false');
      return;
    }
    load().then(
      (data) => mount(box, render(data, run)),
      (err) => mount(box, failure(err, run)),
    ).finally(() => box.setAttribute('aria-busy', 'false'));
  };
  run();
  return box;
}

/** @param {unknown} err @param {() => void} retry */
export function failure(err, retry) {
  const offline = err instanceof NetworkError || !navigator.onLine;
  const message = err instanceof Error ? err.message : String(err);
  return h('div', { class: 'card', role: 'alert', 'data-test': offline ? 'offline' : 'failed' },
    h('p', { class: 'error' }, offline ? t('sup_offline') : t('sup_failed', { message })),
    h('button', { type: 'button', onclick: retry }, t('retry')));
}

/** `?a=1&b=2` from the set values of `params`. @param {Record<string, string|number|undefined|null>} params */
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

/**
 * Save `path` (a CSV export) as a file, sending the access token (refreshed once on a 401).
 * @param {import('../../net/api.js').Api} api
 * @param {string} path
 * @param {string} filename
 */
export async function download(api, path, filename) {
  const get = () => fetch(path, { headers: { Authorization: `Bearer ${api.tokens.access() ?? ''}` }, cache: 'no-store' });
  let res = await get();
  if (res.status === 401 && (await api.refresh())) res = await get();
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  const url = URL.createObjectURL(await res.blob());
  const a = h('a', { href: url, download: filename, hidden: true });
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * A button that exports one report as CSV.
 * @param {import('../context.js').Ctx} ctx
 * @param {string} name report name (`/api/reports/<name>.csv`)
 * @param {Record<string, string|undefined>} [filters]
 */
export function csvButton(ctx, name, filters = {}) {
  return h('button', { type: 'button', class: 'small', 'data-test': `csv-${name}`, onclick: () =>
    void download(ctx.api, `/api/reports/${name}.csv${query(filters)}`, `doorstep-${name}.csv`).catch((err) =>
      ctx.toast(navigator.onLine ? t('sup_failed', { message: err.message }) : t('sup_offline'))) }, t('sup_csv'));
}
