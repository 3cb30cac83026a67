// Guided lessons (issue 12): lessons completed keyboard-only in English and Polish, progress kept over a
// reload, a mistake's hint, the solution typed into the command line but not run, an unknown `?lesson=`, axe on
// the lesson panel in both languages and every theme; the whole track walked through as a new user would, with
// nothing but what the panel offers, in both languages; progress taken to another browser by a file and by a
// link; a trainer's lesson opened from a file and by its link; the lesson panel fetched only when asked for.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { command, expectText, log, sleep, typeLine } from './helpers.mjs';

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

/** The panel's words the walk-through needs, per language. */
const WORDS = {
  en: { show: 'Show solution', yes: 'Yes, type it', answer: 'Your answer', next: 'Next lesson', done: 'Lesson done.', profile: 'Server profile', list: 'Show the lessons' },
  pl: { show: 'Pokaż rozwiązanie', yes: 'Tak, wpisz je', answer: 'Twoja odpowiedź', next: 'Następna lekcja', done: 'Lekcja ukończona.', profile: 'Profil serwera', list: 'Pokaż lekcje' },
};

/** Presses Enter in the command line, then Escape while a simulated wait is running (as the wait says). */
async function enterAndSkipWaits(page) {
  await page.locator('#command-input').press('Enter');
  for (let i = 0; i < 50; i++) {
    await sleep(60);
    if (!(await page.locator('.wait').count())) break;
    await page.locator('#command-input').press('Escape');
  }
}

/**
 * Does the current step as a learner who gives up on it would: "Show solution", confirm, press Enter on the line
 * typed, then run the solution's following lines by their chips (or pick the answer it reveals). Returns the
 * step heading ("Step 2 of 4").
 */
async function solveStep(page, w) {
  const heading = await stepHeading(page);
  await panel(page).getByRole('button', { name: w.show }).click();
  await panel(page).getByRole('button', { name: w.yes }).click();
  const solution = panel(page).locator('.lesson-solution');
  const chips = await solution.locator('.lesson-chip').allTextContents();
  // A question's answer is revealed with the solution (a question may have lines to run first).
  const answerLine = solution.locator('p', { hasText: w.answer });
  const answer = (await answerLine.count()) ? (await answerLine.textContent()).split(':').slice(1).join(':').trim() : null;
  if (chips.length) {
    // The line typed is the first one not done where the console is; connected elsewhere, it is QUIT (leave
    // first), and then the whole solution follows.
    const typed = await page.locator('#command-input').inputValue();
    const from = chips.indexOf(typed);
    assert.ok(from >= 0 || typed === 'QUIT', `the line typed (${typed}) is one of the solution's (${chips}) or QUIT`);
    await enterAndSkipWaits(page);
    for (let i = from + 1; i < chips.length; i++) {
      // A step can be done before its solution's last line (DELE already marks the message): the learner moves on.
      if (!(await solution.count())) break;
      await solution.locator('.lesson-chip').nth(i).click();
      assert.equal(await page.locator('#command-input').inputValue(), chips[i]);
      await enterAndSkipWaits(page);
    }
  }
  if (answer && (await solution.count())) {
    await panel(page).locator('.lesson-options').getByRole('button', { name: answer, exact: true }).click();
  }
  return heading;
}

/** The current step's heading ("Step 2 of 4"), or null when there is none (the lesson is done). */
async function stepHeading(page) {
  const heading = panel(page).locator('.lesson-step .lesson-subheading');
  return (await heading.count()) ? heading.textContent() : null;
}

