// A minimal static file server for dist/ (loopback only), used by the end-to-end tests, the measurements and
// scripts/serve.sh. Usage: node tests/e2e/static-server.mjs DIR [PORT]   (PORT 0 picks a free one)
// Prints "listening on http://127.0.0.1:PORT/" when ready. `serve(dir, port, { prefix: '/pop3/' })` serves the
// site under a sub-path instead (anything else is 404), and `server.root = otherDir` swaps the site in place
// (a new release at the same address, for the offline copy's update test).
//
// Responses may not be stored by the HTTP cache (`no-store`): a test or a rebuild never meets a stale file.
// The service worker's script (sw.js) says `no-cache` instead, as every host should send it (README, "Offline
// and installable"): the browser checks it on every visit, and never skips a new release.
//
// Text and wasm go out gzip-compressed when the browser accepts it, as any static host sends them (nginx's
// gzip, GitHub Pages, Netlify): the measured time to interactive is then the time a learner sees, not the time
// of pushing 4x the bytes through the browser's network pipe. Each file is compressed once (level 9, the level
// the transfer-size figure uses) and kept while its size and modification time stay the same.
//
// Every response carries the site's Content-Security-Policy and `X-Content-Type-Options: nosniff`, as the
// bridge's `--static` does (README, "Content Security Policy"): the tutor runs with no inline script or style,
// and a page that broke that rule fails the end-to-end tests. Only a page named embed.html may be framed by
// other sites.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { basename, extname, join, normalize, resolve, sep } from 'node:path';
import { gzip } from 'node:zlib';
import { promisify } from 'node:util';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json',
};
const POLICY = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self' ws: wss:";
/** The Content-Security-Policy for a file: framed only by the same origin, but an embed.html by any site. */
export const policyFor = (file) => `${POLICY}; frame-ancestors ${basename(file) === 'embed.html' ? '*' : "'self'"}`;
const SECURITY = { 'x-content-type-options': 'nosniff' };
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.wasm', '.json', '.svg', '.webmanifest']);
const gzipped = new Map(); // path -> { key, body }

// Whether an Accept-Encoding header takes gzip (`gzip;q=0` refuses it).
function acceptsGzip(header = '') {
  return header.split(',').some((entry) => {
    const [name, ...params] = entry.trim().toLowerCase().split(';').map((p) => p.trim());
    const q = params.find((p) => p.startsWith('q='));
    return (name === 'gzip' || name === '*') && !(q && Number(q.slice(2)) === 0);
  });
}

async function compressed(file, info) {
  const key = `${info.size}:${info.mtimeMs}`;
  const hit = gzipped.get(file);
  if (hit?.key === key) return hit.body;
  const z = await promisify(gzip)(await readFile(file), { level: 9 });
  gzipped.set(file, { key, body: z });
  return z;
}

export function serve(dir, port = 0, { prefix = '/' } = {}) {
  const server = createServer(async (req, res) => {
    try {
      const root = resolve(server.root);
      const full = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      if (!full.startsWith(prefix)) throw new Error('outside the prefix');
      const path = full.slice(prefix.length - 1);
      let file = normalize(join(root, path));
      if (file !== root && !file.startsWith(root + sep)) {
        res.writeHead(403, { ...SECURITY, 'content-security-policy': policyFor('') }).end();
        return;
      }
      let info = await stat(file).catch(() => null);
      if (info?.isDirectory()) {
        file = join(file, 'index.html');
        info = await stat(file);
      }
      const headers = {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': basename(file) === 'sw.js' ? 'no-cache' : 'no-store',
        vary: 'accept-encoding',
        ...SECURITY,
        'content-security-policy': policyFor(file),
      };
      const gz = COMPRESSIBLE.has(extname(file)) && acceptsGzip(req.headers['accept-encoding']);
      if (gz) headers['content-encoding'] = 'gzip';
      const body = gz ? await compressed(file, info) : await readFile(file);
      res.writeHead(200, headers);
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain', ...SECURITY, 'content-security-policy': policyFor('') }).end('not found');
    }
  });
  server.root = dir;
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => ok(server));
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = process.argv[2] ?? 'dist';
  const port = Number(process.argv[3] ?? 8080);
  const server = await serve(dir, port);
  console.log(`listening on http://127.0.0.1:${server.address().port}/`);
}
