// trunk post_build hook (Trunk.toml [[hooks]], after trunk-csp.mjs): makes the built site work offline and
// installable (README, "Offline and installable").
//
// 1. Icons. For every PNG icon that the web app manifest (offline/manifest.webmanifest, copied by trunk) names,
//    renders it from the one source, static/favicon.svg, at the manifest's size: a `maskable` icon gets a
//    full-bleed background and the picture inside the safe zone (the middle 80%).
// 2. The service worker. Reads every file of the build (the staging dir, after trunk hashed the names and
//    trunk-csp.mjs wrote the loader), and writes sw.js from the template offline/sw.js with that list: each
//    file's path, SHA-256, and whether its name carries trunk's content hash; the cache is named after a hash of
//    all of it. So nothing is listed by hand, and a new build is a new worker byte for byte.
//
//   POP3_OFFLINE=0   (development) writes a worker that removes its caches, unregisters itself and touches
//                    no request: the site then runs without one.
//
// Fails loudly (non-zero exit, a message saying what) when the template or the icon source is missing, or
// when the manifest names an icon this script cannot make.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const fail = (message) => {
  console.error(`\x1b[1;31moffline: FAILED: ${message}\x1b[0m`);
  process.exit(1);
};

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) fail('TRUNK_STAGING_DIR is not set (this script runs as a trunk post_build hook)');
const enabled = process.env.POP3_OFFLINE !== '0';
const WORKER = 'sw.js';
const MANIFEST = 'manifest.webmanifest';
const ICON_SOURCE = join(root, 'static', 'favicon.svg');

// 1. Icons, before the worker lists the files.
if (existsSync(join(dir, MANIFEST))) await makeIcons(JSON.parse(readFileSync(join(dir, MANIFEST), 'utf8')));

// 2. The worker.
const files = listFiles(dir)
  .filter((path) => path !== WORKER)
  .sort()
  .map((path) => ({
    path,
    sha256: createHash('sha256').update(readFileSync(join(dir, path))).digest('hex'),
    hashed: isContentHashed(path),
  }));
const version = createHash('sha256')
  .update(files.map((f) => `${f.path}\0${f.sha256}\n`).join(''))
  .update(enabled ? 'on' : 'off')
  .digest('hex')
  .slice(0, 16);
const template = readFileSync(join(root, 'offline', WORKER), 'utf8');
const PLACEHOLDER = 'const BUILD = __BUILD__;';
if (template.split(PLACEHOLDER).length !== 2) fail(`offline/${WORKER} must hold "${PLACEHOLDER}" once`);
const build = { version, enabled, files: enabled ? files : [] };
writeFileSync(join(dir, WORKER), template.replace(PLACEHOLDER, () => `const BUILD = ${JSON.stringify(build)};`));
console.log(enabled
  ? `offline: ${WORKER} precaches ${files.length} files (build ${version})`
  : `offline: POP3_OFFLINE=0: ${WORKER} removes the offline copy and unregisters itself`);

/** Every file under `base`, as paths relative to it with `/` between segments. */
function listFiles(base) {
  return readdirSync(base, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(base, join(e.parentPath ?? e.path, e.name)).split(sep).join('/'));
}

/**
 * Whether trunk named the file after its content (`app-1c2067364d7c3b01.css`, `pop3-tutor-…_bg.wasm`,
 * trunk-csp.mjs's `start-….js`): such a name never holds other bytes, so the cached copy can be served first.
 * wasm-bindgen's `snippets/<crate>-<hash>/` folders are named after the crate, not the content: not these.
 */
function isContentHashed(path) {
  return !path.includes('/') && /-[0-9a-f]{16}(_bg)?\.[a-z]+$/.test(path);
}

async function makeIcons(manifest) {
  const { initWasm, Resvg } = await import('@resvg/resvg-wasm').catch(() =>
    fail('@resvg/resvg-wasm is not installed (scripts/install-tools.sh web runs npm ci)'));
  await initWasm(readFileSync(join(root, 'node_modules', '@resvg', 'resvg-wasm', 'index_bg.wasm')));
  if (!existsSync(ICON_SOURCE)) fail(`the icon source ${ICON_SOURCE} is missing`);
  const source = readFileSync(ICON_SOURCE, 'utf8');
  for (const icon of manifest.icons ?? []) {
    if (icon.type !== 'image/png') {
      if (!existsSync(join(dir, icon.src))) fail(`${MANIFEST} names ${icon.src}, which is not in the build`);
      continue;
    }
    const size = Number(/^(\d+)x\1$/.exec(icon.sizes ?? '')?.[1]);
    if (!size || icon.src.includes('/')) fail(`${MANIFEST}: cannot make ${icon.src} (sizes "${icon.sizes}")`);
    const svg = (icon.purpose ?? '').split(' ').includes('maskable') ? maskable(source) : source;
    const png = new Resvg(svg, { fitTo: { mode: 'width', value: size } }).render().asPng();
    writeFileSync(join(dir, icon.src), png);
  }
}

/** The source picture in a maskable icon: full-bleed background, picture within the middle 80% (the safe zone). */
function maskable(svg) {
  const background = /fill="(#[0-9a-fA-F]{3,6})"/.exec(svg)?.[1] ?? '#000';
  const inner = svg.replace(/^<svg\b/, '<svg x="20" y="20" width="60" height="60"');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><rect width="100" height="100" fill="${background}"/>${inner}</svg>`;
}
