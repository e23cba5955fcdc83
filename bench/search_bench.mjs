/**
 * The phone's search over a 2,000-person caseload, in node: how long the index takes to build
 * (once per replica change) and how long one query takes, 1,000 of each kind.
 *
 *   node bench/search_bench.mjs [persons=2000] [queries=1000]
 *
 * Names are drawn the way the demo data's Faker draws them (server/demo_data/context.py: 12% in
 * English), from common surnames (polyphonic ones included: 单 曾 解 区 查, and 欧阳) and given-name
 * characters; phones are mobile numbers, ID numbers carry a real check character. Seeded, so
 * runs compare. Prints one line per measurement: p50 / p95 / max in milliseconds.
 */
import { performance } from 'node:perf_hooks';
import { WITHOUT_PINYIN, buildIndex, find, loadReadings } from '../pwa/js/domain/search-index.js';

const PERSONS = Number(process.argv[2] ?? 2000);
const QUERIES = Number(process.argv[3] ?? 1000);

let seed = 20261201;
/** A small seeded generator (mulberry32), so every run draws the same caseload. */
const random = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
  return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
};
/** @template T @param {T[]} xs @returns {T} */
const pick = (xs) => xs[Math.floor(random() * xs.length)];
const digits = (/** @type {number} */ n) => Array.from({ length: n }, () => Math.floor(random() * 10)).join('');

const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤单解区查', '欧阳', '司马'];
const GIVEN = [...'伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬燕彬鹏辉健俊帆浩宇欣怡梓涵子轩雨萱一诺佳琪思远博文晨曦嘉乐长行重朝'];
const FIRST = ['James', 'Mary', 'John', 'Patricia', 'Robert', 'Jennifer', 'Michael', 'Linda', 'David', 'Elizabeth', 'William', 'Susan', 'Joseph', 'Jessica', 'Thomas', 'Sarah', 'Chris', 'Karen', 'Daniel', 'Lisa', 'Matthew', 'Nancy', 'Anthony', 'Betty', 'Mark', 'Sandra', 'Emily', 'Ashley'];
const LAST = ['Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez', 'Wilson', 'Anderson', 'Taylor', 'Thomas', 'Moore', 'Jackson', 'Martin', 'Lee', 'Chen', 'Wang', 'Li', 'Harris', 'Clark', 'Lewis'];
const GROUPS = ['求职一组', '求职二组', '求职三组'];
const ROADS = ['凉城路', '广灵四路', '汶水路', '江湾路', '复旦路', '民星路'];
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

function idNumber() {
  const year = 1965 + Math.floor(random() * 40);
  const month = String(1 + Math.floor(random() * 12)).padStart(2, '0');
  const day = String(1 + Math.floor(random() * 28)).padStart(2, '0');
  const first = `310110${year}${month}${day}${digits(3)}`;
  const sum = [...first].reduce((s, d, i) => s + Number(d) * WEIGHTS[i], 0);
  return first + '10X98765432'[sum % 11];
}

const households = Array.from({ length: Math.ceil(PERSONS / 2.5) }, (_, i) => ({
  id: `h${i}`, address: `${pick(ROADS)}${1 + Math.floor(random() * 400)}弄${1 + Math.floor(random() * 30)}号`,
}));
const persons = Array.from({ length: PERSONS }, (_, i) => {
  const english = random() < 0.12;
  const name = english ? `${pick(FIRST)} ${pick(LAST)}` : pick(SURNAMES) + pick(GIVEN) + (random() < 0.6 ? pick(GIVEN) : '');
  const mobile = `1${pick(['3', '5', '7', '8', '9'])}${digits(9)}`;
  return {
    id: `p${i}`, household_id: households[i % households.length].id, name,
    phone: random() < 0.3 ? `${mobile.slice(0, 3)}-${mobile.slice(3, 7)}-${mobile.slice(7)}` : mobile,
    id_number: random() < 0.8 ? idNumber() : null,
    group_name: random() < 0.15 ? pick(GROUPS) : null,
  };
});

