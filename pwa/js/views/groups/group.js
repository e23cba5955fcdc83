/**
 * One job-search group (`#/groups/:id`), online: its pair of staff, the reach funnel (recorded
 * in Doorstep and, apart, what the office reported for people without a file here), the posts
 * with each one's funnel, and the members. The staff who serve the group (or its supervisor)
 * post a vacancy, an event, a policy, a training or a message to every member, and add people
 * of their own caseload (the persons on this phone) as members.
 */
import { h, mount } from '../../ui/dom.js';
import { t, label, formatNumber, formatDate } from '../../i18n/index.js';
import { remote } from '../supervisor/remote.js';
import { funnel } from '../supervisor/charts.js';
import { funnelLine, failed, POST_KINDS } from './list.js';

/** @typedef {import('../context.js').Ctx} Ctx */
/** @typedef {Record<string, any>} Rec */

export const STEPS = ['reached', 'read', 'interested', 'interview', 'hired'];

/** The funnel as a chart. @param {Record<string, number>} f */
export function funnelChart(f) {
  return funnel(STEPS.map((s) => ({ label: t(`gr_step_${s}`), value: f[s] ?? 0 })), t('gr_funnel'));
}

/** Where a post's `ref_id` options come from (online: the group screens are). */
const SOURCES = /** @type {Record<string, string>} */ ({
  job: '/api/jobs?per_page=200', event: '/api/events', policy: '/api/policies', training: '/api/trainings',
});

/** @param {any} body */
const itemsOf = (body) => (Array.isArray(body) ? body : body?.items ?? []);

