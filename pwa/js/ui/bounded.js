/**
 * A text field that shows its limit while the helper types ("312 / 10000 characters") and says
 * what is wrong before saving (too long, a character no database keeps). The rule itself is
 * domain/limits.js; this is only how a form shows it.
 */
import { h, nextId } from './dom.js';
import { t } from '../i18n/index.js';
import { checkText, textLength, textMax } from '../domain/limits.js';

/** @typedef {import('../domain/limits.js').Problem} Problem */

/** @param {Problem} problem */
export function problemText(problem) {
  return t(problem.key, problem.values);
}

/**
 * @param {{entity: string, field: string, id?: string, value?: string, rows?: number, required?: boolean, label: string}} opts
 * @returns {{nodes: Node[], input: HTMLTextAreaElement, check(): boolean}} check(): shows the problem, true when fit to save
 */
export function boundedText(opts) {
  const id = opts.id ?? nextId(opts.field);
  const max = textMax(opts.entity, opts.field);
  const counter = h('p', { class: 'hint counter', id: `${id}-count`, 'data-test': `${id}-count` });
  const problem = h('p', { class: 'error', id: `${id}-problem`, role: 'alert', 'data-test': `${id}-problem` });
  const input = h('textarea', {
    id, name: opts.field, rows: opts.rows ?? 4, required: opts.required ?? false,
    'aria-describedby': `${id}-count ${id}-problem`,
  }, opts.value ?? '');
  const show = () => {
    const n = textLength(input.value);
    if (max !== null) {
      counter.textContent = t('limit_counter', { n, max });
      counter.classList.toggle('over', n > max);
    }
    const found = checkText(opts.entity, opts.field, input.value);
    problem.textContent = found ? problemText(found) : '';
    input.setAttribute('aria-invalid', found ? 'true' : 'false');
    return found === null;
  };
  input.addEventListener('input', () => void show());
  show();
  return {
    nodes: [h('label', { for: id }, opts.label), input, counter, problem],
    input,
    check() {
      const ok = show();
      if (!ok) input.focus();
      return ok;
    },
  };
}
