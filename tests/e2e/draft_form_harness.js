/** Bundled by tests/e2e/test_guidance_drafts.py into a page, to drive ui/draft-form.js on a form with every kind of field. */
import { keepDraft, readFields } from '../../pwa/js/ui/draft-form.js';
import { openUserDb } from '../../pwa/js/local/db.js';
import { loadDraft } from '../../pwa/js/local/drafts.js';

/** @type {any} */ (globalThis).draftHarness = { keepDraft, readFields, openUserDb, loadDraft };
