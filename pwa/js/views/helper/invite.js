/**
 * A graduate's invitation, from their file: the helper opens an account for the app and shows
 * the one-time code as text and as a QR code of the activation link (`graduate/activate-link.js`),
 * which the graduate scans with their own phone to land on activation with the code filled in.
 * The code is shown once (the server keeps only its hash); a lost one is replaced by the office
 * ("reset invitation" on the user screen), which also shows this card.
 *
 * Needs the network: accounts live on the server. Offline, the section says so.
 */
import qrcode from 'qrcode-generator';
import { h, mount } from '../../ui/dom.js';
import { t, formatDate } from '../../i18n/index.js';
import { activationLink } from '../graduate/activate-link.js';
import { problem, alertLine } from '../admin/common.js';

/** @typedef {{user: {id: string, username: string, display_name: string}, code: string, expires_at: string}} Invitation */

/**
 * The QR code of `text` as an image (a GIF data URL: no markup is injected).
 * @param {string} text @param {string} alt
 */
export function qrImage(text, alt) {
  const qr = qrcode(0, 'M');
  qr.addData(text);
  qr.make();
  const size = qr.getModuleCount() + 8;
  const cell = Math.max(2, Math.floor(240 / size));
  return h('img', { class: 'qr', src: qr.createDataURL(cell, cell * 4), alt, width: size * cell, height: size * cell, 'data-test': 'invite-qr' });
}

/**
 * The code, the QR code of the link, and until when it works.
 * @param {Invitation} invitation
 */
export function invitationCard(invitation) {
  const link = activationLink(invitation.user.username, invitation.code);
  return h('div', { class: 'card invitation', 'data-test': 'invitation', 'data-link': link },
    h('p', null, t('inv_give', { name: invitation.user.display_name })),
    h('p', null, t('username'), ': ', h('strong', { 'data-test': 'invite-username' }, invitation.user.username)),
    h('p', null, t('act_code'), ': ', h('strong', { class: 'code', 'data-test': 'invite-code' }, invitation.code)),
    qrImage(link, t('inv_qr_alt')),
    h('p', { class: 'hint' }, t('inv_expires', { date: formatDate(invitation.expires_at) })),
    h('p', { class: 'hint' }, t('inv_once')));
}

/**
 * Invitations made on this screen since the app opened, by person id: the file re-renders when a
 * sync lands, and a code shown once must not vanish before the graduate has it. Memory only.
 * @type {Map<string, Invitation>}
 */
const shown = new Map();

/** A username from a phone number or a name's letters: a suggestion the helper may change. @param {{phone?: string|null}} person */
function suggestedUsername(person) {
  const digits = (person.phone ?? '').replace(/\D/g, '');
  return digits.length >= 3 ? `g${digits}` : '';
}

/**
 * The invitation section of a person's file.
 * @param {import('../context.js').Ctx} ctx @param {{id: string, name?: string, phone?: string|null}} person the visible person record
 */
export function inviteSection(ctx, person) {
  const out = h('div', { 'aria-live': 'polite' });
  const username = h('input', { id: 'inv-username', name: 'username', value: suggestedUsername(person), required: true,
    autocapitalize: 'none', pattern: '[A-Za-z0-9_.@\\-]{3,64}', 'data-test': 'invite-username-input' });
  const error = alertLine();
  const button = h('button', { type: 'submit', class: 'primary', 'data-test': 'invite-create' }, t('inv_create'));
  /** @param {Event} e */
  const onsubmit = async (e) => {
    e.preventDefault();
    error.say('');
    if (!navigator.onLine) return error.say(t('sup_offline'));
    button.disabled = true;
    try {
      /** @type {Invitation} */
      const invitation = await ctx.api.request('POST', '/api/users/clients', { person_id: person.id, username: username.value.trim() });
      shown.set(person.id, invitation);
      mount(out, invitationCard(invitation));
      form.hidden = true;
    } catch (err) {
      error.say(problem(err));
      button.disabled = false;
    }
  };
  const form = h('form', { onsubmit, 'data-test': 'invite-form' },
    h('p', { class: 'hint' }, t('inv_intro')),
    h('label', { for: 'inv-username' }, t('username')), username,
    h('p', { class: 'hint' }, t('inv_username_hint')),
    error.el,
    h('div', { class: 'actions' }, button));
  const made = shown.get(person.id);
  if (made) {
    mount(out, invitationCard(made));
    form.hidden = true;
  }
  return h('details', { class: 'invite', 'data-test': 'invite-section', open: Boolean(made) },
    h('summary', null, t('inv_title')), form, out);
}
