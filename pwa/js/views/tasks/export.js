/**
 * A workbook made by a background task: start it, show its progress, download its file.
 * Used by the reports screen for the period report and the ledgers; any list's export can use
 * it (`/api/exports/<name>.xlsx`).
 */
import { t } from '../../i18n/index.js';
import { download } from '../supervisor/remote.js';
import { asTask, followTask } from './progress.js';

/**
 * Make the workbook at `path` as a task, show its progress in `node`, then download it.
 * @param {import('../context.js').Ctx} ctx @param {string} path the export's address
 * @param {string} filename @param {HTMLElement} node
 */
export async function exportTask(ctx, path, filename, node) {
  try {
    const task = await followTask(ctx, await ctx.api.request('GET', asTask(path)), node);
    if (task.state === 'done' && task.has_file) await download(ctx.api, `/api/tasks/${task.id}/file`, filename);
  } catch (err) {
    ctx.toast(navigator.onLine ? t('sup_failed', { message: /** @type {Error} */ (err).message }) : t('sup_offline'));
  }
}
