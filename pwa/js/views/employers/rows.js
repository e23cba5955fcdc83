/**
 * A list of rows the helper grows with "add" (an employer's contacts, a visit's vacancies).
 * Its inputs have no `name`, so a form's draft keeps the rows through `state` (read/write the
 * list of row values) rather than field by field: rows typed at the door survive a reload.
 */
import { h, mount, nextId } from '../../ui/dom.js';
import { t } from '../../i18n/index.js';

/** @typedef {{key: string, label: string, type?: string, attrs?: Record<string, any>, options?: {value: string, text: string}[]}} RowField */
/** @typedef {Record<string, string>} RowValues */
/**
 * @typedef {{node: HTMLElement, read(): RowValues[], write(rows: RowValues[]): void, add(values?: RowValues): void}} RowList
 */

/**
 * @param {{fields: RowField[], addKey: string, removeKey: string, test: string, onChange: () => void}} spec
 * @returns {RowList}
 */
export function rowList({ fields, addKey, removeKey, test, onChange }) {
  /** @type {{box: HTMLElement, inputs: Record<string, HTMLInputElement|HTMLSelectElement>, extra: RowValues}[]} */
  let rows = [];
  const list = h('div', { class: 'rows', 'data-test': `${test}-rows` });
  const redraw = () => mount(list, rows.map((r) => r.box));
  /** @param {RowValues} [values] */
  const make = (values = {}) => {
    /** @type {Record<string, HTMLInputElement|HTMLSelectElement>} */
    const inputs = {};
    const cells = fields.map((f) => {
      const id = nextId(`${test}-${f.key}`);
      const input = f.options
        ? h('select', { id, 'data-field': f.key }, f.options.map((o) => h('option', { value: o.value, selected: (values[f.key] ?? '') === o.value }, o.text)))
        : h('input', { id, type: f.type ?? 'text', value: values[f.key] ?? '', 'data-field': f.key, ...(f.attrs ?? {}) });
      input.addEventListener('input', onChange);
      input.addEventListener('change', onChange);
      inputs[f.key] = /** @type {HTMLInputElement|HTMLSelectElement} */ (input);
      return h('div', null, h('label', { for: id }, f.label), input);
    });
    // Values the row carries but does not show (a vacancy's id).
    /** @type {RowValues} */
    const extra = Object.fromEntries(Object.entries(values).filter(([k]) => !fields.some((f) => f.key === k)));
    const row = { box: h('fieldset', { class: 'line-item', 'data-test': test }), inputs, extra };
    mount(row.box, cells, h('button', { type: 'button', 'data-test': `${test}-remove`, onclick: () => {
      rows = rows.filter((r) => r !== row);
      redraw();
      onChange();
    } }, t(removeKey)));
    return row;
  };
  const add = (/** @type {RowValues} */ values = {}) => {
    const row = make(values);
    rows.push(row);
    redraw();
    row.inputs[fields[0].key]?.focus();
  };
  const node = h('div', null, list,
    h('button', { type: 'button', 'data-test': `${test}-add`, onclick: () => { add(); onChange(); } }, t(addKey)));
  return {
    node,
    add,
    read: () => rows.map((r) => ({ ...r.extra, ...Object.fromEntries(Object.entries(r.inputs).map(([k, el]) => [k, el.value.trim()])) })),
    write: (values) => {
      rows = (Array.isArray(values) ? values : []).map((v) => make(v));
      redraw();
    },
  };
}
