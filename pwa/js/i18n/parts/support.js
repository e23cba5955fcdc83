/** Messages of the support feature, in both languages; `../tables.js` merges every part. */
export default {
  en: {
  },
  zh: {
  },
};
