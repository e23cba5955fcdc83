/** Messages of one feature (file), in both languages; `../tables.js` merges every part over en.js/zh.js. */
export default {
  en: {
    nav_register: 'Register',
  },
  zh: {
    nav_register: '登记',
  },
};
