// The end-to-end test cases. Each gets a fresh browser context (empty localStorage).
import assert from 'node:assert/strict';
import { command, expectText, log, typeLine } from './helpers.mjs';

const SEED = [
  ['USER tester@outlook.pl', '+OK Password required.'],
  ['PASS moje_hasło', '+OK logged in.'],
  ['STAT', '+OK 2 53235'],
  ['QUIT', '+OK Bye-bye.'],
];

const currentState = (page) => page.locator('.state-steps [aria-current="step"] .state-name');
const explanation = (page) => page.locator('section.explain');

/** The seed dialogue, typed line by line; checks replies, state diagram, explanation and the return to the prompt. */
async function seedDialogue(page, { lang }) {
  const pl = lang === 'pl';
  const shellName = pl ? /polecenie/i : /command/i;
  await typeLine(page, 'telnet pop.outlook.pl 110', shellName);
  await expectText(log(page), '+OK Hello there.');
  await expectText(currentState(page), 'AUTHORIZATION');
  for (const [line, reply] of SEED) {
    await typeLine(page, line, shellName);
    await expectText(log(page), reply);
    if (line.startsWith('PASS')) await expectText(currentState(page), 'TRANSACTION');
    if (line === 'STAT') {
      const text = await expectText(explanation(page), pl ? '2 wiadomości' : '2 messages');
      assert.match(text, pl ? /53\u00a0235 oktetów/ : /53,235 octets/);
      assert.match(text, /RFC 1939 §5 \(STAT\)/);
    }
  }
  await expectText(log(page), pl ? 'Utracono połączenie z hostem.' : 'Connection to host lost.');
  await expectText(currentState(page), 'UPDATE');
  // Back at the prompt: the input is the shell's again, and the status says so.
  await expectText(page.locator('.console-status'), pl ? 'Brak połączenia' : 'Not connected');
  assert.equal(await page.locator('.console-prompt').textContent(), 'C:\\>');
  const order = await log(page).textContent();
  let at = 0;
  for (const [line, reply] of [['telnet pop.outlook.pl 110', '+OK Hello there.'], ...SEED]) {
    const i = order.indexOf(line, at);
    const j = order.indexOf(reply, i);
    assert.ok(i >= at && j > i, `${line} then ${reply} in order`);
    at = j;
  }
}

function hostileScenario() {
  const longLine = 'A'.repeat(100000);
  const body = [
    'Subject: <b>bold?</b> =?UTF-8?Q?<script>alert(1)</script>?=',
    '',
    '<script>window.__pwned = 1</script>',
    '<img src="x" onerror="window.__pwned = 2">',
    '\u001b[31mRED\u001b[0m \u001b]0;title\u0007 \u001b[2J',
    '</div></section><h1>injected</h1>',
    longLine,
    '.leading dot',
    '',
  ].join('\n');
  return {
    version: 1,
    id: 'hostile',
    title: '<i>Hostile</i> bodies',
    profile: 'dovecot',
    hosts: ['mail.example.test'],
    users: [{ name: 'eve@example.test', password: 'x', messages: [{ text: body }] }],
  };
}

export function shareLink(scenario) {
  return 's=1.' + Buffer.from(JSON.stringify(scenario), 'utf8').toString('base64url');
}

