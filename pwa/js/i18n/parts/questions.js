/** Messages of the questions feature, in both languages; `../tables.js` merges every part. */
export default {
  en: {
  },
  zh: {
  },
};
