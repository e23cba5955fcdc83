/** Messages of the feature hooks themselves (the helper's "More" tab); `../tables.js` merges every part. */
export default {
  en: {
    nav_more: 'More',
    more_title: 'More work',
    more_none: 'Nothing more here yet.',
    board_period: 'Period of the figures below',
    board_this_month: 'This month ({period})',
    board_this_quarter: 'This quarter ({period})',
    board_this_year: 'This year ({period})',
  },
  zh: {
    nav_more: '更多',
    more_title: '更多工作',
    more_none: '这里暂时没有更多内容。',
    board_period: '下列数据的统计期间',
    board_this_month: '本月（{period}）',
    board_this_quarter: '本季度（{period}）',
    board_this_year: '本年（{period}）',
  },
};
