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
