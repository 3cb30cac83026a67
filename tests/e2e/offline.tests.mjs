// End-to-end tests of the offline copy (README, "Offline and installable"): the service worker that
// scripts/offline.mjs writes into the build (from offline/sw.js), the manifest, and the page's status. Each test
// serves the site itself when it needs another address (a sub-path, a second release), as a host would.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchProfile } from './browser.mjs';
import { serve } from './static-server.mjs';
import { expectText, log, typeLine } from './helpers.mjs';

const OFFLINE_SCRIPT = new URL('../../scripts/offline.mjs', import.meta.url).pathname;
// Precaching the whole build (three wasm modules) on a shared, busy machine.
const CACHED_WITHIN_MS = 60000;

const ready = (page, text = 'Available offline') => expectText(page.locator('.offline-status'), text, CACHED_WITHIN_MS);
const cacheNames = (page) => page.evaluate(() => caches.keys());
const registrations = (page) => page.evaluate(async () =>
  (await navigator.serviceWorker.getRegistrations()).map((r) => r.scope));
/** What the page does when it becomes visible again: look for a new version. */
const lookForUpdate = (page) => page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));

/** A copy of the build at `dist` as another release: its page marked `release`, its worker written anew. */
function release(dist, name, env = {}) {
  const dir = mkdtempSync(join(tmpdir(), `pop3-release-${name}-`));
  cpSync(dist, dir, { recursive: true });
  const index = join(dir, 'index.html');
  writeFileSync(index, readFileSync(index, 'utf8').replace('<head>', `<head>\n    <meta name="pop3-release" content="${name}" />`));
  execFileSync('node', [OFFLINE_SCRIPT], { env: { ...process.env, TRUNK_STAGING_DIR: dir, ...env }, stdio: 'pipe' });
  return dir;
}
const releaseOf = (page) => page.evaluate(() => document.querySelector('meta[name=pop3-release]')?.content ?? null);

async function withServer(dir, options, fn) {
  const server = await serve(dir, 0, options);
  try {
    return await fn(server, `http://127.0.0.1:${server.address().port}${options.prefix ?? '/'}`);
  } finally {
    server.close();
  }
}

async function seedDialogue(page) {
  for (const [line, reply] of [
    ['telnet pop.outlook.pl 110', '+OK Hello there.'],
    ['USER tester@outlook.pl', '+OK Password required.'],
    ['PASS moje_hasło', '+OK logged in.'],
    ['STAT', '+OK 2 53235'],
    ['QUIT', '+OK Bye-bye.'],
  ]) {
    await typeLine(page, line);
    await expectText(log(page), reply);
  }
}

