// The tutor's service worker: after one visit the tutor, its lessons, its scenarios and the embed work with no
// network (README, "Offline and installable").
//
// This is a template: scripts/offline.mjs (a trunk post_build hook) replaces `__BUILD__` below with what it read
// from the built site — every file, the SHA-256 of each, which names trunk hashed, and a hash of the whole
// build — and writes the result as dist/sw.js. Nothing here lists a file by hand.
//
// - Install: every file of the build is fetched (bypassing the HTTP cache) and kept in a cache named after the
//   build, file by file: one that fails does not fail the install, and one whose bytes are not the build's (a
//   host that serves a newer or older copy) is not kept. The page says "Available offline" only once every
//   file is there (the `status` message, which also fetches what is still missing).
// - The first worker takes control at once (there is nothing to interrupt); a later one waits until the page
//   asks it to take over (`skip-waiting`, when the learner presses "Reload"), so an update never reloads a page
//   in the middle of a session.
// - Activation deletes the caches of earlier builds of this scope (only this scope's: another copy of the tutor
//   on the same origin under another path keeps its own).
// - Requests: pages (navigations) go to the network first, with the build's copy when the network fails or is
//   silent for NETWORK_DEADLINE_MS; files with a content hash in their name come from the cache first; the
//   build's other files (lessons, the embed's and the lessons' modules) go to the network first, so that a page
//   fetched from the network never runs with an older build's copy of them. Anything else — other origins,
//   other paths, the bridge's WebSocket, anything not a GET — is not touched.
// - With POP3_OFFLINE=0 at build time (development), `enabled` is false: this worker removes its caches and
//   unregisters itself, and touches no request.
const BUILD = __BUILD__;

const NETWORK_DEADLINE_MS = 5000;
const FETCHES_AT_ONCE = 4;
const SCOPE = new URL(self.registration.scope);
const PREFIX = `pop3-tutor ${SCOPE.pathname} `;
const CACHE = PREFIX + BUILD.version;
const FILES = new Map(BUILD.files.map((f) => [f.path, f]));

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    if (BUILD.enabled) await topUp();
    // The first worker of this scope takes over at once: no page runs an older build.
    if (!BUILD.enabled || !self.registration.active) await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) {
      if (key.startsWith(PREFIX) && (key !== CACHE || !BUILD.enabled)) await caches.delete(key);
    }
    if (BUILD.enabled) await self.clients.claim();
    else await self.registration.unregister();
  })());
});

self.addEventListener('message', (event) => {
  const type = event.data?.type;
  if (type === 'skip-waiting') {
    self.skipWaiting();
  } else if (type === 'status') {
    event.waitUntil(topUp().then((missing) => {
      event.ports[0]?.postMessage({ type: 'status', version: BUILD.version, complete: BUILD.enabled && missing === 0, missing });
    }));
  }
});

self.addEventListener('fetch', (event) => {
  if (!BUILD.enabled) return;
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== SCOPE.origin || !url.pathname.startsWith(SCOPE.pathname)) return;
  const path = url.pathname.slice(SCOPE.pathname.length);
  if (request.mode === 'navigate') {
    const page = pageFor(path);
    if (page) event.respondWith(networkFirst(request, page));
    return;
  }
  const file = FILES.get(path);
  if (!file) return;
  event.respondWith(file.hashed ? cacheFirst(request, path) : networkFirst(request, path));
});

/** The build's page a navigation to `path` shows: the page itself, or a folder's index.html. */
function pageFor(path) {
  const page = path === '' || path.endsWith('/') ? `${path}index.html` : path;
  return FILES.has(page) && page.endsWith('.html') ? page : null;
}

/** The build's copy of `path`, if it is cached. */
async function cached(path) {
  const cache = await caches.open(CACHE);
  return cache.match(new URL(path, SCOPE).href);
}

async function cacheFirst(request, path) {
  return (await cached(path)) ?? fetch(request);
}

/**
 * The network's answer, unless it fails, is a server error, or takes longer than NETWORK_DEADLINE_MS to begin:
 * then the build's copy (or, with none, whatever the network gives in the end). Answers are not stored: the
 * cache holds one build, whole.
 */
async function networkFirst(request, path) {
  const network = fetch(request);
  network.catch(() => {});
  let timer;
  const deadline = new Promise((resolve) => { timer = setTimeout(resolve, NETWORK_DEADLINE_MS, null); });
  try {
    const answer = await Promise.race([network, deadline]);
    if (answer && answer.status < 500) return answer;
    return (await cached(path)) ?? answer ?? network;
  } catch {
    return (await cached(path)) ?? Response.error();
  } finally {
    clearTimeout(timer);
  }
}

/** Fetches the build's files that are not cached yet; resolves to how many are still missing. */
async function topUp() {
  const cache = await caches.open(CACHE);
  const have = new Set((await cache.keys()).map((r) => r.url));
  const queue = BUILD.files.filter((f) => !have.has(new URL(f.path, SCOPE).href));
  let missing = 0;
  const worker = async () => {
    for (let file = queue.shift(); file; file = queue.shift()) {
      if (!(await fetchInto(cache, file))) missing++;
    }
  };
  await Promise.all(Array.from({ length: FETCHES_AT_ONCE }, worker));
  return missing;
}

/** Fetches one file and keeps it if its bytes are the build's; whether it did. */
async function fetchInto(cache, file) {
  const url = new URL(file.path, SCOPE).href;
  try {
    const response = await fetch(new Request(url, { cache: 'reload', credentials: 'same-origin' }));
    if (!response.ok) return false;
    const bytes = await response.clone().arrayBuffer();
    if ((await sha256(bytes)) !== file.sha256) return false;
    await cache.put(url, response);
    return true;
  } catch {
    return false;
  }
}

async function sha256(bytes) {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}
