// Guided lessons (issue 12): lessons completed keyboard-only in English and Polish, progress kept over a
// reload, a mistake's hint, the solution typed into the command line but not run, an unknown `?lesson=`, and
// axe on the lesson panel in both languages and every theme.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { command, expectText, log, sleep } from './helpers.mjs';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const panel = (page) => page.locator('section.lesson');
const announce = (page) => page.locator('.lesson-announce');

/** Tabs until the command line has the focus (it has it from the start; this proves it is reachable). */
async function tabToCommandLine(page) {
  for (let i = 0; i < 40; i++) {
    if ((await page.evaluate(() => document.activeElement?.id)) === 'command-input') return;
    await page.keyboard.press('Tab');
  }
  throw new Error('the command line was not reached with Tab');
}

/** Types each line with the keyboard and presses Enter, waiting for the reply text given with it. */
async function typeLines(page, lines) {
  for (const [line, reply] of lines) {
    await page.keyboard.type(line);
    await page.keyboard.press('Enter');
    if (reply) await expectText(log(page), reply);
  }
}

export const tests = {
  async lessons_connect_in_english_keyboard_only_and_progress_survives_a_reload({ page, base }) {
    await page.goto(base + '?lesson=connect&lang=en');
    await expectText(panel(page), 'Say hello to a mail server');
    await expectText(panel(page), 'Step 1 of 3');
    await tabToCommandLine(page);
    await typeLines(page, [['telnet pop.outlook.pl 110', '+OK Hello there.']]);
    await expectText(announce(page), 'Step 1 of 3 done.');
    await typeLines(page, [['STAT', '-ERR']]);
    await expectText(announce(page), 'Step 2 of 3 done.');
    await typeLines(page, [['QUIT', 'Connection to host lost.']]);
    await expectText(announce(page), 'Lesson done.');
    const text = await expectText(panel(page), 'the network path from this computer');
    assert.equal(text.split('Done.').length - 1, 3, 'three steps marked done');
    assert.equal(await page.locator('.lesson-done .lesson-check').count(), 3);
    assert.match(await page.getByRole('link', { name: 'Next lesson' }).getAttribute('href'), /\?lesson=login&lang=en/);
    const saved = JSON.parse(await page.evaluate(() => localStorage.getItem('pop3-tutor/lessons/v1')));
    assert.equal(saved.version, 1);
    assert.deepEqual(Object.keys(saved.done), ['connect']);
    assert.equal(saved.done.connect.reference, 3);
    // After a reload the list shows the lesson done.
    await page.reload();
    await expectText(panel(page), 'Step 1 of 3');
    await page.getByRole('button', { name: 'Show the lessons' }).click();
    const item = page.locator('.lesson-item', { has: page.getByRole('link', { name: 'Say hello to a mail server' }) });
    await expectText(item, '✓');
    await expectText(item, '(done)');
    assert.equal(await page.locator('.lesson-item.is-done').count(), 1);
    // Reset asks first.
    await page.getByRole('button', { name: 'Reset progress' }).click();
    await page.getByRole('button', { name: 'Yes, forget them' }).click();
    assert.equal(await page.locator('.lesson-item.is-done').count(), 0);
    assert.equal(await page.evaluate(() => localStorage.getItem('pop3-tutor/lessons/v1')), null);
  },

  async lessons_login_in_polish_keyboard_only({ page, base }) {
    await page.goto(base + '?lesson=login&lang=pl');
    await expectText(panel(page), 'Krok 1 z 4');
    await tabToCommandLine(page);
    await typeLines(page, [
      ['telnet pop.outlook.pl 110', '+OK Hello there.'],
      ['USER tester@outlook.pl', '+OK Password required.'],
    ]);
    await expectText(announce(page), 'Krok 1 z 4 wykonany.');
    await page.keyboard.type('PASS zle_haslo');
    await page.keyboard.press('Enter');
    await sleep(200);
    await page.keyboard.press('Escape'); // skips the server's delay after a wrong password
    await expectText(log(page), '-ERR');
    await expectText(announce(page), 'Krok 2 z 4 wykonany.');
    await typeLines(page, [
      ['USER tester@outlook.pl', null],
      ['PASS moje_hasło', 'logged in'],
    ]);
    await expectText(announce(page), 'Krok 3 z 4 wykonany.');
    await typeLines(page, [['QUIT', 'Bye-bye']]);
    await expectText(announce(page), 'Lekcja ukończona.');
    assert.equal((await panel(page).textContent()).split('Zrobione.').length - 1, 4);
    assert.equal(await command(page, /polecenie/i).count(), 1);
  },

  async lessons_a_transaction_command_before_login_shows_the_mistake_hint({ page, base }) {
    await page.goto(base + '?lesson=login&lang=en');
    await expectText(panel(page), 'Step 1 of 4');
    await tabToCommandLine(page);
    await typeLines(page, [['telnet pop.outlook.pl 110', '+OK Hello there.'], ['RETR 1', '-ERR']]);
    await expectText(page.locator('.lesson-feedback'), 'RETR works only after logging in');
  },

  async lessons_show_solution_types_the_line_and_does_not_run_it({ page, base }) {
    await page.goto(base + '?lesson=connect&lang=en');
    await expectText(panel(page), 'Step 1 of 3');
    const before = await log(page).textContent();
    await page.getByRole('button', { name: 'Show solution' }).click();
    // Asked first: nothing typed yet.
    assert.equal(await command(page).inputValue(), '');
    await page.getByRole('button', { name: 'Yes, type it' }).click();
    assert.equal(await command(page).inputValue(), 'telnet pop.outlook.pl 110');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'command-input');
    await sleep(300);
    assert.equal(await log(page).textContent(), before, 'the solution was not run');
    // A chip in the step's text puts its command into the command line too.
    await command(page).fill('');
    await panel(page).locator('.lesson-step-text').getByRole('button', { name: 'telnet pop.outlook.pl 110' }).click();
    assert.equal(await command(page).inputValue(), 'telnet pop.outlook.pl 110');
    // The hint is one button away.
    await page.getByRole('button', { name: 'Hint' }).click();
    await expectText(page.locator('.lesson-hint'), 'Mind the spaces');
  },

  async lessons_an_unknown_lesson_says_so_and_shows_the_list({ page, base }) {
    await page.goto(base + '?lesson=nope&lang=en');
    await expectText(page.locator('.lesson-problem'), 'There is no lesson “nope”');
    const link = page.getByRole('link', { name: 'Say hello to a mail server' });
    await link.waitFor();
    assert.equal(await link.getAttribute('href'), '?lesson=connect&lang=en');
    assert.equal(await page.locator('.lesson-list > li').count(), 13);
    // A plain click opens it in place and puts it in the address.
    await link.click();
    await expectText(panel(page), 'Step 1 of 3');
    assert.match(page.url(), /lesson=connect/);
    await page.getByRole('button', { name: 'Leave the lesson' }).click();
    assert.doesNotMatch(page.url(), /lesson=/);
    assert.match(page.url(), /lang=en/);
  },

  async lessons_delete_in_english_keyboard_only({ page, base }) {
    await page.goto(base + '?lesson=delete&lang=en');
    await expectText(panel(page), 'Step 1 of 5');
    await tabToCommandLine(page);
    await typeLines(page, [
      ['telnet pop.outlook.pl 110', '+OK Hello there.'],
      ['USER tester@outlook.pl', '+OK Password required.'],
      ['PASS moje_hasło', 'logged in'],
      ['DELE 1', null],
    ]);
    await expectText(announce(page), 'Step 1 of 5 done.');
    await typeLines(page, [['RSET', null]]);
    await expectText(announce(page), 'Step 2 of 5 done.');
    await typeLines(page, [['DELE 1', null]]);
    await sleep(100);
    await page.keyboard.press('Control+BracketRight');
    await expectText(announce(page), 'Step 3 of 5 done.');
    await typeLines(page, [
      ['telnet pop.outlook.pl 110', null],
      ['USER tester@outlook.pl', null],
      ['PASS moje_hasło', null],
      ['STAT', '+OK 2 53235'],
    ]);
    await expectText(announce(page), 'Step 4 of 5 done.');
    await typeLines(page, [['DELE 1', null], ['QUIT', null]]);
    await expectText(announce(page), 'Lesson done.');
    assert.equal(await page.locator('.lesson-done .lesson-check').count(), 5);
  },

  async lessons_the_lesson_panel_passes_axe_in_both_languages_and_every_theme({ page, base }) {
    for (const [query, theme] of [
      ['?lesson=connect&lang=en', 'classic'],
      ['?lesson=auth&lang=pl', 'light'],
      ['?lesson=login&lang=en', 'contrast'],
    ]) {
      await page.goto(base + query);
      await page.evaluate((t) => localStorage.setItem('pop3-tutor/settings/v1', JSON.stringify({ theme: t })), theme);
      await page.reload();
      await panel(page).locator('.lesson-step').waitFor();
      await panel(page).locator('.lesson-help button').first().click();
      await panel(page).locator('.lesson-help button').nth(1).click();
      await panel(page).locator('.lesson-toggle').click();
      await panel(page).locator('.lesson-list a').first().waitFor();
      await page.addScriptTag({ path: AXE });
      const found = await page.evaluate(async () =>
        (await axe.run(document.querySelector('section.lesson'))).violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`),
      );
      assert.deepEqual(found, [], `${query} ${theme}`);
    }
  },
};
