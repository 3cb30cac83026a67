// End-to-end test of real-server mode (`?bridge=`): the app in headless Chromium talks through
// `pop3-tutor-server bridge` to a POP3 server over TCP — here the simulator's own TCP mode standing in for a
// real server (the bridge's own tests run a real Dovecot). Needs the pop3-tutor-server binary: the test
// command builds it (`cargo test --workspace`) before the browser tests run; set POP3_TUTOR_SERVER to use
// another one.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectText, log, sleep, typeLine } from './helpers.mjs';

const ROOT = new URL('../../', import.meta.url).pathname;

function serverBinary() {
  const target = process.env.CARGO_TARGET_DIR ?? `${ROOT}target`;
  const bin = process.env.POP3_TUTOR_SERVER ?? `${target}/debug/pop3-tutor-server`;
  if (!existsSync(bin)) {
    const built = spawnSync('cargo', ['build', '--quiet', '-p', 'pop3-tutor-server'], { cwd: ROOT, stdio: 'inherit' });
    if (built.status !== 0 || !existsSync(bin)) throw new Error(`could not build ${bin}`);
  }
  return bin;
}

/**
 * Starts the binary with `args`; resolves with the process and the address it printed. With `keepLog`, its
 * log (at info level, not shown) is kept and read with `stderr()`, to see what it did.
 */
function start(args, { keepLog = false } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(serverBinary(), args, {
      stdio: ['ignore', 'pipe', keepLog ? 'pipe' : 'inherit'],
      env: { ...process.env, RUST_LOG: keepLog ? 'info' : 'warn' },
    });
    let err = '';
    child.stderr?.on('data', (d) => { err += d; });
    const stderr = () => err;
    let out = '';
    const timer = setTimeout(() => reject(new Error(`no "listening on" from ${args[0]}`)), 20000);
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/listening on (\S+)/);
      if (m) {
        clearTimeout(timer);
        resolve({ child, address: m[1], stderr });
      }
    });
    child.on('exit', (code) => reject(new Error(`${args[0]} exited with ${code}`)));
  });
}

