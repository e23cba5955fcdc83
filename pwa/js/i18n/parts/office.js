/** Messages of one feature (office), in both languages; `../tables.js` merges every part over en.js/zh.js. */
export default {
  en: {},
  zh: {},
};
