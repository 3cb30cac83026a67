// End-to-end tests of the error decoder panel (src/components/decoder.rs).
import assert from 'node:assert/strict';

// The help article's Outlook error, whole, as a user would paste it.
const SEED_ERROR =
  "Server returned an error. Account: 'pop3.outlook.pl', Server: 'pop.outlook.pl', Protocol: POP3, " +
  "Server response: '-ERR Cannot connect to POP server pop.outlook.pl (193.143.77.12:110), connect error 10060', " +
  'Port: 110, Secure (SSL): No, Server error: 0x800CCC90, Error number: 0x800CCC90';

const result = (page) => page.locator('section.decoder .decoder-result');

async function expectText(locator, text, timeout = 5000) {
  const deadline = Date.now() + timeout;
  let last = '';
  while (Date.now() < deadline) {
    last = (await locator.textContent()) ?? '';
    if (typeof text === 'string' ? last.includes(text) : text.test(last)) return last;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`expected ${text} in ${JSON.stringify(last.slice(-600))}`);
}

export const tests = {
  async decoder_seed_error_english({ page, base }) {
    await page.goto(base + '?lang=en');
    await page.getByRole('heading', { name: 'Error decoder' }).waitFor();
    await expectText(result(page), 'Paste an error above');
    const field = page.getByRole('textbox', { name: /error/i });
    await field.fill(SEED_ERROR);
    const text = await expectText(result(page), '0x800CCC90');
    assert.match(text, /IXP_E_POP3_RESPONSE_ERROR/);
    assert.match(text, /10060/);
    assert.match(text, /WSAETIMEDOUT/);
    assert.match(text, /-ERR Cannot connect to POP server pop\.outlook\.pl/);
    assert.match(text, /antivirus/);
    assert.match(text, /Port number110/);
    assert.equal(await result(page).getAttribute('aria-live'), 'polite');
    // The Outlook code comes before the socket error quoted in the reply.
    assert.ok(text.indexOf('0x800CCC90') < text.indexOf('WSAETIMEDOUT'));
    const link = page.getByRole('link', { name: /timeout-10060/ });
    assert.equal(await link.count(), 1);
    assert.equal(await link.getAttribute('href'), '?scenario=timeout-10060&lang=en');
    // A plain link: following it loads the page with that address.
    await Promise.all([page.waitForURL(/\?scenario=timeout-10060&lang=en$/), link.click()]);
  },

  async decoder_polish({ page, base }) {
    await page.goto(base + '?lang=pl');
    await page.getByRole('heading', { name: 'Dekoder błędów' }).waitFor();
    await page.getByRole('textbox', { name: /błędu/i }).fill(SEED_ERROR);
    const text = await expectText(result(page), 'Jak to się łączy');
    assert.match(text, /serwer POP3 odpowiedział błędem/);
    assert.match(text, /przekroczono limit czasu połączenia/);
    assert.match(text, /Prawdopodobne przyczyny/);
    assert.doesNotMatch(text, /Likely causes|How it fits together/);
    const link = page.getByRole('link', { name: /Otwórz scenariusz .*timeout-10060/ });
    assert.equal(await link.getAttribute('href'), '?scenario=timeout-10060&lang=pl');
  },

  async decoder_pick_a_code_and_spellings({ page, base }) {
    await page.goto(base + '?lang=en');
    const picker = page.getByRole('combobox', { name: /common error codes/i });
    await picker.selectOption('0x800CCC0E');
    await expectText(result(page), 'cannot connect to the server');
    const field = page.getByRole('textbox', { name: /error/i });
    assert.equal(await field.inputValue(), '0x800CCC0E');
    assert.equal(
      await page.getByRole('link', { name: /connection-refused/ }).getAttribute('href'),
      '?scenario=connection-refused&lang=en',
    );
    // Typing decodes as you go, in any spelling.
    await field.fill('socket error 10061');
    await expectText(result(page), 'WSAECONNREFUSED');
    await field.fill('0x800ccc6a');
    await expectText(result(page), 'SMTP');
    await field.fill('nothing to see');
    await expectText(result(page), 'No Outlook or Windows Sockets error code');
  },

  async decoder_huge_paste({ page, base }) {
    await page.goto(base + '?lang=en');
    const field = page.getByRole('textbox', { name: /error/i });
    const junk = Array.from({ length: 20000 }, (_, i) => String.fromCharCode(32 + ((i * 7919) % 9000))).join('');
    await field.fill(junk + "'".repeat(1000) + 'x'.repeat(200000) + ' 0x800CCC0E');
    await expectText(result(page), 'Only the first 64 KiB');
    // The page still works: a short code decodes.
    await field.fill('11001');
    await expectText(result(page), 'WSAHOST_NOT_FOUND');
  },
};
