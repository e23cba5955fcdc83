/** Search households and people on the phone (Chinese or English, any part of a word). */
import { h, mount } from '../../ui/dom.js';
import { t, label, formatList } from '../../i18n/index.js';
import { searchBy } from '../../domain/search.js';

/** @param {import('../context.js').Ctx} ctx @param {import('../context.js').RouteArgs} args */
export function search(ctx, { query }) {
  const { replica } = ctx;
  const results = h('div', { 'aria-live': 'polite', id: 'search-results' });
  const input = h('input', {
    id: 'q',
    type: 'search',
    autocomplete: 'off',
    enterkeyhint: 'search',
    value: query.get('q') ?? '',
    oninput: () => {
      history.replaceState(null, '', `#/search?q=${encodeURIComponent(input.value)}`);
      show(input.value);
    },
  });
  /** @param {string} q */
  const show = (q) => {
    if (!q.trim()) return mount(results, h('p', { class: 'muted' }, t('search_hint')));
    const households = searchBy(replica.all('household'), q, (x) => [x.address]);
    const persons = searchBy(replica.all('person'), q, (p) => [p.name, p.phone, p.school, p.major, p.wechat, p.email]);
    if (!households.length && !persons.length) return mount(results, h('p', null, t('search_none')));
    mount(
      results,
      persons.length > 0 && h('h2', null, t('persons')),
      h('ul', { class: 'list' }, persons.map((p) =>
        h('li', null, h('a', { class: 'card', href: `#/person/${p.id}`, 'data-test': 'person-result' },
          h('div', { class: 'title' }, p.name),
          h('div', { class: 'sub' }, label('status', p.status), ' · ', replica.get('household', p.household_id)?.address ?? ''))))),
      households.length > 0 && h('h2', null, t('households')),
      h('ul', { class: 'list' }, households.map((x) =>
        h('li', null, h('a', { class: 'card', href: `#/household/${x.id}`, 'data-test': 'household-result' },
          h('div', { class: 'title' }, x.address),
          h('div', { class: 'sub' }, formatList(replica.all('person').filter((p) => p.household_id === x.id).map((p) => p.name))))))),
    );
  };
  show(input.value);
  queueMicrotask(() => input.focus());
  return h('div', null,
    h('h1', null, t('search_title')),
    h('form', { role: 'search', onsubmit: (/** @type {Event} */ e) => e.preventDefault() },
      h('label', { for: 'q' }, t('search_label')), input),
    results);
}
