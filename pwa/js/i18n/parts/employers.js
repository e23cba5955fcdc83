/** Messages of the employers feature, in both languages; `../tables.js` merges every part. */
export default {
  en: {
  },
  zh: {
  },
};
