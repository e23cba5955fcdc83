/** Messages of one feature (vault), in both languages; `../tables.js` merges every part over en.js/zh.js. */
export default {
  en: {},
  zh: {},
};
