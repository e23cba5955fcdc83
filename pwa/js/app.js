/**
 * The controller: wires storage, sync, the service worker and the views together.
 *
 * It owns the session life cycle (login, expired token, logout, switching user), the lock (the
 * data key in memory while unlocked, the idle timer, the PIN screen), the sync bar, the update
 * banner and the router. Views are small functions of the replica; the controller re-renders the
 * current one when the replica changes, except forms, which keep what was typed.
 *
 * Each tab unlocks on its own (no key crosses a BroadcastChannel): simple, and a tab left open
 * somewhere never hands the key to another.
 */
import { h, mount } from './ui/dom.js';
import { t, setLocale, locale, detectLocale } from './i18n/index.js';
import { Sessions, withTokens } from './local/session.js';
import { openUserDb, deleteUserDb } from './local/db.js';
import { LOCKED_DRAFTS, detachKey, sealedDrafts } from './local/keyring.js';
import { setDraftCodec } from './local/drafts.js';
import {
  DEFAULT_LOCK_AFTER_MINUTES, DEFAULT_MAX_PIN_ATTEMPTS, lockVault, reopenWithOldPassword, rewrapPassword, setPin, unlockWithDevice, unlockWithPassword,
  unlockWithPin, vaultState,
} from './local/vault.js';
import { wipeSynced } from './local/wipe.js';
import { ensureClientId } from './local/outbox.js';
import { firstSyncDone } from './local/base.js';
import { Replica } from './local/replica.js';
import { unsentUploads } from './local/uploads.js';
import { Api, NetworkError, HttpError } from './net/api.js';
import { Syncer } from './net/syncer.js';
import { lead } from './net/leader.js';
import { renderSyncBar } from './ui/syncbar.js';
import { showUpdateBanner, toast, translateShell } from './ui/chrome.js';
import { registerServiceWorker, requestBackgroundSync } from './ui/update.js';
import { matchRoute } from './router.js';
import { forgetSearchKeys } from './domain/search-index.js';
import { mayLeave, clearLeaveGuards } from './ui/leave-guard.js';
import { loadViews } from './views/roles.js';
import { loginView } from './views/common/login.js';
import { firstSyncView } from './views/common/first-sync.js';
import { devices } from './views/common/devices.js';
import { fileHistory } from './views/common/history.js';
import { attention } from './views/common/attention.js';
import { lockView, setVaultActions } from './views/common/lock.js';
import { forgetExtras, loadExtras } from './views/graduate/extras.js';
import { intervalTable } from './domain/followup.js';

/** @typedef {import('./local/session.js').Session} Session */
/** @typedef {import('./local/db.js').DB} DB */

/** How often the idle lock looks at the clock. */
const IDLE_CHECK_MS = 5_000;

export class App {
  constructor() {
    this.main = /** @type {HTMLElement} */ (document.getElementById('main'));
    this.bar = /** @type {HTMLElement} */ (document.getElementById('syncbar'));
    this.nav = /** @type {HTMLElement} */ (document.getElementById('nav'));
    this.updateEl = /** @type {HTMLElement} */ (document.getElementById('update'));
    /** @type {Sessions|null} */
    this.sessions = null;
    /** @type {Session|null} */
    this.session = null;
    /** @type {Replica|null} */
    this.replica = null;
    /** @type {Syncer|null} */
    this.syncer = null;
    /** @type {{release(): void}|null} */
    this.leadership = null;
    this.isLeader = false;
    /** @type {import('./net/syncer.js').SyncStatus|null} status heard from the leading tab */
    this.remoteStatus = null;
    /** @type {BroadcastChannel|null} */
    this.statusChannel = null;
    this.api = new Api({
      tokens: {
        access: () => this.session?.access_token ?? null,
        refresh: () => this.session?.refresh_token ?? null,
        // Refresh tokens rotate on every use: the new one must outlive a reload.
        saveTokens: async (access, refresh) => {
          if (!this.session || !this.sessions) return;
          this.session = { ...this.session, access_token: access, refresh_token: refresh };
          // Sealed under the data key; locked meanwhile, the Api keeps the newest one in memory.
          if (this.key) await this.sessions.update(this.session.user.id, { access_token: access, refresh_token: refresh }, this.key);
        },
      },
      // The same id the phone syncs under, so REST writes name the device that sync writes do.
      device: () => this.replica?.clientId ?? null,
    });
    /** @type {boolean|null} */
    this.persisted = null;
    /** Has this user's first sync ever completed on this phone? */
    this.synced = false;
    /** A refused hash change is being undone: the next hashchange is ours, not the user's. */
    this.restoringHash = false;
    /** @type {import('./views/context.js').RoleViews|null} the signed-in user's screens */
    this.views = null;
    this.version = document.querySelector('meta[name="doorstep-version"]')?.getAttribute('content') ?? 'dev';
    /** @type {CryptoKey|null} the unlocked user's data key: in memory only, dropped at lock */
    this.key = null;
    /** When the helper last touched the app (the idle lock counts from it). */
    this.lastActive = Date.now();
    this.locking = false;
    /** A password the server accepted that no longer opens this user's vault: applied after their PIN. @type {{userId: string, password: string}|null} */
    this.pendingPassword = null;
    /** "Choose a PIN", in the banner while none is set. */
    this.nudge = h('p', { class: 'hint nudge', 'data-test': 'pin-nudge', hidden: true });
    this.updateEl.after(this.nudge);
  }

