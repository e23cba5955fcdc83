/**
 * Jobs: the vacancies supervisors collect from enterprises, job fairs, live-streamed
 * recruitment and labour brokers. Search and filter by source, add or edit one (the server's
 * per-field messages show next to the fields; nothing is written on an error), or import a CSV
 * file: all rows or none, every refused row reported as `line N, column X: message`.
 *
 * A job names its employer: picked from the district's employers the phone holds (the
 * employers feature, `views/employers/`), its name fills the job's `employer` text, and the
 * link is made with `PUT /api/employers/<id>/jobs/<job id>` once the job is saved. A job's
 * card links to its employer's page.
 */
import { h, mount } from '../../ui/dom.js';
import { t, label, locale, formatDate, formatNumber } from '../../i18n/index.js';
import { asTask, followTask } from '../tasks/progress.js';
import { HttpError, NetworkError } from '../../net/api.js';
import { EDUCATION_LEVELS, JOB_SOURCES } from '../../domain/vocabulary.js';
import { remote, query } from './remote.js';

/** @typedef {import('../context.js').Ctx} Ctx */

const SOURCES = JOB_SOURCES;
const EDUCATION = EDUCATION_LEVELS;
const PER_PAGE = 20;

/** `a, b；c` → `['a', 'b', 'c']`. @param {string} text */
const list = (text) => text.split(/[,，;；、]/).map((s) => s.trim()).filter(Boolean);

/**
 * The employer select of the job form: the district's employers, by name; the job's own first.
 * @param {Ctx} ctx @param {any} job
 */
function employerPicker(ctx, job) {
  const linked = job?.employer_id ?? ctx.replica.get('job', job?.id)?.employer_id ?? '';
  const employers = [...ctx.replica.all('employer')].sort((a, b) => String(a.name).localeCompare(String(b.name), 'zh'));
  return h('select', { 'data-test': 'job-employer-id' }, h('option', { value: '' }, t('em_job_employer_none')),
    employers.map((e) => h('option', { value: e.id, selected: e.id === linked }, [e.name, e.park].filter(Boolean).join(' · '))));
}

/** @param {Ctx} ctx @param {() => void} imported */
function importer(ctx, imported) {
  const file = h('input', { id: 'j-csv', type: 'file', accept: '.csv,text/csv' });
  const out = h('div', { 'aria-live': 'polite', 'data-test': 'import-result' });
  const go = async () => {
    const chosen = file.files?.[0];
    if (!chosen) return ctx.toast(t('jobs_pick_file'));
    if (!navigator.onLine) return mount(out, h('p', { class: 'error', role: 'alert' }, t('sup_offline')));
    try {
      // A large file is a background task (progress shown as it goes); a small one is done at once.
      const lang = locale() === 'en' ? 'en' : 'zh';
      const task = await followTask(ctx, await ctx.api.upload(asTask(`/api/jobs/import?lang=${lang}`), chosen), out);
      /** @type {any} */
      const result = task.result;
      if (task.state === 'done' && result) {
        mount(out, h('p', { class: 'ok', 'data-test': 'import-ok' },
          t('jobs_imported', { n: result?.created?.jobs ?? result?.rows ?? 0 })));
        file.value = '';
        imported();
      } else if (result?.errors?.length) {
        mount(out, h('div', { role: 'alert', 'data-test': 'import-errors' },
          h('p', { class: 'error' }, t('jobs_import_refused')),
          h('ul', null, result.errors.map((/** @type {any} */ e) => h('li', null, e.text ?? `${e.line}: ${e.message}`)))));
      } else {
        mount(out, h('p', { class: 'error', role: 'alert' }, task.error ?? t('bg_state_failed')));
      }
    } catch (err) {
      if (err instanceof HttpError && err.status === 422 && Array.isArray(err.fields.file)) {
        mount(out, h('div', { role: 'alert', 'data-test': 'import-errors' },
          h('p', { class: 'error' }, t('jobs_import_refused')),
          h('ul', null, err.fields.file.map((line) => h('li', null, line)))));
      } else {
        mount(out, h('p', { class: 'error', role: 'alert' }, err instanceof NetworkError ? t('sup_offline')
          : t('sup_failed', { message: /** @type {Error} */ (err).message })));
      }
    }
  };
  return h('fieldset', null,
    h('legend', null, t('jobs_import')),
    h('p', { class: 'hint' }, t('jobs_import_hint')),
    h('label', { for: 'j-csv' }, t('jobs_csv_file')), file,
    h('div', { class: 'actions' }, h('button', { type: 'button', 'data-test': 'import-csv', onclick: () => void go() }, t('jobs_import'))),
    out);
}

