// The page's side of the service worker (offline/sw.js, written into the build by scripts/offline.mjs), for
// use_offline.rs: registers it once the page has loaded (its downloads must not compete with the page's own),
// asks it whether the whole build is cached, and says when a new version waits. Plain JavaScript because the
// Service Worker API is events and promises end to end; the words the page shows are in the app's i18n.
//
// report(what) is called with "ready" (every file of this build is cached: the tutor works offline) and
// "update" (a newer build is installed and waits for the learner's "Reload").

/** How long "Reload" waits for the new worker to take over before reloading anyway. */
const TAKEOVER_DEADLINE_MS = 3000;
/** How often an open page looks for a new version (also when it becomes visible again and when back online). */
const UPDATE_CHECK_MS = 60 * 60 * 1000;

let registration = null;
let reloading = false;

export function watch(url, report) {
  if (!('serviceWorker' in navigator)) return;
  const start = () => {
    navigator.serviceWorker
      .register(url, { updateViaCache: 'none' })
      .then((reg) => follow(reg, report))
      .catch((e) => console.warn(`offline copy unavailable: ${e}`));
  };
  if (document.readyState === 'complete') start();
  else addEventListener('load', start, { once: true });
}

function follow(reg, report) {
  registration = reg;
  const container = navigator.serviceWorker;
  let controlled = Boolean(container.controller);
  const waiting = () => {
    if (reg.waiting && container.controller) report('update');
  };
  waiting();
  reg.addEventListener('updatefound', () => {
    const worker = reg.installing;
    worker?.addEventListener('statechange', () => {
      if (worker.state === 'installed') waiting();
      if (worker.state === 'activated') askStatus(reg, report);
    });
  });
  container.addEventListener('controllerchange', () => {
    if (reloading) location.reload();
    // A page that had a worker and got another without asking (the learner pressed "Reload" in another tab)
    // runs an older build than its worker: it says so too.
    else if (controlled) report('update');
    controlled = true;
  });
  askStatus(reg, report);
  const check = () => {
    if (document.visibilityState === 'visible') reg.update().catch(() => {});
  };
  document.addEventListener('visibilitychange', check);
  addEventListener('online', check);
  setInterval(check, UPDATE_CHECK_MS);
}

function askStatus(reg, report) {
  const worker = reg.active;
  if (!worker) return;
  const channel = new MessageChannel();
  channel.port1.onmessage = (e) => {
    if (e.data?.complete) report('ready');
  };
  worker.postMessage({ type: 'status' }, [channel.port2]);
}

/** The learner's "Reload": the waiting worker takes over, and the page reloads when it has. */
export function applyUpdate() {
  reloading = true;
  if (registration?.waiting) {
    registration.waiting.postMessage({ type: 'skip-waiting' });
    setTimeout(() => location.reload(), TAKEOVER_DEADLINE_MS);
  } else {
    location.reload();
  }
}
