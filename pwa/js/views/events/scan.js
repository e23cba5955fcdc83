/**
 * Attendance at the door by QR code: the camera reads the pass a graduate shows (the browser's
 * BarcodeDetector where there is one, else jsQR on the video's frames), or a hand scanner / a
 * typed code fills the field. The pass names the participant without the secret, so a scan in
 * a hall with no signal is queued as one op setting the pass on their row; the server checks
 * its signature when it arrives, and a genuine pass admits its holder (a forged one is
 * refused and changes nothing). A pass for someone not on this phone (another
 * caseload) is sent online, where the server checks it at once.
 */
import jsQR from 'jsqr';
import { h, mount } from '../../ui/dom.js';
import { t, label } from '../../i18n/index.js';
import { HttpError } from '../../net/api.js';
import { passParticipant } from './common.js';

/** @typedef {import('../context.js').Ctx} Ctx */

/**
 * Mark present the participant a pass names; returns the message to show.
 * @param {Ctx} ctx @param {Record<string, any>} ev @param {string} token
 */
export async function admit(ctx, ev, token) {
  const pid = passParticipant(token.trim());
  if (!pid) return { ok: false, text: t('ev_pass_unreadable') };
  const row = ctx.replica.get('event_participant', pid);
  if (row && row.event_id !== ev.id) return { ok: false, text: t('ev_pass_other_event') };
  if (row) {
    const name = ctx.replica.get('person', row.person_id)?.name ?? '';
    if (row.state === 'attended') return { ok: true, text: t('ev_already_in', { name }) };
    await ctx.replica.record([{ entity: 'event_participant', entity_id: row.id, kind: 'set',
      data: { check_in_via: 'qr', check_in_token: token.trim() } }]);
    return { ok: true, text: t('ev_welcome', { name }) };
  }
  if (!navigator.onLine) return { ok: false, text: t('ev_pass_not_here') };
  try {
    const done = await ctx.api.request('POST', `/api/events/${ev.id}/check-in`, { token: token.trim() });
    return { ok: true, text: t('ev_welcome', { name: done.person_name ?? '' }) };
  } catch (err) {
    return { ok: false, text: err instanceof HttpError && err.status === 422 ? t('ev_pass_invalid') : t('sup_failed', { message: String(err) }) };
  }
}

/**
 * Read QR codes from the camera into `found` until the element leaves the page.
 * @param {HTMLVideoElement} video @param {(text: string) => void} found @param {(text: string) => void} fail
 */
async function watch(video, found, fail) {
  if (!navigator.mediaDevices?.getUserMedia) return fail(t('ev_no_camera'));
  let stream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } });
  } catch {
    return fail(t('ev_no_camera'));
  }
  video.srcObject = stream;
  await video.play().catch(() => {});
  const Detector = /** @type {any} */ (globalThis).BarcodeDetector;
  const detector = Detector ? new Detector({ formats: ['qr_code'] }) : null;
  const canvas = document.createElement('canvas');
  let last = '';
  const tick = async () => {
    if (!video.isConnected) {
      for (const track of stream.getTracks()) track.stop();
      return;
    }
    let text = '';
    if (video.videoWidth) {
      if (detector) {
        const codes = await detector.detect(video).catch(() => []);
        text = codes[0]?.rawValue ?? '';
      } else {
        canvas.width = video.videoWidth;
        canvas.height = video.videoHeight;
        const g = canvas.getContext('2d', { willReadFrequently: true });
        g?.drawImage(video, 0, 0);
        const image = g?.getImageData(0, 0, canvas.width, canvas.height);
        text = image ? jsQR(image.data, image.width, image.height)?.data ?? '' : '';
      }
    }
    if (text && text !== last) {
      last = text;
      found(text);
    }
    setTimeout(() => void tick(), 250);
  };
  void tick();
}

/** `#/events/:id/scan` @param {Ctx} ctx @param {import('../context.js').RouteArgs} args */
export function scanPasses(ctx, { params }) {
  const ev = ctx.replica.get('event', params.id);
  if (!ev) return h('div', null, h('h1', null, t('ev_scan')), h('p', null, t('not_found')));
  const out = h('p', { 'aria-live': 'assertive', 'data-test': 'scan-result' });
  const show = (/** @type {{ok: boolean, text: string}} */ r) => {
    out.className = r.ok ? 'ok' : 'error';
    mount(out, r.text);
  };
  const handle = async (/** @type {string} */ text) => show(await admit(ctx, ev, text));
  const video = h('video', { class: 'scanner', muted: true, playsInline: true, 'aria-label': t('ev_camera') });
  const code = h('input', { id: 'event-pass-code', type: 'text', autocomplete: 'off', 'data-test': 'pass-code' });
  const camera = h('div', null, h('button', { type: 'button', 'data-test': 'start-camera', onclick: () => {
    mount(camera, video);
    void watch(video, (text) => void handle(text), (text) => show({ ok: false, text }));
  } }, t('ev_start_camera')));
  const attended = () => ctx.replica.all('event_participant').filter((r) => r.event_id === ev.id && r.state === 'attended').length;
  return h('div', null,
    h('h1', null, t('ev_scan')),
    h('p', { class: 'muted' }, ev.title, ' · ', label('participation', 'attended'), ': ', String(attended())),
    camera,
    h('form', { onsubmit: (/** @type {Event} */ e) => {
      e.preventDefault();
      const value = code.value;
      code.value = '';
      void handle(value);
    } },
    h('label', { for: code.id }, t('ev_pass_code')), code,
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', 'data-test': 'admit' }, t('ev_admit')))),
    out,
    h('div', { class: 'actions' }, h('a', { class: 'button', href: `#/events/${ev.id}` }, t('ev_back_to_list'))));
}