/**
 * The add/edit form. `job` is null for a new one.
 * @param {Ctx} ctx @param {any} job
 */
function jobForm(ctx, job) {
  /** @type {Map<string, HTMLElement>} */
  const errors = new Map();
  /** @type {Record<string, HTMLInputElement|HTMLSelectElement|HTMLTextAreaElement>} */
  const inputs = {};
  /** @param {string} name @param {string} text @param {HTMLInputElement|HTMLSelectElement|HTMLTextAreaElement} input */
  const field = (name, text, input) => {
    input.id = `job-${name}`;
    input.name = name;
    const err = h('p', { class: 'error', id: `job-${name}-error`, 'data-test': `error-${name}`, hidden: true });
    input.setAttribute('aria-describedby', err.id);
    inputs[name] = input;
    errors.set(name, err);
    return h('div', null, h('label', { for: input.id }, text), input, err);
  };
  /** @param {string} name @param {string} type @param {Record<string, any>} [attrs] */
  const input = (name, type, attrs = {}) => h('input', { type, value: job?.[name] ?? '', ...attrs });
  const check = (/** @type {string} */ name, /** @type {string} */ text, /** @type {boolean} */ on) => {
    const box = h('input', { type: 'checkbox', id: `job-${name}`, name, checked: on });
    inputs[name] = box;
    const err = h('p', { class: 'error', id: `job-${name}-error`, hidden: true });
    errors.set(name, err);
    return h('div', null, h('label', { class: 'check', for: box.id }, box, text), err);
  };
  const formError = h('p', { class: 'error', role: 'alert', hidden: true });
  const employerId = /** @type {HTMLSelectElement} */ (employerPicker(ctx, job));
  employerId.addEventListener('change', () => {
    const chosen = ctx.replica.get('employer', employerId.value);
    if (chosen) inputs.employer.value = chosen.name;
  });

  const body = () => {
    const v = (/** @type {string} */ k) => inputs[k].value.trim();
    const int = (/** @type {string} */ k) => (v(k) === '' ? null : Number(v(k)));
    /** @type {Record<string, unknown>} */
    const out = {
      employer: v('employer'), title: v('title'), industry: v('industry') || null, place: v('place') || null,
      pay_min: int('pay_min'), pay_max: int('pay_max'), majors: list(v('majors')), skills: list(v('skills')),
      education_level: v('education_level') || null, source: v('source'),
      public_welfare: /** @type {HTMLInputElement} */ (inputs.public_welfare).checked,
      closing_date: v('closing_date') || null,
      is_open: /** @type {HTMLInputElement} */ (inputs.is_open).checked,
      description: v('description') || null,
    };
    if (v('headcount') !== '') out.headcount = Number(v('headcount'));
    return out;
  };
  const clear = () => {
    formError.hidden = true;
    for (const [name, el] of errors) {
      el.hidden = true;
      el.textContent = '';
      inputs[name]?.removeAttribute('aria-invalid');
    }
  };
  /** @param {SubmitEvent} e */
  const submit = async (e) => {
    e.preventDefault();
    clear();
    if (!navigator.onLine) {
      formError.textContent = t('sup_offline');
      formError.hidden = false;
      return;
    }
    try {
      const saved = job
        ? await ctx.api.request('PATCH', `/api/jobs/${job.id}`, body())
        : await ctx.api.request('POST', '/api/jobs', body());
      if (employerId.value) await ctx.api.request('PUT', `/api/employers/${employerId.value}/jobs/${saved.id}`);
      ctx.toast(t('jobs_saved', { title: saved.title }));
      ctx.nav('/jobs');
    } catch (err) {
      if (err instanceof HttpError && err.status === 422) {
        /** @type {HTMLElement|null} */
        let first = null;
        const other = [];
        for (const [name, messages] of Object.entries(err.fields)) {
          const text = Array.isArray(messages) ? messages.join(' ') : String(messages);
          const el = errors.get(name);
          if (!el) { other.push(`${name}: ${text}`); continue; }
          el.textContent = text;
          el.hidden = false;
          inputs[name].setAttribute('aria-invalid', 'true');
          first ??= inputs[name];
        }
        formError.textContent = [err.message, ...other].join(' ');
        formError.hidden = false;
        first?.focus();
      } else {
        formError.textContent = err instanceof NetworkError ? t('sup_offline') : t('sup_failed', { message: /** @type {Error} */ (err).message });
        formError.hidden = false;
      }
    }
  };
  const select = (/** @type {string} */ name, /** @type {readonly string[]} */ codes, /** @type {string} */ kind, /** @type {boolean} */ blank) =>
    h('select', null, blank && h('option', { value: '' }, '—'),
      codes.map((c) => h('option', { value: c, selected: (job?.[name] ?? (blank ? '' : codes[0])) === c }, label(kind, c))));
  return h('form', { class: 'job-form', novalidate: true, onsubmit: (/** @type {SubmitEvent} */ e) => void submit(e) },
    field('employer_id', t('em_job_employer'), employerId),
    field('employer', t('jobs_employer'), input('employer', 'text', { required: true })),
    field('title', t('jobs_title'), input('title', 'text', { required: true })),
    field('industry', t('jobs_industry'), input('industry', 'text')),
    field('place', t('place'), input('place', 'text')),
    h('div', { class: 'filters' },
      field('pay_min', t('jobs_pay_min'), input('pay_min', 'number', { min: 0, inputMode: 'numeric' })),
      field('pay_max', t('jobs_pay_max'), input('pay_max', 'number', { min: 0, inputMode: 'numeric' }))),
    field('majors', t('jobs_majors'), h('input', { type: 'text', value: (job?.majors ?? []).join(', ') })),
    field('skills', t('jobs_skills'), h('input', { type: 'text', value: (job?.skills ?? []).join(', ') })),
    h('div', { class: 'filters' },
      field('education_level', t('education'), select('education_level', EDUCATION, 'edu', true)),
      field('headcount', t('jobs_headcount'), input('headcount', 'number', { min: 1, value: job?.headcount ?? 1 }))),
    field('source', t('jobs_source'), select('source', SOURCES, 'source', false)),
    field('closing_date', t('jobs_closing'), input('closing_date', 'date')),
    check('public_welfare', t('jobs_public_welfare'), Boolean(job?.public_welfare)),
    check('is_open', t('jobs_open'), job ? Boolean(job.is_open) : true),
    field('description', t('jobs_description'), h('textarea', { rows: 4, value: job?.description ?? '' })),
    formError,
    h('div', { class: 'actions' },
      h('button', { type: 'submit', class: 'primary', 'data-test': 'save-job' }, t('save')),
      h('a', { class: 'button', href: '#/jobs' }, t('cancel'))));
}

