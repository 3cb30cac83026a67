// Measures the release site (see scripts/measure-web.sh): transfer size, time to an interactive console
// (as a ratio to an empty Yew app built the same way), keystroke-to-rendered-reply latency with 10 000 lines
// of scrollback, and the time to render RETR of a 5 MB message and LIST of 10 000 messages; for the embed
// (embed.html), its transfer size, embed.js's, and the time until its first step is on screen. Figures, not
// pass/fail tests.
// Usage: node tests/perf/measure.mjs DIST EMPTY_DIST
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { serve } from '../e2e/static-server.mjs';
import { launch } from '../e2e/browser.mjs';

const [dist = 'dist', emptyDist] = process.argv.slice(2);
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };
const fmt = (ms) => `${ms.toFixed(1)} ms`;

// The files a visit fetches, as a static host sends them (gzip -9), wasm, JS and CSS: what the page asks for
// from navigation until `until` (a function of the page) has resolved and the network is idle; with `then`, the
// files fetched after that by `then` (the lessons' module when "Show the lessons" is pressed) are counted apart.
// Read from the page's own requests, so a module fetched later is not counted in the first load.
async function transfer(browser, base, dir, until, then = null, types = /\.(wasm|js|css)$/) {
  const page = await browser.newPage();
  const seen = [];
  page.on('request', (r) => seen.push(new URL(r.url()).pathname));
  await page.goto(base);
  await until(page);
  await page.waitForLoadState('networkidle');
  const first = seen.splice(0);
  if (then) {
    await then(page);
    await page.waitForLoadState('networkidle');
  }
  await page.close();
  const sum = (paths) => {
    let raw = 0, gz = 0;
    const rows = [];
    for (const f of [...new Set(paths)].filter((f) => types.test(f))) {
      const bytes = readFileSync(join(dir, decodeURIComponent(f)));
      const g = gzipSync(bytes, { level: 9 }).length;
      raw += bytes.length; gz += g;
      rows.push(`    ${f.slice(1)}: ${bytes.length} B, gzip ${g} B`);
    }
    return { raw, gz, rows };
  };
  return { first: sum(first), later: sum(seen) };
}

// In the frame where the element `sel` is first in the page and enabled: the time then, or (with `body`) the
// page's body HTML then.
const whenEnabled = (page, sel, body = false) => page.waitForFunction(([sel, body]) => {
  const e = document.querySelector(sel);
  return e && !e.disabled && (body ? document.body.innerHTML : performance.now());
}, [sel, body], { polling: 'raf', timeout: 30000 }).then((h) => h.jsonValue());

// One load of `base` in a fresh context: milliseconds from navigation until the command line is rendered and
// enabled, read in the frame where that first holds (not after a round trip to this script: work the page does
// after that frame, such as the side column it renders next, must not count as the console's), and with
// `settled` (a CSS selector) until that is in the page too (the whole tutor, side column included).
// `ready` is when wasm-bindgen's instantiateStreaming resolved: the module fetched, compiled and instantiated,
// none of our code run yet (null for a page without wasm).
async function loadOnce(browser, base, settled = null, first = '#command-input') {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(() => {
    const instantiate = WebAssembly.instantiateStreaming;
    WebAssembly.instantiateStreaming = async (...args) => {
      const instance = await instantiate(...args);
      window.measureReady = performance.now();
      return instance;
    };
  });
  await page.goto(base, { waitUntil: 'commit' });
  const console = await whenEnabled(page, first);
  const whole = settled ? await whenEnabled(page, settled) : null;
  const ready = await page.evaluate(() => window.measureReady ?? null);
  await context.close();
  return { console, whole, ready };
}

// The app's first screen as a static page: the HTML the app has rendered when its console is interactive,
// with its stylesheet and no script at all. Loading it is the floor of any implementation of that screen, so
// its time beside the empty Yew app's says how much of the ratio's budget the page itself takes.
async function firstScreenAsStaticPage(browser, base) {
  const page = await browser.newPage();
  await page.goto(base, { waitUntil: 'commit' }); // not 'load': by then the side column is there too
  const body = await whenEnabled(page, '#command-input', true);
  await page.close();
  const dir = mkdtempSync(join(tmpdir(), 'first-screen-'));
  readdirSync(dist).filter((f) => f.endsWith('.css')).forEach((f) => copyFileSync(join(dist, f), join(dir, f)));
  const head = readFileSync(join(dist, 'index.html'), 'utf8').match(/<head>([\s\S]*?)<\/head>/)[1]
    .replace(/<script[\s\S]*?<\/script>/g, '').replace(/<link rel="(modulepreload|preload)"[^>]*>/g, '');
  const still = body.replace(/<script[\s\S]*?<\/script>/g, '');
  writeFileSync(join(dir, 'index.html'), `<!DOCTYPE html><html lang="en"><head>${head}</head><body>${still}</body></html>`);
  return dir;
}

