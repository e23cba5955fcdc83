/**
 * Messages of one feature (follow-up: Today's reason lines, group filter, the board's attempts
 * and groups), in both languages; `../tables.js` merges every part over en.js/zh.js. The reason
 * lines come from `sync/followup.json`, which the server renders too (CSV, due list), so the
 * phone and an export say the same thing.
 */
import reasons from '../../../../sync/followup.json' with { type: 'json' };

export default {
  en: {
    ...reasons.messages.en,
    'followup.group': 'Group',
    'followup.all_groups': 'All groups',
    'followup.no_group': 'No group',
    'followup.step': 'Step: {step}',
    'followup.board_activity': 'Contacts and attempts, last 30 days',
    'followup.board_contacts': 'contacts (someone met)',
    'followup.board_attempts': 'attempts (nobody met)',
    'followup.board_by_group': 'By group',
    'followup.board_group_overdue': 'overdue',
    'reject.future_date': 'The visit is dated after today. Correct the date and save it again.',
  },
  zh: {
    ...reasons.messages.zh,
    'followup.group': '小组',
    'followup.all_groups': '全部小组',
    'followup.no_group': '未分组',
    'followup.step': '阶段：{step}',
    'followup.board_activity': '近30天的联系与尝试',
    'followup.board_contacts': '次联系（见到本人）',
    'followup.board_attempts': '次尝试（未联系上）',
    'followup.board_by_group': '按小组',
    'followup.board_group_overdue': '逾期',
    'reject.future_date': '走访日期晚于今天，请更正日期后重新保存。',
  },
};