/** @param {Ctx} ctx @param {any} job */
function jobCard(ctx, job) {
  const employerId = job.employer_id ?? ctx.replica.get('job', job.id)?.employer_id;
  const pay = job.pay_min != null || job.pay_max != null
    ? `${job.pay_min != null ? formatNumber(job.pay_min) : ''}–${job.pay_max != null ? formatNumber(job.pay_max) : ''}` : null;
  return h('li', null, h('a', { class: 'card', href: `#/jobs/${job.id}`, 'data-test': 'job' },
    h('span', { class: 'title' }, job.title, ' · ', job.employer,
      job.is_open ? null : h('span', { class: 'badge bad' }, t('jobs_closed'))),
    h('span', { class: 'sub' }, ' ', [label('source', job.source), job.industry, job.place, pay,
      job.closing_date && t('jobs_closes', { date: formatDate(job.closing_date) })].filter(Boolean).join(' · '))),
    employerId ? h('a', { class: 'sub', href: `#/employers/${employerId}`, 'data-test': 'job-employer-link' }, t('em_job_employer_page')) : null,
    job.is_open ? h('a', { class: 'sub', href: `#/jobs/${job.id}/candidates`, 'data-test': 'job-candidates-link' }, t('ev_job_candidates')) : null);
}

/** @param {Ctx} ctx @param {import('../context.js').RouteArgs} args */
export function jobs(ctx, { query: q }) {
  const filters = { q: q.get('q') ?? '', source: q.get('source') ?? '' };
  const pageNo = Math.max(1, Number(q.get('page')) || 1);
  /** @param {Record<string, string|number>} change */
  const refilter = (change) => ctx.nav(`/jobs${query({ ...filters, ...change })}`);
  const search = h('input', { id: 'j-q', type: 'search', value: filters.q });
  const listBox = h('div', null);
  const showList = () => mount(listBox, jobList(ctx, filters, pageNo, refilter));
  showList();
  return h('div', null,
    h('h1', null, t('sup_jobs')),
    h('div', { class: 'actions' }, h('a', { class: 'button primary', href: '#/jobs/new', 'data-test': 'add-job' }, t('jobs_add'))),
    h('form', { class: 'filters', role: 'search', onsubmit: (/** @type {Event} */ e) => { e.preventDefault(); refilter({ q: search.value.trim(), page: '' }); } },
      h('div', null, h('label', { for: 'j-q' }, t('jobs_search')), search),
      h('div', null, h('label', { for: 'j-source' }, t('jobs_source')),
        h('select', { id: 'j-source', onchange: (/** @type {Event} */ e) => refilter({ source: /** @type {HTMLSelectElement} */ (e.target).value, page: '' }) },
          h('option', { value: '' }, t('sup_all')),
          SOURCES.map((s) => h('option', { value: s, selected: filters.source === s }, label('source', s))))),
      h('div', { class: 'actions' }, h('button', { type: 'submit' }, t('jobs_search_button')))),
    listBox,
    importer(ctx, showList));
}

