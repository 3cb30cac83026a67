// trunk post_build hook (Trunk.toml [[hooks]]): makes the built pages work under the site's
// Content-Security-Policy (README, "Content Security Policy"), which allows no inline script or style.
//
// trunk 0.21 starts the app with an inline `<script type="module">` (import the hashed pop3-tutor-*.js, init the
// wasm, dispatch TrunkApplicationStarted) and has no option to put it in a file: `inject_scripts = false` drops
// it altogether, `pattern_script` only changes its text, and `create_nonce` writes one fixed nonce into a static
// page, which defeats the nonce. So this hook moves that script, unchanged, into a file of the staging dir named
// by its content's hash like trunk's own files (start-HASH.js, with an integrity attribute), and loads it with
// `<script type="module" src>` where the inline script was: a module script is deferred either way.
//
// Then it checks every page at the top of the staging dir: it fails loudly (non-zero exit, a message saying
// what) if a page that must have trunk's loader has none (trunk's output changed: look at this script again), or
// if any inline script, `<style>` element, `style` attribute or `on…=` handler attribute is left. The one
// exception is trunk serve's own live-reload script (dev only: trunk serve sends no CSP).
//
//   node scripts/trunk-csp.mjs [PAGE.html...]   pages that must hold trunk's loader (default: index.html);
//                                               the staging dir is $TRUNK_STAGING_DIR, the URL prefix
//                                               $TRUNK_PUBLIC_URL (both set by trunk)
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const fail = (message) => {
  console.error(`\x1b[1;31mtrunk-csp: FAILED: ${message}\x1b[0m`);
  process.exit(1);
};

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) fail('TRUNK_STAGING_DIR is not set (this script runs as a trunk post_build hook)');
const base = process.env.TRUNK_PUBLIC_URL || '/';
const required = process.argv.slice(2).length ? process.argv.slice(2) : ['index.html'];

const pages = readdirSync(dir).filter((f) => f.endsWith('.html'));
for (const page of required) if (!pages.includes(page)) fail(`${page} is not in ${dir}`);

// trunk's loader: an inline module script that dispatches TrunkApplicationStarted.
const isLoader = (attrs, body) => /\btype\s*=\s*["']?module\b/i.test(attrs) && body.includes('TrunkApplicationStarted');
// trunk serve's live-reload script (its placeholders are filled in when trunk serve sends the page).
const isAutoreload = (body) => body.includes('{{__TRUNK_ADDRESS__}}');

for (const page of pages) {
  const path = join(dir, page);
  const html = readFileSync(path, 'utf8');
  // Comments are set aside (index.html's comments speak of scripts) and put back unchanged.
  const comments = [];
  let text = html.replace(/<!--[\s\S]*?-->/g, (c) => `<!--${comments.push(c) - 1}-->`);
  let loaders = 0;
  const problems = [];
  text = text.replace(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi, (tag, attrs, body) => {
    if (/\bsrc\s*=/i.test(attrs)) {
      if (body.trim()) problems.push(`a <script src> with inline text: ${tag.slice(0, 120)}`);
      return tag;
    }
    if (isAutoreload(body)) return tag;
    if (!isLoader(attrs, body)) {
      problems.push(`an inline script is left: ${tag.slice(0, 120).replace(/\s+/g, ' ')}…`);
      return tag;
    }
    const extra = attrs.replace(/\btype\s*=\s*["']?module["']?/i, '').trim();
    if (extra) problems.push(`trunk's loader has attributes this script does not know: ${extra}`);
    loaders++;
    const source = `${body.trim()}\n`;
    const name = `start-${createHash('sha256').update(source).digest('hex').slice(0, 16)}.js`;
    writeFileSync(join(dir, name), source);
    const integrity = `sha384-${createHash('sha384').update(source).digest('base64')}`;
    console.log(`trunk-csp: ${page}: trunk's inline loader moved to ${base}${name}`);
    return `<script type="module" src="${base}${name}" integrity="${integrity}"></script>`;
  });
  if (required.includes(page) && loaders === 0) {
    problems.push("no inline <script type=\"module\"> dispatching TrunkApplicationStarted (trunk's loader) was found: did trunk's output change?");
  }
  if (loaders > 1) problems.push(`${loaders} trunk loaders (expected one)`);
  const markup = text.replace(/<script\b([^>]*)>[\s\S]*?<\/script\s*>/gi, '<script$1></script>');
  if (/<style\b/i.test(markup)) problems.push('a <style> element is left');
  for (const [, attr] of markup.matchAll(/<[a-z][^>]*?\s(style|on[a-z]+)\s*=/gi)) problems.push(`a "${attr}" attribute is left`);
  if (problems.length) fail(`${page} (the Content-Security-Policy allows no inline script or style): ${problems.join('; ')}`);
  writeFileSync(path, text.replace(/<!--(\d+)-->/g, (_, i) => comments[Number(i)]));
}