  async boot() {
    this.sessions = await Sessions.open();
    setLocale((await this.sessions.setting('locale')) ?? detectLocale());
    this.translateShell();
    // After the page has loaded, so precaching never competes with the first paint.
    const registerSw = () =>
      void registerServiceWorker({
        onUpdateReady: (apply) => this.showUpdate(apply),
        onMessage: (data) => {
          if (data?.type === 'SYNC_REQUESTED' && this.isLeader) void this.syncer?.sync();
        },
      });
    if (document.readyState === 'complete') registerSw();
    else addEventListener('load', registerSw, { once: true });
    addEventListener('hashchange', (event) => void this.followHash(event));
    addEventListener('online', () => {
      this.renderBar();
      if (this.isLeader) void this.syncer?.resume();
    });
    addEventListener('offline', () => this.renderBar());
    for (const type of ['pointerdown', 'keydown', 'touchstart', 'wheel']) {
      addEventListener(type, () => { this.lastActive = Date.now(); }, { passive: true, capture: true });
    }
    setInterval(() => this.checkIdle(), IDLE_CHECK_MS);
    // A phone put away wakes up: lock at once if it slept past the idle time.
    document.addEventListener('visibilitychange', () => this.checkIdle());
    const session = await this.sessions.active();
    if (session) await this.open(session);
    else await this.showLogin();
  }

  /** "Choose a PIN", in the current language. @param {boolean} show */
  showNudge(show) {
    mount(this.nudge, h('a', { href: '#/settings' }, t('vault_nudge')));
    this.nudge.hidden = !show;
  }

  /** @param {Session|null} [session] */
  lockAfterMs(session = this.session) {
    return (session?.policy?.lock_after_minutes || DEFAULT_LOCK_AFTER_MINUTES) * 60_000;
  }

  checkIdle() {
    if (!this.key || !this.session) return;
    if (Date.now() - this.lastActive >= this.lockAfterMs()) {
      void this.lock();
      return;
    }
    // Remembered outside the page: a tab the phone killed while idle must not reopen unlocked
    // with the browser-kept key (open() checks it). Only a time, nothing of the caseload.
    void this.sessions?.setSetting(`active_at:${this.session.user.id}`, this.lastActive);
  }

  /**
   * Open the active user's partition: at once with the browser-kept key (no PIN set, never
   * locked since), else the lock screen.
   * @param {Session} session as stored (tokens sealed)
   */
  async open(session) {
    const db = await openUserDb(session.user.id, { onVersionChange: () => this.showUpdate(() => location.reload()) });
    const activeAt = /** @type {number|undefined} */ (await this.sessions?.setting(`active_at:${session.user.id}`));
    // Idle past the lock time when the page went away: locked, as if the page had stayed.
    if (activeAt !== undefined && Date.now() - activeAt >= this.lockAfterMs(session)) await lockVault(db);
    const key = await unlockWithDevice(db);
    if (key) await this.start(session, db, key);
    else await this.showLock(session, db);
  }

  /**
   * Lock: the key, the replica and the loops go; the lock screen is all that shows.
   */
  async lock() {
    if (this.locking || !this.replica || !this.session) return;
    this.locking = true; // an idle check during the awaits below must not lock twice
    try {
      const userId = this.session.user.id;
      await lockVault(this.replica.db);
      this.stop();
      mount(this.main);
      const stored = await this.sessions?.active();
      if (stored && stored.user.id === userId) await this.open(stored);
      else await this.showLogin();
    } finally {
      this.locking = false;
    }
  }