export const tests = {
  async seed_dialogue_english({ page, base }) {
    await page.goto(base + '?lang=en');
    await expectText(page.locator('h1'), 'POP3 tutor');
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    await seedDialogue(page, { lang: 'en' });
  },

  async seed_dialogue_polish({ page, base }) {
    await page.goto(base + '?lang=pl');
    await expectText(page.locator('h1'), 'Samouczek POP3');
    assert.equal(await page.locator('html').getAttribute('lang'), 'pl');
    await seedDialogue(page, { lang: 'pl' });
    // The settings panel speaks Polish too.
    await expectText(page.locator('section.settings'), 'Ustawienia');
  },

  async seed_dialogue_keyboard_only({ page, base }) {
    await page.goto(base + '?lang=en');
    await command(page).waitFor();
    // The command line has the focus from the start.
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'command-input');
    const kb = page.keyboard;
    await kb.type('telnet pop.outlook.pl 110');
    await kb.press('Enter');
    await expectText(log(page), '+OK Hello there.');
    await kb.type('USER tester@outlook.pl');
    await kb.press('Enter');
    await expectText(log(page), '+OK Password required.');
    // A wrong password: Courier waits 5 s; Esc skips the wait.
    await kb.type('PASS wrong');
    await kb.press('Enter');
    await page.getByRole('status').filter({ hasText: /left/ }).waitFor({ timeout: 2000 });
    await kb.press('Escape');
    await expectText(log(page), '-ERR Login failed.', 1500);
    // ↑ brings back the earlier lines; edit the password line.
    await kb.press('ArrowUp');
    await kb.press('ArrowUp');
    assert.equal(await command(page).inputValue(), 'USER tester@outlook.pl');
    await kb.press('Enter');
    await expectText(log(page), /Password required\.[\s\S]*Password required\./);
    await kb.type('PASS moje_hasło');
    await kb.press('Enter');
    await expectText(currentState(page), 'TRANSACTION');
    await kb.type('STAT');
    await kb.press('Enter');
    await expectText(log(page), '+OK 2 53235');
    await expectText(explanation(page), '53,235 octets');
    // Alt+↑ explains the previous reply, Alt+↓ comes back.
    await kb.press('Alt+ArrowUp');
    await expectText(explanation(page), 'Logged in');
    await kb.press('Alt+ArrowDown');
    await expectText(explanation(page), '53,235 octets');
    // Tab to the suggested QUIT, Enter puts it in the command line, Enter sends it.
    for (let i = 0; i < 20; i++) {
      await kb.press('Tab');
      if ((await page.evaluate(() => document.activeElement?.textContent)) === 'QUIT') break;
    }
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'QUIT');
    await kb.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'command-input');
    await kb.press('Enter');
    await expectText(log(page), '+OK Bye-bye.');
    await expectText(log(page), 'Connection to host lost.');
    // Shift+Tab reaches a reply in the log; arrow keys move between replies.
    await page.locator('#command-input').focus();
    for (let i = 0; i < 10; i++) {
      await kb.press('Shift+Tab');
      if (await page.evaluate(() => document.activeElement?.classList.contains('is-explainable'))) break;
    }
    assert.ok(await page.evaluate(() => document.activeElement?.classList.contains('is-explainable')));
    await kb.press('ArrowUp');
    await kb.press('ArrowUp');
    await expectText(explanation(page), 'the reply you selected');
  },

  async copy_transcript_and_clear({ page, context, base }) {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base.replace(/\/$/, '') });
    await page.goto(base + '?lang=en');
    await typeLine(page, 'telnet pop.outlook.pl 110');
    await typeLine(page, 'USER tester@outlook.pl');
    await expectText(log(page), '+OK Password required.');
    await page.getByRole('button', { name: 'Copy transcript' }).click();
    await expectText(page.locator('.notices'), 'Transcript copied');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    assert.equal(copied, 'C:\\> telnet pop.outlook.pl 110\n+OK Hello there.\nUSER tester@outlook.pl\n+OK Password required.\n');
    // Ctrl+L clears the screen; the connection stays.
    await command(page).press('Control+l');
    assert.equal((await log(page).locator('.log-entry').count()), 0);
    await typeLine(page, 'QUIT');
    await expectText(log(page), '+OK Better luck next time.');
  },

  async unknown_host_and_tls_port({ page, base }) {
    await page.goto(base + '?lang=en');
    await typeLine(page, 'telnet pop.outlok.pl 110');
    await expectText(log(page), 'Connecting To pop.outlok.pl...Could not open connection to the host, on port 110: Connect failed');
    await page.getByLabel('Client style').selectOption('unix');
    await typeLine(page, 'telnet pop.outlok.pl 110');
    await expectText(log(page), 'telnet: could not resolve pop.outlok.pl/110: Name or service not known');
    await typeLine(page, 'telnet pop.outlook.pl 995');
    await expectText(log(page), "Escape character is '^]'.");
    await typeLine(page, 'USER tester@outlook.pl', /command/i);
    await expectText(log(page), 'Connection closed by foreign host.');
  },

  async pasted_lines_are_pipelined({ page, base }) {
    await page.goto(base + '?lang=en');
    const input = command(page);
    await input.focus();
    await page.evaluate(() => {
      const dt = new DataTransfer();
      dt.setData('text', 'telnet pop.outlook.pl 110\nUSER tester@outlook.pl\nPASS moje_hasło\nSTAT\n');
      document.getElementById('command-input').dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    });
    await expectText(log(page), '+OK logged in.');
    await expectText(log(page), 'got no answer');
    assert.ok(!(await log(page).textContent()).includes('+OK 2 53235'), 'Courier loses STAT pipelined behind the login');
  },

  async hostile_message_body_is_inert_text({ page, base }) {
    await page.goto(base + '?lang=en#' + shareLink(hostileScenario()));
    await expectText(page.locator('.notices'), 'Opened the shared scenario');
    await typeLine(page, 'telnet mail.example.test 110');
    await expectText(log(page), '+OK');
    await typeLine(page, 'USER eve@example.test');
    await typeLine(page, 'PASS x');
    await expectText(currentState(page), 'TRANSACTION');
    await typeLine(page, 'RETR 1');
    const text = await expectText(log(page), '<script>window.__pwned = 1</script>');
    assert.ok(text.includes('\u241b[31mRED\u241b[0m'), 'ANSI escapes shown as control pictures');
    assert.ok(text.includes('</div></section><h1>injected</h1>'));
    assert.ok(text.includes('..leading dot'), 'dot-stuffing shown as sent');
    assert.match(text, /96,000 more characters/);
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    assert.equal(await page.locator('.console-log script, .console-log img, .console-log h1, .console-log b').count(), 0);
    assert.equal(await page.locator('h1').count(), 1);
    const subject = await page.locator('.maildrop-table td.subject').textContent();
    assert.ok(subject.includes('<script>alert(1)</script>'), subject);
    // The whole subject is in the cell's title too (the cell cuts it with an ellipsis), as inert text.
    assert.equal(await page.locator('.maildrop-table td.subject').getAttribute('title'), subject);
  },

  async ten_megabyte_paste_keeps_the_page_alive({ page, base }) {
    await page.goto(base + '?lang=en');
    for (const line of ['telnet pop.outlook.pl 110', 'USER tester@outlook.pl', 'PASS moje_hasło']) await typeLine(page, line);
    await expectText(currentState(page), 'TRANSACTION');
    const started = Date.now();
    await page.evaluate(() => {
      const junk = ('\u001b[2J<script>x</script>' + 'Z'.repeat(100000) + '\n').repeat(100);
      const dt = new DataTransfer();
      dt.setData('text', junk + 'NOOP\n');
      document.getElementById('command-input').dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    });
    await expectText(log(page), '+OK Yup.', 30000);
    await typeLine(page, 'STAT');
    await expectText(log(page), '+OK 2 53235', 5000);
    assert.ok(Date.now() - started < 30000);
  },

  async scenario_file_import({ page, base }) {
    await page.goto(base + '?lang=en');
    const file = page.locator('#setting-scenario-file');
    await file.setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"version": 2}') });
    await expectText(page.locator('.notices'), 'The scenario file could not be opened');
    const scenario = { version: 1, id: 'office', title: 'Office', profile: 'courier', hosts: ['mail.office.test'], users: [{ name: 'ann', password: 'pw', messages: [{ text: 'Subject: hi\n\nhello\n' }] }] };
    await file.setInputFiles({ name: 'office.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(scenario)) });
    await expectText(page.locator('.notices'), 'Opened the scenario file “Office”');
    for (const line of ['telnet mail.office.test 110', 'USER ann', 'PASS pw', 'STAT']) await typeLine(page, line);
    await expectText(log(page), '+OK 1 22');
  },

  async bad_share_link_is_reported({ page, base }) {
    await page.goto(base + '?lang=en#s=1.not*base64');
    await expectText(page.locator('.notices'), 'could not be opened');
    await typeLine(page, 'telnet pop.outlook.pl 110');
    await expectText(log(page), '+OK Hello there.');
  },

  async unknown_scenario_opens_the_seed({ page, base }) {
    await page.goto(base + '?lang=en&scenario=nosuch');
    await expectText(page.locator('.notices'), 'There is no built-in scenario “nosuch”');
    await typeLine(page, 'telnet pop.outlook.pl 110');
    await expectText(log(page), '+OK Hello there.');
    await page.goto(base + '?lang=en&scenario=dovecot-reference');
    await typeLine(page, 'telnet pop3ref.example 110');
    await expectText(log(page), '+OK Dovecot');
  },

  async corrupt_local_storage_does_not_stop_the_app({ page, context, base }) {
    await context.addInitScript(() => {
      if (!sessionStorage.getItem('seeded')) {
        sessionStorage.setItem('seeded', '1');
        localStorage.setItem('pop3-tutor/settings/v1', '{"lang": 7, "theme": [');
      }
    });
    await page.goto(base + '?lang=en');
    await expectText(page.locator('.notices'), 'Saved settings could not be read');
    await typeLine(page, 'telnet pop.outlook.pl 110');
    await expectText(log(page), '+OK Hello there.');
    // Reported once: after a reload the notice is gone.
    await page.reload();
    await command(page).waitFor();
    assert.equal(await page.locator('.notice').count(), 0);
    // Other garbage in other keys and values of every shape.
    for (const bad of ['null', '[]', '"x"', '{"theme":"neon"}', '\u0000'.repeat(20), 'x'.repeat(100000)]) {
      await page.evaluate((v) => localStorage.setItem('pop3-tutor/settings/v1', v), bad);
      await page.reload();
      await command(page).waitFor();
      await typeLine(page, 'help');
      await expectText(log(page), 'telnet HOST PORT');
    }
  },

  // Until the first command the console shows its shell's own view (nothing is published on the first render):
  // a setting changed before anything is typed must still reach it at once.
  async settings_changed_before_the_first_command_show_at_once({ page, base }) {
    await page.goto(base + '?lang=en');
    await expectText(page.locator('.console-prompt'), 'C:\\>');
    await page.getByLabel('Client style').selectOption('unix');
    await expectText(page.locator('.console-prompt'), '$');
    await page.getByLabel('Server profile').selectOption('dovecot');
    await expectText(log(page), 'The server now speaks as');
    await typeLine(page, 'telnet pop.outlook.pl 110');
    await expectText(log(page), '+OK Dovecot (Debian) ready.');
    await expectText(log(page), 'Connected to pop.outlook.pl.');
  },

  async settings_are_remembered({ page, base }) {
    await page.goto(base);
    await page.getByLabel(/^Language|^Język/).selectOption('pl');
    await expectText(page.locator('h1'), 'Samouczek POP3');
    await page.getByLabel('Motyw').selectOption('contrast');
    await page.reload();
    await expectText(page.locator('h1'), 'Samouczek POP3');
    assert.ok(await page.locator('.app.theme-contrast').count());
    const saved = JSON.parse(await page.evaluate(() => localStorage.getItem('pop3-tutor/settings/v1')));
    assert.equal(saved.lang, 'pl');
    assert.equal(saved.theme, 'contrast');
  },

  async large_replies_stay_responsive({ page, base }) {
    // 2 000 messages: LIST answers 2 002 lines; the log shows 200 and an expander.
    const messages = Array.from({ length: 2000 }, (_, i) => ({ text: `Subject: m${i}\n\nbody ${i}\n` }));
    const scenario = { version: 1, id: 'big', title: 'Big', profile: 'dovecot', hosts: ['big.test'], users: [{ name: 'u', password: 'p', messages }] };
    await page.goto(base + '?lang=en#' + shareLink(scenario));
    for (const line of ['telnet big.test 110', 'USER u', 'PASS p', 'LIST']) await typeLine(page, line);
    const more = page.locator('.log-more');
    await expectText(more, /Show 1,802 more lines \(1,802 hidden\)/);
    assert.ok((await page.locator('.log-reply').last().locator('.log-line').count()) <= 200);
    // "Show more" adds lines after those shown, which stay the same elements (not rewritten one by one).
    const lines = () => [...document.querySelectorAll('.log-reply')].pop().querySelectorAll('.log-line');
    await page.evaluate(`(${lines})()[0].__mark = 'first'; (${lines})()[199].__mark = 'last';`);
    await more.click();
    assert.equal(await page.locator('.log-reply').last().locator('.log-line').count(), 2002);
    const [first, last, head, next] = await page.evaluate(`(() => { const l = (${lines})(); return [l[0].__mark, l[199].__mark, l[0].textContent, l[200].textContent]; })()`);
    assert.deepEqual([first, last, head], ['first', 'last', '+OK 2000 messages:']);
    assert.match(next, /^200 \d+$/);
    await expectText(page.locator('.maildrop'), '… and 1,800 more messages');
  },
};
