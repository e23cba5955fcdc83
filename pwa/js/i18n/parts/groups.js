/** Messages of the groups feature, in both languages; `../tables.js` merges every part. */
export default {
  en: {
  },
  zh: {
  },
};
