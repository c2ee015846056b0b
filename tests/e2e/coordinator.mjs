// End-to-end browser test of the coordinator's page (issue 6): starts `samsag up`, drives Debian's
// chromium with playwright-core, and checks what a tovholder does first: sign in, look up the demo
// citizen, see the four sector cards, withdraw consent for health and see that card turn
// "Ikke delt" within 2 seconds. Screenshots go to SAMSAG_E2E_ARTIFACTS. `samsag up` is always
// stopped (SIGINT, then SIGKILL of its process group after a deadline), also on failure.
//
// Environment:
//   SAMSAG_BIN            the samsag binary (default: build/default/samsag)
//   SAMSAG_E2E_ARTIFACTS  where screenshots and the samsag up log go (default tests/e2e/artifacts)
//   SAMSAG_E2E_MODULES    a directory holding node_modules/playwright-core (default: this one)
//   SAMSAG_E2E_CHROMIUM   the browser (default /usr/bin/chromium)
//   SAMSAG_E2E_UP_TIMEOUT seconds to wait for `ready` (default 240)
//   SAMSAG_E2E_PAGE, SAMSAG_E2E_TOKEN, SAMSAG_E2E_CPR: test an already running page instead.

import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..', '..');
const samsagBin = process.env.SAMSAG_BIN ?? join(repo, 'build', 'default', 'samsag');
const artifacts = resolve(process.env.SAMSAG_E2E_ARTIFACTS ?? join(here, 'artifacts'));
const modules = process.env.SAMSAG_E2E_MODULES ?? here;
const chromiumPath = process.env.SAMSAG_E2E_CHROMIUM ?? '/usr/bin/chromium';
const upTimeoutMs = Number(process.env.SAMSAG_E2E_UP_TIMEOUT ?? 240) * 1000;
const WITHDRAWAL_DEADLINE_MS = 2000;
const SECTORS = ['SECTOR_EMPLOYMENT', 'SECTOR_SOCIAL', 'SECTOR_HEALTH', 'SECTOR_REGION'];

const { chromium } = createRequire(join(resolve(modules), 'package.json'))('playwright-core');

// The test log and the saved samsag up log never show a CPR-shaped number.
const maskCpr = (text) => text.replace(/\b\d{6}-?\d{4}\b/g, '<cpr>');
const log = (text) => console.log(maskCpr(text));

class Failure extends Error {}
function check(condition, message) {
  if (!condition) throw new Failure(message);
  log(`ok - ${message}`);
}

// ---- samsag up ----

function portFree(port) {
  return new Promise((done) => {
    const server = net.createServer();
    server.once('error', () => done(false));
    server.listen(port, '127.0.0.1', () => server.close(() => done(true)));
  });
}

// `samsag up` takes 10 ports from --port-base (cli/up/demo_environment.h). The base is picked
// below Linux's ephemeral range (32768+), so outgoing connections do not take them meanwhile.
const PORTS_USED = 10;
async function freePortBase() {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const base = 20000 + PORTS_USED * Math.floor(Math.random() * 1200);
    let free = true;
    for (let p = base; p < base + PORTS_USED && free; p += 1) free = await portFree(p);
    if (free) return base;
  }
  throw new Failure(`found no ${PORTS_USED} free consecutive ports on 127.0.0.1`);
}

const UP_LINE = /^(bootstrap|page|token|supervisor-token|adapter-token|demo-citizen|adapter [a-z]+): (.+)$/;

class SamsagUp {
  constructor() {
    this.output = [];
    this.child = null;
    this.exited = null;
  }