/** @param {number[]} times */
function summary(times) {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (/** @type {number} */ q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return `p50 ${at(0.5).toFixed(3)}  p95 ${at(0.95).toFixed(3)}  max ${sorted[sorted.length - 1].toFixed(3)} ms`;
}

const t0 = performance.now();
const readings = await loadReadings();
const loaded = performance.now() - t0;
/** Wall and CPU time of `fn` in ms (the CPU figure is steadier on a busy machine). @param {() => void} fn */
function timed(fn) {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  fn();
  const used = process.cpuUsage(cpu);
  return `${(performance.now() - wall).toFixed(1)} ms (CPU ${((used.user + used.system) / 1000).toFixed(1)} ms)`;
}
const plainIndex = timed(() => buildIndex(persons, households, WITHOUT_PINYIN));
/** @type {ReturnType<typeof buildIndex>} */
let index = buildIndex([], [], readings);
const cold = timed(() => { index = buildIndex(persons, households, readings); });
// The same caseload under other ids: no cached keys, but pinyin-pro and the JIT warmed up.
const again = timed(() => buildIndex(persons.map((p) => ({ ...p, id: `again-${p.id}` })), households, readings));
persons[7] = { ...persons[7], name: '曾乐' };
const warm = timed(() => { index = buildIndex(persons, households, readings); });

const { pinyin } = await import('pinyin-pro');
const chinese = persons.filter((p) => !/[a-z]/i.test(p.name));
const syllables = (/** @type {string} */ name, /** @type {'none'|'symbol'} */ toneType) => pinyin(name, { toneType, type: 'array', surname: 'head' });
/** @type {Record<string, () => string>} */
const kinds = {
  'characters (full name)': () => pick(chinese).name,
  'characters (surname)': () => [...pick(chinese).name][0],
  'full pinyin (lijie)': () => syllables(pick(chinese).name, 'none').join(''),
  'pinyin with tones and spaces (lǐ jié)': () => syllables(pick(chinese).name, 'symbol').join(' '),
  'pinyin prefix (3 letters)': () => syllables(pick(chinese).name, 'none').join('').slice(0, 3),
  'initials (lj)': () => syllables(pick(chinese).name, 'none').map((s) => s[0]).join(''),
  'one letter (worst case)': () => pick([...'abcdefghjklmnopqrstwxyz']),
  'English word': () => pick(persons.filter((p) => /[a-z]/i.test(p.name))).name.split(' ')[1].toUpperCase(),
  'phone, 4 digits': () => { const p = pick(persons).phone.replace(/\D/g, ''); const i = Math.floor(random() * 8); return p.slice(i, i + 4); },
  'phone, all of it': () => pick(persons).phone,
  'ID number, last 6': () => (pick(persons.filter((p) => p.id_number)).id_number ?? '').slice(-6),
  'ID number, all of it': () => pick(persons.filter((p) => p.id_number)).id_number ?? '',
  'group alone (empty query)': () => '',
};

console.log(`search bench: ${PERSONS} persons, ${households.length} households, ${QUERIES} queries of each kind (node ${process.version})`);
console.log(`load pinyin-pro (dynamic import): ${loaded.toFixed(1)} ms`);
console.log(`index build without pinyin (what the screen shows first): ${plainIndex}`);
console.log(`index build, first (pinyin for every name, pinyin-pro cold): ${cold}`);
console.log(`index build, second (pinyin for every name, warmed up): ${again}`);
console.log(`index rebuild after one edit (other keys cached): ${warm}`);
for (const [kind, make] of Object.entries(kinds)) {
  const times = [];
  let hits = 0;
  let cpu = 0;
  for (let i = 0; i < QUERIES; i++) {
    const q = make();
    const options = kind.startsWith('group') ? { group: pick(GROUPS) } : {};
    const s = performance.now();
    const c = process.cpuUsage();
    const found = find(index, q, options);
    const used = process.cpuUsage(c);
    times.push(performance.now() - s);
    cpu += used.user + used.system;
    if (found.total > 0) hits++;
  }
  const mean = (cpu / QUERIES / 1000).toFixed(3);
  console.log(`${kind.padEnd(40)} ${summary(times)}  CPU mean ${mean} ms  (${Math.round((100 * hits) / QUERIES)}% found)`);
}
