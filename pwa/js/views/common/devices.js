/**
 * The device list: every phone or browser signed in, by the label its user gave it and when it
 * was last seen. A supervisor sees their helpers' devices and an admin everyone's; either can
 * end a device's session, or end it with a wipe when the phone is lost (server/devices.py says
 * what the phone does then). Anyone sees their own devices and names this one.
 *
 * The list lives on the server (a lost phone is not on this phone): it reads it online, like
 * the supervisor's screens (`remote`), and says plainly when offline. `?user=<id>` shows one
 * account's devices (the user admin screen links here).
 */
import { h } from '../../ui/dom.js';
import { t, formatDateTime } from '../../i18n/index.js';
import { HttpError, NetworkError } from '../../net/api.js';
import { remote, query } from '../supervisor/remote.js';

/**
 * @typedef {{id: string, user_id: string, username: string, display_name: string, role: string,
 *   label: string|null, client_id: string|null, created_at: string, last_seen_at: string|null,
 *   state: 'active'|'wiping'|'wiped'|'ended'|'expired', wipe_requested_at: string|null, current: boolean}} Device
 */

const STATE_BADGE = { active: 'ok', wiping: 'bad', wiped: 'bad', ended: 'warn', expired: 'warn' };

/** @param {Device} device */
const nameOf = (device) => device.label || device.client_id || device.id.slice(0, 8);

/**
 * What a failed action says, in the user's language.
 * @param {unknown} err
 */
function problem(err) {
  if (err instanceof NetworkError) return t('sup_offline');
  if (err instanceof HttpError) return t(`error.${err.code}`) === `error.${err.code}` ? t('sup_failed', { message: err.message }) : t(`error.${err.code}`);
  return err instanceof Error ? err.message : String(err);
}

/**
 * Name this device: the label the device list shows.
 * @param {import('../context.js').Ctx} ctx @param {Device} device @param {() => void} reload
 */
function renameForm(ctx, device, reload) {
  const input = h('input', { id: `label-${device.id}`, value: device.label ?? '', maxLength: 64, required: true, 'data-test': 'device-label' });
  /** @param {Event} e */
  const onsubmit = async (e) => {
    e.preventDefault();
    try {
      await ctx.api.request('PATCH', '/api/auth/device', { label: input.value });
      ctx.toast(t('dev_renamed'));
      reload();
    } catch (err) {
      ctx.toast(problem(err));
    }
  };
  return h('details', null,
    h('summary', null, t('dev_rename')),
    h('form', { onsubmit },
      h('label', { for: `label-${device.id}` }, t('dev_label')), input,
      h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'small' }, t('save')))));
}

/**
 * @param {import('../context.js').Ctx} ctx @param {Device} device @param {boolean} wipe @param {() => void} reload
 */
async function end(ctx, device, wipe, reload) {
  const vars = { label: nameOf(device), name: device.display_name };
  if (!confirm(t(wipe ? 'dev_confirm_wipe' : 'dev_confirm_end', vars))) return;
  try {
    await ctx.api.request('POST', `/api/users/devices/${device.id}/end`, { wipe });
    ctx.toast(t(wipe ? 'dev_wipe_ordered' : 'dev_ended'));
    reload();
  } catch (err) {
    ctx.toast(problem(err));
  }
}

/**
 * One device as a card.
 * @param {import('../context.js').Ctx} ctx @param {Device} device @param {() => void} reload
 */
function card(ctx, device, reload) {
  const manages = (ctx.user.role === 'admin' || ctx.user.role === 'supervisor') && !device.current;
  const live = device.state === 'active' || device.state === 'wiping';
  return h('li', { class: 'card', 'data-test': 'device', 'data-state': device.state, 'data-device': device.id },
    h('div', { class: 'row' },
      h('span', { class: 'title' }, nameOf(device)),
      h('span', { class: `badge ${STATE_BADGE[device.state] ?? ''}` }, t(`dev_state.${device.state}`))),
    h('div', { class: 'sub' }, `${device.display_name} (${device.username})`, device.current ? ` · ${t('dev_this_device')}` : ''),
    h('div', { class: 'sub' }, device.last_seen_at ? t('dev_last_seen', { when: formatDateTime(device.last_seen_at) }) : t('dev_never_seen')),
    h('div', { class: 'sub' }, t('dev_signed_in', { when: formatDateTime(device.created_at) })),
    device.current ? renameForm(ctx, device, reload) : null,
    manages && live
      ? h('div', { class: 'actions' },
          device.state === 'active'
            ? h('button', { type: 'button', class: 'small', 'data-test': 'end-session', onclick: () => void end(ctx, device, false, reload) }, t('dev_end'))
            : null,
          device.state === 'active'
            ? h('button', { type: 'button', class: 'small danger', 'data-test': 'end-and-wipe', onclick: () => void end(ctx, device, true, reload) }, t('dev_end_wipe'))
            : h('button', { type: 'button', class: 'small', 'data-test': 'end-session', onclick: () => void end(ctx, device, false, reload) }, t('dev_end')))
      : null);
}

/**
 * The device list screen.
 * @type {import('../context.js').View}
 */
export function devices(ctx, { query: params }) {
  const user = params.get('user') ?? undefined;
  const ended = params.get('ended') === '1';
  const toggle = h('input', { id: 'show-ended', type: 'checkbox', checked: ended, 'data-test': 'show-ended', onchange: () =>
    ctx.nav(`/devices${query({ user, ended: toggle.checked ? '1' : undefined })}`) });
  return h('div', null,
    h('h1', null, t('dev_title')),
    h('p', { class: 'muted' }, t('dev_intro')),
    h('label', { class: 'check' }, toggle, ' ', t('dev_show_ended')),
    remote(
      () => ctx.api.request('GET', `/api/users/devices${query({ user_id: user, ended: ended ? 'true' : undefined })}`),
      (/** @type {{items: Device[]}} */ data, reload) => data.items.length
        ? h('ul', { class: 'list', 'data-test': 'devices' }, data.items.map((d) => card(ctx, d, reload)))
        : h('p', { class: 'muted', 'data-test': 'no-devices' }, t('dev_none')),
    ));
}
