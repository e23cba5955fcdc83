/**
 * Service worker registration and the update flow: a new version installs and waits; the
 * helper sees "update ready" and chooses when; only then the page asks the worker to take over
 * and reloads. The outbox lives in IndexedDB, so it is untouched by the switch.
 */

/**
 * @param {{onUpdateReady(apply: () => void): void, onMessage(data: any): void}} handlers
 * @returns {Promise<ServiceWorkerRegistration|null>}
 */
export async function registerServiceWorker(handlers) {
  if (!('serviceWorker' in navigator)) return null;
  let accepted = false;
  navigator.serviceWorker.addEventListener('message', (e) => handlers.onMessage(e.data));
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (accepted) location.reload();
  });
  let reg;
  try {
    reg = await navigator.serviceWorker.register('/sw.js', { scope: '/', updateViaCache: 'none' });
  } catch {
    return null;
  }
  const offer = () => {
    const waiting = reg.waiting;
    if (!waiting || !navigator.serviceWorker.controller) return;
    handlers.onUpdateReady(() => {
      accepted = true;
      waiting.postMessage({ type: 'SKIP_WAITING' });
    });
  };
  offer();
  reg.addEventListener('updatefound', () => {
    const installing = reg.installing;
    installing?.addEventListener('statechange', () => {
      if (installing.state === 'installed') offer();
    });
  });
  const check = () => void reg.update().catch(() => {});
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') check();
  });
  setInterval(check, 30 * 60_000);
  return reg;
}

/** Ask for a Background Sync wake-up where the browser has it (Chromium); elsewhere a no-op. */
export async function requestBackgroundSync() {
  try {
    const reg = await navigator.serviceWorker?.ready;
    const sync = /** @type {any} */ (reg)?.sync;
    if (sync) await sync.register('doorstep-sync');
  } catch {
    // Not supported or not allowed: the timer and the `online` event still sync.
  }
}
