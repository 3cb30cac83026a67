// End-to-end tests of the built-in troubleshooting scenarios (`?scenario=ID`, LIBRARY_IDS in
// crates/pop3-sim/src/scenario/library.rs): for each one, the symptom a help-desk person meets in the console,
// typed as they would type it. The client is Windows telnet in English (the default with `?lang=en`). Every
// step checks the whole log, entry by entry, with exact texts.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { command, expectText, log, sleep } from './helpers.mjs';

const HOST = 'pop.outlook.pl';
const USER = 'tester@outlook.pl';
const PASSWORD = 'moje_hasło';

// Windows telnet's own messages (src/i18n/client.rs, ClientStyle::WindowsEn).
const CONNECT_FAILED = (host, port) =>
  `Connecting To ${host}...Could not open connection to the host, on port ${port}: Connect failed`;
const HOST_LOST = '\nConnection to host lost.';
const PROMPT = 'C:\\>';

// The tutor's notes (src/i18n/notes.rs).
const WELCOME = `This is a simulated command prompt. Type telnet ${HOST} 110 and press Enter to talk to the mail server, or type help.`;
const TLS_EXPECTED =
  'Port 995 speaks TLS from the first byte (implicit TLS, RFC 8314): the server waits silently for a TLS handshake, and plain text typed here is not one.';
const skipped = (seconds) => `(Skipped a wait of ${seconds} seconds: the real server would have stayed silent that long.)`;

// The servers' words (crates/pop3-sim/src/profile/).
const COURIER_GREETING = '+OK Hello there.';
const DOVECOT_GREETING = /^\+OK Dovecot \(Debian\) ready\. <[^<>\s]+@[^<>\s]+>$/;

// The seed world's messages, as the wire carries them (CRLF already).
const seedMessage = (n) => readFileSync(new URL(`../../crates/pop3-sim/scenarios/seed/msg${n}.eml`, import.meta.url));
/** A reply's octets as the log shows them: one entry, its lines without terminators. */
const asLines = (bytes) => {
  const text = new TextDecoder().decode(bytes);
  return text.replace(/\n$/, '').split('\n').map((l) => l.replace(/\r$/, ''));
};

const waitIndicator = (page) => page.locator('.wait');
const status = (page) => page.locator('.console-status');
const explanation = (page) => page.locator('section.explain');

/** The log's entries: `[kind, text]`, kind one of input, client, reply, note; lines joined with "\n". */
function entries(page) {
  return log(page)
    .locator('.log-entry')
    .evaluateAll((els) =>
      els.map((el) => {
        const kind = ['input', 'client', 'reply', 'note'].find((k) => el.classList.contains(`log-${k}`)) ?? '?';
        if (kind === 'input') return [kind, el.textContent];
        return [kind, [...el.querySelectorAll('.log-line')].map((l) => l.textContent).join('\n')];
      }),
    );
}

const same = (actual, expected) =>
  actual.length === expected.length &&
  actual.every(([kind, text], i) => {
    const [k, t] = expected[i];
    return kind === k && (t instanceof RegExp ? t.test(text) : text === t);
  });

const show = (list) =>
  list.map(([k, t]) => `    ${k.padEnd(6)} ${t instanceof RegExp ? String(t) : JSON.stringify(t.length > 300 ? t.slice(0, 150) + ' … ' + t.slice(-150) : t)}`).join('\n');

/**
 * A console session: remembers every entry the log should hold, from the welcome note on, and after each
 * step waits until the log holds exactly those entries.
 */
class Console {
  constructor(page) {
    this.page = page;
    this.expected = [['note', WELCOME]];
  }

  static async open(page, base, id) {
    await page.goto(`${base}?scenario=${id}&lang=en`);
    await command(page).waitFor();
    assert.equal(await page.locator('.notice').count(), 0, `no notice for the built-in scenario ${id}`);
    const c = new Console(page);
    await c.check();
    return c;
  }

