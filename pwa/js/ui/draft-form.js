/**
 * A form that never loses what was typed into it: bind it with `keepDraft()` and its fields are
 * kept in IndexedDB (local/drafts.js) as they are typed, brought back when the form is opened
 * again, and the back button, a link or Cancel ask before throwing them away.
 *
 * API (for the visit form, registration, edit, guidance):
 *
 *   const draft = keepDraft(ctx, form, draftKey('visit', hh.id), { state, exclude, debounceMs });
 *   // ...in the submit handler, after `await ctx.replica.record(...)` succeeded:
 *   await draft.clear();
 *   // ...a Cancel button:
 *   h('button', { type: 'button', onclick: () => draft.cancel() }, t('cancel'))
 *
 * - Call it once the form has its initial values (what the record holds): that is the
 *   "pristine" picture; the form has unsaved typing when its fields differ from it.
 * - Fields are read by `name`: text, textarea, date, number, select, select multiple (a list),
 *   checkboxes (the list of checked values of a name), radios (the checked value), several inputs
 *   sharing a name (the list of their values). Unnamed fields, buttons and files are not kept;
 *   `exclude` lists names not to keep either.
 * - Saved on every input (debounced, `debounceMs`, 400 by default) and at once on `pagehide`
 *   or when the tab is hidden (a phone kills background tabs without warning).
 * - A form whose fields are back to pristine has no draft (it is dropped, not saved).
 * - Restoring sets the fields and fires `input`/`change` on those it changed, so counters and
 *   suggestions wired to them follow; a notice "draft restored from <time>" with a "discard draft"
 *   button is put at the top of the form (or in `opts.notice`).
 * - `state`: data the form keeps outside its fields (e.g. a list being built in memory):
 *   `{read(): any, write(value): void}`; a change to it is saved with `draft.touch()`.
 * - `ready` resolves once the stored draft was looked at: true when one was restored.
 * - `clear()` after a successful save: drops the draft, stops saving, removes the leave guard.
 * - `cancel(to?)`: asks "discard this draft?" when there is unsaved typing; yes drops it and goes
 *   to `to` (or back in history); resolves false when the helper chose to stay.
 * - The leave guard asks the same question on the back button or a link; it lets go of a form
 *   that is no longer on the page (the screen was redrawn).
 */
import { h } from './dom.js';
import { t, formatDateTime } from '../i18n/index.js';
import { loadDraft, saveDraft, dropDraft } from '../local/drafts.js';
import { registerLeaveGuard } from './leave-guard.js';

/** @typedef {string | string[] | boolean | null} FieldValue */
/** @typedef {{fields: Record<string, FieldValue>, state?: any}} FormDraft */
/**
 * @typedef {{
 *   state?: {read(): any, write(value: any): void},
 *   exclude?: string[],
 *   debounceMs?: number,
 *   notice?: Element,
 *   ask?: (message: string) => boolean | Promise<boolean>,
 * }} KeepOptions
 */
/**
 * @typedef {{
 *   ready: Promise<boolean>,
 *   dirty(): boolean,
 *   touch(): void,
 *   flush(): Promise<void>,
 *   clear(): Promise<void>,
 *   cancel(to?: string): Promise<boolean>,
 *   discard(): Promise<void>,
 * }} KeptDraft
 */

/** @typedef {HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement} Field */

const SKIPPED = new Set(['submit', 'button', 'reset', 'file', 'image', 'password']);

/** The named fields of a form, grouped by name. @param {HTMLFormElement} form @param {Set<string>} exclude */
function fieldsByName(form, exclude) {
  /** @type {Map<string, Field[]>} */
  const groups = new Map();
  for (const el of /** @type {Field[]} */ ([...form.elements])) {
    if (!('name' in el) || !el.name || exclude.has(el.name) || SKIPPED.has(el.type) || el.tagName === 'BUTTON') continue;
    if (!groups.has(el.name)) groups.set(el.name, []);
    groups.get(el.name)?.push(el);
  }
  return groups;
}

