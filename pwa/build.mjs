/**
 * `npm run build`: bundle pwa/src → pwa/dist.
 *
 * - app JS and CSS get content hashes in their names (immutable URLs);
 * - index.html, the manifest and icons are copied, with the hashed names filled in;
 * - sw.js gets the precache manifest (every shell URL with a revision) and a build version
 *   injected, so a new deploy installs a new worker that waits for the helper to accept it.
 */
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ICON_SVG, iconPng } from './tools/icons.mjs';

const root = dirname(fileURLToPath(import.meta.url));
const src = join(root, 'src');
const dist = process.env.DOORSTEP_DIST || join(root, 'dist');

/** @param {string|Buffer} data */
const hash = (data) => createHash('sha256').update(data).digest('hex').slice(0, 12);

await rm(dist, { recursive: true, force: true });
await mkdir(join(dist, 'icons'), { recursive: true });

const result = await build({
  entryPoints: { app: join(src, 'main.js'), style: join(src, 'app.css') },
  bundle: true,
  minify: true,
  format: 'esm',
  target: ['es2020', 'chrome90', 'safari15'],
  entryNames: '[name]-[hash]',
  chunkNames: 'chunks/[name]-[hash]',
  splitting: true, // each role's views and the second language load on demand
  outdir: dist,
  metafile: true,
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
});

/** @type {Record<string, string>} */
const out = {};
/** @type {string[]} every JS chunk, precached so any role and language work offline */
const chunks = [];
for (const [file, meta] of Object.entries(result.metafile.outputs)) {
  const name = '/' + relative(dist, file).split('\\').join('/');
  if (name.endsWith('.js') && meta.entryPoint?.endsWith('main.js')) out.js = name;
  else if (name.endsWith('.js')) chunks.push(name);
  if (name.endsWith('.css')) out.css = name;
}

const manifest = {
  name: 'Doorstep 到家',
  short_name: 'Doorstep',
  description: 'Community employment helpers: visits, follow-ups and jobs, offline.',
  start_url: '/',
  scope: '/',
  id: '/',
  display: 'standalone',
  orientation: 'portrait',
  background_color: '#f5f7f9',
  theme_color: '#0b5d4b',
  lang: 'zh-CN',
  icons: [
    { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
    { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
    { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
  ],
};

/** @type {Record<string, string|Buffer>} files without a hash in their name */
const plain = {
  '/manifest.webmanifest': JSON.stringify(manifest, null, 2),
  '/icons/icon.svg': ICON_SVG,
  '/icons/icon-192.png': iconPng(192),
  '/icons/icon-512.png': iconPng(512),
  '/icons/icon-maskable-512.png': iconPng(512),
};
const appFiles = [out.js, out.css, ...chunks.sort()];
const version = hash(appFiles.join('|') + Object.values(plain).map((v) => hash(v)).join('|'));

let html = await readFile(join(src, 'index.html'), 'utf8');
html = html.replace('__APP_JS__', out.js).replace('__APP_CSS__', out.css).replace('__BUILD_VERSION__', version);
plain['/index.html'] = html;

for (const [url, data] of Object.entries(plain)) await writeFile(join(dist, url), data);

const precache = [
  ...appFiles.map((url) => ({ url, revision: null })),
  ...Object.entries(plain).map(([url, data]) => ({ url, revision: hash(data) })),
];
const sw = await readFile(join(src, 'sw.js'), 'utf8');
await writeFile(
  join(dist, 'sw.js'),
  `self.__PRECACHE_MANIFEST = ${JSON.stringify(precache)};\nself.__BUILD_VERSION = ${JSON.stringify(version)};\n${sw}`,
);

const gz = async (/** @type {string} */ url) => gzipSync(await readFile(join(dist, url))).length;
const shell = [out.js, out.css, '/index.html'];
let shellBytes = 0;
for (const url of shell) shellBytes += await gz(url);
let allJs = 0;
for (const url of chunks) allJs += await gz(url);
console.log(`built ${relative(process.cwd(), dist)} version ${version}: ${precache.length} precached files + /sw.js`);
console.log(`shell (index.html + ${out.js} + ${out.css}, system fonts): ${(shellBytes / 1024).toFixed(1)} KB gzipped; lazy chunks ${chunks.length}: ${(allJs / 1024).toFixed(1)} KB gzipped; total ${((shellBytes + allJs) / 1024).toFixed(1)} KB`);
