/**
 * Imports from the office's ledgers: a persons file (people and their new households) or a jobs
 * file, as .xlsx or CSV in UTF-8 or GBK. The server checks every row and adds all or none.
 *
 * The upload starts a background task (`?async=1`: 202 with the task) so a 5,000-line ledger
 * never holds the request: the screen shows a progress bar with done/total and the server's
 * message (`views/tasks/progress.js`), then what was added, or every refused line as the server
 * reports it, already in the user's language (`第 3 行，跟踪类别：…`), so the ledger can be fixed
 * and sent again.
 */
import { h, mount } from '../../ui/dom.js';
import { t, locale } from '../../i18n/index.js';
import { HttpError } from '../../net/api.js';
import { asTask, followTask } from '../tasks/progress.js';
import { problem, field, heading } from './common.js';

/** @typedef {{kind: string, ok: boolean, rows: number, created: Record<string, number>, errors: {text?: string, line: number, column: string, message: string}[]}} ImportResult */

/**
 * `line 3, column phone: message` with its frame in the user's language (a server that sent
 * the English line report, e.g. a synchronous 422).
 * @param {string} line
 */
export function lineReport(line) {
  const m = /^line (\d+), column ([^:]+): (.*)$/s.exec(line);
  return m ? t('adm_import_line', { line: m[1], column: m[2], message: m[3] }) : line;
}

/** What was added. @param {ImportResult} result */
function added(result) {
  const created = Object.entries(result.created ?? {}).map(([what, n]) => t(`adm_import_created_${what}`, { n }));
  return h('div', { class: 'ok', 'data-test': 'import-ok' },
    h('p', null, t('adm_import_done', { n: result.rows })), created.length ? h('ul', null, created.map((c) => h('li', null, c))) : null);
}

/** Every refused line. @param {string[]} lines */
function refused(lines) {
  return h('div', { role: 'alert', 'data-test': 'import-errors' },
    h('p', { class: 'error' }, t('adm_import_refused', { n: lines.length })),
    h('ul', null, lines.map((line) => h('li', null, line))));
}

/**
 * One kind of import.
 * @param {import('../context.js').Ctx} ctx @param {'persons'|'jobs'} kind
 */
function importer(ctx, kind) {
  const file = h('input', { id: `imp-${kind}`, type: 'file', 'data-test': `import-file-${kind}`,
    accept: '.xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
  const progress = h('div', { 'data-test': `import-progress-${kind}` });
  const out = h('div', { 'aria-live': 'polite', 'data-test': `import-result-${kind}` });
  const button = h('button', { type: 'button', class: 'primary', 'data-test': `import-send-${kind}` }, t('adm_import_send'));
  button.addEventListener('click', async () => {
    const chosen = file.files?.[0];
    if (!chosen) return mount(out, h('p', { class: 'error', role: 'alert' }, t('jobs_pick_file')));
    button.disabled = true;
    mount(out);
    mount(progress, h('p', { class: 'loading' }, t('bg_uploading')));
    try {
      const lang = locale() === 'en' ? 'en' : 'zh';
      const task = await followTask(ctx, await ctx.api.upload(asTask(`/api/${kind}/import?lang=${lang}`), chosen), progress);
      /** @type {ImportResult|null} */
      const result = task.result;
      if (task.state === 'done' && result) {
        mount(out, added(result));
        file.value = '';
      } else if (result?.errors?.length) {
        mount(out, refused(result.errors.map((e) => e.text ?? lineReport(`line ${e.line}, column ${e.column}: ${e.message}`))));
      } else if (task.state === 'failed') {
        mount(out, h('p', { class: 'error', role: 'alert', 'data-test': 'import-failed' }, task.error ?? t('bg_state_failed')));
      }
    } catch (err) {
      mount(progress);
      if (err instanceof HttpError && Array.isArray(err.fields.file)) mount(out, refused(err.fields.file.map(lineReport)));
      else mount(out, h('p', { class: 'error', role: 'alert' }, problem(err)));
    } finally {
      button.disabled = false;
    }
  });
  return h('fieldset', null, h('legend', null, t(`adm_import_${kind}`)),
    h('p', { class: 'hint' }, t(`adm_import_${kind}_hint`)),
    field(t('adm_import_file'), file), h('div', { class: 'actions' }, button), progress, out);
}

/** @type {import('../context.js').View} */
export const imports = (ctx) => h('section', { class: 'admin imports' }, ...heading(t('adm_imports')),
  h('p', { class: 'hint' }, t('adm_imports_intro')), importer(ctx, 'persons'), importer(ctx, 'jobs'));
