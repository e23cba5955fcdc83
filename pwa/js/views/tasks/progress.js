/**
 * A background task on screen: a progress bar with done/total and the server's message (already
 * in the user's language), polled from `GET /api/tasks/<id>` until the task is done or failed.
 *
 * The imports and the .xlsx exports start tasks (`?async=1`: the server answers 202 with the
 * task); without a queue on the server the task comes back already finished, and this shows it
 * the same way. Polling backs off gently (1 s, then up to 3 s) and stops when the view is left
 * (the node is no longer in the document), so a forgotten screen does not poll for ever.
 */
import { h, mount } from '../../ui/dom.js';
import { t, formatNumber } from '../../i18n/index.js';

/**
 * @typedef {{
 *   id: string, kind: string, state: 'queued'|'running'|'done'|'failed', done: number, total: number,
 *   message: string, result: any, error: string|null, error_code: string|null, file_name: string|null,
 *   has_file: boolean,
 * }} Task
 */

/** Is the task over? @param {Task} task */
export function finished(task) {
  return task.state === 'done' || task.state === 'failed';
}

/** `12 / 40` or '' while the total is not known. @param {Task} task */
export function counts(task) {
  return task.total > 0 ? t('bg_counts', { done: formatNumber(task.done), total: formatNumber(task.total) }) : '';
}

/** The bar and its words for one state of the task. @param {Task} task */
export function progressView(task) {
  const bar = h('progress', { max: Math.max(task.total, 1), 'aria-label': t('bg_progress'), 'data-test': 'task-bar' });
  // No value while the total is unknown: the browser draws an indeterminate bar.
  if (task.total > 0) /** @type {HTMLProgressElement} */ (bar).value = task.done;
  else if (finished(task)) /** @type {HTMLProgressElement} */ (bar).value = 1;
  return h('div', { class: 'task-progress', 'data-test': 'task-progress', 'data-state': task.state },
    bar,
    h('p', { class: task.state === 'failed' ? 'error' : 'sub', 'data-test': 'task-message' },
      task.message || t(`bg_state_${task.state}`), task.total > 0 ? ` · ${counts(task)}` : ''));
}

/** @param {number} ms */
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Show `task` in `node` and poll it until it is over; the final task.
 * @param {import('../context.js').Ctx} ctx @param {Task} task @param {HTMLElement} node
 * @returns {Promise<Task>}
 */
export async function followTask(ctx, task, node) {
  let current = task;
  let wait = 1000;
  mount(node, progressView(current));
  while (!finished(current)) {
    await sleep(wait);
    wait = Math.min(wait + 500, 3000);
    if (!node.isConnected) return current;
    try {
      current = await ctx.api.request('GET', `/api/tasks/${current.id}`);
    } catch {
      continue; // offline for a moment: the task goes on on the server; ask again
    }
    mount(node, progressView(current));
  }
  return current;
}

/**
 * `path` with `?async=1` (or `&async=1`): the server answers with a task.
 * @param {string} path
 */
export function asTask(path) {
  return `${path}${path.includes('?') ? '&' : '?'}async=1`;
}
