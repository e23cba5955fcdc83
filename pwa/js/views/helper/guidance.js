/** Placeholder created by the lead so routes exist; the owning engineer replaces this file. */
import { h } from '../../ui/dom.js';

/** @param {import('../context.js').Ctx} _ctx @param {import('../context.js').RouteArgs} _args */
export function guidance(_ctx, _args) {
  return h('div', null, h('h1', null, 'guidance'));
}