  /**
   * The PIN screen (or, with no PIN to try, the password one).
   * @param {Session} session
   * @param {DB} db the user's partition, still locked
   * @param {string} [message]
   */
  async showLock(session, db, message) {
    this.nav.hidden = true;
    this.nudge.hidden = true;
    const state = await vaultState(db);
    const username = session.user.username;
    if (!state.pin) {
      db.close();
      await this.showLogin({ username, notice: t(state.wiped ? 'vault_wiped' : 'vault_password_needed') });
      return;
    }
    mount(this.main, lockView({
      name: session.user.display_name,
      message,
      onPin: async (pin) => {
        const result = await unlockWithPin(db, pin, { maxAttempts: session.policy?.max_pin_attempts || DEFAULT_MAX_PIN_ATTEMPTS, wipe: wipeAfterWrongPins });
        if ('key' in result) {
          if (this.pendingPassword?.userId === session.user.id) await rewrapPassword(db, result.key, this.pendingPassword.password);
          this.pendingPassword = null;
          await this.start(session, db, result.key);
          return null;
        }
        if ('wrong' in result) return t('vault_wrong_pin', { n: result.wrong });
        db.close();
        await this.showLogin({ username, notice: t('vault_wiped') });
        return null;
      },
      onPassword: () => {
        db.close();
        void this.showLogin({ username, notice: t('vault_password_needed') });
      },
    }));
    this.main.dataset.route = 'lock';
    document.title = t('app_name');
    this.renderBar(true);
  }

  /** Ask the browser to keep our storage; the answer is shown in settings. */
  async requestPersistence() {
    try {
      if (navigator.storage?.persist) this.persisted = await navigator.storage.persist();
    } catch {
      this.persisted = null;
    }
  }

  /**
   * Run the unlocked user's app.
   * @param {Session} stored the session (tokens sealed, or in memory after a login)
   * @param {DB} db their partition, its key attached
   * @param {CryptoKey} key
   */
  async start(stored, db, key) {
    void this.requestPersistence(); // there is now local work worth keeping
    this.key = key;
    this.lastActive = Date.now();
    await this.sessions?.setSetting(`active_at:${stored.user.id}`, this.lastActive);
    const session = await withTokens(stored, key);
    const userId = session.user.id;
    // Tokens an older version stored in the clear are sealed now.
    if (!(stored.tokens instanceof Uint8Array) && stored.access_token) {
      await this.sessions?.update(userId, { access_token: session.access_token, refresh_token: session.refresh_token }, key);
    }
    this.views = withCommonRoutes(await loadViews(session.user.role));
    this.session = session;
    const clientId = await ensureClientId(db);
    await loadExtras(db, userId);
    setDraftCodec(sealedDrafts(db));
    setVaultActions({
      hasPin: async () => (await vaultState(db)).pin,
      setPin: async (pin) => {
        await setPin(db, key, pin);
        this.nudge.hidden = true;
      },
      lockNow: () => this.lock(),
      passwordChanged: (password) => rewrapPassword(db, key, password),
      lockAfterMinutes: () => this.lockAfterMs() / 60_000,
    });
    void vaultState(db).then((state) => this.showNudge(!state.pin && this.key === key));
    const replica = new Replica(db, userId, clientId);
    await replica.reload(false);
    this.synced = await firstSyncDone(db);
    this.replica = replica;
    const syncer = new Syncer({ api: this.api, replica });
    this.syncer = syncer;
    if (session.expired || !session.access_token) syncer.status = { ...syncer.status, phase: 'auth' };

    replica.addEventListener('change', () => {
      this.renderBar();
      if (!this.synced) {
        // A second tab learns that the leading tab finished the first sync.
        void firstSyncDone(db).then((done) => {
          if (done && !this.synced) {
            this.synced = true;
            this.render();
          }
        });
      }
      if (this.currentRoute()?.route.live && !this.isEditing()) this.render();
    });
    replica.addEventListener('recorded', () => {
      void requestBackgroundSync();
      if (this.isLeader) void syncer.sync();
    });
    replica.channel?.addEventListener('message', () => {
      if (this.isLeader) void syncer.sync();
    });
    // The phone was reported lost: the syncer pushed what it could and wiped the rest.
    syncer.addEventListener('wiped', (event) => {
      const kept = /** @type {CustomEvent<{kept: number}>} */ (event).detail?.kept ?? 0;
      void (async () => {
        await lockVault(db); // what is kept opens with the password only
        this.stop();
        history.replaceState(null, '', '#/');
        await this.showLogin({ notice: kept ? t('dev_wiped_kept', { n: kept }) : t('dev_wiped_notice') });
      })();
    });
    syncer.addEventListener('status', () => {
      this.statusChannel?.postMessage(syncer.status);
      if (syncer.status.phase === 'auth') void this.sessions?.update(userId, { expired: true });
      // The server no longer speaks our protocol: look for the new app version at once.
      if (syncer.status.phase === 'outdated') void navigator.serviceWorker?.getRegistration().then((r) => r?.update());
      this.renderBar();
      // Also once more when the first sync ends, so a home screen that is not `live` appears.
      if (!this.firstSyncDone() || this.main.dataset.route === 'first-sync') this.render();
    });

    this.statusChannel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(`doorstep-status-${userId}`) : null;
    this.statusChannel?.addEventListener('message', (e) => {
      if (this.isLeader) return;
      this.remoteStatus = e.data;
      this.renderBar();
    });
    this.leadership = lead(`doorstep-sync-${userId}`, () => {
      this.isLeader = true;
      void syncer.start();
    });

    this.renderNav();
    this.renderBar();
    this.render();
  }