/** @param {Ctx} ctx @param {{q: string, source: string}} filters @param {number} pageNo @param {(change: Record<string, string|number>) => void} refilter */
function jobList(ctx, filters, pageNo, refilter) {
  return remote(() => ctx.api.request('GET', `/api/jobs${query({ ...filters, open_only: 'false', page: pageNo, per_page: PER_PAGE })}`), (page) => {
      const pages = Math.max(1, Math.ceil(page.total / PER_PAGE));
      return h('div', null,
        h('p', { class: 'hint' }, t('jobs_shown', { n: page.items.length, total: page.total })),
        page.items.length === 0 ? h('p', null, t('jobs_none')) : h('ul', { class: 'list' }, page.items.map((/** @type {any} */ j) => jobCard(ctx, j))),
        pages > 1 && h('nav', { class: 'actions', 'aria-label': t('jobs_pages') },
          pageNo > 1 && h('button', { type: 'button', onclick: () => refilter({ page: pageNo - 1 }) }, t('jobs_prev')),
          h('span', null, t('jobs_page', { n: pageNo, of: pages })),
          pageNo < pages && h('button', { type: 'button', onclick: () => refilter({ page: pageNo + 1 }) }, t('jobs_next'))));
  });
}

/** @param {Ctx} ctx */
export function newJob(ctx) {
  return h('div', null, h('h1', null, t('jobs_add')), jobForm(ctx, null));
}

/** @param {Ctx} ctx @param {import('../context.js').RouteArgs} args */
export function editJob(ctx, { params }) {
  return h('div', null, h('h1', null, t('jobs_edit')),
    remote(() => ctx.api.request('GET', `/api/jobs/${params.id}`), (job) => jobForm(ctx, job)));
}