// Loads the app, the empty app and the app's first screen as a static page in turn (so drift on a shared
// machine hits all alike); medians, and their ratios to the empty app's.
async function timeToInteractive(browser, base, emptyBase, staticBase, runs = 21) {
  const app = [], whole = [], empty = [], still = [], ready = [], emptyReady = [];
  for (let i = 0; i < runs; i++) {
    const a = await loadOnce(browser, base, '#decoder-input');
    app.push(a.console);
    whole.push(a.whole);
    ready.push(a.ready);
    const e = await loadOnce(browser, emptyBase);
    empty.push(e.console);
    emptyReady.push(e.ready);
    still.push((await loadOnce(browser, staticBase)).console);
  }
  const ratio = (xs) => median(xs) / median(empty);
  return {
    app: median(app), whole: median(whole), empty: median(empty), still: median(still),
    ready: median(ready), emptyReady: median(emptyReady),
    start: median(app.map((t, i) => t - ready[i])), emptyStart: median(empty.map((t, i) => t - emptyReady[i])),
    ratio: ratio(app), stillRatio: ratio(still),
  };
}

// The embed's first step on screen (the seed's demo with `step=2`: its first step, played when the widget
// starts, and its caption drawn) beside the empty app's interactive console, loaded in turn; medians.
async function embedFirstStep(browser, embedUrl, emptyBase, runs = 21) {
  const embed = [], empty = [];
  for (let i = 0; i < runs; i++) {
    embed.push((await loadOnce(browser, embedUrl, null, '.log-caption')).console);
    empty.push((await loadOnce(browser, emptyBase)).console);
  }
  return { embed: median(embed), empty: median(empty), ratio: median(embed) / median(empty) };
}

// In the page: type a line into the command line and press Enter with synthetic events. Resolves with
// { dom, frame }: milliseconds from the keydown until the log shows a new reply containing `expect` (seen by a
// MutationObserver), and until the animation frame after that (the frame that paints it).
const pressEnter = async (page, line, expect) => page.evaluate(async ([line, expect]) => {
  const input = document.getElementById('command-input');
  const log = document.querySelector('[role=log]');
  input.value = line;
  input.dispatchEvent(new InputEvent('input', { bubbles: true }));
  await new Promise((r) => setTimeout(r, 20));
  const count = log.querySelectorAll('.log-reply').length;
  const shown = () => {
    const replies = log.querySelectorAll('.log-reply');
    return replies.length > count && replies[replies.length - 1].textContent.includes(expect);
  };
  let dom = null;
  const seen = new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (dom === null && shown()) { dom = performance.now() - t0; observer.disconnect(); resolve(); }
    });
    observer.observe(log, { childList: true, subtree: true, characterData: true });
  });
  const t0 = performance.now();
  input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
  if (dom === null && shown()) dom = performance.now() - t0;
  await Promise.race([seen, new Promise((r) => setTimeout(r, 10000))]);
  await new Promise((r) => requestAnimationFrame(() => r()));
  return { dom, frame: performance.now() - t0 };
}, [line, expect]);

function summary(samples, extra) {
  const dom = samples.map((s) => s.dom);
  const frame = samples.map((s) => s.frame);
  return { ...extra, dom: median(dom), frame: median(frame), maxFrame: Math.max(...frame) };
}

async function typeLine(page, line) {
  const input = page.getByRole('textbox', { name: /command/i });
  await input.fill(line);
  await input.press('Enter');
}

async function keystrokeLatency(browser, base) {
  const page = await browser.newPage();
  await page.goto(base + '?lang=en');
  for (const line of ['telnet pop.outlook.pl 110', 'USER tester@outlook.pl', 'PASS moje_hasło']) await typeLine(page, line);
  // 5 000 pipelined NOOPs: 5 000 typed lines and 5 000 replies, 10 000 lines of scrollback.
  await page.evaluate(() => {
    const dt = new DataTransfer();
    dt.setData('text', 'NOOP\n'.repeat(5000));
    document.getElementById('command-input').dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  });
  await page.waitForFunction(() => document.querySelectorAll('.log-reply').length >= 5003, null, { timeout: 60000 });
  const lines = await page.evaluate(() => document.querySelectorAll('.log-entry').length);
  const samples = [];
  for (let i = 0; i < 40; i++) samples.push(await pressEnter(page, 'NOOP', '+OK Yup.'));
  await page.close();
  return summary(samples, { lines });
}