  /** Tear down the current user's replica, key and loops (data stays on disk, sealed). */
  stop() {
    this.syncer?.stop();
    this.leadership?.release();
    this.statusChannel?.close();
    if (this.replica) detachKey(this.replica.db);
    this.replica?.close();
    this.key = null;
    forgetExtras();
    setDraftCodec(LOCKED_DRAFTS);
    setVaultActions(null);
    forgetSearchKeys(); // the search index's copies of names and numbers go with the replica
    this.nudge.hidden = true;
    this.syncer = null;
    this.replica = null;
    this.leadership = null;
    this.statusChannel = null;
    this.isLeader = false;
    this.session = null;
  }

  /**
   * @param {string} username
   * @param {string} password
   */
  async login(username, password) {
    if (!this.sessions) return;
    let result;
    // A fresh session: the server says again if this device is still one to wipe.
    this.api.wipeOrdered = false;
    try {
      result = await this.api.login(username, password);
    } catch (err) {
      if (err instanceof NetworkError) throw new Error(t('login_offline'));
      if (err instanceof HttpError && (err.status === 401 || err.status === 400 || err.status === 422)) throw new Error(t('login_failed'));
      throw err;
    }
    /** @type {Session} */
    const session = { user: result.user, access_token: result.access_token, refresh_token: result.refresh_token, policy: policyOf(result) };
    if (this.replica && this.key && this.session?.user.id === result.user.id) {
      // Same user after an expired session: same partition, and the outbox pushes now.
      await this.sessions.activate(session, this.key);
      await rewrapPassword(this.replica.db, this.key, password); // it may have changed meanwhile
      this.session = session;
      history.replaceState(null, '', `#${this.views?.home ?? '/'}`);
      this.render();
      void this.syncer?.resume();
      return;
    }
    this.stop();
    const db = await openUserDb(result.user.id, { onVersionChange: () => this.showUpdate(() => location.reload()) });
    let key = await unlockWithPassword(db, password);
    if (!key && !(await vaultState(db)).pin) {
      // Changed elsewhere (another device, an admin's reset): the previous password, once.
      const previous = prompt(t('vault_old_password_prompt'));
      if (previous) key = await reopenWithOldPassword(db, previous, password);
    }
    if (!key) {
      // Sealed under an earlier password (changed on another device): the PIN opens it once.
      if ((await vaultState(db)).pin) {
        this.pendingPassword = { userId: result.user.id, password };
        await this.sessions.activate({ ...session, access_token: null, refresh_token: null });
        await this.showLock(session, db, t('vault_old_password'));
        return;
      }
      db.close();
      throw new Error(t('vault_cannot_open'));
    }
    await this.sessions.activate(session, key);
    const parked = { ...((await this.sessions.setting('parked')) ?? {}) };
    if (parked[result.user.id] !== undefined) {
      delete parked[result.user.id];
      await this.sessions.setSetting('parked', parked);
    }
    history.replaceState(null, '', `#${(await loadViews(session.user.role)).home}`);
    await this.start(session, db, key);
  }

