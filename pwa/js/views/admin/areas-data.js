/**
 * The area tree as the office screens need it: every area by id, the children of each, and the
 * `[id, name]` options for a picker ("Fudan › Committee 1"). Pure, so it is tested in node.
 */

/** @typedef {{id: string, name: string, kind: 'district'|'subdistrict'|'committee', parent_id: string|null}} Area */

/**
 * @param {Area[]} areas
 */
export function areaTree(areas) {
  /** @type {Map<string, Area>} */
  const byId = new Map(areas.map((a) => [a.id, a]));
  /** @type {Map<string|null, Area[]>} */
  const children = new Map();
  for (const a of areas) {
    const parent = a.parent_id && byId.has(a.parent_id) ? a.parent_id : null;
    children.set(parent, [...(children.get(parent) ?? []), a]);
  }
  for (const list of children.values()) list.sort((x, y) => x.name.localeCompare(y.name, 'zh-CN'));
  /** The names from the district down to `id`. @param {string|null|undefined} id @returns {string} */
  const path = (id) => {
    const names = [];
    for (let a = id ? byId.get(id) : undefined; a; a = a.parent_id ? byId.get(a.parent_id) : undefined) names.unshift(a.name);
    return names.join(' › ');
  };
  /** `[id, path]` of every area of `kind`, in tree order. @param {Area['kind']} kind @returns {[string, string][]} */
  const options = (kind) => {
    /** @type {[string, string][]} */
    const out = [];
    /** @param {string|null} parent */
    const walk = (parent) => {
      for (const a of children.get(parent) ?? []) {
        if (a.kind === kind) out.push([a.id, path(a.id)]);
        walk(a.id);
      }
    };
    walk(null);
    return out;
  };
  return { byId, children: (/** @type {string|null} */ id) => children.get(id) ?? [], path, options };
}

/** The kind of area that lies under `kind` (a committee has none). @param {Area['kind']} kind */
export function childKind(kind) {
  return kind === 'district' ? 'subdistrict' : kind === 'subdistrict' ? 'committee' : null;
}