/** @param {Field} el @returns {el is HTMLInputElement} */
const isCheckable = (el) => el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio');

/** The value of one name. @param {Field[]} els @returns {FieldValue} */
function readGroup(els) {
  const first = els[0];
  if (els.every(isCheckable)) {
    const boxes = /** @type {HTMLInputElement[]} */ (els);
    if (first.type === 'radio') return boxes.find((b) => b.checked)?.value ?? null;
    return boxes.filter((b) => b.checked).map((b) => b.value);
  }
  if (els.length === 1 && first instanceof HTMLSelectElement && first.multiple) {
    return [...first.selectedOptions].map((o) => o.value);
  }
  if (els.length === 1) return first.value;
  return els.map((el) => el.value);
}

/**
 * Set one name's fields; returns the elements whose value changed.
 * @param {Field[]} els @param {FieldValue} value @returns {Field[]}
 */
function writeGroup(els, value) {
  /** @type {Field[]} */
  const changed = [];
  const first = els[0];
  if (els.every(isCheckable)) {
    const list = Array.isArray(value) ? value : value === null || value === false ? [] : [String(value)];
    for (const box of /** @type {HTMLInputElement[]} */ (els)) {
      const checked = list.includes(box.value);
      if (box.checked !== checked) {
        box.checked = checked;
        changed.push(box);
      }
    }
  } else if (els.length === 1 && first instanceof HTMLSelectElement && first.multiple) {
    const list = Array.isArray(value) ? value : [];
    let moved = false;
    for (const option of first.options) {
      const selected = list.includes(option.value);
      if (option.selected !== selected) moved = true;
      option.selected = selected;
    }
    if (moved) changed.push(first);
  } else {
    const list = Array.isArray(value) ? value : [value];
    els.forEach((el, i) => {
      const next = list[i] === undefined || list[i] === null ? '' : String(list[i]);
      if (el.value !== next) {
        el.value = next;
        changed.push(el);
      }
    });
  }
  return changed;
}

/** @param {HTMLFormElement} form @param {Set<string>} exclude @returns {Record<string, FieldValue>} */
export function readFields(form, exclude = new Set()) {
  /** @type {Record<string, FieldValue>} */
  const out = {};
  for (const [name, els] of fieldsByName(form, exclude)) out[name] = readGroup(els);
  return out;
}

/**
 * Put values back into a form; fires input/change on the fields that changed.
 * @param {HTMLFormElement} form @param {Record<string, FieldValue>} fields @param {Set<string>} [exclude]
 */
export function writeFields(form, fields, exclude = new Set()) {
  /** @type {Field[]} */
  const changed = [];
  for (const [name, els] of fieldsByName(form, exclude)) {
    if (name in fields) changed.push(...writeGroup(els, fields[name]));
  }
  for (const el of changed) {
    el.dispatchEvent(new Event('input', { bubbles: true }));
    el.dispatchEvent(new Event('change', { bubbles: true }));
  }
}

/**
 * Keep a form's draft. See the module doc.
 * @param {import('../views/context.js').Ctx} ctx
 * @param {HTMLFormElement} form
 * @param {string} key from `draftKey()`
 * @param {KeepOptions} [opts]
 * @returns {KeptDraft}
 */
