/**
 * The phone's search index: every person's keys (`search.js`) computed once per replica change,
 * not per keystroke, so a query over a 2,000-person caseload is a loop of string comparisons.
 *
 * pinyin-pro is large (its dictionary is most of it), so `search-pinyin.js` is imported here on
 * demand: it lands in its own lazy chunk that only the search screen asks for (and the service
 * worker precaches like every chunk, so search works offline). Keys are cached per person by
 * the fields they come from, so a rebuild after one edit computes pinyin for that one person
 * only; the first build is done in slices (`warmKeys`) while the screen already answers.
 */
import { RANKS, compact, keysOf, rankOf, readQuery } from './search.js';

/** @typedef {import('./search.js').Keys} Keys */
/** @typedef {import('./search.js').Rank} Rank */
/** @typedef {import('./search.js').Readings} Readings */
/** @typedef {Record<string, any> & {id: string}} Rec */
/** @typedef {{person: Rec, keys: Keys, sortKey: string}} Entry */
/** @typedef {{household: Rec, address: string}} HouseholdEntry */
/** @typedef {{persons: Entry[], households: HouseholdEntry[], groups: string[]}} SearchIndex */
/** @typedef {{person: Rec, rank: Rank}} PersonHit */
/** @typedef {{household: Rec, rank: Rank}} HouseholdHit */

/** Until pinyin-pro is loaded (or if its chunk cannot be): characters, English, phone and ID
 * numbers are found already. @type {Readings} */
export const WITHOUT_PINYIN = () => ({ full: [], initials: [] });

/** @type {Promise<Readings>|null} */
let loading = null;

/** pinyin-pro, loaded once (a lazy chunk). */
export function loadReadings() {
  loading ??= import('./search-pinyin.js').then((m) => m.pinyinProReadings());
  return loading;
}

/** @typedef {Map<string, {signature: string, keys: Keys}>} KeyCache person id → keys and what they came from */

/** @type {WeakMap<Readings, KeyCache>} */
let keyCaches = new WeakMap();

/** Forget every cached key (names, phones, ID numbers): the app locked or signed out. */
export function forgetSearchKeys() {
  keyCaches = new WeakMap();
}

/** @param {Readings} readings */
function cacheFor(readings) {
  let cache = keyCaches.get(readings);
  if (!cache) keyCaches.set(readings, (cache = new Map()));
  return cache;
}

/** A person's keys, computed again only when the fields they come from changed. @param {KeyCache} cache @param {Rec} person @param {Readings} readings */
function keysFor(cache, person, readings) {
  const signature = `${person.name ?? ''}\u0000${person.phone ?? ''}\u0000${person.id_number ?? ''}`;
  let cached = cache.get(person.id);
  if (!cached || cached.signature !== signature) {
    cached = { signature, keys: keysOf(person, readings) };
    cache.set(person.id, cached);
  }
  return cached.keys;
}

/**
 * Work out every person's keys a slice at a time, yielding between slices, so the screen stays
 * responsive the first time pinyin is computed for a whole caseload (a later `buildIndex` then
 * only reads the cache).
 * @param {Rec[]} persons
 * @param {Readings} readings
 * @param {number} [slice]
 */
export async function warmKeys(persons, readings, slice = 200) {
  const cache = cacheFor(readings);
  for (let i = 0; i < persons.length; i += slice) {
    for (const person of persons.slice(i, i + slice)) keysFor(cache, person, readings);
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

/**
 * Index persons and households.
 * @param {Rec[]} persons
 * @param {Rec[]} households
 * @param {Readings} readings
 * @returns {SearchIndex}
 */
export function buildIndex(persons, households, readings) {
  const cache = cacheFor(readings);
  const entries = persons.map((person) => {
    const keys = keysFor(cache, person, readings);
  // Sorted by the first key in letters (a Chinese name's pinyin), so 李 comes among the l's.
    const sortKey = keys.names.find((k) => /^[a-z]/.test(k)) ?? keys.names[0] ?? '';
    return { person, keys, sortKey };
  });
  const groups = [...new Set(persons.map((p) => p.group_name).filter((g) => typeof g === 'string' && g))];
  groups.sort((a, b) => a.localeCompare(b, 'zh'));
  return {
    persons: entries,
    households: households.map((household) => ({ household, address: compact(household.address) })),
    groups,
  };
}

/** @param {{rank: Rank}} a @param {{rank: Rank}} b */
const byRank = (a, b) => RANKS.indexOf(a.rank) - RANKS.indexOf(b.rank);

/**
 * People matching `raw` (all of the group when the query is empty and a group is chosen) and
 * households whose address contains it; best rank first, then by name.
 * @param {SearchIndex} index
 * @param {string} raw
 * @param {{group?: string, limit?: number}} [options]
 * @returns {{persons: PersonHit[], households: HouseholdHit[], total: number}}
 */
export function find(index, raw, { group = '', limit = 50 } = {}) {
  const query = readQuery(raw);
  /** @type {(Entry & {rank: Rank})[]} */
  const hits = [];
  for (const entry of index.persons) {
    if (group && entry.person.group_name !== group) continue;
    const rank = query.kind === 'empty' ? (group ? 'substring' : null) : rankOf(entry.keys, query);
    if (rank) hits.push({ ...entry, rank });
  }
  hits.sort((a, b) => byRank(a, b) || a.sortKey.localeCompare(b.sortKey) || a.person.id.localeCompare(b.person.id));
  /** @type {HouseholdHit[]} */
  const households = [];
  if (query.kind !== 'empty' && !group) {
    for (const { household, address } of index.households) {
      if (!address.includes(query.text)) continue;
      households.push({ household, rank: address === query.text ? 'exact' : address.startsWith(query.text) ? 'prefix' : 'substring' });
    }
    households.sort((a, b) => byRank(a, b) || String(a.household.address).localeCompare(String(b.household.address), 'zh'));
  }
  return {
    persons: hits.slice(0, limit).map(({ person, rank }) => ({ person, rank })),
    households: households.slice(0, limit),
    total: hits.length,
  };
}

/** @type {WeakMap<Readings, WeakMap<object, SearchIndex>>} one index per picture of the replica */
const built = new WeakMap();

/**
 * The index of the replica as it is now: rebuilt only when the replica has changed (it swaps
 * its `views` map on every reload).
 * @param {{views: object, all(entity: string): Rec[]}} replica
 * @param {Readings} readings
 */
export function indexOf(replica, readings) {
  let byViews = built.get(readings);
  if (!byViews) built.set(readings, (byViews = new WeakMap()));
  let index = byViews.get(replica.views);
  if (!index) {
    index = buildIndex(replica.all('person'), replica.all('household'), readings);
    byViews.set(replica.views, index);
  }
  return index;
}
