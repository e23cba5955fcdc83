/**
 * What every view receives from the controller. A view is a function `(ctx, params) => Node`;
 * it reads the replica, writes through `ctx.replica.record()` and navigates with `ctx.nav()`.
 * Role modules (`views/<role>/index.js`) list their routes; the router picks the user's.
 */

/**
 * @typedef {{
 *   replica: import('../local/replica.js').Replica,
 *   api: import('../net/api.js').Api,
 *   user: import('../net/api.js').User,
 *   nav(path: string): void,
 *   now(): number,
 *   intervals(): Record<string, number>,
 *   toast(message: string): void,
 *   sync(): void,
 *   settings: SettingsActions,
 * }} Ctx
 */

/**
 * @typedef {{
 *   locale(): string, setLocale(locale: string): void, persisted(): Promise<boolean|null>,
 *   estimate(): Promise<{usage?: number, quota?: number}|null>, logout(): Promise<void>, version(): string,
 * }} SettingsActions
 */

/** @typedef {{params: Record<string, string>, query: URLSearchParams}} RouteArgs */
/** @typedef {(ctx: Ctx, args: RouteArgs) => Node} View */
/** @typedef {{path: string, view: View, live?: boolean}} Route */
/** @typedef {{home: string, nav: {href: string, key: string}[], routes: Route[]}} RoleViews */

export {};
