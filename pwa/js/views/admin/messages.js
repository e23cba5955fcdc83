/**
 * Until `pwa/js/i18n/tables.js` lists `parts/admin.js`, the office screens add their messages to
 * the two tables themselves when they load (keys already there are left alone, so once the
 * tables merge the part this does nothing).
 */
import { en, zh } from '../../i18n/tables.js';
import admin from '../../i18n/parts/admin.js';

for (const [table, part] of /** @type {const} */ ([[en, admin.en], [zh, admin.zh]])) {
  for (const [key, text] of Object.entries(part)) if (!(key in table)) table[key] = text;
}
