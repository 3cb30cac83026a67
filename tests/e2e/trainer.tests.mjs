// End-to-end tests of the trainer's tools: the scenario picker, the editor (form and JSON, with validation
// messages naming the field), share links opened in a fresh browser, and challenge mode.
import assert from 'node:assert/strict';
import { expectText, log, typeLine } from './helpers.mjs';

const CONNECT_FAILED_110 = 'Could not open connection to the host, on port 110: Connect failed';
const panel = (page) => page.locator('section.scenario-panel');
const notices = (page) => page.locator('.notices');

async function openEditor(page) {
  await page.locator('details.editor > summary').click();
  return page.getByRole('textbox', { name: /scenario as JSON/i });
}

export const tests = {
  async trainer_picker_opens_a_scenario_and_keeps_it_in_the_address({ page, base }) {
    await page.goto(base + '?lang=en');
    await page.getByRole('combobox', { name: 'Open a scenario' }).selectOption('connection-refused');
    assert.match(page.url(), /\?scenario=connection-refused&lang=en$/);
    await expectText(panel(page), 'Outlook fails at once');
    await typeLine(page, 'telnet pop.outlook.pl 110');
    await expectText(log(page), CONNECT_FAILED_110);
    // A reload opens the same scenario.
    await page.reload();
    await expectText(panel(page), 'Outlook fails at once');
  },

  async trainer_scenario_file_control_speaks_the_page_language_and_takes_the_keyboard({ page, base }) {
    await page.goto(base + '?lang=pl');
    // The browser's own file button would say "Choose File" whatever the page's language: its label stands in.
    const input = page.getByLabel('Otwórz plik scenariusza (JSON)');
    assert.equal(await input.getAttribute('type'), 'file');
    const label = page.locator('label.file-button');
    await expectText(label, 'Otwórz plik scenariusza (JSON)');
    const box = await input.boundingBox();
    assert.ok(!box || (box.width <= 1 && box.height <= 1), `the native control is hidden: ${JSON.stringify(box)}`);
    // The input keeps the keyboard focus, and the label shows it.
    await input.focus();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'setting-scenario-file');
    const outline = await label.evaluate((e) => getComputedStyle(e).outlineStyle);
    assert.equal(outline, 'solid');
    // And it still opens a file.
    const file = { version: 1, id: 'mine', title: 'Mój', base: 'seed', faults: [{ kind: 'latency', ms: 10 }] };
    await input.setInputFiles({ name: 'mine.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
    await expectText(notices(page), 'Mój');
    // A typo in a fault's field is named, not ignored.
    const typo = { ...file, faults: [{ kind: 'refused', prot: 110 }] };
    await input.setInputFiles({ name: 'typo.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(typo)) });
    await expectText(notices(page), 'prot');
  },

  async trainer_editor_keeps_an_unapplied_draft_across_a_reload({ page, base }) {
    await page.goto(base + '?lang=en');
    let json = await openEditor(page);
    const original = await json.inputValue();
    const edited = original.replace(/\n}\s*$/, ',\n  "faults": [{ "kind": "latency", "ms": 1500 }]\n}');
    await json.fill(edited);
    await expectText(page.locator('#editor-status'), 'Valid');
    // A reload (or a closed tab) does not lose it: the editor opens by itself with the draft and says so.
    await page.waitForFunction(() => localStorage.getItem('pop3-tutor/editor-draft/v1'), null, { timeout: 5000 });
    await page.reload();
    json = page.getByRole('textbox', { name: /scenario as JSON/i });
    assert.equal(await json.inputValue(), edited);
    await expectText(page.locator('.editor-restored'), 'Your unapplied changes from before are back.');
    // Discarding it brings back the scenario and forgets the draft.
    await page.getByRole('button', { name: 'Discard them' }).click();
    assert.equal(await json.inputValue(), original);
    assert.equal(await page.evaluate(() => localStorage.getItem('pop3-tutor/editor-draft/v1')), null);
    await page.reload();
    assert.equal(await page.locator('details.editor').getAttribute('open'), null, 'no draft: the editor stays folded');
    // An applied draft is not kept either.
    json = await openEditor(page);
    await json.fill(edited);
    await page.getByRole('button', { name: 'Apply' }).click();
    await expectText(notices(page), 'The edited scenario is open');
    await page.waitForTimeout(600);
    assert.equal(await page.evaluate(() => localStorage.getItem('pop3-tutor/editor-draft/v1')), null);
  },

  async trainer_editor_names_the_bad_field_and_keeps_the_current_scenario({ page, base }) {
    await page.goto(base + '?lang=en');
    const json = await openEditor(page);
    const good = await json.inputValue();
    assert.match(good, /"base": "seed"/);
    await json.fill(good.replace(/\n}\s*$/, ',\n  "faults": [{ "kind": "refused", "port": 0 }]\n}'));
    await expectText(page.locator('#editor-status'), 'faults[0].port: must be a whole number from 1 to 65535');
    await json.fill('{ "version": 1, "id": "x", "title": "x", "base": "nowhere" }');
    await expectText(page.locator('#editor-status'), 'base: “nowhere” is not one of: seed, dovecot-reference');
    await json.fill('{ not json');
    await expectText(page.locator('#editor-status'), 'the JSON is malformed at line 1, column 3');
    // Applying the broken draft is refused with a notice; the console still runs the seed.
    await page.getByRole('button', { name: 'Apply' }).click();
    await expectText(notices(page), 'could not be opened');
    await typeLine(page, 'telnet pop.outlook.pl 110');
    await expectText(log(page), '+OK Hello there.');
  },

  async trainer_errors_in_polish_name_the_field_of_a_scenario_file({ page, base }) {
    await page.goto(base + '?lang=pl');
    const input = page.getByLabel('Otwórz plik scenariusza (JSON)');
    // A port that does not fit its type: serde's own refusal, worded in Polish and naming the field.
    const file = { version: 1, id: 'mine', title: 'Mój', base: 'seed', faults: [{ kind: 'refused', port: 70000 }] };
    await input.setInputFiles({ name: 'port.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
    await expectText(notices(page), 'Nie udało się otworzyć pliku scenariusza');
    await expectText(notices(page), 'faults[0].port: musi być liczbą całkowitą od 0 do 65535');
    const text = await notices(page).innerText();
    assert.doesNotMatch(text, /expected u16|invalid value|line 1 column/, text);
    // The editor words its refusals the same way, as the trainer types.
    const json = page.getByRole('textbox', { name: /scenariusz jako JSON/i });
    await page.locator('details.editor > summary').click();
    const good = await json.inputValue();
    await json.fill(good.replace(/\n}\s*$/, ',\n  "faults": [{ "kind": "refused", "port": "110" }]\n}'));
    await expectText(page.locator('#editor-status'), 'faults[0].port: musi być liczbą całkowitą');
  },

  async trainer_errors_in_polish_name_the_field_of_a_share_link({ page, base }) {
    const scenario = { version: 1, id: 'x', title: 'x', base: 'seed', faults: [{ kind: 'refused', port: 70000 }] };
    const payload = Buffer.from(JSON.stringify(scenario)).toString('base64url');
    await page.goto(`${base}?lang=pl#s=1.${payload}`);
    await expectText(notices(page), 'Nie udało się otworzyć scenariusza z tego linku');
    await expectText(notices(page), 'faults[0].port: musi być liczbą całkowitą od 0 do 65535');
    const text = await notices(page).innerText();
    assert.doesNotMatch(text, /expected u16|invalid value|line 1 column/, text);
    // The default scenario is open instead.
    await typeLine(page, 'telnet pop.outlook.pl 110', /polecenie/i);
    await expectText(log(page), '+OK Hello there.');
  },

  async trainer_share_link_round_trip_in_a_fresh_browser({ page, context, base }) {
    await page.goto(base + '?lang=en');
    await openEditor(page);
    await page.getByRole('textbox', { name: 'Title' }).fill('Friday <b>outage</b>');
    await page.getByRole('combobox', { name: 'Add a fault' }).selectOption('timed_out');
    await expectText(page.locator('.editor-faults'), 'timed_out');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expectText(notices(page), 'The edited scenario is open');
    await expectText(panel(page), 'Your scenario: Friday <b>outage</b>');
    const link = await page.getByRole('textbox', { name: 'Link to this scenario' }).inputValue();
    assert.match(link, /\?lang=en#s=1\./);
    assert.ok(link.length < 4000, `a link built on the seed stays short (${link.length} characters)`);

    const fresh = await context.browser().newContext();
    try {
      const other = await fresh.newPage();
      await other.goto(link);
      await expectText(notices(other), 'Opened the shared scenario “Friday <b>outage</b>”');
      // Markup in the title is text, not markup.
      assert.equal(await other.locator('section.scenario-panel b').count(), 0);
      await typeLine(other, 'telnet pop.outlook.pl 110');
      await other.keyboard.press('Escape');
      await expectText(log(other), CONNECT_FAILED_110);
    } finally {
      await fresh.close();
    }
  },

  async trainer_challenge_hides_the_fault_until_revealed({ page, base }) {
    await page.goto(base + '?scenario=mailbox-locked&challenge=1&lang=en');
    await expectText(page.locator('section.challenge'), 'Challenge: what is wrong?');
    assert.equal(await page.locator('#scenario-picker').count(), 0);
    assert.equal(await page.locator('.challenge-answer').count(), 0);
    await typeLine(page, 'telnet pop.outlook.pl 110');
    await typeLine(page, 'USER tester@outlook.pl');
    await typeLine(page, 'PASS moje_hasło');
    await page.keyboard.press('Escape');
    await expectText(log(page), '-ERR [IN-USE] Mailbox is locked by another POP3 session.');
    const verdict = page.locator('.challenge-verdict');
    await page.getByRole('radio', { name: 'The password was changed (Dovecot)' }).check();
    await page.getByRole('button', { name: 'Check my diagnosis' }).click();
    await expectText(verdict, 'Not this one');
    await page.getByRole('radio', { name: 'The mailbox is locked by another session (Dovecot)' }).check();
    await page.getByRole('button', { name: 'Check my diagnosis' }).click();
    await expectText(verdict, 'Right!');
    await page.getByRole('button', { name: 'Reveal the answer' }).click();
    await expectText(page.locator('.challenge-faults'), '"kind": "mailbox_locked"');
    const transcript = await expectText(page.locator('.challenge-transcript'), '-ERR [IN-USE]');
    assert.match(transcript, /-ERR \[IN-USE\] Mailbox is locked by another POP3 session\.\n  ↳ /);
  },

  async trainer_challenge_link_in_polish_hides_the_shared_title({ page, base }) {
    await page.goto(base + '?lang=pl');
    await page.getByRole('checkbox', { name: /Jako wyzwanie/ }).check();
    const link = await page.getByRole('textbox', { name: 'Link do tego scenariusza' }).inputValue();
    assert.match(link, /\?scenario=seed&lang=pl&challenge=1$/);
    await page.goto(link);
    await expectText(page.locator('section.challenge'), 'Wyzwanie: co jest nie tak?');
    await page.getByRole('button', { name: 'Pokaż rozwiązanie' }).click();
    await expectText(page.locator('.challenge-answer'), 'Skrzynka z poradnika');
  },
};