  /** Log out; refuses while ops wait unless the helper confirms the warning. */
  async logout() {
    if (!this.sessions || !this.replica || !this.session) return;
    // Parked ops exist only on this phone: they count as waiting, and keep the partition.
    // Drafts are unsynced work too: a logout keeps them (sealed) like the outbox.
    // Photos and files not yet on the server are unsynced work too (the op may be long gone).
    const pending = this.replica.outbox.length + this.replica.rejected.filter((r) => r.result.status === 'parked').length +
      (await this.replica.db.count('drafts')) + (await unsentUploads(this.replica.db));
    if (pending > 0 && !confirm(t('logout_warning', { n: pending }))) return;
    const userId = this.session.user.id;
    // Parked work stays sealed; without the browser-kept wrap only this user's password opens it.
    if (pending > 0) await lockVault(this.replica.db);
    this.stop();
    await this.sessions.signOut();
    // Unsynced work stays in this user's partition until they log in here again; the login
    // screen says that someone's work is parked here (never whose, never what).
    const parked = { ...((await this.sessions.setting('parked')) ?? {}) };
    if (pending === 0) {
      delete parked[userId];
      await deleteUserDb(userId).catch(() => {});
    } else {
      parked[userId] = pending;
    }
    await this.sessions.setSetting('parked', parked);
    history.replaceState(null, '', '#/');
    await this.showLogin();
  }

  /** @param {{username?: string, notice?: string}} [opts] the locked user, and why the password is asked */
  async showLogin(opts = {}) {
    this.pendingPassword = null;
    document.title = t('app_name');
    this.nav.hidden = true;
    this.nudge.hidden = true;
    const expired = this.session && this.syncer?.status.phase === 'auth';
    const parked = /** @type {Record<string, number>} */ ((await this.sessions?.setting('parked')) ?? {});
    mount(
      this.main,
      loginView({
        username: opts.username ?? (expired ? this.session?.user.username : undefined),
        notice: opts.notice,
        pending: expired ? this.replica?.outbox.length : 0,
        othersParked: Object.keys(parked).some((id) => id !== this.session?.user.id),
        onLogin: (u, p) => this.login(u, p),
      }),
    );
    this.renderBar();
  }

  /** Is the helper typing on the current screen? Then a sync must not redraw it under them. */
  isEditing() {
    const active = document.activeElement;
    if (active && this.main.contains(active) && /^(INPUT|TEXTAREA|SELECT)$/.test(active.tagName)) return true;
    return [...this.main.querySelectorAll('textarea')].some((el) => el.value.trim() !== '');
  }

  firstSyncDone() {
    if (!this.synced && this.syncer?.status.progress?.done) this.synced = true;
    return this.synced;
  }

  currentRoute() {
    if (!this.session || !this.views) return null;
    return matchRoute(this.views.routes, location.hash);
  }

  /**
   * A hash change (back button, link, tab): ask the screen's leave guards first (a form with
   * unsaved typing asks before it is discarded); if one says no, put the old hash back.
   * @param {HashChangeEvent} event
   */
  async followHash(event) {
    if (this.restoringHash) {
      this.restoringHash = false;
      return;
    }
    const from = new URL(event.oldURL).hash;
    if (from && from !== location.hash && !(await mayLeave(location.hash))) {
      this.restoringHash = true;
      location.hash = from;
      return;
    }
    this.render();
  }

  render() {
    if (!this.session || !this.replica || !this.syncer) return;
    if (this.syncer.status.phase === 'auth' && location.hash === '#/login') return void this.showLogin();
    if (!this.firstSyncDone()) {
      this.nav.hidden = true;
      mount(this.main, firstSyncView(this.syncer.status));
      this.main.dataset.route = 'first-sync';
      return;
    }
    this.nav.hidden = false;
    const match = this.currentRoute();
    if (!match) {
      location.replace(`#${this.views?.home ?? '/'}`);
      return;
    }
    const sameRoute = this.main.dataset.route === location.hash;
    if (!sameRoute) clearLeaveGuards();
    const scroll = scrollY;
    mount(this.main, match.route.view(this.context(), { params: match.params, query: match.query }));
    this.main.dataset.route = location.hash;
    this.renderNav();
    if (sameRoute) scrollTo(0, scroll);
    else {
      scrollTo(0, 0);
      // Never a person's name or address: browsers keep titles in their history, in the clear.
      document.title = t('app_name');
      if (document.activeElement === document.body || !this.main.contains(document.activeElement)) this.main.focus({ preventScroll: true });
    }
  }

