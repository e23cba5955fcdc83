/**
 * The questions feature (issue 13.4): a graduate looks for jobs themselves and asks their
 * helper; the helper answers from Today or the file. Screens in `../questions/`.
 */
import { browse } from '../questions/browse.js';
import { homeSection, questionsView } from '../questions/ask.js';
import { fileQuestions, todayInterest, todayQuestions } from '../questions/answer.js';

/** @type {import('./index.js').Feature} */
export default {
  clientRoutes: [
    { path: '/jobs', view: browse },
    { path: '/questions', view: questionsView, live: true },
  ],
  clientNav: [{ href: '#/jobs', key: 'gq_nav_jobs' }],
  homeSections: [homeSection],
  todaySections: [todayQuestions, todayInterest],
  fileSections: [fileQuestions],
};
