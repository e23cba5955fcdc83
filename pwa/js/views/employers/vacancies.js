/**
 * An employer's vacancies as the phone knows them: its jobs (pulled, `employer_id`), plus the
 * vacancy lines of its visits that are not jobs on this phone yet (recorded offline, or pushed
 * and not pulled back): they show at once, marked as waiting, and give way to the real job
 * after the pull, since a line carries the id of the job it becomes.
 *
 * Pure: works on the replica's records.
 */

/** @typedef {{id: string, title: string, headcount?: number, pay_min?: number|null, pay_max?: number|null, is_open?: boolean, closing_date?: string|null, pending: boolean}} Vacancy */

/**
 * @param {string} employerId
 * @param {Record<string, any>[]} jobs every job the phone holds
 * @param {Record<string, any>[]} visits every enterprise visit the phone holds
 * @returns {Vacancy[]} open ones first, then by title
 */
export function vacanciesOf(employerId, jobs, visits) {
  /** @type {Map<string, Vacancy>} */
  const out = new Map();
  for (const job of jobs) {
    if (job.employer_id === employerId) out.set(job.id, /** @type {Vacancy} */ ({ ...job, is_open: job.is_open !== false, pending: false }));
  }
  const ours = visits.filter((v) => v.employer_id === employerId)
    .sort((a, b) => String(a.occurred_at).localeCompare(String(b.occurred_at)));
  for (const visit of ours) {
    for (const line of visit.vacancies ?? []) {
      if (!line.id) continue;
      const known = out.get(line.id);
      if (known && !known.pending) continue;
      out.set(line.id, { ...(known ?? {}), ...line, title: line.title ?? known?.title ?? '', is_open: line.is_open ?? known?.is_open ?? true, pending: true });
    }
  }
  return [...out.values()].sort((a, b) => Number(b.is_open) - Number(a.is_open) || a.title.localeCompare(b.title));
}

/**
 * Employers matching a search by name, park, address or credit code (case-insensitive).
 * @param {Record<string, any>[]} employers @param {string} text
 */
export function searchEmployers(employers, text) {
  const q = text.trim().toLowerCase();
  const hits = q ? employers.filter((e) => [e.name, e.park, e.address, e.credit_code, e.industry]
    .some((v) => typeof v === 'string' && v.toLowerCase().includes(q))) : employers;
  return [...hits].sort((a, b) => String(a.name).localeCompare(String(b.name), 'zh'));
}
