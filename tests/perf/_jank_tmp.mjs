import { readFileSync } from 'node:fs';
import { serve } from '../e2e/static-server.mjs';
import { launch } from '../e2e/browser.mjs';
const server = await serve(process.argv[2], 0);
const base = `http://127.0.0.1:${server.address().port}/`;
const browser = await launch();
const page = await browser.newPage();
await page.goto(base + '?lang=en');
const input = page.getByRole('textbox', { name: /command/i });
for (const l of ['telnet pop.outlook.pl 110', 'USER tester@outlook.pl', 'PASS moje_hasło']) { await input.fill(l); await input.press('Enter'); }
await page.evaluate(() => { const dt = new DataTransfer(); dt.setData('text', 'NOOP\n'.repeat(5000)); document.getElementById('command-input').dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true })); });
await page.waitForFunction(() => document.querySelectorAll('.log-reply').length >= 5003, null, { timeout: 60000 });
const count = async () => page.evaluate(() => document.querySelectorAll('.log-entry').length);
// Step to just before a chunk boundary.
while ((await count()) % 64 !== 63) { await input.fill('NOOP'); await input.press('Enter'); await page.waitForTimeout(30); }
console.log('entries before', await count(), 'chunks', await page.evaluate(() => document.querySelectorAll('.log-chunk').length));
const cdp = await page.context().newCDPSession(page); await cdp.send('Profiler.enable'); await cdp.send('Profiler.setSamplingInterval', { interval: 100 }); await cdp.send('Profiler.start');
const t = await page.evaluate(async () => {
  const input = document.getElementById('command-input');
  input.value = 'NOOP'; input.dispatchEvent(new InputEvent('input', { bubbles: true }));
  await new Promise((r) => setTimeout(r, 20));
  const t0 = performance.now();
  input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
  await new Promise((r) => setTimeout(r, 0));
  await new Promise((r) => requestAnimationFrame(() => r()));
  return performance.now() - t0;
});
const { profile } = await cdp.send('Profiler.stop');
console.log('frame ms', t.toFixed(1));
const byId = new Map(profile.nodes.map(n => [n.id, n]));
const parent = new Map(); for (const n of profile.nodes) for (const c of n.children || []) parent.set(c, n.id);
const incl = new Map(), self = new Map();
profile.samples.forEach((id, i) => { const dt = profile.timeDeltas[i] || 0; const seen = new Set(); let cur = id; let first = true;
  while (cur !== undefined) { const k = byId.get(cur).callFrame.functionName.replace(/::h[0-9a-f]{16}$/, '').slice(0, 150); if (first) { self.set(k, (self.get(k) || 0) + dt); first = false; } if (!seen.has(k)) { seen.add(k); incl.set(k, (incl.get(k) || 0) + dt); } cur = parent.get(cur); } });
console.log('--- self'); for (const [k, v] of [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log((v / 1000).toFixed(1).padStart(7), k);
console.log('--- inclusive'); for (const [k, v] of [...incl.entries()].filter(([k]) => /pop3_tutor/.test(k)).sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log((v / 1000).toFixed(1).padStart(7), k);
await browser.close(); server.close();
