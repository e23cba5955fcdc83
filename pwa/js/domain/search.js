/**
 * Search over the local replica: case-insensitive substring on names, addresses, phones and
 * schools, in Chinese or English. `toLocaleLowerCase` leaves Chinese as it is; NFKC folds
 * full-width letters and digits typed on a Chinese keyboard into their plain forms.
 */

/** @param {unknown} s */
export function fold(s) {
  return String(s ?? '')
    .normalize('NFKC')
    .toLocaleLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * @template T
 * @param {T[]} items
 * @param {string} query
 * @param {(item: T) => unknown[]} fields
 * @param {number} [limit]
 * @returns {T[]}
 */
export function searchBy(items, query, fields, limit = 50) {
  const q = fold(query);
  if (!q) return [];
  const out = [];
  for (const item of items) {
    if (fields(item).some((f) => fold(f).includes(q))) {
      out.push(item);
      if (out.length >= limit) break;
    }
  }
  return out;
}
