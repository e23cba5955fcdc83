/**
 * One tab leads: only the leader runs the sync loop, so two tabs never push the same outbox
 * twice. Web Locks where the browser has them (the lock is released when the tab closes);
 * elsewhere a lease in localStorage, renewed while the tab lives and taken over when it lapses.
 */

const LEASE_MS = 10_000;

/**
 * @param {string} name lock name (per user)
 * @param {() => void} onLead called once, when this tab becomes the leader
 * @returns {{release(): void}}
 */
export function lead(name, onLead) {
  const locks = globalThis.navigator?.locks;
  if (locks && typeof locks.request === 'function') {
    /** @type {() => void} */
    let release = () => {};
    const held = new Promise((resolve) => {
      release = () => resolve(undefined);
    });
    locks
      .request(name, () => {
        onLead();
        return held;
      })
      .catch(() => {});
    return { release };
  }
  return leaseFallback(name, onLead);
}

/**
 * @param {string} name
 * @param {() => void} onLead
 */
function leaseFallback(name, onLead) {
  const me = Math.random().toString(36).slice(2);
  const key = `doorstep-lease:${name}`;
  let leading = false;
  const tryLead = () => {
    let lease = null;
    try {
      lease = JSON.parse(localStorage.getItem(key) || 'null');
    } catch {
      lease = null;
    }
    const now = Date.now();
    if (!lease || lease.owner === me || lease.until < now) {
      localStorage.setItem(key, JSON.stringify({ owner: me, until: now + LEASE_MS }));
      if (!leading) {
        leading = true;
        onLead();
      }
    }
  };
  tryLead();
  const timer = setInterval(tryLead, LEASE_MS / 3);
  const release = () => {
    clearInterval(timer);
    if (leading) localStorage.removeItem(key);
  };
  globalThis.addEventListener?.('pagehide', release);
  return { release };
}
