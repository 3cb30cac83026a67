// End-to-end tests of authoring an embed in the tutor: "Embed this in an article" in the scenario panel (the two
// snippets, their options, the copy buttons, the live preview loaded only when asked for), and the editor's
// demo steps (typed by hand, or recorded from the console), carried whole into an embed that plays them.
import assert from 'node:assert/strict';
import { expectText, log, typeLine } from './helpers.mjs';

const notices = (page) => page.locator('.notices');

/** Opens "Embed this in an article"; returns its two snippets' boxes. */
async function openEmbed(page) {
  await page.locator('details.embed-snippet > summary').click();
  return {
    iframe: page.getByRole('textbox', { name: /plain iframe/ }),
    script: page.getByRole('textbox', { name: /HTML with embed\.js/ }),
  };
}

async function openEditor(page) {
  await page.locator('details.editor > summary').click();
  await page.getByRole('textbox', { name: /scenario as JSON/i }).waitFor();
}

/** The lines of the editor's demo steps, in order. */
const demoLines = (page) => page.locator('.editor-demo-line').evaluateAll((inputs) => inputs.map((i) => i.value));

export const tests = {
  async authoring_embed_this_gives_both_snippets_for_a_built_in_and_a_preview_only_when_open({ page, context, base }) {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base.replace(/\/$/, '') });
    const requests = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(base + '?scenario=seed&lang=en');
    await typeLine(page, 'telnet pop.outlook.pl 110');
    await expectText(log(page), '+OK Hello there.');
    // The tutor's page does not load the embed until it is asked for.
    assert.equal(await page.locator('iframe').count(), 0);
    assert.ok(!requests.some((u) => /embed/.test(u)), requests.filter((u) => /embed/.test(u)).join(' '));

    const { iframe, script } = await openEmbed(page);
    const plain = await iframe.inputValue();
    const title = plain.match(/title="(POP3 session: [^"]*)"/)?.[1];
    assert.ok(title, plain);
    assert.equal(
      plain,
      `<iframe title="${title}" src="${base}embed.html?scenario=seed&amp;lang=en" width="100%" height="440" loading="lazy"></iframe>`,
    );
    assert.match(plain, /embed\.html\?scenario=seed&amp;lang=en"/);
    const scripted = await script.inputValue();
    assert.match(scripted, /^<div class="pop3-tutor" data-scenario="seed" data-lang="en" data-title="POP3 session: [^"]+"><\/div>\n/);
    assert.ok(scripted.endsWith(`<script src="${base}embed.js" defer></script>`), scripted);
    // The seed has a demo: no word about a missing one.
    assert.equal(await page.locator('.embed-snippet-no-demo').count(), 0);

    // The preview is the same embed, live.
    const preview = page.frameLocator('iframe.embed-snippet-preview');
    await preview.locator('.embed-widget').waitFor({ timeout: 30000 });
    await expectText(preview.locator('.embed-progress'), 'Step 0 of 5');
    assert.match(await page.locator('iframe.embed-snippet-preview').getAttribute('title'), /^Preview: POP3 session: /);

    // The options: language, theme, autoplay.
    await page.getByRole('combobox', { name: 'Widget language' }).selectOption('pl');
    await page.getByRole('combobox', { name: 'Widget look' }).selectOption('dark');
    await page.getByRole('checkbox', { name: /Play by itself/ }).check();
    assert.match(await iframe.inputValue(), /embed\.html\?scenario=seed&amp;lang=pl&amp;theme=dark&amp;autoplay=1"/);
    assert.match(await iframe.inputValue(), /title="Sesja POP3: /);
    assert.match(await script.inputValue(), /data-scenario="seed" data-lang="pl" data-theme="dark" data-autoplay="1"/);
    await expectText(preview.locator('.embed-progress'), /Krok \d z 5/, 30000);
    assert.equal(
      await page.locator('iframe.embed-snippet-preview').getAttribute('src'),
      'embed.html?scenario=seed&lang=pl&theme=dark&autoplay=1',
    );

    // Copying, with the keyboard.
    await page.getByRole('button', { name: 'Copy the embed.js code' }).focus();
    await page.keyboard.press('Enter');
    await expectText(page.locator('.embed-snippet-status'), 'Copied to the clipboard.');
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), await script.inputValue());
    await page.getByRole('button', { name: 'Copy the iframe code' }).click();
    await page.waitForFunction(
      (expected) => navigator.clipboard.readText().then((t) => t === expected),
      await iframe.inputValue(),
      { timeout: 5000 },
    );

    // Folded again, the preview is gone (at the next render).
    await page.locator('details.embed-snippet > summary').click();
    await page.waitForFunction(() => document.querySelectorAll('iframe').length === 0, null, { timeout: 5000 });
  },

  async authoring_a_demo_step_typed_in_the_editor_plays_in_the_embed_from_the_snippet({ page, base }) {
    await page.goto(base + '?scenario=seed&lang=en');
    await openEditor(page);
    assert.deepEqual(await demoLines(page), ['telnet pop.outlook.pl 110', 'USER tester@outlook.pl', 'PASS moje_hasło', 'STAT', 'QUIT']);
    await page.getByRole('button', { name: 'Remove step 5' }).click();
    await page.getByRole('button', { name: 'Remove step 4' }).click();
    await page.getByRole('button', { name: 'Add a step' }).click();
    // The new step's line has the focus, selected: typing replaces it.
    const line = page.locator('#editor-demo-3-line');
    await page.waitForFunction(() => document.activeElement?.id === 'editor-demo-3-line', null, { timeout: 5000 });
    await page.keyboard.type('STAT');
    assert.equal(await line.inputValue(), 'STAT');
    const step = page.locator('.editor-demo-step').last();
    await step.getByRole('textbox', { name: 'Caption in English' }).fill('Authoring: two messages wait.');
    await step.getByRole('spinbutton', { name: /Pause after it/ }).fill('500');
    await expectText(page.locator('#editor-status'), 'Valid');
    const json = await page.getByRole('textbox', { name: /scenario as JSON/i }).inputValue();
    assert.match(json, /"line": "STAT",\s*"caption": \{\s*"en": "Authoring: two messages wait."\s*\},\s*"pause": 500/);
    await page.getByRole('button', { name: 'Apply' }).click();
    await expectText(notices(page), 'The edited scenario is open');

    const { iframe, script } = await openEmbed(page);
    const scripted = await script.inputValue();
    const payload = scripted.match(/data-share="(s=1\.[A-Za-z0-9_-]+)"/)?.[1];
    assert.ok(payload, scripted);
    assert.ok(!scripted.includes('data-scenario'), scripted);
    assert.match(await iframe.inputValue(), new RegExp(`embed\\.html\\?lang=en#${payload.replace(/\./g, '\\.')}"`));

    const modules = [];
    page.on('request', (r) => r.url().endsWith('.wasm') && modules.push(new URL(r.url()).pathname));
    await page.goto(`${base}embed.html?lang=en#${payload}`);
    await expectText(page.locator('.embed-progress'), 'Step 0 of 4', 30000);
    // A scenario carried in the address needs the scenario format's reader: the module that has it (the
    // preview in the tutor's panel may fetch it too).
    assert.deepEqual([...new Set(modules)], ['/pop3-embed-shared_bg.wasm']);
    for (let k = 1; k <= 4; k++) {
      await page.getByRole('button', { name: 'Next step' }).click();
      await expectText(page.locator('.embed-progress'), `Step ${k} of 4`, 15000);
    }
    await expectText(page.locator('.log-caption').last(), 'Authoring: two messages wait.', 15000);
    await expectText(page.getByRole('log'), '+OK 2 53235');
  },

  async authoring_record_from_the_console_appends_the_typed_lines_as_steps({ page, base }) {
    await page.goto(base + '?scenario=seed&lang=en');
    await typeLine(page, 'telnet pop.outlook.pl 110');
    await expectText(log(page), '+OK Hello there.');
    await typeLine(page, 'USER tester@outlook.pl');
    await expectText(log(page), '+OK Password required.');
    await openEditor(page);
    const before = await demoLines(page);
    const record = page.getByRole('button', { name: 'Record from the console' });
    await record.click();
    await expectText(page.locator('.editor-demo-status'), 'Added 2 steps from the console.');
    assert.deepEqual(await demoLines(page), [...before, 'telnet pop.outlook.pl 110', 'USER tester@outlook.pl']);
    // Only what is new since the last recording, even with the editor folded in between.
    await record.click();
    await expectText(page.locator('.editor-demo-status'), 'Nothing new was typed');
    await page.locator('details.editor > summary').click();
    await typeLine(page, 'PASS moje_hasło');
    await expectText(log(page), '+OK logged in.');
    await page.locator('details.editor > summary').click();
    await page.getByRole('button', { name: 'Record from the console' }).click();
    await expectText(page.locator('.editor-demo-status'), 'Added 1 step from the console.');
    assert.deepEqual((await demoLines(page)).slice(before.length), [
      'telnet pop.outlook.pl 110',
      'USER tester@outlook.pl',
      'PASS moje_hasło',
    ]);
    await expectText(page.locator('#editor-status'), 'Valid');
  },

  async authoring_a_scenario_without_a_demo_says_so_in_polish({ page, base }) {
    await page.goto(base + '?scenario=seed&lang=pl');
    await page.locator('details.editor > summary').click();
    for (let n = 5; n >= 1; n--) await page.getByRole('button', { name: `Usuń krok ${n}` }).click();
    // The keyboard is not lost with the removed step's button: it is on "Add a step".
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'editor-demo-add');
    await expectText(page.locator('.editor-demo').locator('..'), 'Brak kroków pokazu.');
    await page.getByRole('button', { name: 'Zastosuj' }).click();
    await page.locator('details.embed-snippet > summary').click();
    await expectText(page.locator('.embed-snippet-no-demo'), 'Ten scenariusz nie ma pokazu');
    const script = await page.getByRole('textbox', { name: /HTML z embed\.js/ }).inputValue();
    assert.match(script, /data-share="s=1\.[^"]+" data-lang="pl"/);
    const preview = page.frameLocator('iframe.embed-snippet-preview');
    await preview.getByRole('button', { name: 'Spróbuj sam' }).waitFor({ timeout: 30000 });
  },
};
