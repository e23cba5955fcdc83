/**
 * "Use my location here": a household's location from the phone's GPS, on the register and
 * edit forms. Works offline (GPS needs no network); the accuracy the phone reports is shown,
 * and a fix worse than 100 m is kept only with a warning, since the supervisor's review card
 * measures later visits against it (`domain/geo.js`).
 *
 * When the household has no location yet and one of its visits had a good fix (≤ 100 m), the
 * field proposes that fix: one tap takes it. Nothing is saved here: the form reads the value
 * (`read()`) and records it with its other fields.
 */
import { h, mount } from '../../ui/dom.js';
import { t, formatNumber } from '../../i18n/index.js';
import { GOOD_FIX_M, hasPoint } from '../../domain/geo.js';

/** @typedef {{lat: number|null, lng: number|null}} Location */

/** Six decimals: about 0.1 m, more than any phone knows. @param {number} x */
const round6 = (x) => Math.round(x * 1e6) / 1e6;

/**
 * @param {any} initial the household (or anything with lat/lng) whose stored location it starts from
 * @param {{proposal?: any|null, geolocation?: Geolocation|null}} [opts] a visit to propose; the
 *   Geolocation API (tests give their own)
 * @returns {{node: HTMLElement, read(): Location}}
 */
export function locationField(initial, opts = {}) {
  /** @type {Location} */
  let value = hasPoint(initial) ? { lat: initial.lat, lng: initial.lng } : { lat: null, lng: null };
  /** @type {number|null} */
  let accuracy = null;
  const geo = opts.geolocation === undefined ? (globalThis.navigator?.geolocation ?? null) : opts.geolocation;
  const status = h('p', { class: 'sub', 'aria-live': 'polite', 'data-test': 'location-status' });
  const warn = h('p', { class: 'hint', 'data-test': 'location-warn' });
  const proposalBox = h('div', { 'data-test': 'location-proposal' });
  const show = () => {
    const { lat, lng } = value;
    const where = { lat: lat?.toFixed(5) ?? '', lng: lng?.toFixed(5) ?? '' };
    status.textContent = lat == null || lng == null ? t('bg_location_none')
      : accuracy == null ? t('bg_located_stored', where)
        : t('bg_located', { ...where, m: formatNumber(Math.round(accuracy)) });
    warn.textContent = accuracy != null && accuracy > GOOD_FIX_M ? t('bg_location_weak', { m: formatNumber(Math.round(accuracy)) }) : '';
    clear.hidden = !hasPoint(value);
  };
  const locate = h('button', { type: 'button', class: 'secondary', 'data-test': 'location-use' }, t('bg_locate'));
  const clear = h('button', { type: 'button', class: 'small', 'data-test': 'location-clear', onclick: () => {
    value = { lat: null, lng: null };
    accuracy = null;
    show();
  } }, t('bg_location_clear'));
  locate.addEventListener('click', () => {
    if (!geo) {
      status.textContent = t('bg_location_unsupported');
      return;
    }
    locate.disabled = true;
    status.textContent = t('bg_locating');
    geo.getCurrentPosition((pos) => {
      locate.disabled = false;
      value = { lat: round6(pos.coords.latitude), lng: round6(pos.coords.longitude) };
      accuracy = pos.coords.accuracy;
      mount(proposalBox);
      show();
    }, (err) => {
      locate.disabled = false;
      status.textContent = err.code === 1 ? t('bg_location_denied') : t('bg_location_failed', { reason: err.message || String(err.code) });
    }, { enableHighAccuracy: true, timeout: 30_000, maximumAge: 60_000 });
  });
  const fix = opts.proposal;
  if (fix && !hasPoint(value)) {
    mount(proposalBox, h('div', { class: 'card' },
      h('p', null, t('bg_location_propose', { m: formatNumber(Math.round(fix.accuracy_m)) })),
      h('button', { type: 'button', class: 'small', 'data-test': 'location-take', onclick: () => {
        value = { lat: round6(fix.lat), lng: round6(fix.lng) };
        accuracy = fix.accuracy_m;
        mount(proposalBox);
        show();
      } }, t('bg_location_save'))));
  }
  show();
  const node = h('div', { class: 'location-field', 'data-test': 'location-field' },
    h('p', { class: 'hint' }, t('bg_location_hint')), status, warn, proposalBox,
    h('div', { class: 'actions' }, locate, clear));
  return { node, read: () => ({ ...value }) };
}