  /** Waits until the log is exactly what was expected so far. */
  async check(timeout = 5000) {
    const deadline = Date.now() + timeout;
    let actual;
    for (;;) {
      actual = await entries(this.page);
      if (same(actual, this.expected)) return actual;
      if (Date.now() >= deadline) break;
      await sleep(50);
    }
    // The runner prints the first lines of a failure only: name the first difference, then both logs.
    let i = 0;
    while (i < actual.length && i < this.expected.length && same([actual[i]], [this.expected[i]])) i++;
    throw new Error(
      `the log differs at entry ${i}: expected ${show(this.expected.slice(i, i + 1)).trim() || '(nothing)'}, ` +
        `got ${show(actual.slice(i, i + 1)).trim() || '(nothing)'}; ${actual.length} entries, ${this.expected.length} expected\n` +
        `  expected:\n${show(this.expected)}\n  actual:\n${show(actual)}`,
    );
  }

  /** Appends entries to the expected log and waits for them. */
  async expect(...more) {
    this.expected.push(...more);
    return this.check();
  }

  async typeLine(line) {
    const input = command(this.page);
    await input.fill(line);
    await input.press('Enter');
  }

  /** A shell command at the C:\> prompt, then what it prints. */
  async shell(line, ...then) {
    assert.equal(await this.page.locator('.console-prompt').textContent(), PROMPT, `at the prompt before ${line}`);
    await this.typeLine(line);
    return this.expect(['input', `${PROMPT} ${line}`], ...then);
  }

  /** A line to the connected server, then what comes back. */
  async send(line, ...then) {
    await this.typeLine(line);
    return this.expect(['input', line], ...then);
  }

  /**
   * A simulated wait is on (its countdown says "<what>… N s left" with N at most `seconds`): checks that the
   * log stays as it is meanwhile, then skips it with Esc, as the UI offers.
   */
  async skipWait(what, seconds) {
    await waitIndicator(this.page).waitFor({ timeout: 3000 });
    const text = await this.page.locator('.wait-text').textContent();
    const m = text.match(/^(.*)… (\d+) s left$/);
    assert.ok(m, `wait text ${JSON.stringify(text)}`);
    assert.equal(m[1], what);
    assert.ok(Number(m[2]) > 0 && Number(m[2]) <= seconds, `${m[2]} s left of a ${seconds} s wait`);
    assert.equal(await this.page.getByRole('button', { name: 'Skip the wait (Esc)' }).count(), 1);
    await this.check(0);
    await command(this.page).press('Escape');
    await waitIndicator(this.page).waitFor({ state: 'detached', timeout: 2000 });
  }

  async expectConnected(host, port) {
    await expectText(status(this.page), `Connected to ${host}, port ${port}`, 2000);
  }

  /** The connection is over: the shell prompt and "Not connected" are back. */
  async expectPrompt() {
    await expectText(status(this.page), 'Not connected', 2000);
    assert.equal(await this.page.locator('.console-prompt').textContent(), PROMPT);
  }

  /** telnet to the Courier of the seed world and log in. */
  async courierLogin() {
    await this.shell(`telnet ${HOST} 110`, ['reply', COURIER_GREETING]);
    await this.expectConnected(HOST, 110);
    await this.send(`USER ${USER}`, ['reply', '+OK Password required.']);
    await this.send(`PASS ${PASSWORD}`, ['reply', '+OK logged in.']);
  }
}

