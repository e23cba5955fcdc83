/**
 * A tiny hyperscript for plain DOM: `h('button', {class: 'primary', onclick}, t('save'))`.
 * Text children are always text nodes, so data from the server can never inject markup.
 */

/** @typedef {Node | string | number | null | undefined | false | any[]} Child */

/**
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Record<string, any> | null} [attrs]
 * @param {...Child} children
 * @returns {HTMLElementTagNameMap[K]}
 */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') {
      el.addEventListener(key.slice(2), value);
    } else if (key === 'class') {
      el.className = value;
    } else if (key in el && !key.includes('-') && key !== 'list' && key !== 'form') {
      /** @type {any} */ (el)[key] = value;
    } else {
      el.setAttribute(key, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

/** @param {Node} parent @param {Child[]} children */
function append(parent, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(parent, c);
    else parent.appendChild(typeof c === 'object' ? c : document.createTextNode(String(c)));
  }
}

/** Replace the content of `el`. @param {Element} el @param {...Child} children */
export function mount(el, ...children) {
  el.replaceChildren();
  append(el, children);
}

let uid = 0;
/** A unique id for label/field pairs. @param {string} prefix */
export function nextId(prefix) {
  return `${prefix}-${++uid}`;
}
