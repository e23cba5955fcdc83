/**
 * Who needs targeted help: persons who keep trying for jobs without being hired, computed on the
 * phone from the pulled recommendations (their server-only `history` of moves).
 *
 * The rule is the server's (server/reports/funnel.py `struggling`), so the helper's Today list
 * and the supervisor's board name the same people:
 * - an attempt is a recommendation with a move to `applied`, `interview` or `rejected` in the
 *   last `days` days (a job counts once however many of those moves it had);
 * - a person with `minAttempts` or more attempts and no move to `hired` in that window, whose
 *   status is not `employed`, is listed;
 * - most attempts first, then by name.
 * Moves only count from `history`: a transition still waiting in the outbox counts once the
 * server has it and the next pull brings the history back.
 */

/** Moves that are an attempt at a job (the server's `ATTEMPTS`). */
export const ATTEMPT_STATES = Object.freeze(['applied', 'interview', 'rejected']);
export const DEFAULT_DAYS = 90;
export const DEFAULT_MIN_ATTEMPTS = 3;

const DAY_MS = 86_400_000;

/**
 * @typedef {{from?: string|null, to?: string|null, at?: string|null, by?: string|null}} Move
 * @typedef {{id: string, person_id?: string, history?: Move[]|null}} RecommendationLike
 * @typedef {{id: string, name?: string|null, status?: string|null, household_id?: string|null}} PersonLike
 * @typedef {{person: PersonLike, attempts: number, applied: number, interviews: number, rejections: number, lastAttemptAt: number}} Struggling
 */

/**
 * A move's time in ms. The server writes naive UTC ISO strings (`2026-11-21T09:30:00.123456`);
 * a string without a zone is read as UTC, extra fraction digits are dropped.
 * @param {unknown} at
 * @returns {number} NaN when it is not a timestamp
 */
export function moveTime(at) {
  if (typeof at !== 'string') return NaN;
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2})?)(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i.exec(at.trim());
  if (!m) return NaN;
  const [, day, time = '00:00:00', fraction = '', zone = 'Z'] = m;
  const ms = fraction ? fraction.slice(0, 4).padEnd(4, '0') : '';
  const offset = zone.toUpperCase() === 'Z' ? 'Z' : zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone;
  return Date.parse(`${day}T${time.length === 5 ? `${time}:00` : time}${ms}${offset}`);
}

/**
 * Persons needing targeted help, most attempts first.
 * @param {RecommendationLike[]} recommendations
 * @param {PersonLike[]} persons only these are listed (the phone's caseload)
 * @param {number} now ms
 * @param {{days?: number, minAttempts?: number}} [options]
 * @returns {Struggling[]}
 */
export function strugglingPersons(recommendations, persons, now, options = {}) {
  const days = options.days ?? DEFAULT_DAYS;
  const minAttempts = options.minAttempts ?? DEFAULT_MIN_ATTEMPTS;
  const since = now - days * DAY_MS;
  /** @type {Map<string, PersonLike>} */
  const byId = new Map(persons.map((p) => [p.id, p]));
  /** @type {Map<string, {attempts: number, applied: number, interviews: number, rejections: number, hires: number, lastAttemptAt: number}>} */
  const tally = new Map();
  for (const rec of recommendations) {
    if (!rec.person_id || !Array.isArray(rec.history) || !byId.has(rec.person_id)) continue;
    /** @type {Set<string>} states this recommendation moved to within the window */
    const reached = new Set();
    let last = -Infinity;
    for (const move of rec.history) {
      if (!move || typeof move.to !== 'string') continue;
      const at = moveTime(move.at);
      if (!(at >= since)) continue;
      reached.add(move.to);
      if (ATTEMPT_STATES.includes(move.to)) last = Math.max(last, at);
    }
    if (reached.size === 0) continue;
    const t = tally.get(rec.person_id) ?? { attempts: 0, applied: 0, interviews: 0, rejections: 0, hires: 0, lastAttemptAt: -Infinity };
    if (ATTEMPT_STATES.some((s) => reached.has(s))) t.attempts += 1;
    if (reached.has('applied')) t.applied += 1;
    if (reached.has('interview')) t.interviews += 1;
    if (reached.has('rejected')) t.rejections += 1;
    if (reached.has('hired')) t.hires += 1;
    t.lastAttemptAt = Math.max(t.lastAttemptAt, last);
    tally.set(rec.person_id, t);
  }
  /** @type {Struggling[]} */
  const out = [];
  for (const [personId, t] of tally) {
    const person = /** @type {PersonLike} */ (byId.get(personId));
    if (t.attempts < minAttempts || t.hires > 0 || person.status === 'employed') continue;
    const { hires: _hires, ...counts } = t;
    out.push({ person, ...counts });
  }
  return out.sort((a, b) => {
    if (a.attempts !== b.attempts) return b.attempts - a.attempts;
    const an = a.person.name ?? '', bn = b.person.name ?? '';
    if (an !== bn) return an < bn ? -1 : 1;
    return a.person.id < b.person.id ? -1 : a.person.id > b.person.id ? 1 : 0;
  });
}
