/**
 * Staff's job-search groups (`#/groups`): every group of the office and those the user serves,
 * each with its reach funnel so far, and a form to open a new one. Groups are kept online
 * (they are not on the phone), so this screen reads the server with `remote()`.
 */
import { h } from '../../ui/dom.js';
import { t, label, formatNumber } from '../../i18n/index.js';
import { remote } from '../supervisor/remote.js';
import { HttpError, NetworkError } from '../../net/api.js';
import vocabularyFile from '../../../../sync/vocabulary.json' with { type: 'json' };

/** The shared vocabularies' group and post kinds (the server reads the same file). */
const V = /** @type {any} */ (vocabularyFile);
/** @type {readonly string[]} */ export const GROUP_KINDS = V.group_kinds;
/** @type {readonly string[]} */ export const POST_KINDS = V.post_kinds;

/** @typedef {import('../context.js').Ctx} Ctx */
/** @typedef {{reached: number, read: number, interested: number, interview: number, hired: number}} Funnel */

/** One line of a funnel's figures. @param {Funnel} f */
export function funnelLine(f) {
  /** @type {Record<string, string>} */
  const vars = {};
  for (const [k, v] of Object.entries(f)) vars[k] = formatNumber(v);
  return t('gr_funnel_line', vars);
}

/** The field of a refusal → what to tell the user (the server's messages are English only). */
const FIELD_ERRORS = /** @type {Record<string, string>} */ ({
  ref_id: 'gr_err_ref', person_ids: 'gr_err_person', title: 'gr_err_title', area_id: 'gr_err_area',
  primary_staff_id: 'gr_err_staff', partner_staff_id: 'gr_err_staff', name: 'gr_err_name',
});

/** A failed call, in one sentence of the user's language. @param {unknown} err */
export function failed(err) {
  if (err instanceof NetworkError || !navigator.onLine) return t('gr_offline');
  if (!(err instanceof HttpError)) return t('gr_failed', { message: err instanceof Error ? err.message : String(err) });
  const field = Object.keys(err.fields).find((f) => f in FIELD_ERRORS || f.startsWith('person_ids'));
  if (field) return t(FIELD_ERRORS[field] ?? 'gr_err_person');
  if (err.status === 403) return t('gr_manage_only');
  if (err.status === 404) return t('gr_err_gone');
  return t('gr_failed', { message: err.message });
}

/** @param {Ctx} ctx */
function newGroupForm(ctx) {
  const name = h('input', { id: 'gr-name', required: true, maxlength: 120, 'data-test': 'gr-name' });
  const kind = h('select', { id: 'gr-kind', 'data-test': 'gr-kind' },
    GROUP_KINDS.map((k) => h('option', { value: k }, label('group_kind', k))));
  const create = async (/** @type {Event} */ e) => {
    e.preventDefault();
    try {
      const group = await ctx.api.request('POST', '/api/groups', { name: name.value.trim(), kind: kind.value });
      ctx.nav(`/groups/${group.id}`);
    } catch (err) {
      ctx.toast(failed(err));
    }
  };
  return h('details', { class: 'card' },
    h('summary', { 'data-test': 'gr-new' }, t('gr_new')),
    h('form', { onsubmit: create },
      h('label', { for: 'gr-name' }, t('gr_name')), name,
      h('label', { for: 'gr-kind' }, t('gr_kind')), kind,
      h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', 'data-test': 'gr-create' }, t('gr_create')))));
}

/** `#/groups`. @type {import('../context.js').View} */
export function groupsView(ctx) {
  return h('div', null,
    h('h1', null, t('gr_groups')),
    h('p', { class: 'hint' }, t('gr_intro')),
    newGroupForm(ctx),
    remote(() => ctx.api.request('GET', '/api/groups'), (/** @type {any} */ data) =>
      data.items.length === 0 ? h('p', { class: 'muted' }, t('gr_none')) :
        h('ul', { class: 'list', 'data-test': 'gr-groups' }, data.items.map((/** @type {any} */ g) =>
          h('li', null, h('a', { class: 'card', href: `#/groups/${g.id}`, 'data-test': 'gr-group' },
            h('div', { class: 'title' }, g.name),
            h('div', { class: 'sub' }, label('group_kind', g.kind), ' · ', t('gr_members', { n: formatNumber(g.members) }),
              ' · ', t('gr_posts', { n: formatNumber(g.posts) })),
            h('div', { class: 'sub' }, funnelLine(g.total))))))));
}
