/**
 * Aftercare on the phone: which retention contact of a placement is due when, and was the job
 * kept. The port of `sync/aftercare.py` (PROTOCOL.md "Aftercare"), pinned by the same vectors
 * (`sync/vectors/aftercare/*.json`), so Today offline and the server's lists agree.
 *
 * Days are ISO calendar days (`YYYY-MM-DD`) of the office's time zone; the caller turns a
 * timestamp into its day first. Pure: no DOM, no storage.
 */
import vocabulary from '../../../sync/vocabulary.json' with { type: 'json' };

/** @typedef {{step: string, due_on: string, state: 'done'|'missed'|'ended'|'due'|'overdue'|'upcoming', days_late: number}} Contact */
/** @typedef {{start_date?: string|null, ended_on?: string|null, [key: string]: any}} PlacementLike */
/** @typedef {{step?: string, [key: string]: any}} CheckLike */

/** @type {Readonly<Record<string, number>>} step code → days after the start */
export const DEFAULT_STEPS = /** @type {any} */ (vocabulary).retention_steps;

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of an ISO day. @param {string} iso */
function dayNumber(iso) {
  return Math.round(Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY_MS);
}

/** @param {number} n */
function isoOf(n) {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/** @param {[string, number]} a @param {[string, number]} b */
const byDays = (a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

/**
 * The steps in force: the admin's rows (`{code, days}`) over the defaults, by days.
 * @param {Iterable<Record<string, any>>} [rows]
 * @returns {Record<string, number>}
 */
export function stepTable(rows = []) {
  /** @type {Record<string, number>} */
  const table = { ...DEFAULT_STEPS };
  for (const row of rows) {
    if (typeof row.code === 'string' && Number.isInteger(row.days) && /** @type {number} */ (row.days) > 0) table[row.code] = /** @type {number} */ (row.days);
  }
  return Object.fromEntries(Object.entries(table).sort(byDays));
}

/**
 * Every step of a placement on `today`, earliest first (see sync/aftercare.py `schedule`).
 * @param {PlacementLike} placement
 * @param {Record<string, number>} steps
 * @param {CheckLike[]} checks the placement's retention checks
 * @param {string} today ISO day
 * @returns {Contact[]}
 */
export function schedule(placement, steps, checks, today) {
  if (!placement.start_date) return [];
  const start = dayNumber(placement.start_date);
  const ended = placement.ended_on ? dayNumber(placement.ended_on) : null;
  const now = dayNumber(today);
  const done = new Set(checks.map((c) => String(c.step)));
  const dues = Object.entries(steps).sort(byDays).map(([code, days]) => /** @type {[string, number]} */ ([code, start + days]));
  return dues.map(([code, due], index) => {
    const late = now - due;
    /** @type {Contact['state']} */
    let state;
    if (done.has(code)) state = 'done';
    else if (ended !== null) state = ended <= due ? 'ended' : 'missed';
    else if (dues.slice(index + 1).some(([later, when]) => done.has(later) || when <= now)) state = 'missed';
    else if (late > 0) state = 'overdue';
    else if (late === 0) state = 'due';
    else state = 'upcoming';
    return { step: code, due_on: isoOf(due), state, days_late: late };
  });
}

/**
 * The retention call Today shows for this placement (due or overdue), or null.
 * @param {PlacementLike} placement @param {Record<string, number>} steps @param {CheckLike[]} checks @param {string} today
 */
export function dueContact(placement, steps, checks, today) {
  return schedule(placement, steps, checks, today).find((c) => c.state === 'due' || c.state === 'overdue') ?? null;
}

/**
 * Was the person still in the job `days` after the start? null: not that long yet.
 * @param {PlacementLike} placement @param {number} days @param {string} asOf ISO day
 * @returns {boolean|null}
 */
export function keptAt(placement, days, asOf) {
  if (!placement.start_date) return null;
  const mark = dayNumber(placement.start_date) + days;
  if (mark > dayNumber(asOf)) return null;
  return !placement.ended_on || dayNumber(placement.ended_on) > mark;
}

/**
 * The shortest legal walk through a state machine (PROTOCOL.md "Outcomes by staff"; the port of
 * `sync/outcomes.py`): the states after `source` up to `target`, [] when there, null when
 * unreachable. Ties go to the machine's listed order.
 * @param {Record<string, readonly string[]>} transitions @param {string} source @param {string} target
 * @returns {string[]|null}
 */
export function walk(transitions, source, target) {
  if (source === target) return [];
  /** @type {Map<string, string>} */
  const cameFrom = new Map([[source, source]]);
  const queue = [source];
  while (queue.length) {
    const state = /** @type {string} */ (queue.shift());
    for (const next of transitions[state] ?? []) {
      if (cameFrom.has(next)) continue;
      cameFrom.set(next, state);
      if (next === target) {
        const path = [next];
        while (cameFrom.get(path[path.length - 1]) !== source) path.push(/** @type {string} */ (cameFrom.get(path[path.length - 1])));
        return path.reverse();
      }
      queue.push(next);
    }
  }
  return null;
}