/** A free TCP port on loopback. */
async function freePort() {
  const { createServer } = await import('node:net');
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/**
 * A bridge on another origin than the page's (every bridge these tests start on a port of its own is one) is
 * used only once the learner says yes: answers the question with "Use this bridge" (`yes`, in the page's
 * language `name`).
 */
async function useTheBridge(page, name = 'Use this bridge') {
  await page.getByRole('button', { name }).click();
}

/** The WebSocket addresses the page opens, and the bridge's count of sessions opened (from its log). */
function watchBridge(page, bridge) {
  const sockets = [];
  page.on('websocket', (ws) => sockets.push(ws.url()));
  return { sockets, sessions: () => bridge.stderr().split('session opened').length - 1 };
}

/** Runs `f` with a real Dovecot on loopback (the benchmark's configuration and maildrop), or says why not. */
async function withDovecot(f) {
  if (process.getuid?.() !== 0 || spawnSync('sh', ['-c', 'command -v dovecot']).status !== 0) {
    console.log('  (skipped: a real Dovecot needs root and dovecot-pop3d, which scripts/install-tools.sh installs)');
    return;
  }
  const root = mkdtempSync(join(tmpdir(), 'e2e-dovecot-'));
  const port = await freePort();
  const config = join(root, 'dovecot', 'dovecot.conf');
  const run = (cmd, args) => {
    const r = spawnSync(cmd, args, { stdio: 'inherit' });
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed`);
  };
  try {
    run('chmod', ['755', root]);
    run('sh', [`${ROOT}crates/pop3-tutor-server/bench/dovecot/setup.sh`, join(root, 'dovecot'), String(port)]);
    run('dovecot', ['-c', config]);
    await f(`127.0.0.1:${port}`);
  } finally {
    spawnSync('dovecot', ['-c', config, 'stop']);
    rmSync(root, { recursive: true, force: true });
  }
}

export const tests = {
  async bridge_real_server_mode_against_a_real_dovecot({ page, base }) {
    await withDovecot(async (address) => {
      const bridge = await start(['bridge', '--listen', '127.0.0.1:0', '--allow', address, '--origin', new URL(base).origin]);
      try {
        const [host, port] = address.split(':');
        await page.goto(`${base}?lang=en&bridge=${encodeURIComponent(`ws://${bridge.address}/bridge`)}`);
        await useTheBridge(page);
        await typeLine(page, `telnet ${host} ${port}`);
        await expectText(log(page), '+OK Dovecot (Debian) ready.', 10000);
        for (const [line, reply] of [
          ['USER tester@example.com', '+OK'],
          ['PASS secret', '+OK Logged in.'],
          ['STAT', '+OK 3 50787'],
          ['QUIT', '+OK Logging out.'],
        ]) {
          await typeLine(page, line);
          await expectText(log(page), reply);
        }
        await expectText(log(page), 'Connection to host lost.');
        await expectText(page.locator('.state-steps [aria-current="step"]'), 'UPDATE');
      } finally {
        bridge.child.kill();
      }
    });
  },

  async bridge_real_server_mode_runs_the_seed_dialogue({ page, base }) {
    const origin = new URL(base).origin;
    const target = await start(['pop3', '--scenario', 'seed', '--no-delays', '--listen', '127.0.0.1:0']);
    const bridge = await start(['bridge', '--listen', '127.0.0.1:0', '--allow', target.address, '--origin', origin]);
    try {
      const [host, port] = target.address.split(':');
      await page.goto(`${base}?lang=en&bridge=${encodeURIComponent(`ws://${bridge.address}/bridge`)}`);
      await useTheBridge(page);
      await expectText(page.locator('.notices'), 'Real-server mode');
      await typeLine(page, `telnet ${host} ${port}`);
      await expectText(log(page), '+OK Hello there.');
      for (const [line, reply] of [
        ['USER tester@outlook.pl', '+OK Password required.'],
        ['PASS moje_hasło', '+OK logged in.'],
        ['STAT', '+OK 2 53235'],
      ]) {
        await typeLine(page, line);
        await expectText(log(page), reply);
      }
      // Explained from the wire: STAT's numbers are read back.
      await expectText(page.locator('section.explain'), '53,235 octets');
      await typeLine(page, 'QUIT');
      await expectText(log(page), 'Connection to host lost.');
      // A server the bridge does not allow is refused, and said so.
      await typeLine(page, `telnet 127.0.0.1 1`);
      await expectText(log(page), 'The bridge refused');
    } finally {
      bridge.child.kill();
      target.child.kill();
    }
  },

  // Offline (navigator.onLine false), real-server mode says at once that it needs the network to reach the
  // bridge, and that the simulator works offline, without trying the bridge; the prompt comes back. Back
  // online, connecting works again.
  async bridge_offline_says_real_server_mode_needs_the_network({ page, context, base }) {
    const origin = new URL(base).origin;
    const target = await start(['pop3', '--scenario', 'seed', '--no-delays', '--listen', '127.0.0.1:0']);
    const bridge = await start(['bridge', '--listen', '127.0.0.1:0', '--allow', target.address, '--origin', origin], { keepLog: true });
    const sockets = [];
    page.on('websocket', (ws) => sockets.push(ws.url()));
    const sessions = () => bridge.stderr().split('session opened').length - 1;
    try {
      const [host, port] = target.address.split(':');
      await page.goto(`${base}?lang=en&bridge=${encodeURIComponent(`ws://${bridge.address}/bridge`)}`);
      await useTheBridge(page);
      await expectText(page.locator('.notices'), 'Real-server mode');
      await context.setOffline(true);
      await typeLine(page, `telnet ${host} ${port}`);
      await expectText(log(page), 'The browser is offline');
      await expectText(log(page), 'open the page without ?bridge= to use the simulator, which works offline');
      // Nothing hangs: the next line is a shell command again.
      await typeLine(page, 'help');
      await expectText(log(page), 'Commands: telnet HOST PORT');
      await sleep(300);
      if (sockets.length) throw new Error(`a WebSocket was opened offline: ${sockets.join(', ')}`);
      if (sessions()) throw new Error('the bridge saw a session while the browser was offline');

      await context.setOffline(false);
      await typeLine(page, `telnet ${host} ${port}`);
      await expectText(log(page), '+OK Hello there.');
      await typeLine(page, 'QUIT');
      await expectText(log(page), 'Connection to host lost.');
      if (sockets.length !== 1) throw new Error(`expected one WebSocket online, saw ${sockets.length}`);
      for (let i = 0; i < 40 && !sessions(); i++) await sleep(50);
      if (sessions() !== 1) throw new Error(`expected the bridge to see one session, saw ${sessions()}`);
    } finally {
      bridge.child.kill();
      target.child.kill();
    }
  },

  // No bridge at the address (nothing listens): the page's own state, said in the page's language, and the
  // prompt comes back (it used to be an obscure "connection closed").
  async bridge_no_bridge_at_the_address_is_said_in_the_pages_language({ page, base }) {
    const port = await freePort();
    await page.goto(`${base}?lang=pl&bridge=${encodeURIComponent(`ws://127.0.0.1:${port}/bridge`)}`);
    await useTheBridge(page, 'Użyj tego mostu');
    await typeLine(page, 'telnet pop.example.org 110', /polecenie/i);
    await expectText(log(page), 'Nie udało się połączyć z mostem');
    await expectText(log(page), '?bridge=');
    await typeLine(page, 'help', /polecenie/i);
    await expectText(log(page), 'Polecenia: telnet HOST PORT');
  },

  // A link whose bridge is on another origin than the page (hole 3 of issue 15: a crafted link to someone
  // else's bridge would receive the learner's password) opens no WebSocket until the learner says yes: the
  // page asks, naming the bridge's host, and the console says it waits. After yes, the session works. The
  // answer is not remembered: a reload asks again.
  async bridge_on_another_origin_sends_nothing_until_confirmed({ page, base }) {
    const origin = new URL(base).origin;
    const target = await start(['pop3', '--scenario', 'seed', '--no-delays', '--listen', '127.0.0.1:0']);
    const bridge = await start(['bridge', '--listen', '127.0.0.1:0', '--allow', target.address, '--origin', origin], { keepLog: true });
    const { sockets, sessions } = watchBridge(page, bridge);
    try {
      const [host, port] = target.address.split(':');
      const link = `${base}?lang=en&bridge=${encodeURIComponent(`ws://${bridge.address}/bridge`)}`;
      await page.goto(link);
      await typeLine(page, `telnet ${host} ${port}`);
      await typeLine(page, 'PASS moje_hasło');
      await sleep(500);
      if (sockets.length) throw new Error(`a WebSocket was opened before the learner said yes: ${sockets.join(', ')}`);
      if (sessions()) throw new Error('the bridge saw a session before the learner said yes');
      await expectText(log(page), 'waiting for your answer');
      const question = page.getByRole('region', { name: /Use the bridge at/ });
      const asked = await expectText(question, `bridge at ${bridge.address}?`);
      if (!asked.includes('Passwords you type in the console will pass through')) throw new Error(`the question does not say passwords pass through: ${asked}`);
      // Keyboard: the answer is a button reached with Tab and pressed with Enter.
      const yes = page.getByRole('button', { name: 'Use this bridge' });
      await yes.focus();
      await page.keyboard.press('Enter');
      await expectText(page.locator('.notices'), 'Real-server mode');
      if (await question.count()) throw new Error('the question stays after the answer');
      await typeLine(page, `telnet ${host} ${port}`);
      await expectText(log(page), '+OK Hello there.');
      await typeLine(page, 'USER tester@outlook.pl');
      await expectText(log(page), '+OK Password required.');
      await typeLine(page, 'QUIT');
      await expectText(log(page), 'Connection to host lost.');
      for (let i = 0; i < 40 && !sessions(); i++) await sleep(50);
      if (sockets.length !== 1 || sessions() !== 1) throw new Error(`expected one WebSocket and one session, saw ${sockets.length} and ${sessions()}`);
      // Never remembered: the same link asks again. A user name in the link is not shown as if it were the
      // bridge's owner: the question names the host.
      await page.goto(link.replace('ws%3A%2F%2F', 'ws%3A%2F%2Fschool.example%40'));
      const again = await expectText(page.getByRole('region', { name: /Use the bridge at/ }), bridge.address);
      if (again.includes('school.example')) throw new Error(`the question shows the link's user name: ${again}`);
      if (await page.evaluate(() => JSON.stringify(localStorage)).then((s) => s.includes('bridge'))) throw new Error('the answer was stored');
    } finally {
      bridge.child.kill();
      target.child.kill();
    }
  },

  // "Don't use it" (here in Polish): no connection ever, the simulator answers, and the address drops bridge=.
  async bridge_declined_sends_nothing_and_the_simulator_answers({ page, base }) {
    const origin = new URL(base).origin;
    const target = await start(['pop3', '--scenario', 'seed', '--no-delays', '--listen', '127.0.0.1:0']);
    const bridge = await start(['bridge', '--listen', '127.0.0.1:0', '--allow', target.address, '--origin', origin], { keepLog: true });
    const { sockets, sessions } = watchBridge(page, bridge);
    try {
      await page.goto(`${base}?lang=pl&bridge=${encodeURIComponent(`ws://${bridge.address}/bridge`)}`);
      const question = page.getByRole('region', { name: /Użyć mostu/ });
      await expectText(question, 'Hasła wpisane w konsoli przejdą przez ten most');
      await page.getByRole('button', { name: 'Nie używaj go' }).click();
      await expectText(page.locator('.notices'), 'symulator');
      if (page.url().includes('bridge=')) throw new Error(`the address keeps bridge=: ${page.url()}`);
      await typeLine(page, 'telnet pop.outlook.pl 110', /polecenie/i);
      await expectText(log(page), '+OK Hello there.');
      await typeLine(page, 'USER tester@outlook.pl', /polecenie/i);
      await expectText(log(page), '+OK Password required.');
      await sleep(300);
      if (sockets.length || sessions()) throw new Error(`the declined bridge was reached: ${sockets.length} WebSockets, ${sessions()} sessions`);
    } finally {
      bridge.child.kill();
      target.child.kill();
    }
  },

  // A bridge on the page's own origin (the bridge serving the page itself with --static) is used without
  // asking.
  async bridge_on_the_pages_own_origin_connects_without_asking({ page, dist }) {
    const target = await start(['pop3', '--scenario', 'seed', '--no-delays', '--listen', '127.0.0.1:0']);
    const bridge = await start(['bridge', '--listen', '127.0.0.1:0', '--allow', target.address, '--static', dist]);
    try {
      const [host, port] = target.address.split(':');
      await page.goto(`http://${bridge.address}/?lang=en&bridge=${encodeURIComponent(`ws://${bridge.address}/bridge`)}`);
      await expectText(page.locator('.notices'), 'Real-server mode');
      if (await page.locator('.bridge-confirm').count()) throw new Error('the page asked about its own bridge');
      await typeLine(page, `telnet ${host} ${port}`);
      await expectText(log(page), '+OK Hello there.');
      await typeLine(page, 'QUIT');
      await expectText(log(page), 'Connection to host lost.');
    } finally {
      bridge.child.kill();
      target.child.kill();
    }
  },
};
