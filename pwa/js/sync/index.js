/**
 * The JavaScript sync core: clocks, registry, merge and the client's apply logic. Pure ES
 * modules (no DOM, no IndexedDB, no fetch); sync/PROTOCOL.md is the contract.
 */

export { applyPage, baseFor, pruneOutbox, removedWithPending, viewOf } from './apply.js';
export { conflictId, statusEventId } from './conflicts.js';
export { Engine } from './engine.js';
export { OpRejected, SyncError, UnsupportedProtocol } from './errors.js';
export { Clock, clamp, formatStamp, parseStamp } from './hlc.js';
export { MemoryStore } from './memory.js';
export { replay } from './merge.js';
export { loadRegistry } from './registry.js';
