/**
 * The area tree: districts, their sub-districts (where staff work) and the residential
 * committees under those (where households live). The admin adds an area under its parent and
 * renames one; the server checks a committee lies in a sub-district and a sub-district in a
 * district. Nothing is deleted here: households and people point at these areas.
 */
import { h } from '../../ui/dom.js';
import { t } from '../../i18n/index.js';
import { remote } from '../supervisor/remote.js';
import { areaTree, childKind } from './areas-data.js';
import { problem, alertLine, heading } from './common.js';

/** @typedef {import('./areas-data.js').Area} Area */
/** @typedef {import('../context.js').Ctx} Ctx */

/**
 * A one-field form: a name, saved by `save`.
 * @param {string} id @param {string} text @param {string} value @param {string} button
 * @param {(name: string) => Promise<void>} save
 */
function nameForm(id, text, value, button, save) {
  const input = h('input', { id, value, required: true, maxLength: 120, 'data-test': 'area-name' });
  const error = alertLine();
  /** @param {Event} e */
  const onsubmit = async (e) => {
    e.preventDefault();
    error.say('');
    if (!input.value.trim()) return error.say(t('adm_name_needed'));
    try {
      await save(input.value.trim());
    } catch (err) {
      error.say(problem(err));
    }
  };
  return h('form', { onsubmit, class: 'inline' }, h('label', { for: id }, text), input, error.el,
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'small', 'data-test': 'area-save' }, button)));
}

/**
 * One area, its rename and add-under forms, and its children below.
 * @param {Ctx} ctx @param {Area} area @param {ReturnType<typeof areaTree>} tree @param {() => void} reload
 * @returns {HTMLElement}
 */
function node(ctx, area, tree, reload) {
  const under = childKind(area.kind);
  const kids = tree.children(area.id);
  return h('li', { 'data-test': 'area', 'data-kind': area.kind, 'data-name': area.name },
    h('details', null,
      h('summary', null, h('strong', null, area.name), ` · ${t(`adm_kind_${area.kind}`)}`, kids.length ? ` (${kids.length})` : ''),
      nameForm(`rename-${area.id}`, t('adm_rename'), area.name, t('save'), async (name) => {
        await ctx.api.request('PATCH', `/api/areas/${area.id}`, { name });
        ctx.toast(t('adm_saved'));
        reload();
      }),
      under && h('div', { 'data-test': `add-${under}` }, nameForm(`add-${area.id}`, t(`adm_add_${under}`), '', t('adm_add'), async (name) => {
        await ctx.api.request('POST', '/api/areas', { name, kind: under, parent_id: area.id });
        ctx.toast(t('adm_area_added', { name }));
        reload();
      }))),
    kids.length ? h('ul', { class: 'tree' }, kids.map((k) => node(ctx, k, tree, reload))) : null);
}

/** @type {import('../context.js').View} */
export const areas = (ctx) => h('section', { class: 'admin areas' }, ...heading(t('adm_areas')),
  h('p', { class: 'hint' }, t('adm_areas_intro')),
  remote(() => ctx.api.request('GET', '/api/areas'), (/** @type {Area[]} */ all, reload) => {
    const tree = areaTree(all);
    return h('div', null,
      h('ul', { class: 'tree', 'data-test': 'area-tree' }, tree.children(null).map((a) => node(ctx, a, tree, reload))),
      h('div', { 'data-test': 'add-district' }, nameForm('add-district', t('adm_add_district'), '', t('adm_add'), async (name) => {
        await ctx.api.request('POST', '/api/areas', { name, kind: 'district', parent_id: null });
        ctx.toast(t('adm_area_added', { name }));
        reload();
      })));
  }));