export const tests = {
  async offline_after_one_visit_the_tutor_its_library_its_lessons_and_the_polish_page_work_without_network({ page, context, base }) {
    await page.goto(base + '?lang=en');
    await ready(page);
    assert.equal((await cacheNames(page)).length, 1, 'one cache: this build');

    await context.setOffline(true);
    await page.reload();
    await seedDialogue(page);
    await ready(page);

    await page.locator('#scenario-picker').selectOption('wrong-password');
    await typeLine(page, 'telnet pop.outlook.pl 110');
    await expectText(log(page), '+OK Dovecot (Debian) ready.');

    await page.getByRole('button', { name: 'Show the lessons' }).click();
    await page.locator('.lesson-list a').first().click();
    await expectText(page.locator('section.lesson'), 'Step 1 of');

    await page.goto(base + '?lang=pl&scenario=seed');
    await ready(page, 'Dostępne offline');
    await expectText(page.locator('h1'), 'Samouczek POP3');
    await typeLine(page, 'telnet pop.outlook.pl 110', /polecenie/i);
    await expectText(log(page), '+OK Hello there.');
  },

  async offline_a_new_version_waits_for_the_learners_reload_then_replaces_the_old_copy({ page, dist }) {
    const next = release(dist, 'B');
    try {
      await withServer(dist, {}, async (server, url) => {
        await page.goto(url + '?scenario=seed&lang=en');
        await ready(page);
        const [old] = await cacheNames(page);
        await typeLine(page, 'telnet pop.outlook.pl 110');
        await expectText(log(page), '+OK Hello there.');

        server.root = next;
        await lookForUpdate(page);
        await expectText(page.locator('.offline-status'), 'A new version is available.', CACHED_WITHIN_MS);
        // No reload by itself: the session goes on in the old version, where it was.
        await typeLine(page, 'USER tester@outlook.pl');
        await expectText(log(page), '+OK Password required.');
        assert.equal(await releaseOf(page), null);
        assert.deepEqual(await cacheNames(page).then((n) => n.includes(old)), true);

        await Promise.all([
          page.waitForEvent('load'),
          page.getByRole('button', { name: 'Reload' }).click(),
        ]);
        assert.equal(await releaseOf(page), 'B');
        assert.equal(new URL(page.url()).search, '?scenario=seed&lang=en', 'the address keeps what was open');
        await ready(page);
        const names = await cacheNames(page);
        assert.equal(names.length, 1, `one cache left: ${names}`);
        assert.notEqual(names[0], old, "the old version's cache is gone");
        await typeLine(page, 'telnet pop.outlook.pl 110');
        await expectText(log(page), '+OK Hello there.');
      });
    } finally {
      rmSync(next, { recursive: true, force: true });
    }
  },

  async offline_a_file_the_host_serves_wrong_is_not_kept_and_available_offline_waits_for_it({ page, dist }) {
    // A host (or a cache in front of it) that serves another copy of one file than the build's: the copy is
    // not kept, so the page does not claim to work offline; once the host serves the build's bytes, the next
    // visit fetches just that file and the page says so.
    const stale = release(dist, 'stale');
    writeFileSync(join(stale, 'lessons', 'index.json'), '{"version":0}');
    const good = release(dist, 'stale');
    try {
      await withServer(stale, {}, async (server, url) => {
        await page.goto(url + '?lang=en');
        const files = JSON.parse(readFileSync(join(stale, 'sw.js'), 'utf8').match(/^const BUILD = (.*);$/m)[1]).files;
        await page.waitForFunction(async (n) => {
          const [name] = await caches.keys();
          return name && (await (await caches.open(name)).keys()).length === n;
        }, files.length - 1, { timeout: CACHED_WITHIN_MS });
        await page.reload();
        await page.waitForFunction(() => navigator.serviceWorker.controller);
        await typeLine(page, 'telnet pop.outlook.pl 110');
        await expectText(log(page), '+OK Hello there.');
        const status = await page.evaluate(() => new Promise((resolve) => {
          navigator.serviceWorker.ready.then((reg) => {
            const channel = new MessageChannel();
            channel.port1.onmessage = (e) => resolve(e.data);
            reg.active.postMessage({ type: 'status' }, [channel.port2]);
          });
        }));
        assert.deepEqual([status.complete, status.missing], [false, 1]);
        assert.equal(await page.locator('.offline-status').textContent(), '');
        server.root = good;
        await page.reload();
        await ready(page);
      });
    } finally {
      rmSync(stale, { recursive: true, force: true });
      rmSync(good, { recursive: true, force: true });
    }
  },

  async offline_the_development_switch_removes_the_worker_and_its_copy({ page, dist }) {
    const off = release(dist, 'off', { POP3_OFFLINE: '0' });
    try {
      await withServer(dist, {}, async (server, url) => {
        await page.goto(url + '?lang=en');
        await ready(page);
        server.root = off;
        await lookForUpdate(page);
        // The switched-off worker takes over at once, removes the copy and unregisters itself.
        await page.waitForFunction(async () => (await caches.keys()).length === 0
          && (await navigator.serviceWorker.getRegistrations()).length === 0, null, { timeout: CACHED_WITHIN_MS });
        await page.reload();
        assert.equal(await releaseOf(page), 'off');
        await typeLine(page, 'telnet pop.outlook.pl 110');
        await expectText(log(page), '+OK Hello there.');
      });
    } finally {
      rmSync(off, { recursive: true, force: true });
    }
  },

  async offline_a_site_on_a_sub_path_works_offline_and_installs_with_its_own_scope({ page, context, dist }) {
    await withServer(dist, { prefix: '/tools/pop3/' }, async (_server, url) => {
      await installable(url);
      await page.goto(url + '?lang=en');
      await ready(page);
      assert.deepEqual(await registrations(page), [url]);
      await context.setOffline(true);
      await page.reload();
      await typeLine(page, 'telnet pop.outlook.pl 110');
      await expectText(log(page), '+OK Hello there.');
    });
  },

  async offline_the_manifest_is_installable_and_the_worker_script_is_never_cached({ page, base }) {
    await installable(base);
    await page.goto(base + '?lang=en');
    const headers = await page.evaluate(async () => Object.fromEntries((await fetch('sw.js')).headers));
    assert.equal(headers['cache-control'], 'no-cache');
    const manifest = await page.evaluate(async () => (await fetch('manifest.webmanifest')).headers.get('content-type'));
    assert.equal(manifest, 'application/manifest+json');
  },

  async offline_the_embed_registers_no_worker({ page, base }) {
    await page.goto(base + 'embed.html?scenario=seed&lang=en');
    await page.getByRole('button', { name: 'Try it yourself' }).waitFor();
    await page.waitForLoadState('networkidle');
    assert.deepEqual(await registrations(page), []);
    assert.deepEqual(await cacheNames(page), []);
  },
};

/**
 * Chromium's own verdict (DevTools protocol) on the tutor at `url`, visited once in a browser profile (Chromium
 * calls nothing installable in an incognito-like context): the manifest parses cleanly, its start and scope
 * are that address, and the app can be installed.
 */
async function installable(url) {
  const profile = mkdtempSync(join(tmpdir(), 'pop3-profile-'));
  const context = await launchProfile(profile);
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(url + '?lang=en');
    await ready(page);
    const cdp = await context.newCDPSession(page);
    const manifest = await cdp.send('Page.getAppManifest');
    assert.deepEqual(manifest.errors, [], JSON.stringify(manifest.errors));
    assert.equal(manifest.url, `${url}manifest.webmanifest`);
    const data = JSON.parse(manifest.data);
    assert.equal(new URL(data.start_url, manifest.url).href, url, 'start_url is the page the manifest came with');
    assert.equal(new URL(data.scope, manifest.url).href, url, 'scope');
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    assert.deepEqual(installabilityErrors, [], JSON.stringify(installabilityErrors));
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}
