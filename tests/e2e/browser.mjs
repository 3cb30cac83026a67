// Launching the machine's Chromium headless for the end-to-end tests and measurements (playwright-core, no
// browser download).
//
// The site is served with its Content-Security-Policy (static-server.mjs), and every browser context made here
// turns a violation of it into an error in the page: a `securitypolicyviolation` listener, added before any of
// the page's scripts run, throws, and the runner fails a test on any page error. So a test fails when the app
// (or a page of the site) uses an inline script or style, `eval`, or a resource from another origin.
import { chromium } from 'playwright-core';
import { existsSync, readFileSync } from 'node:fs';

export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

const LAUNCH = {
  executablePath: CHROMIUM,
  headless: true,
  args: [
    '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--no-first-run', '--disable-sync',
  ],
};

export async function launch() {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (set CHROMIUM=...)`);
  // Playwright gives every launch a fresh, temporary user-data-dir of its own.
  const browser = await chromium.launch(LAUNCH);
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => watchPolicy(await newContext(options));
  return browser;
}

/**
 * A browser whose one context is a profile kept in `userDataDir`, not an incognito-like context: what Chromium
 * requires before it calls a site installable. Close it with `context.close()`.
 */
export async function launchProfile(userDataDir) {
  return watchPolicy(await chromium.launchPersistentContext(userDataDir, LAUNCH));
}

/** Makes every violation of the page's Content-Security-Policy a page error (`pageerror`), in every frame. */
async function watchPolicy(context) {
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const where = e.sourceFile ? ` (${e.sourceFile}:${e.lineNumber})` : '';
      throw new Error(
        `Content-Security-Policy violation: ${e.effectiveDirective} blocked ${e.blockedURI || 'an inline resource'}${where}`,
      );
    });
  });
  context.on('page', preparePage);
  const newPage = context.newPage.bind(context);
  context.newPage = async () => preparePage(await newPage());
  return context;
}

/** Says each violation at once (a test that then times out would not show its page errors). */
function preparePage(page) {
  if (page.__preparedForPolicy) return page;
  page.__preparedForPolicy = true;
  page.on('pageerror', (e) => {
    if (e.message.startsWith('Content-Security-Policy violation')) console.log(`  ${e.message}`);
  });
  return testScriptsOutsidePolicy(page);
}

/**
 * Scripts a test adds to a page from a file or a string (`page.addScriptTag({ path })`, e.g. axe-core) are the
 * test's, not the site's: Playwright adds them as inline `<script>` elements, which the policy blocks (and the
 * check above would report). They are run as the DevTools console runs code instead, which the page's policy
 * does not govern. A script added by URL or as a module goes through Playwright as before.
 */
function testScriptsOutsidePolicy(page) {
  const addScriptTag = page.addScriptTag.bind(page);
  page.addScriptTag = async (options = {}) => {
    if (options.url || options.type === 'module') return addScriptTag(options);
    const source = options.content ?? readFileSync(options.path, 'utf8');
    await page.evaluate(`${source}\n;void 0;\n//# sourceURL=${options.path ?? 'test-script.js'}`);
    return null;
  };
  return page;
}
