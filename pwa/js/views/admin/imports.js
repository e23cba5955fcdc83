/**
 * Imports from the office's ledgers: a persons file (people and their new households) or a jobs
 * file, as .xlsx or CSV in UTF-8 or GBK. The server checks every row and adds all or none; the
 * screen shows what was added, or every refused line as the server reports it
 * (`line N, column X: message`) so the ledger can be fixed and sent again.
 */
import { h, mount } from '../../ui/dom.js';
import { t } from '../../i18n/index.js';
import { HttpError } from '../../net/api.js';
import { problem, field, heading } from './common.js';

/** @typedef {{kind: string, ok: boolean, rows: number, created: Record<string, number>}} ImportResult */

/**
 * `line 3, column phone: message` with its frame in the user's language (the message itself is
 * the server's).
 * @param {string} line
 */
export function lineReport(line) {
  const m = /^line (\d+), column ([^:]+): (.*)$/s.exec(line);
  return m ? t('adm_import_line', { line: m[1], column: m[2], message: m[3] }) : line;
}

/**
 * One kind of import.
 * @param {import('../context.js').Ctx} ctx @param {'persons'|'jobs'} kind
 */
function importer(ctx, kind) {
  const file = h('input', { id: `imp-${kind}`, type: 'file', 'data-test': `import-file-${kind}`,
    accept: '.xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
  const out = h('div', { 'aria-live': 'polite', 'data-test': `import-result-${kind}` });
  const button = h('button', { type: 'button', class: 'primary', 'data-test': `import-send-${kind}` }, t('adm_import_send'));
  button.addEventListener('click', async () => {
    const chosen = file.files?.[0];
    if (!chosen) return mount(out, h('p', { class: 'error', role: 'alert' }, t('jobs_pick_file')));
    button.disabled = true;
    mount(out, h('p', { class: 'loading' }, t('loading')));
    try {
      /** @type {ImportResult} */
      const result = await ctx.api.upload(`/api/${kind}/import`, chosen);
      const created = Object.entries(result.created ?? {}).map(([what, n]) => t(`adm_import_created_${what}`, { n }));
      mount(out, h('div', { class: 'ok', 'data-test': 'import-ok' },
        h('p', null, t('adm_import_done', { n: result.rows })), created.length ? h('ul', null, created.map((c) => h('li', null, c))) : null));
      file.value = '';
    } catch (err) {
      if (err instanceof HttpError && Array.isArray(err.fields.file)) {
        mount(out, h('div', { role: 'alert', 'data-test': 'import-errors' },
          h('p', { class: 'error' }, t('adm_import_refused', { n: err.fields.file.length })),
          h('ul', null, err.fields.file.map((line) => h('li', null, lineReport(line))))));
      } else {
        mount(out, h('p', { class: 'error', role: 'alert' }, problem(err)));
      }
    } finally {
      button.disabled = false;
    }
  });
  return h('fieldset', null, h('legend', null, t(`adm_import_${kind}`)),
    h('p', { class: 'hint' }, t(`adm_import_${kind}_hint`)),
    field(t('adm_import_file'), file), h('div', { class: 'actions' }, button), out);
}

/** @type {import('../context.js').View} */
export const imports = (ctx) => h('section', { class: 'admin imports' }, ...heading(t('adm_imports')),
  h('p', { class: 'hint' }, t('adm_imports_intro')), importer(ctx, 'persons'), importer(ctx, 'jobs'));