/** Walks the whole track from the first lesson, following "Next lesson", in `lang`. */
async function walkTheTrack(page, base, lang) {
  const w = WORDS[lang];
  await page.goto(`${base}?lesson=connect&lang=${lang}`);
  const titles = [];
  for (let lesson = 0; ; lesson++) {
    await panel(page).locator('.lesson-step').waitFor();
    titles.push(await panel(page).locator('.lesson-title').textContent());
    const id = new URL(page.url()).searchParams.get('lesson');
    // The servers lesson asks the learner to switch the server profile in Settings before each of its first four
    // steps.
    const profiles = id === 'servers' ? ['courier', 'dovecot', 'exchange', 'gmail'] : [];
    for (let step = 0; step < 12 && !(await panel(page).locator('.lesson-finish').count()); step++) {
      if (profiles[step]) await page.getByLabel(w.profile).selectOption(profiles[step]);
      const heading = await solveStep(page, w);
      // The step is done: the heading moved on, or the lesson finished.
      let done = false;
      for (let i = 0; i < 100 && !done; i++) {
        done = (await panel(page).locator('.lesson-finish').count()) > 0 || (await stepHeading(page)) !== heading;
        if (!done) await sleep(50);
      }
      assert.ok(done, `${id}: ${heading} was not completed by its solution\n${(await log(page).textContent()).slice(-800)}`);
    }
    await expectText(announce(page), w.done);
    const next = panel(page).getByRole('link', { name: w.next });
    if (!(await next.count())) break;
    await next.click();
    await expectText(panel(page), /./);
    await sleep(100);
  }
  return titles;
}

