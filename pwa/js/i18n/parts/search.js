/** Messages of one feature (search), in both languages; `../tables.js` merges every part over en.js/zh.js. */
export default {
  en: {},
  zh: {},
};
