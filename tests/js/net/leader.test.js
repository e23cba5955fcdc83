import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lead } from '../../../pwa/js/net/leader.js';

test('with Web Locks, only the tab holding the lock leads; the next one takes over on release', async () => {
  /** @type {{name: string, fn: () => Promise<unknown>}[]} */
  const queue = [];
  let held = false;
  const locks = {
    request(/** @type {string} */ name, /** @type {() => Promise<unknown>} */ fn) {
      queue.push({ name, fn });
      const next = async () => {
        if (held || !queue.length) return;
        held = true;
        const { fn: run } = /** @type {{fn: () => Promise<unknown>}} */ (queue.shift());
        await run();
        held = false;
        await next();
      };
      return next();
    },
  };
  const saved = Object.getOwnPropertyDescriptor(globalThis, 'navigator');
  Object.defineProperty(globalThis, 'navigator', { value: { locks }, configurable: true });
  try {
    const leaders = /** @type {string[]} */ ([]);
    const a = lead('doorstep-sync-u1', () => leaders.push('a'));
    lead('doorstep-sync-u1', () => leaders.push('b'));
    await new Promise((r) => setTimeout(r, 5));
    assert.deepEqual(leaders, ['a']);
    a.release();
    await new Promise((r) => setTimeout(r, 5));
    assert.deepEqual(leaders, ['a', 'b']);
  } finally {
    if (saved) Object.defineProperty(globalThis, 'navigator', saved);
    else delete (/** @type {any} */ (globalThis)).navigator;
  }
});

test('without Web Locks, a lease in localStorage lets one tab lead until it lapses', () => {
  const store = new Map();
  /** @type {any} */ (globalThis).localStorage = {
    getItem: (/** @type {string} */ k) => store.get(k) ?? null,
    setItem: (/** @type {string} */ k, /** @type {string} */ v) => store.set(k, v),
    removeItem: (/** @type {string} */ k) => store.delete(k),
  };
  const saved = Object.getOwnPropertyDescriptor(globalThis, 'navigator');
  Object.defineProperty(globalThis, 'navigator', { value: {}, configurable: true });
  try {
    const leaders = /** @type {string[]} */ ([]);
    const a = lead('x', () => leaders.push('a'));
    const b = lead('x', () => leaders.push('b'));
    assert.deepEqual(leaders, ['a']);
    a.release();
    b.release();
    const c = lead('x', () => leaders.push('c'));
    assert.deepEqual(leaders, ['a', 'c']);
    c.release();
  } finally {
    delete (/** @type {any} */ (globalThis)).localStorage;
    if (saved) Object.defineProperty(globalThis, 'navigator', saved);
    else delete (/** @type {any} */ (globalThis)).navigator;
  }
});
