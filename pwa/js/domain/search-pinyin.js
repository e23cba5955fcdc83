/**
 * Pinyin for the search keys, from pinyin-pro. Its own module so that the search screen imports
 * it on demand (`search-index.js`): the bundler puts it, and only the parts of pinyin-pro that
 * `pinyin()` needs, in a lazy chunk that the shell and the other screens never load.
 */
import { pinyin } from 'pinyin-pro';

/** @typedef {import('./search.js').Readings} Readings */

/**
 * `Readings` over pinyin-pro: the name read as a name (surname mode: 曾 zeng, 单 shan, and
 * compound surnames such as 长孙), and with every reading of its first character. One call per
 * name (the slow part: about 0.1 ms); the readings of a first character are kept, since a
 * caseload has a few hundred surnames for thousands of names.
 * @returns {Readings}
 */
export function pinyinProReadings() {
  /** @type {{toneType: 'none', type: 'array', v: true}} */
  const plain = { toneType: 'none', type: 'array', v: true };
  /** @type {Map<string, string[]>} */
  const headReadings = new Map();
  return (han) => {
    const asName = pinyin(han, { ...plain, surname: 'head' });
    const head = [...han][0];
    let heads = headReadings.get(head);
    if (!heads) {
      heads = pinyin(head, { ...plain, multiple: true });
      headReadings.set(head, heads);
    }
    const rest = asName.slice(1);
    const spellings = [asName, ...heads.map((h) => [h, ...rest])];
    const full = new Set(spellings.map((s) => s.join('')));
    const initials = new Set(spellings.map((s) => s.map((syllable) => syllable[0] ?? '').join('')));
    return { full: [...full], initials: [...initials] };
  };
}