// Opens a page with a Dovecot-profile scenario file whose user `u` (password `p`) has `messages` at host
// `big.test`, logs in, and times `command` five times (Enter to the rendered reply containing `expect`).
async function timeCommand(browser, base, messages, command, expect) {
  const scenario = { version: 1, id: 'big', title: 'big', profile: 'dovecot', hosts: ['big.test'], users: [{ name: 'u', password: 'p', messages }] };
  const page = await browser.newPage();
  await page.goto(base + '?lang=en');
  await page.locator('#setting-scenario-file').setInputFiles({ name: 'big.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(scenario)) });
  await page.locator('.notices').filter({ hasText: 'Opened the scenario file' }).waitFor({ timeout: 60000 });
  for (const l of ['telnet big.test 110', 'USER u', 'PASS p']) await typeLine(page, l);
  await page.locator('.state-steps [aria-current="step"]').filter({ hasText: 'TRANSACTION' }).waitFor();
  const samples = [];
  for (let i = 0; i < 5; i++) samples.push(await pressEnter(page, command, expect));
  await page.close();
  return summary(samples, {});
}

// RETR of one 5 MB message.
function retrFiveMegabytes(browser, base) {
  const line = 'The quick brown fox jumps over the lazy dog. 0123456789 ABCDEFGHIJKLMNOPQRSTUVWXYZ\n';
  const body = 'Subject: five megabytes\n\n' + line.repeat(Math.ceil((5 * 1024 * 1024) / line.length));
  return timeCommand(browser, base, [{ text: body }], 'RETR 1', 'octets');
}

// LIST of a 10 000-message maildrop (a reply of 10 002 lines).
function listTenThousand(browser, base) {
  const messages = Array.from({ length: 10000 }, (_, i) => ({ text: `Subject: message ${i + 1}\n\nbody ${i + 1}\n` }));
  return timeCommand(browser, base, messages, 'LIST', 'messages');
}

const server = await serve(dist, 0);
const base = `http://127.0.0.1:${server.address().port}/`;
const emptyServer = emptyDist ? await serve(emptyDist, 0) : null;
const browser = await launch();
// The offline copy's service worker fetches the whole build once the page has loaded: the figures below are
// the page's own, measured without it (every context blocks it), and the worker's download has a line of its own.
const newContext = browser.newContext.bind(browser);
browser.newContext = (options = {}) => newContext({ serviceWorkers: 'block', ...options });
try {
  const showLessons = async (page) => {
    await page.getByRole('button', { name: 'Show the lessons' }).click();
    await page.locator('.lesson-list a').first().waitFor();
  };
  const size = await transfer(browser, base, dist, (page) => whenEnabled(page, '#decoder-input'), showLessons);
  console.log(`first-load transfer (wasm + js + css the page fetches): ${(size.first.raw / 1024).toFixed(1)} KiB raw, ${(size.first.gz / 1024).toFixed(1)} KiB gzip -9 (target <= 180 KB)`);
  size.first.rows.forEach((r) => console.log(r));
  console.log(`  fetched when lessons are first opened: ${(size.later.gz / 1024).toFixed(1)} KiB gzip -9`);
  size.later.rows.forEach((r) => console.log(r));
  const precache = JSON.parse(readFileSync(join(dist, 'sw.js'), 'utf8').match(/^const BUILD = (.*);$/m)[1]).files;
  const precached = precache.reduce((n, f) => n + gzipSync(readFileSync(join(dist, f.path)), { level: 9 }).length, 0);
  console.log(`  the offline copy (every file of the build, fetched by the service worker after the page has loaded): ${precache.length} files, ${(precached / 1024).toFixed(1)} KiB gzip -9`);
  if (emptyServer) {
    const emptyBase0 = `http://127.0.0.1:${emptyServer.address().port}/`;
    const e = await transfer(browser, emptyBase0, emptyDist, (page) => whenEnabled(page, '#command-input'));
    console.log(`  empty Yew app, same build: ${(e.first.gz / 1024).toFixed(1)} KiB gzip`);
    const emptyBase = `http://127.0.0.1:${emptyServer.address().port}/`;
    const staticDir = await firstScreenAsStaticPage(browser, base);
    const staticServer = await serve(staticDir, 0);
    const staticBase = `http://127.0.0.1:${staticServer.address().port}/`;
    try {
      await timeToInteractive(browser, base, emptyBase, staticBase, 2); // warm-up
      const t = await timeToInteractive(browser, base, emptyBase, staticBase);
      console.log(`time to interactive console: ${fmt(t.app)} vs empty Yew app ${fmt(t.empty)}: ratio ${t.ratio.toFixed(2)}x (target <= 1.3x; medians of 21 rounds, loopback, gzip as a static host serves it)`);
      console.log(`  the same first screen as a static page (its HTML and CSS, no script): ${fmt(t.still)}, ratio ${t.stillRatio.toFixed(2)}x`);
      console.log(`  module fetched, compiled and instantiated: ${fmt(t.ready)} vs ${fmt(t.emptyReady)}; from there to the interactive console (our start and first render): ${fmt(t.start)} vs ${fmt(t.emptyStart)}`);
      console.log(`  whole page rendered (side column included): ${fmt(t.whole)}`);
    } finally {
      staticServer.close();
      rmSync(staticDir, { recursive: true, force: true });
    }
  }
  // The embed: html, js, wasm and css as a reader's browser fetches them for embed.html.
  const embedUrl = `${base}embed.html?scenario=seed&lang=en&step=2`;
  const em = await transfer(browser, embedUrl, dist, (page) => whenEnabled(page, '.log-caption'), null, /(\.(wasm|js|css|html)|\/)$/);
  console.log(`embed first load (html + js + wasm + css for embed.html): ${(em.first.raw / 1024).toFixed(1)} KiB raw, ${(em.first.gz / 1024).toFixed(1)} KiB gzip -9 (target <= 150 KiB)`);
  em.first.rows.forEach((r) => console.log(r));
  // A trainer's own scenario carried whole in the address (#s=; here the seed's file under another id) loads
  // the module with the scenario format's reader.
  const own = JSON.parse(readFileSync(new URL('../../crates/pop3-sim/scenarios/library/seed.json', import.meta.url)));
  own.id = 'own';
  const ownUrl = `${base}embed.html?lang=en&step=2#s=1.${Buffer.from(JSON.stringify(own)).toString('base64url')}`;
  const eo = await transfer(browser, ownUrl, dist, (page) => whenEnabled(page, '.log-caption'), null, /(\.(wasm|js|css|html)|\/)$/);
  console.log(`embed first load with a scenario in its address (#s=, the module with the scenario reader): ${(eo.first.raw / 1024).toFixed(1)} KiB raw, ${(eo.first.gz / 1024).toFixed(1)} KiB gzip -9`);
  const script = gzipSync(readFileSync(join(dist, 'embed.js')), { level: 9 }).length;
  console.log(`embed.js (the host page's script): ${readFileSync(join(dist, 'embed.js')).length} B, ${script} B gzip -9 (target <= 3 KiB)`);
  if (emptyServer) {
    const emptyBase = `http://127.0.0.1:${emptyServer.address().port}/`;
    await embedFirstStep(browser, embedUrl, emptyBase, 2); // warm-up
    const f = await embedFirstStep(browser, embedUrl, emptyBase);
    console.log(`embed's first step on screen: ${fmt(f.embed)} vs empty Yew app's interactive console ${fmt(f.empty)}: ratio ${f.ratio.toFixed(2)}x (target <= 1.3x; medians of 21 rounds)`);
  }
  const k = await keystrokeLatency(browser, base);
  console.log(`keystroke to rendered reply with ${k.lines} log lines: median ${fmt(k.dom)} to the DOM, ${fmt(k.frame)} to the next frame (max ${fmt(k.maxFrame)}) (target median <= 16 ms; 40 samples)`);
  const r = await retrFiveMegabytes(browser, base);
  console.log(`RETR of a 5 MB message, Enter to rendered reply: median ${fmt(r.dom)} to the DOM, ${fmt(r.frame)} to the next frame (max ${fmt(r.maxFrame)}) (target <= 100 ms; 5 samples)`);
  const l = await listTenThousand(browser, base);
  console.log(`LIST of 10 000 messages, Enter to rendered reply: median ${fmt(l.dom)} to the DOM, ${fmt(l.frame)} to the next frame (max ${fmt(l.maxFrame)}) (5 samples)`);
} finally {
  await browser.close();
  server.close();
  emptyServer?.close();
}