/** @param {Ctx} ctx @param {any} group @param {() => void} reload */
function postForm(ctx, group, reload) {
  const kind = h('select', { id: 'gr-post-kind', 'data-test': 'gr-post-kind' },
    POST_KINDS.map((k) => h('option', { value: k }, label('post_kind', k))));
  const ref = h('select', { id: 'gr-post-ref', 'data-test': 'gr-post-ref' });
  const refBox = h('div', null, h('label', { for: 'gr-post-ref' }, t('gr_post_ref')), ref);
  const title = h('input', { id: 'gr-post-heading', maxlength: 160, 'data-test': 'gr-post-heading' });
  const body = h('textarea', { id: 'gr-post-body', rows: 3, maxlength: 4000, 'data-test': 'gr-post-body' });
  const fill = async () => {
    const source = SOURCES[kind.value];
    refBox.hidden = !source;
    mount(ref);
    if (!source) return;
    try {
      const rows = itemsOf(await ctx.api.request('GET', source)).filter((/** @type {any} */ r) => r.is_open !== false && !r.cancelled);
      mount(ref, ...rows.map((/** @type {any} */ r) => h('option', { value: r.id },
        r.employer ? `${r.title} · ${r.employer}` : r.title)));
    } catch (err) {
      ctx.toast(failed(err));
    }
  };
  kind.addEventListener('change', () => void fill());
  void fill();
  const send = async (/** @type {Event} */ e) => {
    e.preventDefault();
    try {
      const posted = await ctx.api.request('POST', `/api/groups/${group.id}/posts`, {
        kind: kind.value, ref_id: SOURCES[kind.value] ? ref.value || null : null,
        title: title.value.trim() || null, body: body.value.trim() || null,
      });
      ctx.toast(t('gr_posted', { n: formatNumber(posted.reached) }));
      reload();
    } catch (err) {
      ctx.toast(failed(err));
    }
  };
  return h('form', { class: 'card', onsubmit: send, 'data-test': 'gr-post-form' },
    h('h2', null, t('gr_post_title')),
    h('label', { for: 'gr-post-kind' }, t('gr_post_kind')), kind,
    refBox,
    h('label', { for: 'gr-post-heading' }, t('gr_post_heading')), title,
    h('label', { for: 'gr-post-body' }, t('gr_post_body')), body,
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', 'data-test': 'gr-post-send' }, t('gr_post_send'))));
}

/** @param {Ctx} ctx @param {any} group @param {() => void} reload */
function addMembers(ctx, group, reload) {
  const members = new Set(group.member_list.map((/** @type {any} */ m) => m.person_id));
  const people = ctx.replica.all('person').filter((p) => !members.has(p.id))
    .sort((a, b) => String(a.name).localeCompare(String(b.name)));
  if (people.length === 0) return h('p', { class: 'muted' }, t('gr_nothing_to_add'));
  const filter = h('input', { id: 'gr-filter', type: 'search', 'data-test': 'gr-filter' });
  const boxes = people.map((p) => ({ p, box: h('input', { type: 'checkbox', value: p.id, 'data-test': 'gr-pick' }) }));
  const rows = boxes.map(({ p, box }) => h('li', { 'data-name': p.name }, h('label', { class: 'check' }, box, ' ', p.name)));
  filter.addEventListener('input', () => {
    const q = filter.value.trim();
    for (const row of rows) row.hidden = Boolean(q) && !String(row.getAttribute('data-name')).includes(q);
  });
  const add = async (/** @type {Event} */ e) => {
    e.preventDefault();
    const ids = boxes.filter(({ box }) => box.checked).map(({ p }) => p.id);
    if (ids.length === 0) return;
    try {
      const done = await ctx.api.request('POST', `/api/groups/${group.id}/members`, { person_ids: ids });
      ctx.toast(t('gr_added', { n: formatNumber(done.joined) }));
      reload();
    } catch (err) {
      ctx.toast(failed(err));
    }
  };
  return h('details', { class: 'card' },
    h('summary', { 'data-test': 'gr-add-open' }, t('gr_add_members')),
    h('form', { onsubmit: add },
      h('p', { class: 'hint' }, t('gr_add_hint')),
      h('label', { for: 'gr-filter' }, t('gr_filter')), filter,
      h('ul', { class: 'list plain' }, rows),
      h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', 'data-test': 'gr-add' }, t('gr_add')))));
}

/** @param {Ctx} ctx @param {any} g @param {() => void} reload */
function render(ctx, g, reload) {
  const staff = [g.primary_staff, g.partner_staff].filter(Boolean).map((u) => u.display_name);
  const remove = async (/** @type {string} */ personId) => {
    try {
      await ctx.api.request('DELETE', `/api/groups/${g.id}/members/${personId}`);
      ctx.toast(t('gr_removed'));
      reload();
    } catch (err) {
      ctx.toast(failed(err));
    }
  };
  return h('div', { 'data-test': 'gr-detail' },
    h('h1', null, g.name),
    h('p', { class: 'sub' }, label('group_kind', g.kind), ' · ', t('gr_members', { n: formatNumber(g.members) }), ' · ',
      staff.length ? t('gr_served_by', { names: staff.join('、') }) : t('gr_no_staff')),
    g.description && h('p', { class: 'prose' }, g.description),
    h('section', { 'aria-labelledby': 'h-gr-funnel', 'data-test': 'gr-funnel' },
      h('h2', { id: 'h-gr-funnel' }, t('gr_funnel')),
      funnelChart(g.total),
      h('p', { class: 'sub', 'data-test': 'gr-recorded' }, t('gr_recorded', {
        reached: formatNumber(g.recorded.reached), interview: formatNumber(g.recorded.interview), hired: formatNumber(g.recorded.hired) })),
      g.reported && h('p', { class: 'sub', 'data-test': 'gr-reported' }, t('gr_reported', {
        reached: formatNumber(g.reported.reached), interview: formatNumber(g.reported.interview), hired: formatNumber(g.reported.hired) }))),
    g.may_manage ? postForm(ctx, g, reload) : h('p', { class: 'hint' }, t('gr_manage_only')),
    h('h2', null, t('gr_post_list')),
    g.post_list.length === 0 ? h('p', { class: 'muted' }, t('gr_no_posts')) :
      h('ul', { class: 'list', 'data-test': 'gr-posts' }, g.post_list.map((/** @type {any} */ p) =>
        h('li', { class: 'card', 'data-test': 'gr-post-row' },
          h('div', { class: 'title' }, p.title),
          h('div', { class: 'sub' }, label('post_kind', p.kind), ' · ', formatDate(p.posted_at)),
          h('div', { class: 'sub', 'data-test': 'gr-post-funnel' }, funnelLine(p.funnel))))),
    h('h2', null, t('gr_member_list')),
    g.may_manage && addMembers(ctx, g, reload),
    h('ul', { class: 'list', 'data-test': 'gr-members' }, g.member_list.map((/** @type {any} */ m) =>
      h('li', { class: 'card row' }, h('a', { href: `#/person/${m.person_id}` }, m.name),
        g.may_manage && h('button', { type: 'button', class: 'small', onclick: () => void remove(m.person_id) }, t('gr_remove'))))),
    g.members_elsewhere > 0 && h('p', { class: 'muted' }, t('gr_elsewhere', { n: formatNumber(g.members_elsewhere) })));
}

/** `#/groups/:id`. @type {import('../context.js').View} */
export function groupView(ctx, { params }) {
  return h('div', null,
    remote(() => ctx.api.request('GET', `/api/groups/${params.id}`), (data, reload) => render(ctx, data, reload)),
    h('div', { class: 'actions' }, h('a', { class: 'button', href: '#/groups' }, t('back'))));
}
