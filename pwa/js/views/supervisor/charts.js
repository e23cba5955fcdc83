/**
 * Small SVG charts for the board, written by hand (no chart library): horizontal bars with
 * their values, which read well at 360 px and for long Chinese labels. Each chart is an image
 * with a text alternative listing every value, so a screen reader gets the same figures.
 */
import { formatNumber } from '../../i18n/index.js';

const NS = 'http://www.w3.org/2000/svg';

/**
 * @param {string} tag
 * @param {Record<string, string|number>} attrs
 * @param {...(Node|string)} children
 * @returns {SVGElement}
 */
function s(tag, attrs, ...children) {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  for (const c of children) el.append(c);
  return el;
}

/**
 * Horizontal bars, one per row, longest = `max` (default the largest value).
 * @param {{label: string, value: number}[]} rows
 * @param {{title: string, max?: number, tone?: string}} opts
 * @returns {SVGElement}
 */
export function bars(rows, { title, max, tone = '#0b5d4b' }) {
  const width = 340;
  const row = 26;
  const labelW = 132;
  const valueW = 44;
  const top = Math.max(1, max ?? Math.max(0, ...rows.map((r) => r.value)));
  const summary = `${title}: ${rows.map((r) => `${r.label} ${formatNumber(r.value)}`).join(', ')}`;
  return s('svg', { viewBox: `0 0 ${width} ${rows.length * row + 4}`, width: '100%', role: 'img', 'aria-label': summary, class: 'chart' },
    s('title', {}, summary),
    ...rows.map((r, i) => {
      const y = i * row + 2;
      const w = Math.round(((width - labelW - valueW) * r.value) / top);
      return s('g', {},
        s('text', { x: labelW - 6, y: y + 16, 'text-anchor': 'end', 'font-size': 12, fill: '#1b1f23' }, clip(r.label, 18)),
        s('rect', { x: labelW, y: y + 3, width: Math.max(w, r.value ? 2 : 0), height: row - 8, rx: 3, fill: tone }),
        s('text', { x: labelW + w + 4, y: y + 16, 'font-size': 12, fill: '#4d5560' }, formatNumber(r.value)));
    }));
}

/**
 * A funnel: bars against the first stage, each with its share of it.
 * @param {{label: string, value: number}[]} stages
 * @param {string} title
 */
export function funnel(stages, title) {
  const first = stages[0]?.value || 0;
  return bars(stages.map((st) => ({ label: `${st.label} ${first ? Math.round((100 * st.value) / first) : 0}%`, value: st.value })),
    { title, max: first || 1, tone: '#16426e' });
}

/** Cut `text` to about `n` Latin-letter widths (a CJK character counts two). @param {string} text @param {number} n */
function clip(text, n) {
  let width = 0;
  let out = '';
  for (const ch of text) {
    width += /[\u2E80-\uFFEF]/.test(ch) ? 2 : 1;
    if (width > n) return `${out}…`;
    out += ch;
  }
  return out;
}
