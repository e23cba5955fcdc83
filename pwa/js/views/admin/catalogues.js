/**
 * The two small catalogues helpers offer at the door: training courses and employment policies.
 * The office lists them and adds one; helpers' phones read them on sync.
 */
import { h } from '../../ui/dom.js';
import { t, formatDate } from '../../i18n/index.js';
import { remote } from '../supervisor/remote.js';
import { problem, field, alertLine, heading } from './common.js';

/** @typedef {import('../context.js').Ctx} Ctx */

/**
 * An add form of text fields; `build` turns the values into the request body.
 * @param {Ctx} ctx @param {string} path @param {string} prefix
 * @param {[string, string, Record<string, any>][]} fields name, label key, input attributes
 * @param {() => void} added
 */
function addForm(ctx, path, prefix, fields, added) {
  /** @type {Record<string, HTMLInputElement|HTMLTextAreaElement>} */
  const inputs = {};
  const error = alertLine();
  const rows = fields.map(([name, key, attrs]) => {
    const { tag = 'input', ...rest } = attrs;
    const input = h(tag, { id: `${prefix}-${name}`, name, 'data-test': `${prefix}-${name}`, ...rest });
    inputs[name] = /** @type {HTMLInputElement} */ (input);
    return field(t(key), /** @type {HTMLInputElement} */ (input));
  });
  /** @param {Event} e */
  const onsubmit = async (e) => {
    e.preventDefault();
    error.say('');
    /** @type {Record<string, unknown>} */
    const body = {};
    for (const [name, input] of Object.entries(inputs)) {
      const value = input instanceof HTMLInputElement && input.type === 'checkbox' ? input.checked : input.value.trim();
      if (value === '') continue;
      body[name] = input instanceof HTMLInputElement && input.type === 'number' ? Number(value) : value;
    }
    try {
      await ctx.api.request('POST', path, body);
      ctx.toast(t('adm_cat_added', { title: String(body.title ?? '') }));
      added();
    } catch (err) {
      error.say(problem(err));
    }
  };
  return h('details', null, h('summary', null, t('adm_add')),
    h('form', { onsubmit, 'data-test': `${prefix}-form` }, rows, error.el,
      h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', 'data-test': `${prefix}-save` }, t('save')))));
}

/** @type {import('../context.js').View} */
export const catalogues = (ctx) => h('section', { class: 'admin catalogues' }, ...heading(t('adm_catalogues')),
  h('h2', null, t('adm_trainings')),
  remote(() => ctx.api.request('GET', '/api/trainings'), (/** @type {any[]} */ all, reload) => h('div', null,
    addForm(ctx, '/api/trainings', 'tr', [
      ['title', 'adm_cat_title', { required: true, maxLength: 160 }],
      ['provider', 'adm_tr_provider', { maxLength: 160 }],
      ['field', 'adm_tr_field', { maxLength: 80 }],
      ['starts_on', 'adm_tr_starts', { type: 'date' }],
      ['duration_days', 'adm_tr_days', { type: 'number', min: 1, max: 3650 }],
      ['free', 'adm_tr_free', { type: 'checkbox', checked: true }],
      ['description', 'adm_cat_description', { tag: 'textarea', maxLength: 10000 }],
    ], reload),
    all.length ? h('ul', { class: 'list', 'data-test': 'trainings' }, all.map((c) => h('li', { class: 'card' },
      h('strong', null, c.title),
      h('p', { class: 'muted' }, [c.provider, c.field, c.starts_on && formatDate(c.starts_on),
        c.duration_days && t('adm_tr_n_days', { n: c.duration_days }), c.free ? t('adm_tr_is_free') : null].filter(Boolean).join(' · ')))))
      : h('p', null, t('adm_cat_none')))),
  h('h2', null, t('adm_policies')),
  remote(() => ctx.api.request('GET', '/api/policies'), (/** @type {any[]} */ all, reload) => h('div', null,
    addForm(ctx, '/api/policies', 'po', [
      ['title', 'adm_cat_title', { required: true, maxLength: 160 }],
      ['audience', 'adm_po_audience', { maxLength: 120 }],
      ['summary', 'adm_po_summary', { tag: 'textarea', maxLength: 10000 }],
    ], reload),
    all.length ? h('ul', { class: 'list', 'data-test': 'policies' }, all.map((p) => h('li', { class: 'card' },
      h('strong', null, p.title), p.audience && h('p', { class: 'muted' }, p.audience), p.summary && h('p', null, p.summary))))
      : h('p', null, t('adm_cat_none')))));