// The failure to fetch the lessons is what a learner meets without the offline copy (a first visit cut off
// before it was cached, a browser without service workers): with it, the lessons would load from the cache.
export const contextOptions = {
  lessons_a_panel_that_cannot_be_fetched_is_said_and_tried_again: { serviceWorkers: 'block' },
};

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
    const combos = [];
    for (const theme of ['classic', 'light', 'contrast']) {
      combos.push([`?lesson=connect&lang=en`, theme], [`?lesson=auth&lang=pl`, theme]);
    }
    for (const [query, theme] of combos) {
      await page.goto(base + query);
      await page.evaluate((t) => {
        localStorage.setItem('pop3-tutor/settings/v1', JSON.stringify({ theme: t }));
        // One lesson done: the list's progress tools (download, link, reset) are there too.
        localStorage.setItem('pop3-tutor/lessons/v1', JSON.stringify({ version: 1, done: { connect: { commands: 3, reference: 3 } } }));
      }, theme);
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

  async lessons_the_whole_track_walked_through_in_english_with_only_the_panels_help({ page, base }) {
    const titles = await walkTheTrack(page, base, 'en');
    assert.equal(titles.length, 13, `every lesson, in order: ${titles.join(' | ')}`);
    await page.getByRole('button', { name: WORDS.en.list }).click();
    await page.locator('.lesson-list a').first().waitFor();
    assert.equal(await page.locator('.lesson-item.is-done').count(), 13, 'all 13 lessons marked done');
  },

  async lessons_the_whole_track_walked_through_in_polish_with_only_the_panels_help({ page, base }) {
    const titles = await walkTheTrack(page, base, 'pl');
    assert.equal(titles.length, 13, titles.join(' | '));
    const saved = JSON.parse(await page.evaluate(() => localStorage.getItem('pop3-tutor/lessons/v1')));
    assert.equal(Object.keys(saved.done).length, 13);
  },

  async lessons_progress_goes_to_another_browser_by_file_and_by_link({ page, context, base }) {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base.replace(/\/$/, '') });
    const saved = { version: 1, done: { connect: { commands: 4, reference: 3 }, login: { commands: 6, reference: 5 } } };
    await page.goto(base + '?lesson&lang=en');
    await page.evaluate((s) => localStorage.setItem('pop3-tutor/lessons/v1', JSON.stringify(s)), saved);
    await page.reload();
    await page.locator('.lesson-list a').first().waitFor();
    assert.equal(await page.locator('.lesson-item.is-done').count(), 2);
    // The download is the saved progress itself.
    const href = await page.getByRole('link', { name: 'Download progress' }).getAttribute('href');
    assert.deepEqual(JSON.parse(decodeURIComponent(href.replace(/^data:application\/json;charset=utf-8,/, ''))), saved);
    await page.getByRole('button', { name: 'Copy a link to your progress' }).click();
    await expectText(page.locator('.lesson-status'), 'Link copied');
    const link = await page.evaluate(() => navigator.clipboard.readText());
    assert.match(link, /#progress=1\./);
    // Another browser (a fresh context): the link offers the progress, and adds it only when accepted.
    const other = await context.browser().newContext();
    const page2 = await other.newPage();
    try {
      await page2.goto(base + '?lang=en');
      await page2.evaluate(() => localStorage.setItem('pop3-tutor/lessons/v1', JSON.stringify({ version: 1, done: { uidl: { commands: 9, reference: 6 } } })));
      await page2.goto(link);
      await expectText(page2.locator('section.lesson'), 'This link carries progress in 2 lessons');
      assert.doesNotMatch(page2.url(), /progress=/, 'the link leaves the address once read');
      await page2.getByRole('button', { name: 'Add it to mine' }).click();
      await expectText(page2.locator('.lesson-status'), 'Progress imported: 2 lessons new.');
      const merged = JSON.parse(await page2.evaluate(() => localStorage.getItem('pop3-tutor/lessons/v1')));
      assert.deepEqual(Object.keys(merged.done).sort(), ['connect', 'login', 'uidl'], 'nothing lost, both added');
      // A file that is not progress changes nothing and says so.
      const input = page2.locator('#lesson-import-progress');
      await input.setInputFiles({ name: 'x.json', mimeType: 'application/json', buffer: Buffer.from('{"version":1,"done":7}') });
      await expectText(page2.locator('.lesson-problem'), 'That is not lesson progress');
      assert.deepEqual(JSON.parse(await page2.evaluate(() => localStorage.getItem('pop3-tutor/lessons/v1'))), merged);
      // A progress file adds what it holds.
      await input.setInputFiles({ name: 'p.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ version: 1, done: { delete: { commands: 7, reference: 9 } } })) });
      await expectText(page2.locator('.lesson-status'), 'Progress imported: 1 lesson new.');
      assert.equal(await page2.locator('.lesson-item.is-done').count(), 4);
    } finally {
      await other.close();
    }
  },

  async lessons_a_trainers_lesson_opens_from_a_file_and_from_its_link({ page, context, base }) {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base.replace(/\/$/, '') });
    const t = (en, pl) => ({ en, pl });
    const lesson = {
      // Its id is a built-in one's: finishing it must not mark the built-in lesson done.
      version: 1, id: 'connect', title: t('The office mailbox', 'Skrzynka biura'), summary: t('STAT at the office', 'STAT w biurze'),
      scenario: { version: 1, id: 'office', title: 'Office', profile: 'courier', hosts: ['mail.office.test'], users: [{ name: 'ann', password: 'pw', messages: [{ text: 'Subject: hi\n\nhello\n' }] }] },
      intro: t('Our own server.', 'Nasz własny serwer.'), finish: t('Well done.', 'Brawo.'),
      steps: [{ id: 'stat', text: t('Log in as ann (password pw) and type `STAT`.', 'Zaloguj się jako ann (hasło pw) i wpisz `STAT`.'),
        hint: t('`telnet mail.office.test 110` first.', 'Najpierw `telnet mail.office.test 110`.'),
        solution: ['telnet mail.office.test 110', 'USER ann', 'PASS pw', 'STAT'], goal: { kind: 'reply', meaning: ['status'] } }],
    };
    await page.goto(base + '?lang=en');
    await page.getByRole('button', { name: 'Show the lessons' }).click();
    const input = page.locator('#lesson-open-file');
    await input.waitFor({ state: 'attached' });
    // A broken one is refused, naming the field.
    const broken = { ...lesson, steps: [{ ...lesson.steps[0], goal: { kind: 'reply', meaning: ['stats'] } }] };
    await input.setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(broken)) });
    await expectText(page.locator('.lesson-problem'), 'steps[0].goal.meaning[0]');
    await input.setInputFiles({ name: 'office.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(lesson)) });
    await expectText(panel(page), 'The office mailbox');
    assert.match(page.url(), /#lesson=1\./, 'the address carries the lesson');
    assert.equal(await panel(page).getByRole('link', { name: 'Next lesson' }).count(), 0, 'no neighbours for a lesson of its own');
    for (const line of ['telnet mail.office.test 110', 'USER ann', 'PASS pw', 'STAT']) {
      await typeLine(page, line);
    }
    await expectText(announce(page), 'Lesson done.');
    assert.equal(await page.evaluate(() => localStorage.getItem('pop3-tutor/lessons/v1')), null, 'the progress of the built-in track is untouched');
    await panel(page).getByRole('button', { name: 'Copy a link to this lesson' }).click();
    await expectText(page.locator('.lesson-status'), 'Link copied');
    const link = await page.evaluate(() => navigator.clipboard.readText());
    // The link opens the same lesson, with its own scenario, in a fresh page.
    await page.goto('about:blank');
    await page.goto(link);
    await expectText(panel(page), 'The office mailbox');
    await typeLine(page, 'telnet mail.office.test 110');
    await expectText(log(page), '+OK Hello there.');
  },

  async lessons_the_panel_is_fetched_only_when_asked_for({ page, base }) {
    const fetched = [];
    page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
    await page.goto(base + '?lang=en');
    await page.locator('#decoder-input').waitFor();
    await sleep(300);
    assert.ok(!fetched.some((p) => p.includes('pop3-lessons') || p.includes('/lessons/')), fetched.join(' '));
    await page.getByRole('button', { name: 'Show the lessons' }).click();
    await page.locator('.lesson-list a').first().waitFor();
    assert.ok(fetched.some((p) => p.endsWith('pop3-lessons_bg.wasm')));
    assert.ok(fetched.some((p) => p.endsWith('/lessons/index.json')));
  },

  async lessons_a_panel_that_cannot_be_fetched_is_said_and_tried_again({ page, context, base }) {
    await page.goto(base + '?lang=pl');
    await page.locator('#decoder-input').waitFor();
    await context.setOffline(true);
    await page.getByRole('button', { name: 'Pokaż lekcje' }).click();
    await expectText(page.locator('section.lesson [role=alert]'), 'Nie udało się wczytać lekcji');
    await context.setOffline(false);
    await page.getByRole('button', { name: 'Pokaż lekcje' }).click();
    await page.locator('.lesson-list a').first().waitFor();
    await expectText(page.locator('.lesson-list'), 'Przywitaj się');
  },

  async lessons_work_for_the_visit_when_storage_is_corrupt_or_refuses({ page, base }) {
    await page.goto(base + '?lang=en');
    await page.evaluate(() => localStorage.setItem('pop3-tutor/lessons/v1', '{"version":1,"done":{"connect":'));
    await page.goto(base + '?lesson=connect&lang=en');
    await expectText(page.locator('.lesson-problem'), 'Saved lesson progress could not be read');
    assert.equal(await page.evaluate(() => localStorage.getItem('pop3-tutor/lessons/v1')), null, 'the unreadable value is dropped');
    // Storage that throws on every write (a full quota, a locked-down browser): the lesson still completes.
    await page.addInitScript(() => {
      Storage.prototype.setItem = () => { throw new DOMException('quota', 'QuotaExceededError'); };
    });
    await page.reload();
    await expectText(panel(page), 'Step 1 of 3');
    for (const line of ['telnet pop.outlook.pl 110', 'STAT', 'QUIT']) await typeLine(page, line);
    await expectText(announce(page), 'Lesson done.');
  },
};
