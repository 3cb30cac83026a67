// Helpers shared by the end-to-end suites (`*.tests.mjs`).

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The command line: its accessible name contains "command" (Polish: "polecenie"). */
export const command = (page, name = /command/i) => page.getByRole('textbox', { name });

/** The console's output log. */
export const log = (page) => page.getByRole('log');

/** Waits until `locator`'s text contains `text` (a string) or matches it (a RegExp); returns the text. */
export async function expectText(locator, text, timeout = 5000) {
  const deadline = Date.now() + timeout;
  let last = '';
  while (Date.now() < deadline) {
    last = (await locator.textContent().catch(() => '')) ?? '';
    if (typeof text === 'string' ? last.includes(text) : text.test(last)) return last;
    await sleep(50);
  }
  throw new Error(`expected ${text} in ${JSON.stringify(last.slice(-600))}`);
}

/** Types a line into the command line and presses Enter. */
export async function typeLine(page, line, name) {
  const input = command(page, name);
  await input.fill(line);
  await input.press('Enter');
}

/** Starts recording what changes inside the live log: added text, and any removal or in-place text change. */
export function watchLog(page) {
  return page.evaluate(() => {
    const live = document.querySelector('[role=log]');
    window.__announced = { added: [], removed: 0, changed: 0 };
    // A node added inside one already recorded is part of the same addition (one announcement).
    const seen = new WeakSet();
    const inSeen = (n) => { for (let p = n.parentNode; p && p !== live; p = p.parentNode) if (seen.has(p)) return true; return false; };
    new MutationObserver((records) => {
      const added = [];
      for (const r of records) {
        if (r.type === 'characterData' && !inSeen(r.target)) window.__announced.changed++;
        r.removedNodes.forEach((n) => { if (n.textContent) window.__announced.removed++; });
        r.addedNodes.forEach((n) => { seen.add(n); added.push(n); });
      }
      for (const n of added) if (!inSeen(n) && n.textContent) window.__announced.added.push(n.textContent);
    }).observe(live, { childList: true, subtree: true, characterData: true });
  });
}

/** What was recorded since `watchLog`, and starts afresh. */
export const announced = (page) => page.evaluate(() => {
  const a = window.__announced;
  window.__announced = { added: [], removed: 0, changed: 0 };
  return a;
});
