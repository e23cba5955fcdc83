/**
 * Search people and households on the phone, offline: by characters, pinyin or initials, an
 * English name, phone digits or an ID number, optionally within one group. The index
 * (`domain/search-index.js`) is built once per replica change; a keystroke only runs a query.
 */
import { h, mount } from '../../ui/dom.js';
import { t, label, formatList } from '../../i18n/index.js';
import { WITHOUT_PINYIN, find, indexOf, loadReadings, warmKeys } from '../../domain/search-index.js';
import { readQuery, PHONE_MIN_DIGITS } from '../../domain/search.js';

/**
 * For a query by digits, what it matched: the phone, or the end of the ID number (never all of
 * it on screen).
 * @param {Record<string, any>} p
 * @param {import('../../domain/search.js').Query['kind']} kind
 */
function matched(p, kind) {
  if (kind !== 'digits' && kind !== 'id_tail') return null;
  const parts = [];
  if (kind === 'digits' && p.phone) parts.push(t('search_matched_phone', { phone: p.phone }));
  if (p.id_number) parts.push(t('search_matched_id', { tail: String(p.id_number).slice(-6) }));
  return parts.length ? h('div', { class: 'sub', 'data-test': 'result-matched' }, parts.join(' · ')) : null;
}

/** @param {import('../context.js').Ctx} ctx @param {import('../context.js').RouteArgs} args */
export function search(ctx, { query }) {
  const { replica } = ctx;
  /** Characters, English, phone and ID at once; pinyin and initials once pinyin-pro is ready. */
  let readings = WITHOUT_PINYIN;
  const preparing = h('p', { class: 'muted', 'data-test': 'search-preparing' }, t('search_preparing'));
  const results = h('div', { 'aria-live': 'polite', id: 'search-results' });
  const input = h('input', {
    id: 'q',
    type: 'search',
    autocomplete: 'off',
    autocapitalize: 'off',
    spellcheck: false,
    enterkeyhint: 'search',
    'aria-describedby': 'search-tip',
    value: query.get('q') ?? '',
    oninput: () => update(),
  });
  const group = h('select', { id: 'search-group', onchange: () => update() });
  const groupField = h('div', { hidden: true },
    h('label', { for: 'search-group' }, t('search_group')), group);

  const update = () => {
    const params = new URLSearchParams();
    if (input.value) params.set('q', input.value);
    if (group.value) params.set('group', group.value);
    const qs = params.toString();
    history.replaceState(null, '', `#/search${qs ? `?${qs}` : ''}`);
    show();
  };

  /** The group select lists the groups present in the caseload. @param {string[]} groups @param {string} chosen */
  const fillGroups = (groups, chosen) => {
    mount(group,
      h('option', { value: '' }, t('search_all_groups')),
      groups.map((g) => h('option', { value: g, selected: g === chosen }, g)));
    groupField.hidden = groups.length === 0;
  };

  const show = () => {
    const index = indexOf(replica, readings);
    if (group.options.length !== index.groups.length + 1) fillGroups(index.groups, group.value);
    const raw = input.value;
    const q = readQuery(raw);
    if (q.kind === 'empty' && !group.value) return mount(results, h('p', { class: 'muted' }, t('search_hint')));
    if (q.kind === 'digits' && q.text.length < PHONE_MIN_DIGITS && !group.value) {
      return mount(results, h('p', { class: 'muted' }, t('search_digits_short')));
    }
    const found = find(index, raw, { group: group.value });
    const { persons, households } = found;
    if (!persons.length && !households.length) return mount(results, h('p', null, t('search_none')));
    mount(
      results,
      persons.length > 0 && h('h2', null, t('persons')),
      q.kind === 'empty' && h('p', { class: 'muted' }, t('search_group_count', { n: found.total })),
      h('ul', { class: 'list' }, persons.map(({ person: p }) =>
        h('li', null, h('a', { class: 'card', href: `#/person/${p.id}`, 'data-test': 'person-result' },
          h('div', { class: 'title' }, p.name, p.group_name && h('span', { class: 'badge', 'data-test': 'result-group' }, p.group_name)),
          h('div', { class: 'sub' }, label('status', p.status), ' · ', replica.get('household', p.household_id)?.address ?? ''),
          matched(p, q.kind))))),
      found.total > persons.length && h('p', { class: 'muted', 'data-test': 'search-more' }, t('search_more', { shown: persons.length, total: found.total })),
      households.length > 0 && h('h2', null, t('households')),
      h('ul', { class: 'list' }, households.map(({ household: x }) =>
        h('li', null, h('a', { class: 'card', href: `#/household/${x.id}`, 'data-test': 'household-result' },
          h('div', { class: 'title' }, x.address),
          h('div', { class: 'sub' }, formatList(replica.all('person').filter((p) => p.household_id === x.id).map((p) => p.name))))))),
    );
  };

  fillGroups(indexOf(replica, readings).groups, query.get('group') ?? '');
  show();
  // The first time, pinyin for a whole caseload takes a moment: worked out in slices while the
  // helper can already type, then the results are shown again with pinyin and initials.
  void loadReadings()
    .then(async (r) => {
      await warmKeys(replica.all('person'), r);
      readings = r;
    })
    .catch(() => undefined)
    .then(() => {
      preparing.remove();
      results.dataset.ready = readings === WITHOUT_PINYIN ? 'without-pinyin' : 'pinyin';
      show();
    });
  // A sync that lands while the screen is open shows at once (the index follows the replica).
  let shown = false;
  const onChange = () => {
    if (view.isConnected) {
      shown = true;
      show();
    } else if (shown) replica.removeEventListener('change', onChange); // the helper has left
  };
  replica.addEventListener('change', onChange);
  queueMicrotask(() => input.focus());
  const view = h('div', { class: 'search' },
    h('h1', null, t('search_title')),
    h('form', { role: 'search', onsubmit: (/** @type {Event} */ e) => e.preventDefault() },
      h('label', { for: 'q' }, t('search_field')), input,
      h('p', { id: 'search-tip', class: 'muted' }, t('search_tip')),
      groupField),
    preparing,
    results);
  return view;
}