export const tests = {
  // Every id of the library has its test below (named scenario_<id>_…), so a new scenario needs one.
  async scenario_library_is_covered({ page, base }) {
    const source = readFileSync(new URL('../../crates/pop3-sim/src/scenario/library.rs', import.meta.url), 'utf8');
    // LIBRARY_IDS are the first N entries of the FILES table.
    const count = source.match(/pub const LIBRARY_IDS: \[&str; (\d+)\]/);
    assert.ok(count, 'LIBRARY_IDS in library.rs');
    const table = source.match(/const FILES: \[&str; \d+\] = \[([^\]]*)\];/);
    assert.ok(table, 'FILES in library.rs');
    const files = [...table[1].matchAll(/"([^"]+)"/g)].map((m) => m[1]);
    const ids = files.slice(0, Number(count[1]));
    assert.equal(ids.length, Number(count[1]));
    assert.ok(ids.includes('seed') && ids.includes('drop-during-retr'), ids.join(' '));
    const names = Object.keys(tests);
    for (const id of ids) {
      const prefix = `scenario_${id.replaceAll('-', '_')}_`;
      assert.ok(names.some((n) => n.startsWith(prefix)), `a test for the scenario ${id} (${prefix}…)`);
    }
    // And each opens as itself: no "there is no built-in scenario" notice.
    for (const id of ids) {
      await page.goto(`${base}?scenario=${id}&lang=en`);
      await command(page).waitFor();
      assert.equal(await page.locator('.notice').count(), 0, id);
    }
  },

  async scenario_seed_is_healthy({ page, base }) {
    const c = await Console.open(page, base, 'seed');
    await c.courierLogin();
    await c.send('STAT', ['reply', '+OK 2 53235']);
    await c.send('QUIT', ['reply', '+OK Bye-bye.'], ['client', HOST_LOST]);
    await c.expectPrompt();
  },

  async scenario_dns_failure_name_does_not_resolve({ page, base }) {
    const c = await Console.open(page, base, 'dns-failure');
    // At once, without a wait: Windows telnet says the same words as for any connection failure.
    await c.shell(`telnet ${HOST} 110`, ['client', CONNECT_FAILED(HOST, 110)]);
    assert.equal(await waitIndicator(page).count(), 0);
    // The fault is the name's, so every port and the other name of the server fail alike.
    await c.shell(`telnet ${HOST} 995`, ['client', CONNECT_FAILED(HOST, 995)]);
    await c.shell('telnet outlook.pl 110', ['client', CONNECT_FAILED('outlook.pl', 110)]);
    await c.expectPrompt();
    // A Linux telnet names the cause.
    await page.getByLabel('Client style').selectOption('unix');
    await expectText(page.locator('.console-prompt'), '$');
    await c.typeLine(`telnet ${HOST} 110`);
    await c.expect(['input', `$ telnet ${HOST} 110`], ['client', `telnet: could not resolve ${HOST}/110: Name or service not known`]);
  },

  async scenario_timeout_10060_fails_after_the_wait({ page, base }) {
    const c = await Console.open(page, base, 'timeout-10060');
    await c.typeLine(`telnet ${HOST} 110`);
    c.expected.push(['input', `${PROMPT} telnet ${HOST} 110`]);
    // Windows telnet prints nothing while it tries (21 s: three SYNs); the failure comes only after the wait.
    await c.skipWait('Trying to connect', 21);
    await c.expect(['client', CONNECT_FAILED(HOST, 110)]);
    await c.expectPrompt();
    // Only port 110 is dropped: 995 connects (and waits for TLS).
    await c.shell(`telnet ${HOST} 995`, ['note', TLS_EXPECTED]);
    await c.expectConnected(HOST, 995);
  },

  async scenario_connection_refused_fails_at_once({ page, base }) {
    const c = await Console.open(page, base, 'connection-refused');
    await c.shell(`telnet ${HOST} 110`, ['client', CONNECT_FAILED(HOST, 110)]);
    assert.equal(await waitIndicator(page).count(), 0, 'a refused connection fails without a wait');
    await c.expectPrompt();
    // The explain pane names the refusal (socket error 10061), not a DNS or time-out problem.
    await page.locator('.log-client').last().click();
    await expectText(explanation(page), 'nothing listens on port 110');
    // A Linux telnet says so in its own words.
    await page.getByLabel('Client style').selectOption('unix');
    await expectText(page.locator('.console-prompt'), '$');
    await c.typeLine(`telnet ${HOST} 110`);
    await c.expect(
      ['input', `$ telnet ${HOST} 110`],
      ['client', 'Trying 192.0.2.10...\ntelnet: Unable to connect to remote host: Connection refused'],
    );
  },

  async scenario_firewall_blocks_110_closes_before_the_greeting({ page, base }) {
    const c = await Console.open(page, base, 'firewall-blocks-110');
    // Windows telnet clears the screen on connecting (nothing printed), then loses the connection: no +OK.
    await c.shell(`telnet ${HOST} 110`, ['client', HOST_LOST]);
    await c.expectPrompt();
    assert.ok(!(await log(page).textContent()).includes('+OK'), 'no +OK from the server');
    await page.locator('.log-client').last().click();
    await expectText(explanation(page), 'without a single +OK');
    // Linux telnet shows the connection made, then closed.
    await page.getByLabel('Client style').selectOption('unix');
    await expectText(page.locator('.console-prompt'), '$');
    await c.typeLine(`telnet ${HOST} 110`);
    await c.expect(
      ['input', `$ telnet ${HOST} 110`],
      ['client', `Trying 192.0.2.10...\nConnected to ${HOST}.\nEscape character is '^]'.`],
      ['client', 'Connection closed by foreign host.'],
    );
  },

  async scenario_wrong_port_995_is_silent_then_breaks({ page, base }) {
    const c = await Console.open(page, base, 'wrong-port-995');
    // Connected, but no greeting: the server waits for a TLS handshake.
    await c.shell(`telnet ${HOST} 995`, ['note', TLS_EXPECTED]);
    await c.expectConnected(HOST, 995);
    await sleep(300);
    await c.check(0);
    // Plain text is not a handshake: the connection ends, still without a single +OK.
    await c.send(`USER ${USER}`, ['note', TLS_EXPECTED], ['client', HOST_LOST]);
    await c.expectPrompt();
    assert.ok(!(await log(page).textContent()).includes('+OK'));
    // Port 110 answers normally.
    await c.courierLogin();
    await c.send('STAT', ['reply', '+OK 2 53235']);
  },

  async scenario_tls_required_refuses_user({ page, base }) {
    const c = await Console.open(page, base, 'tls-required');
    await c.shell(`telnet ${HOST} 110`, ['reply', COURIER_GREETING]);
    await c.send(`USER ${USER}`, ['reply', '-ERR TLS required to log in.']);
    await expectText(explanation(page), 'only over an encrypted connection');
    await c.send(`PASS ${PASSWORD}`, ['reply', '-ERR USER/PASS required.']);
    // CAPA offers STLS, and neither USER nor the plaintext SASL mechanisms any more.
    await c.send('CAPA', [
      'reply',
      [
        "+OK Here's what I can do:",
        'SASL',
        'STLS',
        'TOP',
        'LOGIN-DELAY 10',
        'PIPELINING',
        'UIDL',
        'UTF8 USER',
        'IMPLEMENTATION Courier Mail Server',
        '.',
      ].join('\n'),
    ]);
    await c.send('QUIT', ['reply', '+OK Better luck next time.'], ['client', HOST_LOST]);
  },

  async scenario_expired_certificate_seen_with_s_client({ page, base }) {
    const c = await Console.open(page, base, 'expired-certificate');
    // telnet sees only that TLS is required.
    await c.shell(`telnet ${HOST} 110`, ['reply', COURIER_GREETING]);
    await c.send(`USER ${USER}`, ['reply', '-ERR TLS required to log in.']);
    await c.send('QUIT', ['reply', '+OK Better luck next time.'], ['client', HOST_LOST]);
    // openssl s_client shows the certificate's problem, then POP3 works inside TLS.
    await c.shell(
      `openssl s_client -connect ${HOST}:995 -crlf`,
      [
        'client',
        /^CONNECTED\(00000003\)\ndepth=1 O = Simulated Trust Services, CN = Simulated CA R1\nverify return:1\ndepth=0 CN = pop\.outlook\.pl\nverify error:num=10:certificate has expired\nnotAfter=[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d \d{4} GMT\n[^]*\nVerify return code: 10 \(certificate has expired\)\n---$/,
      ],
      ['reply', COURIER_GREETING],
    );
    await log(page).locator('.log-client').filter({ hasText: 'CONNECTED(00000003)' }).click();
    await expectText(explanation(page), 'The certificate has expired');
    await c.send(`USER ${USER}`, ['reply', '+OK Password required.']);
    await c.send(`PASS ${PASSWORD}`, ['reply', '+OK logged in.']);
    await c.send('QUIT', ['reply', '+OK Bye-bye.'], ['client', 'closed']);
    await c.expectPrompt();
  },

  async scenario_wrong_password_dovecot_auth_failed({ page, base }) {
    const c = await Console.open(page, base, 'wrong-password');
    await c.shell(`telnet ${HOST} 110`, ['reply', DOVECOT_GREETING]);
    await c.send(`USER ${USER}`, ['reply', '+OK']);
    await c.typeLine(`PASS ${PASSWORD}`);
    c.expected.push(['input', `PASS ${PASSWORD}`]);
    // Dovecot's 2 s delay before a failed login's -ERR.
    await c.skipWait('The server is silent on purpose', 2);
    await c.expect(['note', skipped(2)], ['reply', '-ERR [AUTH] Authentication failed.']);
    await expectText(explanation(page), 'the user exists, the password is wrong');
    // The connection stays; the new password works (Dovecot forgets USER after every PASS).
    await c.send(`USER ${USER}`, ['reply', '+OK']);
    // After one failure Dovecot's auth penalty (4 s) delays even the right password.
    await c.typeLine('PASS Nowe-Hasło-2026');
    c.expected.push(['input', 'PASS Nowe-Hasło-2026']);
    await c.skipWait('The server is silent on purpose', 4);
    await c.expect(['note', skipped(4)], ['reply', '+OK Logged in.']);
    await c.send('STAT', ['reply', '+OK 2 53235']);
  },

  async scenario_too_many_failures_hang_up_then_ban({ page, base }) {
    const c = await Console.open(page, base, 'too-many-failures');
    await c.shell(`telnet ${HOST} 110`, ['reply', COURIER_GREETING]);
    for (let attempt = 1; attempt <= 3; attempt++) {
      await c.send(`USER ${USER}`, ['reply', '+OK Password required.']);
      await c.typeLine('PASS stare_hasło');
      c.expected.push(['input', 'PASS stare_hasło']);
      // Courier's own 5 s delay before each failure.
      await c.skipWait('The server is silent on purpose', 5);
      const after = [['note', skipped(5)], ['reply', '-ERR Login failed.']];
      // The third failure in a row: the server hangs up.
      if (attempt === 3) after.push(['client', HOST_LOST]);
      await c.expect(...after);
      if (attempt < 3) await c.expectConnected(HOST, 110);
    }
    await c.expectPrompt();
    // Now the address is banned: the next telnet times out, as in timeout-10060, on every port.
    await c.typeLine(`telnet ${HOST} 110`);
    c.expected.push(['input', `${PROMPT} telnet ${HOST} 110`]);
    await c.skipWait('Trying to connect', 21);
    await c.expect(['client', CONNECT_FAILED(HOST, 110)]);
    await c.typeLine(`telnet ${HOST} 995`);
    c.expected.push(['input', `${PROMPT} telnet ${HOST} 995`]);
    await c.skipWait('Trying to connect', 21);
    await c.expect(['client', CONNECT_FAILED(HOST, 995)]);
    await c.expectPrompt();
  },

  async scenario_login_delay_answers_pass({ page, base }) {
    const c = await Console.open(page, base, 'login-delay');
    await c.shell(`telnet ${HOST} 110`, ['reply', COURIER_GREETING]);
    await c.send(`USER ${USER}`, ['reply', '+OK Password required.']);
    await c.send(`PASS ${PASSWORD}`, ['reply', '-ERR [LOGIN-DELAY] Logins must be at least 15 minutes apart']);
    assert.equal(await waitIndicator(page).count(), 0);
    await expectText(explanation(page), 'Logged in again sooner than the server allows ([LOGIN-DELAY])');
    // Not logged in, still connected.
    await c.expectConnected(HOST, 110);
    await c.send('STAT', ['reply', '-ERR Invalid command.']);
    await c.send('QUIT', ['reply', '+OK Better luck next time.'], ['client', HOST_LOST]);
  },

  async scenario_mailbox_locked_in_use_then_closed({ page, base }) {
    const c = await Console.open(page, base, 'mailbox-locked');
    await c.shell(`telnet ${HOST} 110`, ['reply', DOVECOT_GREETING]);
    await c.send(`USER ${USER}`, ['reply', '+OK']);
    await c.typeLine(`PASS ${PASSWORD}`);
    c.expected.push(['input', `PASS ${PASSWORD}`]);
    // About ten seconds of waiting for the lock, then [IN-USE] and the hang-up.
    await c.skipWait('The server is silent on purpose', 10);
    await c.expect(
      ['note', skipped(10)],
      ['reply', '-ERR [IN-USE] Mailbox is locked by another POP3 session.'],
      ['client', HOST_LOST],
    );
    await c.expectPrompt();
    await page.locator('.log-reply').last().click();
    await expectText(explanation(page), 'Another session holds this mailbox');
  },

  async scenario_server_busy_logs_in_then_sys_temp({ page, base }) {
    const c = await Console.open(page, base, 'server-busy');
    await c.shell(`telnet ${HOST} 110`, ['reply', DOVECOT_GREETING]);
    await c.send(`USER ${USER}`, ['reply', '+OK']);
    await c.send(
      `PASS ${PASSWORD}`,
      ['reply', '+OK Logged in.'],
      ['reply', /^-ERR \[SYS\/TEMP\] Internal error occurred\. Refer to server log for more information\. \[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\]$/],
      ['client', HOST_LOST],
    );
    await c.expectPrompt();
    await page.locator('.log-reply').last().click();
    await expectText(explanation(page), 'the server could not open the mailbox');
  },

  async scenario_drop_during_retr_cuts_the_big_message({ page, base }) {
    const c = await Console.open(page, base, 'drop-during-retr');
    await c.courierLogin();
    await c.send('STAT', ['reply', '+OK 2 53235']);
    // The small message arrives whole, with its final dot.
    const one = asLines(Buffer.concat([Buffer.from('+OK 654 octets follow.\r\n'), seedMessage(1), Buffer.from('.\r\n')]));
    await c.send('RETR 1', ['reply', one.join('\n')]);
    // The big one starts, and the connection breaks after 20 000 octets: a cut line, no final dot.
    const whole = Buffer.concat([Buffer.from('+OK 52581 octets follow.\r\n'), seedMessage(2)]);
    assert.equal(whole.length, 26 + 52581);
    const cut = asLines(whole.subarray(0, 20000));
    assert.ok(cut.length > 200, 'long enough for the expander');
    await c.typeLine('RETR 2');
    // The log first shows 200 lines and an expander.
    await expectText(page.locator('.log-more'), `Show ${cut.length - 200} more lines (${cut.length - 200} hidden)`);
    await page.locator('.log-more').click();
    await c.expect(['input', 'RETR 2'], ['reply', cut.join('\n')], ['client', HOST_LOST]);
    const lines = await page.locator('.log-reply').last().locator('.log-line').allTextContents();
    assert.equal(lines[0], '+OK 52581 octets follow.');
    assert.notEqual(lines.at(-1), '.', 'no final dot');
    assert.ok(!lines.includes('.'), 'no terminating dot line anywhere');
    await c.expectPrompt();
    await page.locator('.log-reply').last().click();
    await expectText(
      explanation(page),
      'The connection broke in the middle of this reply: 20,000 octets of its 52,610 octets arrived, and no final line with a dot.',
    );
  },
};
