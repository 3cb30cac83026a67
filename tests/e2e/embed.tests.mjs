// The embed for help articles (embed.html, embed.js), as an article's reader meets it: a host page on another
// origin (a second server on another loopback port) with its own strict Content-Security-Policy embeds the
// widget both ways, with a plain iframe and with the script; the demo plays with its captions in English and in
// Polish, the frame follows its content, the reader takes the session over, the keyboard goes in and out, and
// the widget stores nothing and asks nothing of any other origin. The tutor's own page refuses to be framed.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { announced, expectText, sleep, watchLog } from './helpers.mjs';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const SEED_REPLIES = ['+OK Hello there.', '+OK Password required.', '+OK logged in.', '+OK 2 53235', '+OK Bye-bye.'];

/**
 * Serves `pages` ({ '/path': html }) on another loopback port, each with a strict policy of its own that lets in
 * only the tutor's origin, for its script and its frames, as an article's site would.
 */
async function hostSite(base, pages) {
  const tutor = new URL(base).origin;
  const policy = `default-src 'self'; script-src 'self' ${tutor}; frame-src ${tutor}; style-src 'self'`;
  const server = createServer((req, res) => {
    const page = pages[new URL(req.url, 'http://x').pathname];
    if (!page) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': policy }).end(page);
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return { server, url: (path) => `http://127.0.0.1:${server.address().port}${path}` };
}

/** An article page around `body`, loading embed.js from the tutor. */
const article = (base, body, lang = 'en') => `<!DOCTYPE html><html lang="${lang}"><head><meta charset="utf-8">
<title>Help article</title><script src="${base}embed.js" defer></script></head>
<body><h1>Outlook cannot receive mail</h1><p><a id="before" href="#top">Before the session</a></p>
${body}<p><a id="after" href="#top">After the session</a></p></body></html>`;

/** Records the widget events that reach the host page's elements, as embed.js dispatches them. */
const recordEvents = (page) =>
  page.addInitScript(() => {
    window.__events = [];
    for (const type of ['ready', 'resize', 'step', 'state', 'takeover']) {
      document.addEventListener(`pop3-tutor:${type}`, (e) =>
        window.__events.push({ embed: e.target.id, ...e.detail }),
      );
    }
  });

async function withHost(base, pages, fn) {
  const host = await hostSite(base, pages);
  try {
    await fn(host);
  } finally {
    host.server.close();
  }
}

/** Waits for a widget's progress to read `text` ("Step 5 of 5"). */
const progress = (frame, text, timeout = 60000) => expectText(frame.locator('.embed-progress'), text, timeout);

export const tests = {
  async embed_autoplay_plays_the_seed_in_english_and_polish_with_captions_and_the_frame_follows_its_content({ page, base }) {
    const body = `
      <div class="pop3-tutor" id="en" data-scenario="seed" data-lang="en" data-autoplay="1" data-speed="4"></div>
      <div class="pop3-tutor" id="pl" data-scenario="seed" data-lang="pl" data-autoplay="1" data-speed="4"></div>`;
    await recordEvents(page);
    await withHost(base, { '/article.html': article(base, body) }, async (host) => {
      await page.goto(host.url('/article.html'));
      const en = page.frameLocator('#en iframe');
      const pl = page.frameLocator('#pl iframe');
      await progress(en, 'Step 5 of 5');
      // The Polish one plays once it is on screen.
      await page.locator('#pl').scrollIntoViewIfNeeded();
      await progress(pl, 'Krok 5 z 5');
      for (const frame of [en, pl]) {
        const text = await frame.getByRole('log').innerText();
        let at = 0;
        for (const reply of SEED_REPLIES) {
          at = text.indexOf(reply, at);
          assert.ok(at >= 0, `${reply} in order in ${text}`);
        }
        assert.equal(await frame.locator('.log-caption').count(), 5);
      }
      const captions = async (frame) => (await frame.locator('.log-caption').allInnerTexts()).join('\n');
      assert.match(await captions(en), /2 messages, 53,235 octets in all/);
      assert.match(await captions(pl), /2 wiadomości, razem 53 235 oktetów/);
      assert.match(await captions(pl), /Serwer od razu odpowiada \+OK/);
      // The frame is as high as the widget (embed.js sets it from the posted height), not its first 440 px.
      for (const id of ['en', 'pl']) {
        const frame = page.frameLocator(`#${id} iframe`);
        const inner = await frame.locator('.embed').evaluate((e) => e.getBoundingClientRect().height);
        const outer = await page.locator(`#${id} iframe`).evaluate((f) => f.getBoundingClientRect().height);
        assert.ok(Math.abs(inner - outer) <= 2, `${id}: frame ${outer} px, content ${inner} px`);
        assert.notEqual(Math.round(outer), 440);
      }
      const events = await page.evaluate(() => window.__events);
      const of = (id, type) => events.filter((e) => e.embed === id && e.type === type);
      assert.deepEqual(of('en', 'ready').map((e) => [e.scenario, e.steps, e.lang]), [['seed', 5, 'en']]);
      assert.deepEqual(of('pl', 'step').map((e) => e.step), [1, 2, 3, 4, 5]);
      assert.ok(of('en', 'state').some((e) => e.state === 'transaction' && e.connected), JSON.stringify(of('en', 'state')));
    });
  },

  async embed_a_plain_iframe_plays_a_fault_scenario_at_its_default_height({ page, base }) {
    const body = `<iframe id="plain" title="POP3 session" width="100%" height="440"
      src="${base}embed.html?scenario=timeout-10060&amp;lang=en&amp;autoplay=1&amp;speed=4"></iframe>`;
    await withHost(base, { '/plain.html': article(base, body) }, async (host) => {
      await page.goto(host.url('/plain.html'));
      const frame = page.frameLocator('#plain');
      await progress(frame, 'Step 1 of 1');
      await expectText(frame.getByRole('log'), 'Could not open connection to the host, on port 110');
      await expectText(frame.locator('.log-caption'), 'nothing answers on port 110');
      // Everything fits in the frame's own 440 px: no scrolling inside the article's frame.
      const [content, viewport] = await frame
        .locator('html')
        .evaluate((e) => [e.scrollHeight, e.clientHeight]);
      assert.ok(content <= viewport, `the widget is ${content} px in a ${viewport} px frame`);
    });
  },

  async embed_with_reduced_motion_the_transcript_appears_at_once({ page, base }) {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    // At the slowest speed, typing and pauses would take over half a minute.
    await page.goto(`${base}embed.html?scenario=seed&autoplay=1&speed=0.25`);
    await progress(page, 'Step 5 of 5', 5000);
    await expectText(page.getByRole('log'), '+OK Bye-bye.');
    assert.equal(await page.locator('.log-caption').count(), 5);
  },

  async embed_try_it_yourself_continues_the_replayed_session({ page, base }) {
    const body = `<div class="pop3-tutor" id="w" data-scenario="seed" data-step="4"></div>`;
    await recordEvents(page);
    await withHost(base, { '/try.html': article(base, body) }, async (host) => {
      await page.goto(host.url('/try.html'));
      const frame = page.frameLocator('#w iframe');
      // step=4: telnet, USER and PASS are played at once; STAT is next.
      await progress(frame, 'Step 3 of 5');
      await expectText(frame.getByRole('log'), '+OK logged in.');
      await frame.getByRole('button', { name: 'Try it yourself' }).click();
      const input = frame.getByRole('textbox', { name: /command/i });
      await input.fill('STAT');
      await input.press('Enter');
      await expectText(frame.getByRole('log'), '+OK 2 53235');
      const events = await page.evaluate(() => window.__events.map((e) => e.type));
      assert.ok(events.includes('takeover'), events.join());
    });
  },

  async embed_space_and_arrow_drive_the_demo_and_tab_enters_and_leaves({ page, base }) {
    const body = `<div class="pop3-tutor" id="w" data-scenario="seed" data-speed="4"></div>`;
    await withHost(base, { '/keys.html': article(base, body) }, async (host) => {
      await page.goto(host.url('/keys.html'));
      const frame = page.frameLocator('#w iframe');
      await progress(frame, 'Step 0 of 5');
      await page.locator('#before').focus();
      await page.keyboard.press('Tab');
      const widget = frame.locator('.embed-widget');
      await expectText(frame.locator('body'), 'Space plays or pauses');
      assert.equal(await widget.evaluate((w) => document.activeElement === w), true, 'Tab enters the widget');
      await page.keyboard.press('ArrowRight');
      await progress(frame, 'Step 1 of 5');
      await expectText(frame.getByRole('log'), '+OK Hello there.');
      await sleep(1500);
      assert.equal(await frame.locator('.embed-progress').textContent(), 'Step 1 of 5', '→ plays one step');
      await page.keyboard.press('Space');
      await frame.getByRole('button', { name: 'Pause' }).waitFor();
      await page.keyboard.press('Space');
      await frame.getByRole('button', { name: 'Play' }).waitFor();
      // Tab goes through the widget and out of it, to the article's next link.
      for (let i = 0; i < 40 && !(await page.evaluate(() => document.activeElement?.id === 'after')); i++) {
        await page.keyboard.press('Tab');
      }
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'after', 'Tab leaves the widget');
      // Taken over, the console's command line does not keep Tab either.
      await frame.getByRole('button', { name: 'Try it yourself' }).click();
      await frame.getByRole('textbox', { name: /command/i }).focus();
      await page.keyboard.press('Escape');
      for (let i = 0; i < 40 && !(await page.evaluate(() => document.activeElement?.id === 'after')); i++) {
        await page.keyboard.press('Tab');
      }
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'after', 'Esc, then Tab leaves the console');
    });
  },

  async embed_stores_nothing_and_asks_nothing_of_another_origin({ page, base }) {
    const body = `<div class="pop3-tutor" id="w" data-scenario="seed" data-autoplay="1" data-speed="4"></div>`;
    const tutor = new URL(base).origin;
    const requests = [];
    page.on('request', (r) => requests.push({ url: r.url(), main: r.frame() === page.mainFrame() }));
    await withHost(base, { '/quiet.html': article(base, body) }, async (host) => {
      await page.goto(host.url('/quiet.html'));
      const frame = page.frameLocator('#w iframe');
      await progress(frame, 'Step 5 of 5');
      const left = await frame
        .locator('body')
        .evaluate(() => [localStorage.length, sessionStorage.length, document.cookie]);
      assert.deepEqual(left, [0, 0, '']);
      const hostOrigin = new URL(host.url('/')).origin;
      for (const r of requests) {
        const origin = new URL(r.url).origin;
        if (r.main) assert.ok([hostOrigin, tutor].includes(origin), `the article asked for ${r.url}`);
        else assert.equal(origin, tutor, `the widget asked for ${r.url}`);
      }
      // A built-in scenario needs no scenario reader: the smaller module, and only it, is fetched.
      const modules = requests.filter((r) => r.url.endsWith('.wasm')).map((r) => new URL(r.url).pathname);
      assert.deepEqual(modules, ['/pop3-embed_bg.wasm']);
    });
  },

  async embed_works_where_storage_throws({ page, base }) {
    // A third-party frame with storage blocked: touching localStorage throws.
    await page.addInitScript(() => {
      for (const name of ['localStorage', 'sessionStorage']) {
        Object.defineProperty(window, name, {
          get() {
            throw new DOMException('The user agent blocks storage here', 'SecurityError');
          },
        });
      }
    });
    const body = `<div class="pop3-tutor" id="w" data-scenario="seed" data-autoplay="1" data-speed="4"></div>`;
    await withHost(base, { '/blocked.html': article(base, body) }, async (host) => {
      await page.goto(host.url('/blocked.html'));
      const frame = page.frameLocator('#w iframe');
      await progress(frame, 'Step 5 of 5');
      await expectText(frame.getByRole('log'), '+OK Bye-bye.');
    });
  },

  async embed_loads_on_click_and_says_unusable_parameters({ page, base }) {
    const body = `<div class="pop3-tutor" id="w" data-load="click" data-scenario="wrong-password" data-lang="pl"
      data-speed="fast" data-theme="pink"><p>USER, PASS, -ERR [AUTH]</p></div>`;
    await recordEvents(page);
    await withHost(base, { '/click.html': article(base, body, 'pl') }, async (host) => {
      await page.goto(host.url('/click.html'));
      await page.getByRole('button', { name: 'Pokaż sesję POP3' }).waitFor();
      assert.equal(await page.locator('#w iframe').count(), 0, 'nothing is loaded before the click');
      await page.getByRole('button', { name: 'Pokaż sesję POP3' }).click();
      const frame = page.frameLocator('#w iframe');
      await expectText(frame.locator('.notices'), 'Nie można użyć „speed=fast”');
      await expectText(frame.locator('.notices'), 'Nie można użyć „theme=pink”');
      await frame.getByRole('button', { name: 'Odtwórz' }).click();
      await progress(frame, 'Krok 3 z 4', 30000);
      await expectText(frame.getByRole('log'), '-ERR [AUTH]');
      assert.ok((await page.evaluate(() => window.__events.map((e) => e.type))).includes('ready'));
    });
  },

  async embed_the_tutors_own_page_refuses_to_be_framed_by_another_origin({ context, base }) {
    const page = await context.newPage();
    const body = `<iframe id="tutor" title="tutor" src="${base}index.html"></iframe>
      <iframe id="embed" title="embed" src="${base}embed.html"></iframe>`;
    await withHost(base, { '/frames.html': article(base, body) }, async (host) => {
      await page.goto(host.url('/frames.html'));
      await page.frameLocator('#embed').locator('.embed-widget').waitFor();
      await sleep(1000);
      assert.equal(await page.frameLocator('#embed').locator('#command-input').count(), 1, 'the embed is framed');
      assert.equal(await page.frameLocator('#tutor').locator('#command-input').count(), 0, 'the tutor is framed');
    });
    await page.close();
  },

  async embed_each_reply_and_caption_reaches_the_live_log_once_as_an_addition({ page, base }) {
    await page.goto(`${base}embed.html?scenario=seed&lang=en`);
    await progress(page, 'Step 0 of 5');
    await watchLog(page);
    for (const [step, reply, caption] of [
      [1, '+OK Hello there.', 'the network and port 110 are fine'],
      [2, '+OK Password required.', 'waits for the password'],
      [3, '+OK logged in.', 'Logged in'],
      [4, '+OK 2 53235', '53,235 octets'],
    ]) {
      await page.getByRole('button', { name: 'Next step' }).click();
      await progress(page, `Step ${step} of 5`);
      await page.waitForTimeout(100);
      const a = await announced(page);
      const added = a.added.join('\n');
      assert.equal(added.split(reply).length - 1, 1, `step ${step}: the reply once in ${JSON.stringify(a.added)}`);
      assert.equal(added.split(caption).length - 1, 1, `step ${step}: the caption once in ${JSON.stringify(a.added)}`);
      assert.equal(a.removed, 0, `step ${step}: nothing already read is removed`);
      assert.equal(a.changed, 0, `step ${step}: nothing already read is rewritten`);
    }
  },

  async embed_restart_starts_over_on_a_new_session_and_live_and_explain_can_be_switched_off({ page, base }) {
    // wrong-password's last step (QUIT) has no caption of its own: by default the reply's explanation stands in.
    await page.goto(`${base}embed.html?scenario=wrong-password&lang=en&step=5`);
    await progress(page, 'Step 4 of 4', 15000);
    assert.equal(await page.locator('.log-caption').count(), 4);
    await page.getByRole('button', { name: 'Try it yourself' }).click();
    await page.getByRole('textbox', { name: /command/i }).fill('NOOP');
    await page.getByRole('button', { name: 'Restart' }).click();
    await progress(page, 'Step 0 of 4');
    assert.equal(await page.getByRole('textbox', { name: /command/i }).inputValue(), '', 'the reader\'s line goes too');
    assert.equal(await page.locator('.log-caption').count(), 0);
    assert.ok(!(await page.getByRole('log').innerText()).includes('-ERR'), 'the new session starts empty');
    await page.getByRole('button', { name: 'Next step' }).click();
    await expectText(page.locator('.log-caption'), 'Dovecot greets');
    await page.goto(`${base}embed.html?scenario=wrong-password&lang=en&step=5&live=0&explain=0`);
    await progress(page, 'Step 4 of 4', 15000);
    assert.equal(await page.locator('.log-caption').count(), 3, 'no explanation stands in for a missing caption');
    assert.equal(await page.getByRole('button', { name: 'Try it yourself' }).count(), 0);
    assert.equal(await page.getByRole('textbox', { name: /command/i }).isEditable(), false, 'the replay is not the reader\'s');
  },

  async embed_the_sample_help_article_loads_without_a_console_error({ page, base }) {
    const problems = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(`${base}examples/help-article/`);
    const plain = page.frameLocator('iframe[title="A healthy POP3 session, replayed"]');
    await plain.getByRole('button', { name: 'Next step' }).click();
    await expectText(plain.getByRole('log'), '+OK Hello there.');
    await page.locator('.pop3-tutor').scrollIntoViewIfNeeded();
    const scripted = page.frameLocator('.pop3-tutor iframe');
    await progress(scripted, 'Step 1 of 1', 30000);
    await expectText(scripted.getByRole('log'), 'Could not open connection');
    assert.deepEqual(problems, []);
  },

  async embed_passes_axe_in_every_theme_and_both_languages({ page, base }) {
    const cases = [];
    for (const theme of ['classic', 'light', 'dark', 'contrast', 'auto']) for (const lang of ['en', 'pl']) cases.push([theme, lang]);
    for (const [theme, lang] of cases) {
      await page.emulateMedia({ colorScheme: theme === 'auto' && lang === 'pl' ? 'dark' : 'light' });
      await page.goto(`${base}embed.html?scenario=wrong-password&lang=${lang}&theme=${theme}&step=4`);
      await expectText(page.getByRole('log'), '-ERR [AUTH]', 15000);
      await page.addScriptTag({ path: AXE });
      const bad = await page.evaluate(async () =>
        (await axe.run(document)).violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`),
      );
      assert.deepEqual(bad, [], `${theme}/${lang}`);
    }
  },
};