  /** @returns {import('./views/context.js').Ctx} */
  context() {
    const replica = /** @type {Replica} */ (this.replica);
    const session = /** @type {Session} */ (this.session);
    return {
      replica,
      api: this.api,
      user: session.user,
      nav: (path) => {
        location.hash = `#${path}`;
      },
      now: () => Date.now(),
      intervals: () => intervalTable(/** @type {any[]} */ (replica.all('follow_up_rule'))),
      toast: (message) => this.toast(message),
      sync: () => void (this.isLeader ? this.syncer?.resume() : replica.channel?.postMessage('changed')),
      settings: {
        locale: () => locale(),
        setLocale: (code) => {
          setLocale(code);
          void this.sessions?.setSetting('locale', code);
          this.translateShell();
          if (!this.nudge.hidden) this.showNudge(true);
          this.main.dataset.route = '';
          this.renderNav();
          this.renderBar(true);
          this.render();
        },
        persisted: async () => {
          if (!navigator.storage?.persisted) return null;
          return this.persisted ?? (await navigator.storage.persisted());
        },
        estimate: async () => (navigator.storage?.estimate ? navigator.storage.estimate() : null),
        logout: () => this.logout(),
        version: () => this.version,
      },
    };
  }

  renderNav() {
    if (!this.session || !this.views) return;
    const here = location.hash.split('?')[0];
    mount(
      this.nav,
      this.views.nav.map((item) => h('a', { href: item.href, 'aria-current': here.startsWith(item.href) ? 'page' : undefined }, t(item.key))),
    );
  }

  /** @param {boolean} [force] */
  renderBar(force = false) {
    if (force) this.bar.dataset.text = '';
    const status = (this.isLeader ? this.syncer?.status : this.remoteStatus ?? this.syncer?.status) ?? null;
    renderSyncBar(
      this.bar,
      {
        phase: status?.phase ?? 'idle',
        offlineSince: status?.offlineSince ?? null,
        pending: this.replica?.outbox.length ?? 0,
        conflicts: this.replica?.openConflicts().length ?? 0,
        rejected: this.replica?.rejected.length ?? 0,
        online: navigator.onLine,
        leader: this.isLeader,
      },
      {
        // Only the leading tab pushes; another tab asks it to.
        onSync: () => void (this.isLeader ? this.syncer?.resume() : this.replica?.channel?.postMessage('changed')),
        onLogin: () => {
          location.hash = '#/login';
          void this.showLogin();
        },
      },
    );
  }

  /** @param {() => void} apply */
  showUpdate(apply) {
    showUpdateBanner(this.updateEl, apply);
  }

  /** @param {string} message */
  toast(message) {
    toast(message);
  }

  translateShell() {
    translateShell(this.nav);
  }
}

/**
 * Screens every role has, whatever its module lists: what needs the helper's attention (the
 * sync bar links there).
 * @param {import('./views/context.js').RoleViews} views
 * @returns {import('./views/context.js').RoleViews}
 */
export function withCommonRoutes(views) {
  return {
    ...views,
    routes: [...views.routes, { path: '/attention', view: attention, live: true }, { path: '/devices', view: devices, live: true },
      // not live: "show older" pages must survive a sync
      { path: '/history/:entity/:id', view: fileHistory }],
  };
}

/**
 * Too many wrong PINs: the synced data goes; the outbox, the parked ops and the drafts stay
 * (sealed), and so does the session row, so the password login knows whose phone this is.
 * @param {DB} db
 */
async function wipeAfterWrongPins(db) {
  await wipeSynced(db, { signOut: false, keepDrafts: true });
}

/**
 * The lock policy the server sends with the login (the admin's settings), if it does.
 * @param {any} result
 * @returns {import('./local/session.js').LockPolicy}
 */
function policyOf(result) {
  const from = result?.user ?? {};
  const number = (/** @type {unknown} */ v) => (typeof v === 'number' && v > 0 ? v : null);
  return { lock_after_minutes: number(from.lock_after_minutes), max_pin_attempts: number(from.max_pin_attempts) };
}

export function boot() {
  const app = new App();
  /** @type {any} */ (globalThis).doorstep = app;
  return app.boot();
}
