/** Messages of one feature (search), in both languages; `../tables.js` merges every part over en.js/zh.js. */
export default {
  en: {
    search_field: 'Name, pinyin, initials, phone or ID number',
    search_tip: 'A name as 李杰, lijie, li jie or lj; 4 or more digits of a phone; an ID number or its last 4-6 characters.',
    search_group: 'Group',
    search_all_groups: 'All groups',
    search_preparing: 'Preparing search…',
    search_more: 'Showing {shown} of {total}: type more to narrow it down.',
    search_digits_short: 'Type at least 4 digits of a phone.',
    search_group_count: '{n} in this group',
    search_matched_phone: 'Phone {phone}',
    search_matched_id: 'ID number …{tail}',
  },
  zh: {
    search_field: '姓名、拼音、首字母、电话或身份证号',
    search_tip: '姓名可输入“李杰”“lijie”“li jie”或“lj”；电话输入 4 位以上数字；身份证号输入全部或末 4-6 位。',
    search_group: '小组',
    search_all_groups: '全部小组',
    search_preparing: '正在准备搜索…',
    search_more: '共 {total} 个，显示 {shown} 个：请再多输入几个字缩小范围。',
    search_digits_short: '电话至少输入 4 位数字。',
    search_group_count: '本组 {n} 人',
    search_matched_phone: '电话 {phone}',
    search_matched_id: '身份证号 …{tail}',
  },
};