  async start() {
    this.dir = mkdtempSync(join(tmpdir(), 'samsag-e2e-'));
    const base = await freePortBase();
    const args = ['up', '--dir', this.dir, '--port-base', String(base), '--citizens', '20'];
    log(`# ${samsagBin} ${args.join(' ')}`);
    this.child = spawn(samsagBin, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    this.exited = new Promise((done) => this.child.once('exit', (code, signal) => done({ code, signal })));
    this.child.stderr.on('data', (d) => this.output.push(String(d)));

    const lines = {};
    let pending = '';
    const ready = new Promise((done, fail) => {
      this.child.stdout.on('data', (chunk) => {
        this.output.push(String(chunk));
        pending += String(chunk);
        const parts = pending.split('\n');
        pending = parts.pop();
        for (const line of parts.map((l) => l.trim())) {
          const m = UP_LINE.exec(line);
          if (m) lines[m[1]] = m[2].trim();
          if (line === 'ready') done(lines);
        }
      });
      this.child.once('error', (e) => fail(new Failure(`samsag up did not start: ${e.message}`)));
      this.exited.then(({ code, signal }) =>
        fail(new Failure(`samsag up exited before ready (code ${code}, signal ${signal})`)),
      );
    });
    let timer;
    const timeout = new Promise((_, fail) => {
      timer = setTimeout(() => fail(new Failure(`samsag up not ready within ${upTimeoutMs / 1000} s`)), upTimeoutMs);
    });
    try {
      return await Promise.race([ready, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  // SIGINT (Ctrl-C) and a grace period; then SIGKILL for the whole process group.
  async stop() {
    if (!this.child) return;
    const child = this.child;
    this.child = null;
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGINT');
      let timer;
      const deadline = new Promise((done) => {
        timer = setTimeout(() => done('timeout'), 20000);
      });
      const how = await Promise.race([this.exited, deadline]);
      clearTimeout(timer);
      if (how === 'timeout') log('# samsag up ignored SIGINT for 20 s: SIGKILL');
      else log(`# samsag up stopped (code ${how.code}, signal ${how.signal})`);
    }
    // Children left behind by a crash or a hang go with the group.
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // the group is already gone
    }
    writeFileSync(join(artifacts, 'samsag-up.log'), maskCpr(this.output.join('')));
    rmSync(this.dir, { recursive: true, force: true });
  }
}

// ---- the browser part ----

async function testPage(browser, { page: pageUrl, token, 'demo-citizen': cpr }) {
  check(Boolean(pageUrl && token && cpr), 'samsag up printed page, token and demo-citizen');
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'da-DK' });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  const shot = async (name, options = {}) => {
    const file = join(artifacts, `${name}.png`);
    await page.screenshot({ path: file, fullPage: true, ...options });
    log(`# screenshot ${file}`);
  };

  await page.goto(pageUrl);
  await page.getByLabel('Adgangsnøgle').fill(token);
  await page.getByRole('button', { name: 'Log ind' }).click();
  await page.getByLabel('CPR-nummer').waitFor({ state: 'visible', timeout: 10000 });
  check(await page.getByRole('navigation', { name: 'Mine sager' }).isVisible(), 'signed in: "Mine sager" is shown');
  await page.locator('#mine-list li').first().waitFor({ timeout: 10000 });
  check((await page.locator('#mine-list li').count()) >= 1, '"Mine sager" lists the demo coordinator\'s cases');
  await shot('01-signed-in');

  await page.getByLabel('CPR-nummer').fill(cpr);
  await page.getByRole('button', { name: 'Find sag' }).click();
  await page.locator('#case-heading').waitFor({ state: 'visible', timeout: 10000 });
  check((await page.getByLabel('CPR-nummer').inputValue()) === '', 'the CPR field is cleared after the lookup');
  const digits = cpr.replace(/\D/g, '');
  check(!page.url().includes(digits), 'the CPR is not in the page URL');
  check(
    await page.evaluate(() => document.activeElement?.id === 'case-heading'),
    'focus moved to the case heading',
  );

  const unlabelled = await page.evaluate(() =>
    [...document.querySelectorAll('input, select, textarea')]
      .filter((e) => e.labels.length === 0 && !e.getAttribute('aria-label'))
      .map((e) => e.id || e.name),
  );
  check(unlabelled.length === 0, `every field has a label${unlabelled.length ? `: ${unlabelled}` : ''}`);
  for (const landmark of ['banner', 'navigation', 'main']) {
    check((await page.getByRole(landmark).count()) >= 1, `the page has a ${landmark} landmark`);
  }

  const cards = page.locator('#sector-cards section.card');
  check((await cards.count()) === 4, 'the case shows four sector cards');
  for (const sector of SECTORS) {
    const card = page.locator(`#sector-cards section[data-sector="${sector}"]`);
    check((await card.getAttribute('data-shared')) === 'true', `${sector} is shared for the demo citizen`);
  }
  const health = page.locator('#sector-cards section[data-sector="SECTOR_HEALTH"]');
  check(!(await health.innerText()).includes('Ikke delt'), 'the health card shows data before the withdrawal');
  await shot('02-case');

  await page.getByLabel('Sektor', { exact: true }).selectOption('SECTOR_HEALTH');
  await page.getByLabel('Samtykke trukket tilbage').check();
  const started = Date.now();
  await page.getByRole('button', { name: 'Registrér beslutning' }).click();
  await health.locator('.not-shared').waitFor({ state: 'visible', timeout: WITHDRAWAL_DEADLINE_MS });
  const elapsed = Date.now() - started;
  check(elapsed <= WITHDRAWAL_DEADLINE_MS, `the health card says "Ikke delt" ${elapsed} ms after the withdrawal`);
  const healthText = (await health.innerText()).replace(/\s+/g, ' ').trim();
  check(healthText === 'Sundhed Ikke delt', `the withdrawn card shows nothing but "Ikke delt" (${healthText})`);
  check(
    (await page.locator('#consent-rows tr[data-sector="SECTOR_HEALTH"]').innerText()).includes('Ikke delt'),
    'the consent table says health is not shared',
  );
  await shot('03-health-withdrawn');

  await page.setViewportSize({ width: 360, height: 800 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  check(overflow <= 0, `no horizontal scrolling on a 360 px wide screen (overflow ${overflow} px)`);
  await shot('04-narrow-360px');

  const csp = problems.filter((p) => /Content Security Policy|Refused to/.test(p));
  check(csp.length === 0, `no CSP violations${csp.length ? `: ${csp.join('; ')}` : ''}`);
  check(problems.length === 0, `no console or page errors${problems.length ? `: ${problems.join('; ')}` : ''}`);
  await context.close();
}

// ---- main ----

// `samsag up` arrives with issue 6; a samsag without it skips (77) rather than fails. CLI11 answers
// `samsag up --help` with the main help even without `up`, so the subcommand list is read instead.
function hasUp() {
  return new Promise((done) => {
    let help = '';
    const child = spawn(samsagBin, ['--help'], { stdio: ['ignore', 'pipe', 'ignore'] });
    child.stdout.on('data', (d) => {
      help += String(d);
    });
    child.once('error', () => done(false));
    child.once('close', () => done(/^\s+up\s/m.test(help)));
  });
}

async function main() {
  mkdirSync(artifacts, { recursive: true });
  const up = new SamsagUp();
  let browser;
  const abort = async (signal) => {
    log(`# ${signal}: stopping`);
    await browser?.close().catch(() => {});
    await up.stop();
    process.exit(1);
  };
  process.once('SIGINT', abort);
  process.once('SIGTERM', abort);

  try {
    let target;
    if (process.env.SAMSAG_E2E_PAGE) {
      target = {
        page: process.env.SAMSAG_E2E_PAGE,
        token: process.env.SAMSAG_E2E_TOKEN,
        'demo-citizen': process.env.SAMSAG_E2E_CPR,
      };
    } else {
      if (!existsSync(samsagBin)) throw new Failure(`no samsag binary at ${samsagBin} (set SAMSAG_BIN)`);
      if (!(await hasUp())) {
        log(`# skipped: ${samsagBin} has no \`up\` subcommand`);
        return 77;
      }
      target = await up.start();
      log(`# samsag up ready: page ${target.page}`);
    }
    const args = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
    browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args });
    await testPage(browser, target);
    log('PASS');
    return 0;
  } catch (e) {
    log(`not ok - ${e instanceof Failure ? e.message : e.stack}`);
    const tail = up.output.join('').trimEnd().split('\n').slice(-15);
    if (tail.length > 1 || tail[0]) log(`# samsag up said (last lines):\n${tail.map((l) => `#   ${l}`).join('\n')}`);
    return 1;
  } finally {
    await browser?.close().catch(() => {});
    await up.stop();
  }
}

process.exitCode = await main();
