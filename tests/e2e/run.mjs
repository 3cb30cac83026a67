// End-to-end tests: drive the release build (dist/) in headless Chromium as a person would.
// Usage: node tests/e2e/run.mjs [DIST_DIR] [--only NAME]
// Prints one line per test and closes with "e2e: N passed, N failed"; exits non-zero on any failure.
import { serve } from './static-server.mjs';
import { launch } from './browser.mjs';
import { readdirSync } from 'node:fs';

// Every `*.tests.mjs` beside this file exports `tests`: { name: async ({ page, context, base, dist }) => … }
// (`dist`: the built site's folder, for a test that serves it another way), and may export `contextOptions`:
// { name: options for that test's browser context } (e.g. `serviceWorkers: 'block'` for a test of the page
// without its offline copy; every other test runs with the service worker, as a learner's browser does).
const here = new URL('.', import.meta.url);
const tests = {};
const contextOptions = {};
for (const file of readdirSync(here).filter((f) => f.endsWith('.tests.mjs')).sort()) {
  const suite = await import(new URL(file, here));
  Object.assign(tests, suite.tests);
  Object.assign(contextOptions, suite.contextOptions);
}

const args = process.argv.slice(2);
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : null;
const dist = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--only') ?? 'dist';

const server = await serve(dist, 0);
const base = `http://127.0.0.1:${server.address().port}/`;
let browser;
let passed = 0;
let failed = 0;
try {
  browser = await launch();
  for (const [name, fn] of Object.entries(tests)) {
    if (only && !name.includes(only)) continue;
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...contextOptions[name] });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const started = Date.now();
    try {
      await fn({ page, context, base, dist });
      if (errors.length) throw new Error(`page errors: ${errors.join(' | ')}`);
      passed++;
      console.log(`ok - ${name} (${Date.now() - started} ms)`);
    } catch (e) {
      failed++;
      console.log(`not ok - ${name}\n  ${String(e?.stack ?? e).split('\n').slice(0, 6).join('\n  ')}`);
      await page.screenshot({ path: `${process.env.E2E_ARTIFACTS ?? '/tmp'}/e2e-failure-${name}.png`, fullPage: true }).catch(() => {});
    } finally {
      await context.close();
    }
  }
} catch (e) {
  failed++;
  console.log(`not ok - setup\n  ${e?.stack ?? e}`);
} finally {
  await browser?.close();
  server.close();
}
console.log(`e2e: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
