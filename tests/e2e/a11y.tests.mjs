// Accessibility checks with axe-core (npm, run inside the page): the tutor in both languages and all three
// themes, the trainer's panels unfolded, challenge mode and the console after a session — no violation axe
// rates serious or critical (contrast, names, roles, keyboard reachability of scrollable regions, …); and what
// a screen reader is given: Chromium's accessibility tree for the console, and each server reply added to the
// live log once, as an addition, with nothing already read changed or removed.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { announced, expectText, log, typeLine, watchLog } from './helpers.mjs';

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
  async a11y_the_accessibility_tree_names_the_console_and_its_live_log({ page, context, base }) {
    await page.goto(base + '?lang=en');
    await typeLine(page, 'telnet pop.outlook.pl 110');
    await expectText(log(page), '+OK Hello there.');
    const cdp = await context.newCDPSession(page);
    const { nodes } = await cdp.send('Accessibility.getFullAXTree');
    const prop = (n, name) => n.properties?.find((p) => p.name === name)?.value?.value;
    const logs = nodes.filter((n) => n.role?.value === 'log');
    assert.equal(logs.length, 1);
    assert.equal(logs[0].name?.value, 'Console output');
    assert.equal(prop(logs[0], 'live'), 'polite');
    assert.equal(prop(logs[0], 'relevant'), 'additions');
    const box = nodes.find((n) => n.role?.value === 'textbox' && /command/i.test(n.name?.value ?? ''));
    assert.ok(box, 'a text box whose name contains "command"');
    assert.equal(prop(box, 'focused'), true, 'the command line has the focus after a command');
    const text = nodes.filter((n) => n.role?.value === 'StaticText').map((n) => n.name?.value).join('\n');
    assert.match(text, /\+OK Hello there\./, 'the greeting is in the tree as text');
  },

  async a11y_each_reply_is_announced_once_as_an_addition({ page, base }) {
    for (const [lang, name] of [['en', /command/i], ['pl', /polecenie/i]]) {
      await page.goto(base + `?lang=${lang}`);
      await typeLine(page, 'telnet pop.outlook.pl 110', name);
      await expectText(log(page), '+OK Hello there.');
      await watchLog(page);
      for (const [line, reply] of [
        ['USER tester@outlook.pl', '+OK Password required.'],
        ['PASS moje_hasło', '+OK logged in.'],
        ['STAT', '+OK 2 53235'],
        ['LIST', '2 52581'],
      ]) {
        await typeLine(page, line, name);
        await expectText(log(page), reply);
        await page.waitForTimeout(100);
        const a = await announced(page);
        const added = a.added.join('\n');
        assert.ok(added.includes(line) && added.includes(reply), `${lang} ${line}: added ${JSON.stringify(a.added)}`);
        assert.equal(added.split(reply).length - 1, 1, `${lang} ${line}: the reply is announced once`);
        assert.ok(!added.includes('Hello there'), `${lang} ${line}: earlier lines are not repeated`);
        assert.equal(a.removed, 0, `${lang} ${line}: nothing already read is removed`);
        assert.equal(a.changed, 0, `${lang} ${line}: nothing already read is rewritten`);
      }
      // Past the log's first chunk of 64 entries (the log is kept in chunks): 40 pasted NOOPs add 80 entries,
      // announced as 40 replies, and nothing read before is removed and added again.
      await page.evaluate(() => {
        const dt = new DataTransfer();
        dt.setData('text', 'NOOP\n'.repeat(40));
        document.getElementById('command-input').dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
      });
      await page.waitForFunction(() => document.querySelectorAll('.log-entry').length >= 90, null, { timeout: 10000 });
      await page.waitForTimeout(200);
      const a = await announced(page);
      const added = a.added.join('\n');
      assert.equal(added.split('+OK').length - 1, 40, `${lang}: 40 replies announced`);
      assert.ok(!added.includes('Hello there') && !added.includes('53235'), `${lang}: nothing earlier announced again`);
      assert.equal(a.removed, 0, `${lang}: nothing removed past a chunk boundary`);
    }
  },


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

  // The question asked before a bridge on another origin is used (nothing listens there: no answer is given),
  // in both languages and the contrast theme.
  async a11y_the_bridge_question_passes_axe({ page, base }) {
    const bridge = encodeURIComponent('ws://127.0.0.1:9/bridge');
    for (const [lang, theme] of [['en', 'classic'], ['pl', 'contrast']]) {
      await page.goto(`${base}?lang=${lang}`);
      await page.evaluate((t) => localStorage.setItem('pop3-tutor/settings/v1', JSON.stringify({ theme: t })), theme);
      await page.goto(`${base}?lang=${lang}&bridge=${bridge}`);
      await page.locator('.bridge-confirm').waitFor();
      assert.deepEqual(await violations(page), [], `${lang} ${theme}`);
    }
  },
};