export function keepDraft(ctx, form, key, opts = {}) {
  const db = ctx.replica.db;
  const exclude = new Set(opts.exclude ?? []);
  const ask = opts.ask ?? ((message) => confirm(message));
  /** @returns {FormDraft} */
  const snapshot = () => (opts.state ? { fields: readFields(form, exclude), state: opts.state.read() } : { fields: readFields(form, exclude) });
  const pristine = JSON.stringify(snapshot());
  let stopped = false;
  let restoring = false;
  /** @type {ReturnType<typeof setTimeout> | null} */
  let timer = null;
  /** The last write, so clear() and discard() never race a save still in flight. */
  let writing = Promise.resolve();
  // Shown only while a restored draft is on screen (a `.card` would override `hidden`).
  const notice = h('div', { role: 'status', 'data-test': 'draft-notice', hidden: true });
  /** @param {boolean} shown */
  const showNotice = (shown) => {
    notice.hidden = !shown;
    notice.className = shown ? 'card' : '';
  };

  const dirty = () => JSON.stringify(snapshot()) !== pristine;

  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (stopped) return writing;
    const now = snapshot();
    const unchanged = JSON.stringify(now) === pristine;
    writing = writing.then(() => (unchanged ? dropDraft(db, key) : saveDraft(db, key, now).then(() => undefined))).catch(() => undefined);
    return writing;
  };
  const touch = () => {
    if (stopped || restoring) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void flush(), opts.debounceMs ?? 400);
  };
  /** The tab is going away or hidden: write pending typing now. A form no longer on the page lets go. */
  const onHide = () => {
    if (timer) void flush();
    else if (!form.isConnected) stop();
  };
  form.addEventListener('input', touch);
  form.addEventListener('change', touch);
  addEventListener('pagehide', onHide);
  document.addEventListener('visibilitychange', onHide);

  const stop = () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    timer = null;
    form.removeEventListener('input', touch);
    form.removeEventListener('change', touch);
    removeEventListener('pagehide', onHide);
    document.removeEventListener('visibilitychange', onHide);
    unguard();
    showNotice(false);
  };

  /** Put the form back as it was opened and forget the draft (the form stays in use). */
  const discard = async () => {
    if (timer) clearTimeout(timer);
    timer = null;
    const first = /** @type {FormDraft} */ (JSON.parse(pristine));
    restoring = true;
    writeFields(form, first.fields, exclude);
    if (opts.state && 'state' in first) opts.state.write(first.state);
    restoring = false;
    showNotice(false);
    await writing;
    await dropDraft(db, key);
  };

  const unguard = registerLeaveGuard(async () => {
    if (stopped) return true;
    if (!form.isConnected) {
      // The screen was redrawn: this form is gone; typing not yet written is kept, and a successor
      // form (which restored the draft) is asked by its own guard.
      if (timer) await flush();
      stop();
      return true;
    }
    if (!dirty()) return true;
    if (!(await ask(t('draft_discard_question')))) return false;
    stop();
    await writing;
    await dropDraft(db, key);
    return true;
  });

  /** @type {KeptDraft} */
  const kept = {
    ready: restore(),
    dirty,
    touch,
    flush,
    discard,
    async clear() {
      stop();
      await writing;
      await dropDraft(db, key);
    },
    async cancel(to) {
      if (!stopped && dirty() && !(await ask(t('draft_discard_question')))) return false;
      stop();
      await writing;
      await dropDraft(db, key);
      if (to) ctx.nav(to);
      else history.back();
      return true;
    },
  };

  async function restore() {
    const draft = await loadDraft(db, key).catch(() => null);
    // Typing that began before the draft came back wins over it.
    if (!draft || stopped || dirty()) return false;
    // The record already holds what the draft kept (saved, then the screen redrew before the
    // draft was dropped): nothing to restore.
    if (JSON.stringify(draft.data) === pristine) {
      await dropDraft(db, key);
      return false;
    }
    const data = /** @type {FormDraft} */ (draft.data);
    restoring = true;
    try {
      writeFields(form, data.fields ?? {}, exclude);
      if (opts.state && 'state' in data) opts.state.write(data.state);
    } finally {
      restoring = false;
    }
    notice.replaceChildren(
      h('p', null, t('draft_restored', { time: formatDateTime(draft.saved_at) })),
      h('button', { type: 'button', 'data-test': 'draft-discard', onclick: () => void discard() }, t('draft_discard')),
    );
    showNotice(true);
    return true;
  }

  if (opts.notice) opts.notice.replaceChildren(notice);
  else form.prepend(notice);
  return kept;
}
