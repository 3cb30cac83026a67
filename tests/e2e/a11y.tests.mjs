// Accessibility checks with axe-core (npm, run inside the page): the tutor in both languages and all three
// themes, the trainer's panels unfolded, challenge mode and the console after a session — no violation axe
// rates serious or critical (contrast, names, roles, keyboard reachability of scrollable regions, …).
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { expectText, log, typeLine } from './helpers.mjs';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

async function violations(page) {
  await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
  // The editor's body is rendered once it is open.
  if (await page.locator('details.editor').count()) await page.locator('details.editor textarea').waitFor();
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async () =>
    (await axe.run(document)).violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`),
  );
}

export const tests = {
  async a11y_every_theme_and_language_passes_axe({ page, base }) {
    for (const [query, theme] of [
      ['?lang=en', 'classic'],
      ['?lang=pl&scenario=wrong-password', 'light'],
      ['?lang=en&scenario=drop-during-retr', 'contrast'],
    ]) {
      await page.goto(base + query);
      await page.evaluate((t) => localStorage.setItem('pop3-tutor/settings/v1', JSON.stringify({ theme: t })), theme);
      await page.reload();
      assert.match(await page.locator('.app').getAttribute('class'), new RegExp(`theme-${theme}`));
      await typeLine(page, 'telnet pop.outlook.pl 110', /command|polecenie/i);
      await expectText(log(page), '+OK');
      assert.deepEqual(await violations(page), [], `${query} ${theme}`);
    }
  },

  async a11y_challenge_mode_passes_axe({ page, base }) {
    await page.goto(base + '?lang=en&scenario=login-delay&challenge=1');
    await page.getByRole('button', { name: 'Reveal the answer' }).click();
    await page.locator('.challenge-answer').waitFor();
    assert.deepEqual(await violations(page), []);
  },
};
