/**
 * The order questions are read in, the same on the graduate's phone and the helper's: waiting
 * ones first, oldest first (the longest wait is answered first); then answered ones, the newest
 * answer first. Pure, so `tests/js/questions` pins it.
 */

/** @typedef {Record<string, any>} Rec */

/** @param {Rec} a @param {Rec} b */
const byAsked = (a, b) => String(a.asked_at ?? '').localeCompare(String(b.asked_at ?? '')) || String(a.id).localeCompare(String(b.id));

/**
 * Questions no one has answered yet, oldest first.
 * @param {Rec[]} questions
 */
export function waitingQuestions(questions) {
  return questions.filter((q) => !q.answer).sort(byAsked);
}

/**
 * One person's questions: `waiting` (oldest first) and `answered` (newest answer first).
 * @param {Rec[]} questions @param {string} personId
 */
export function questionsOf(questions, personId) {
  const mine = questions.filter((q) => q.person_id === personId);
  const answered = mine.filter((q) => q.answer)
    .sort((a, b) => String(b.answered_at ?? '').localeCompare(String(a.answered_at ?? '')) || byAsked(a, b));
  return { waiting: waitingQuestions(mine), answered };
}

/**
 * The search a `#/jobs` URL carries, as the API's query string (blank filters left out).
 * @param {URLSearchParams} query
 */
export function searchOf(query) {
  const out = new URLSearchParams();
  for (const key of ['q', 'industry', 'place']) {
    const value = (query.get(key) ?? '').trim();
    if (value) out.set(key, value);
  }
  return out;
}
