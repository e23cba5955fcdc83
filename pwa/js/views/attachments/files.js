/**
 * Attaching: a prepared file becomes a sealed upload (local/uploads.js) and an `attachment` op.
 *
 * The bytes are kept before the op is recorded, so an op never names a file the phone lost; a
 * kept file whose op was never recorded is only a few sealed chunks, sent nowhere. The op is
 * an insert like a note's; the CV's version is the phone's guess (the server numbers them in
 * order of arrival, and the next pull shows its number).
 */
import { keepUpload } from '../../local/uploads.js';
import { uuid } from '../../local/outbox.js';

/** @typedef {import('../context.js').Ctx} Ctx */
/** @typedef {import('./capture.js').Prepared} Prepared */
/** @typedef {import('../../local/outbox.js').Draft} Draft */
/**
 * @typedef {{person_id?: string|null, household_id?: string|null, visit_id?: string|null,
 *   kind: string, title?: string}} Where
 */

/**
 * The CVs of a person, newest version first.
 * @param {Ctx} ctx @param {string} personId
 */
export function cvsOf(ctx, personId) {
  return ctx.replica.all('attachment').filter((a) => a.person_id === personId && a.kind === 'cv')
    .sort((a, b) => (b.cv_version ?? 0) - (a.cv_version ?? 0));
}

/**
 * Keep the file and make its op (not yet recorded: the caller records it, alone or with a visit).
 * @param {Ctx} ctx @param {Prepared} file @param {Where} where
 * @returns {Promise<Draft>}
 */
export async function keepAndDescribe(ctx, file, where) {
  const id = uuid();
  await keepUpload(ctx.replica.db, { id, bytes: file.bytes, content_type: file.content_type, thumb: file.thumb }, ctx.now());
  const personId = where.person_id ?? null;
  /** @type {Record<string, any>} */
  const data = {
    person_id: personId,
    household_id: where.household_id ?? null,
    visit_id: where.visit_id ?? null,
    kind: where.kind,
    title: (where.title ?? '').trim().slice(0, 160),
    content_type: file.content_type,
    size: file.bytes.length,
    sha256: file.sha256,
    cv_version: where.kind === 'cv' && personId ? (cvsOf(ctx, personId)[0]?.cv_version ?? 0) + 1 : null,
  };
  return { entity: 'attachment', entity_id: id, kind: 'insert', data };
}

/**
 * Attach one file now: keep it, record its op, ask for a sync (the upload follows the push).
 * @param {Ctx} ctx @param {Prepared} file @param {Where} where
 */
export async function attach(ctx, file, where) {
  const draft = await keepAndDescribe(ctx, file, where);
  await ctx.replica.record([draft]);
  ctx.sync();
  return draft.entity_id;
}
