/**
 * The attachments feature's screens and sections, for every role (see `./index.js` for what each
 * list means).
 */

/** @type {import('./index.js').Feature} */
export default {};
