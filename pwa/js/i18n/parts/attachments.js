/** Messages of the attachments feature, in both languages; `../tables.js` merges every part. */
export default {
  en: {
  },
  zh: {
  },
};
