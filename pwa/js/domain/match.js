/**
 * A quick, explainable fit between a person and a cached job, for the helper's "recommend a job"
 * list: which of major, intention (industry, role, place), pay and skills agree. Each part is
 * named so the helper can say why; the score only orders the list.
 */

/** @typedef {{key: string, weight: number, detail?: string}} MatchPart */

/** @param {unknown} a @param {unknown} b */
function overlaps(a, b) {
  const x = String(a ?? '').trim().toLowerCase();
  const y = String(b ?? '').trim().toLowerCase();
  return Boolean(x && y && (x.includes(y) || y.includes(x)));
}

/**
 * @param {Record<string, any>} person
 * @param {Record<string, any>} job
 * @returns {{score: number, parts: MatchPart[]}}
 */
export function matchJob(person, job) {
  /** @type {MatchPart[]} */
  const parts = [];
  if (person.major && (job.majors ?? []).some((/** @type {string} */ m) => overlaps(m, person.major))) parts.push({ key: 'major', weight: 0.25 });
  if (overlaps(person.intention_industry, job.industry)) parts.push({ key: 'industry', weight: 0.2 });
  if (overlaps(person.intention_role, job.title) || overlaps(person.intention_role, job.role)) parts.push({ key: 'role', weight: 0.2 });
  if (overlaps(person.intention_place, job.place)) parts.push({ key: 'place', weight: 0.15 });
  const want = Number(person.intention_pay_min) || 0;
  const offer = Number(job.pay_max ?? job.pay_min) || 0;
  if (want && offer && offer >= want) parts.push({ key: 'pay', weight: 0.1 });
  const skills = (person.skills ?? []).filter((/** @type {string} */ s) => (job.skills ?? []).some((/** @type {string} */ j) => overlaps(j, s)));
  if (skills.length) parts.push({ key: 'skills', weight: 0.1, detail: skills.join(', ') });
  return { score: Math.round(parts.reduce((n, p) => n + p.weight, 0) * 100) / 100, parts };
}

/**
 * Open jobs, best fit first.
 * @param {Record<string, any>} person
 * @param {Record<string, any>[]} jobs
 */
export function rankJobs(person, jobs) {
  return jobs
    .filter((j) => j.is_open !== false)
    .map((job) => ({ job, ...matchJob(person, job) }))
    .sort((a, b) => b.score - a.score || String(a.job.title).localeCompare(String(b.job.title)));
}
