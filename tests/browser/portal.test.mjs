#!/usr/bin/env node
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The families' portal in a real browser: Debian's Chromium, driven by playwright-core,
// against a real guichet-portail on loopback with a demo database made by guichet-admin.
//
//   - every page of PAGES is opened as a family reaches it, photographed full page at
//     1280 px and 375 px wide (tests/artifacts/browser/), checked for horizontal
//     overflow on a phone, checked by axe-core (0 violations) and by the Nu HTML
//     Checker (0 errors, on the HTML exactly as served);
//   - the journey of a family: log in, read and close the announcement, go through the
//     invoices, open one, download its PDF, log out, log in again;
//   - paying online on the PayFiP sandbox (guichet-payfip-sandbox, on loopback): two
//     invoices by card, in the same tab, back to "Paiement enregistré", the receipt
//     through a real SMTP receiver (aiosmtpd); then a payment abandoned on PayFiP's page,
//     which leaves the invoice payable again at once;
//   - no page logs a script error, breaks its CSP or fails to load a resource.
//
// Plain node, no test framework: prints TAP, exits 1 on any failure.
//
//   GUICHET_ADMIN=_build/shared/admin/guichet-admin \
//   GUICHET_PORTAIL=_build/web/guichet-portail \
//   GUICHET_PAYFIP_SANDBOX=_build/web/payfip-sandbox/guichet-payfip-sandbox \
//   node tests/browser/portal.test.mjs
//
// Needs: chromium, a Java runtime (vnu), the sqlite3 command, python3-aiosmtpd, and
// `npm ci --prefix tests/browser --ignore-scripts` (tests/setup.sh does both).

import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..');
const ARTIFACTS = path.join(ROOT, 'tests', 'artifacts', 'browser');

const TODAY = '2026-11-22';
const FAMILIES = 20;
const EMAIL = 'marie.dupont@exemple.fr';
const PASSWORD = 'Demo-Famille-2026';
const NEW_PASSWORD = 'Automne-2027!'; // Marie Dupont's, once the journey has changed it
const ACCEPTING_CARD = '4111 1111 1111 1111'; // the sandbox's test card that pays (README)
const CHROMIUM = process.env.GUICHET_CHROMIUM || '/usr/bin/chromium';
const WIDTHS = [{ width: 1280, height: 800 }, { width: 375, height: 812 }];
const STEP_TIMEOUT_MS = 20000;
const WHOLE_RUN_TIMEOUT_MS = 540000; // below meson's 600 s, so we clean up ourselves

// Every page a family can see, in the order a family meets them. Adding a page is one
// line here: it is then photographed at both widths, checked for overflow, by axe-core
// and by the Nu HTML Checker.
//   name      file names of the screenshots and TAP names
//   path      the URL, or a function of what the portal lists: found.invoice(tab, pattern)
//             is the address of the first invoice of a tab of "Mes factures" whose number
//             matches pattern (an invoice's, not a credit note's, by default)
//   login     opened logged in as Marie Dupont (else anonymous)
//   status    expected HTTP status (200 unless said)
//   expect    a text the page shows
//   act       what the family does on the page before it is checked; returns the
//             response of the navigation it causes (its HTML is what vnu checks)
//   upcoming  being written: while the portal answers 404 its checks are SKIPs; drop
//             the flag once the page has landed so that it can never disappear unseen
const PAGES = [
  { name: 'connexion', path: '/connexion', login: false, expect: 'Le portail des familles' },
  { name: 'connexion-erreur', path: '/connexion', login: false, act: wrongLogin,
    expect: 'Adresse électronique ou mot de passe incorrect' },
  { name: 'connexion-deconnecte', path: '/connexion?message=deconnecte', login: false,
    expect: 'Vous êtes déconnecté' },
  { name: 'activation', path: '/activation', login: false, expect: 'J’active mon compte' },
  { name: 'mot-de-passe-oublie', path: '/mot-de-passe-oublie', login: false, expect: 'Mot de passe oublié' },
  { name: 'page-inconnue', path: '/nulle-part', login: false, status: 404,
    expect: 'Cette page n’existe pas' },
  { name: 'accueil', path: '/accueil', login: true, expect: 'Bonjour Marie DUPONT' },
  { name: 'factures-non-reglees', path: '/factures?onglet=non-reglees', login: true, expect: 'Mes factures' },
  { name: 'factures-reglees', path: '/factures?onglet=reglees', login: true, expect: 'Mes factures' },
  { name: 'factures-tresorerie', path: '/factures?onglet=tresorerie', login: true,
    expect: 'avis de sommes à payer' },
  { name: 'facture-non-reglee', path: (found) => found.invoice('non-reglees'), login: true,
    expect: 'Reste à payer' },
  { name: 'facture-reglee', path: (found) => found.invoice('reglees'), login: true, expect: 'Facture réglée' },
  { name: 'avoir', path: (found) => found.invoice('reglees', /^AV-/), login: true, expect: 'Avoir AV-' },
  { name: 'facture-tresorerie', path: (found) => found.invoice('tresorerie'), login: true,
    expect: 'transmise au Trésor public' },
  { name: 'payer', path: '/factures/payer', login: true, expect: 'Factures à régler' },
  { name: 'payer-verification', path: '/factures/payer', login: true, act: reviewTwoInvoices,
    expect: 'Vérifiez votre paiement' },
  { name: 'mes-informations', path: '/mes-informations', login: true, expect: 'Mon adresse électronique' },
  { name: 'contact', path: '/contact', login: true, expect: 'Contacter le service' },
];

// ---------------------------------------------------------------------------------- TAP

let tapNumber = 0;
let failures = 0;

function comment(lines) {
  for (const line of [].concat(lines)) {
    for (const part of String(line).split('\n'))
      console.log('# ' + part);
  }
}

function report(name, ok, details = [], skip = null) {
  tapNumber++;
  if (!ok)
    failures++;
  console.log(`${ok ? 'ok' : 'not ok'} ${tapNumber} - ${name}${skip ? ' # SKIP ' + skip : ''}`);
  comment(details);
}

function squash(text) {
  return text.replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ').trim();
}

class CheckError extends Error {}

function check(condition, message) {
  if (!condition)
    throw new CheckError(message);
}

// ------------------------------------------------------------------------- the portal

function executable(variable, fallback) {
  const file = process.env[variable] || path.join(ROOT, fallback);
  try {
    fs.accessSync(file, fs.constants.X_OK);
  } catch {
    throw new Error(`${variable}: ${file} is not an executable (build first, or set ${variable})`);
  }
  return file;
}

// Every process the test starts, killed if the test itself dies.
const children = new Set();

function track(child) {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

// SIGTERM, then SIGKILL after 15 s; closes @log. Returns the exit status or signal.
async function stopChild(child, log) {
  if (child.exitCode !== null || child.signalCode !== null) {
    fs.closeSync(log);
    return child.signalCode ?? child.exitCode;
  }
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));
  child.kill('SIGTERM');
  const code = await Promise.race([exited, new Promise((resolve) => setTimeout(() => resolve('timeout'), 15000))]);
  if (code === 'timeout') {
    child.kill('SIGKILL');
    await exited;
  }
  fs.closeSync(log);
  return code;
}

// The URL a server prints on its first line of stdout (pattern's first group); the rest of
// its stdout keeps being drained into @log, so that it never blocks on a full pipe.
function firstLine(child, log, pattern, who) {
  return new Promise((resolve, reject) => {
    let first = '';
    const timer = setTimeout(() => reject(new Error(`${who} did not say where it listens within 20 s`)), 20000);
    const onData = (chunk) => {
      first += chunk.toString('utf8');
      const newline = first.indexOf('\n');
      if (newline < 0)
        return;
      clearTimeout(timer);
      child.stdout.off('data', onData);
      child.removeListener('exit', onExit);
      fs.writeSync(log, first);
      child.stdout.on('data', (more) => fs.writeSync(log, more));
      const match = pattern.exec(first.slice(0, newline));
      match ? resolve(match[1]) : reject(new Error(`${who} did not start: ${first.slice(0, newline)}`));
    };
    const onExit = (code) => { clearTimeout(timer); reject(new Error(`${who} exited (${code})`)); };
    child.stdout.on('data', onData);
    child.once('exit', onExit);
  });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

// The demo database, through the sqlite3 command (node 20 has no node:sqlite); waits up to
// 10 s for the portal's own writes.
function sql(db, statement) {
  const run = spawnSync(process.env.SQLITE3 || 'sqlite3', ['-batch', '-cmd', '.timeout 10000', db, statement],
                        { encoding: 'utf8' });
  if (run.error || run.status !== 0)
    throw new Error(`sqlite3 "${statement}": ${run.error?.message ?? run.stderr}`);
  return run.stdout;
}

// A setting of the portal (table setting); the portal reads them at each request.
function setSetting(db, key, value) {
  const quote = (s) => "'" + String(s).replace(/'/g, "''") + "'";
  sql(db, `INSERT OR REPLACE INTO setting (key, value) VALUES (${quote(key)}, ${quote(value)})`);
}

// guichet-payfip-sandbox on a free loopback port (web/payfip-sandbox/README.md).
async function startSandbox(dir) {
  const binary = executable('GUICHET_PAYFIP_SANDBOX', '_build/web/payfip-sandbox/guichet-payfip-sandbox');
  const logPath = path.join(dir, 'payfip-sandbox.log');
  const log = fs.openSync(logPath, 'w');
  const child = track(spawn(binary, ['--listen', '127.0.0.1:0'], { stdio: ['ignore', 'pipe', log] }));
  const url = await firstLine(child, log, /listening on (http:\/\/127\.0\.0\.1:\d+)/, 'the PayFiP sandbox');
  return {
    url, child, logPath,
    async operation(idop) {
      const reply = await fetch(`${url}/_sandbox/operations?idop=${encodeURIComponent(idop)}`);
      const found = await reply.json();
      check(found.length === 1, `the sandbox knows ${found.length} operation(s) ${idop}`);
      return found[0];
    },
    stop: () => stopChild(child, log),
  };
}

// A real SMTP receiver (aiosmtpd) that files what it receives in a maildir.
async function startSmtp(dir) {
  const port = await freePort();
  const maildir = path.join(dir, 'smtp');
  const logPath = path.join(dir, 'smtp.log');
  const log = fs.openSync(logPath, 'w');
  const python = process.env.GUICHET_PYTHON || '/usr/bin/python3';
  const child = track(spawn(python, ['-m', 'aiosmtpd', '-n', '-c', 'aiosmtpd.handlers.Mailbox', maildir,
                                     '-l', `127.0.0.1:${port}`], { stdio: ['ignore', log, log] }));
  const deadline = Date.now() + 20000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`aiosmtpd exited (${child.exitCode ?? child.signalCode}): ${fs.readFileSync(logPath, 'utf8')}`);
    const up = await new Promise((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('data', () => { socket.end(); resolve(true); }); // its 220 greeting
      socket.once('error', () => resolve(false));
    });
    if (up)
      break;
    if (Date.now() > deadline)
      throw new Error(`aiosmtpd does not answer on 127.0.0.1:${port} after 20 s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { url: `smtp://127.0.0.1:${port}`, maildir, child, logPath, stop: () => stopChild(child, log) };
}

async function startPortal(dir) {
  const admin = executable('GUICHET_ADMIN', '_build/shared/admin/guichet-admin');
  const portail = executable('GUICHET_PORTAIL', '_build/web/guichet-portail');
  const db = path.join(dir, 'demo.db');
  const demo = spawnSync(admin, ['demo', db, '--families', String(FAMILIES), '--today', TODAY],
                         { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
  if (demo.status !== 0)
    throw new Error(`guichet-admin demo failed (${demo.status}): ${demo.stderr}`);

  // PayFiP is the sandbox; the portal learns where it is from its settings, before it starts.
  const sandbox = await startSandbox(dir);
  setSetting(db, 'payfip_endpoint', sandbox.url + '/tpa/services/securite');
  setSetting(db, 'payfip_payment_url', sandbox.url + '/tpa/paiementws.web');
  // Its SMTP relay waits for the payment steps (smtp_url then): until then mails go to the maildir.
  const smtp = await startSmtp(dir);

  const logPath = path.join(dir, 'portal.log');
  const log = fs.openSync(logPath, 'w');
  const child = track(spawn(portail, ['--db', db, '--listen', '127.0.0.1:0', '--maildir', path.join(dir, 'mail')],
                            { stdio: ['ignore', 'pipe', log] }));
  const url = await firstLine(child, log, /listening on (http:\/\/127\.0\.0\.1:\d+)/, 'the portal');
  let stopping = false;
  // A portal that dies under the tests is the first thing to tell.
  child.once('exit', (code, signal) => {
    if (!stopping)
      console.log(`# the portal died during the tests: ${signal ? 'signal ' + signal : 'exit status ' + code}`);
  });
  return {
    url, child, logPath, db, sandbox, smtp, maildir: path.join(dir, 'mail'),
    async stop() {
      stopping = true;
      const code = await stopChild(child, log);
      await sandbox.stop();
      await smtp.stop();
      return code;
    },
  };
}

// ---------------------------------------------------------------------------- browser

async function launchChromium(dir) {
  const { chromium } = require('playwright-core');
  const profile = fs.mkdtempSync(path.join(dir, 'chromium-profile-'));
  // Exactly these switches, and none of Playwright's defaults: the browser is Debian's,
  // it never calls home, never updates, and starts from an empty profile.
  return chromium.launch({
    executablePath: CHROMIUM,
    ignoreDefaultArgs: true,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      `--user-data-dir=${profile}`,
      '--remote-debugging-pipe', // how Playwright talks to it
    ],
    timeout: 60000,
  });
}

// What went wrong in the browser itself, on any page: script errors, CSP violations,
// resources that failed. Failures the test causes on purpose are listed in `expected`.
const browserProblems = [];
const expectedFailures = new Set();
const browserNotes = new Set();

function watch(page) {
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  page.on('pageerror', (error) => browserProblems.push(`script error on ${page.url()}: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() !== 'error')
      return;
    const where = message.location()?.url || page.url();
    if (/Failed to load resource/.test(message.text()) && expectedFailures.has(where))
      return;
    if (/Failed to load resource/.test(message.text()) && new URL(where).pathname === '/favicon.ico') {
      // Browsers ask for it by themselves; the portal has none yet. Said, not failed.
      browserNotes.add(`${where} answers ${/status of (\d+)/.exec(message.text())?.[1] ?? 'an error'}`);
      return;
    }
    browserProblems.push(`console error on ${page.url()}: ${message.text()} (${where})`);
  });
  page.on('requestfailed', (request) => {
    const reason = request.failure()?.errorText || '';
    if (reason === 'net::ERR_ABORTED' && /\/pdf$/.test(request.url()))
      return; // a download: the navigation is aborted in favour of the file
    browserProblems.push(`request failed: ${request.url()} (${reason})`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400 && !expectedFailures.has(response.url()))
      browserProblems.push(`HTTP ${response.status()} for ${response.url()} (from ${page.url()})`);
  });
  return page;
}

async function newPage(browser) {
  const context = await browser.newContext({ viewport: WIDTHS[0], locale: 'fr-FR', acceptDownloads: true });
  context.setDefaultTimeout(STEP_TIMEOUT_MS);
  return watch(await context.newPage());
}

async function text(page) {
  return squash(await page.locator('body').innerText());
}

async function logIn(page, base, password = PASSWORD) {
  await page.goto(base + '/connexion');
  await page.getByLabel('Adresse électronique').fill(EMAIL);
  await page.getByLabel('Mot de passe').fill(password);
  await Promise.all([
    page.waitForURL((url) => url.pathname !== '/connexion'),
    page.getByRole('button', { name: 'Connexion' }).click(),
  ]);
}

async function wrongLogin(page) {
  await page.getByLabel('Adresse électronique').fill('personne@exemple.fr');
  await page.getByLabel('Mot de passe').fill('Pas-le-bon-1');
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().isNavigationRequest() && r.request().method() === 'POST'),
    page.getByRole('button', { name: 'Connexion' }).click(),
  ]);
  await page.waitForLoadState();
  return response;
}

// Ticks the first two invoices of "Payer en ligne" and asks to review them: the review
// page only shows what would be paid, it locks nothing (the confirmation does).
async function reviewTwoInvoices(page) {
  const boxes = page.locator('input[name="facture"]:not([disabled])');
  check(await boxes.count() >= 2, `only ${await boxes.count()} invoice(s) to tick`);
  await boxes.nth(0).check();
  await boxes.nth(1).check();
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().isNavigationRequest() && r.request().method() === 'POST'),
    page.getByRole('button', { name: 'Vérifier et payer' }).click(),
  ]);
  await page.waitForLoadState();
  return response;
}

// ------------------------------------------------------------------------ page checks

// Elements that stick out of the page on the right, outside a box that scrolls on purpose.
async function overflow(page) {
  return page.evaluate(() => {
    const root = document.documentElement;
    const width = root.clientWidth;
    if (root.scrollWidth <= width)
      return [];
    const describe = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
      [...el.classList].map((c) => '.' + c).join('');
    const out = [`page is ${root.scrollWidth} px wide for a ${width} px screen`];
    for (const el of document.body.querySelectorAll('*')) {
      const box = el.getBoundingClientRect();
      if (box.right > width + 0.5 && !el.parentElement.closest('.table-scroll'))
        out.push(`${describe(el)} ends at ${Math.round(box.right)} px: "${(el.textContent || '').trim().slice(0, 60)}"`);
      if (out.length > 8)
        break;
    }
    return out;
  });
}

let axeSource = null;

async function axe(page) {
  // The portal's CSP (script-src 'self') forbids an injected <script>; evaluating the
  // source through the DevTools protocol is not subject to it.
  axeSource ??= fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  if (!(await page.evaluate(() => typeof window.axe === 'object')))
    await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const results = await window.axe.run(document, { resultTypes: ['violations'] });
    return results.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.join(' '), html: n.html.slice(0, 160) })),
    }));
  });
}

async function shoot(page, name) {
  const files = [];
  const problems = [];
  const violations = [];
  for (const size of WIDTHS) {
    await page.setViewportSize(size);
    const file = path.join(ARTIFACTS, `${name}-${size.width}.png`);
    await page.screenshot({ path: file, fullPage: true });
    files.push(path.relative(ROOT, file));
    if (size.width < 600) {
      for (const line of await overflow(page))
        problems.push(`at ${size.width} px: ${line}`);
    }
    for (const v of await axe(page))
      violations.push({ ...v, width: size.width });
  }
  await page.setViewportSize(WIDTHS[0]);
  return { files, problems, violations };
}

// Opens every page of PAGES; returns the HTML as served, for vnu.
async function sweep(browser, base) {
  const served = [];
  const anonymous = await newPage(browser);
  const family = await newPage(browser);
  await logIn(family, base);
  check(new URL(family.url()).pathname === '/accueil', `login led to ${family.url()}`);

  const found = {
    async invoice(tab, pattern = /^\d{4}-\d\d-\d+$/) {
      const reply = await family.context().request.get(`${base}/factures?onglet=${tab}`);
      const numbers = [...(await reply.text()).matchAll(/<td[^>]*><a href="\/factures\/([^"]+)">/g)].map((m) => m[1]);
      const number = numbers.find((n) => pattern.test(n));
      check(number, `no invoice matching ${pattern} on the tab ${tab} (${numbers.join(', ')})`);
      return '/factures/' + number;
    },
  };

  for (const spec of PAGES) {
    const page = spec.login ? family : anonymous;
    const label = `page ${spec.name}`;
    let url = null;
    try {
      url = base + (typeof spec.path === 'function' ? await spec.path(found) : spec.path);
      const status = spec.status ?? 200;
      if (status >= 400 || spec.upcoming)
        expectedFailures.add(url);
      let response = await page.goto(url);
      if (spec.upcoming && response.status() === 404) {
        report(label, true, [], `${new URL(url).pathname} is not served yet`);
        report(`axe ${spec.name}`, true, [], 'page not served yet');
        served.push({ spec, skip: true });
        continue;
      }
      if (spec.upcoming)
        comment(`${new URL(url).pathname} is served now: drop its "upcoming" flag in PAGES`);
      if (spec.act)
        response = await spec.act(page);
      check(response.status() === status, `HTTP ${response.status()} for ${url}, expected ${status}`);
      if (spec.login)
        check(new URL(page.url()).pathname !== '/connexion', `${url} sent the family back to /connexion`);
      const html = await response.text();
      served.push({ spec, html, url });
      if (spec.expect) {
        const shown = await text(page);
        check(shown.includes(spec.expect), `"${spec.expect}" is not on ${url}: ${shown.slice(0, 300)}`);
      }
      const { files, problems, violations } = await shoot(page, spec.name);
      report(label, problems.length === 0, [`${url} → ${files.join(', ')}`, ...problems]);
      report(`axe ${spec.name}`, violations.length === 0, violations.flatMap((v) => [
        `${v.id} (${v.impact}) at ${v.width} px: ${v.help}`,
        ...v.nodes.map((n) => `  ${n.target}: ${n.html}`),
      ]));
    } catch (error) {
      report(label, false, [url ?? spec.path, error.message]);
      report(`axe ${spec.name}`, false, ['not run: the page check above failed']);
      served.push({ spec, error: true });
    }
  }
  await anonymous.context().close();
  await family.context().close();
  return served;
}

// ------------------------------------------------------------------------------- vnu

function vnu(served, css, dir) {
  const htmlDir = fs.mkdtempSync(path.join(dir, 'html-'));
  const files = [];
  for (const page of served) {
    if (page.html === undefined)
      continue;
    page.file = path.join(htmlDir, page.spec.name + '.html');
    fs.writeFileSync(page.file, page.html);
    files.push(page.file);
  }
  const cssFile = path.join(htmlDir, 'portal.css');
  fs.writeFileSync(cssFile, css);
  const jar = require.resolve('vnu-jar/build/dist/vnu.jar');
  const java = process.env.JAVA || 'java';
  const run = spawnSync(java, ['-jar', jar, '--format', 'json', '--stdout', '--also-check-css', ...files, cssFile],
                        { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 180000 });
  if (run.error || !run.stdout)
    throw new Error(`vnu did not run: ${run.error?.message ?? ''} ${run.stderr ?? ''}`);
  fs.writeFileSync(path.join(ARTIFACTS, 'vnu.json'), run.stdout);
  const byFile = new Map();
  for (const message of JSON.parse(run.stdout).messages) {
    const file = message.url ? decodeURIComponent(new URL(message.url).pathname) : '?';
    if (!byFile.has(file))
      byFile.set(file, []);
    byFile.get(file).push(message);
  }
  const describe = (m) => `line ${m.lastLine ?? '?'}: ${m.message}` +
    (m.extract ? ` — ${squash(m.extract).slice(0, 120)}` : '');
  const judge = (file) => {
    const messages = byFile.get(file) ?? [];
    return {
      errors: messages.filter((m) => m.type === 'error' || m.type === 'non-document-error').map(describe),
      warnings: messages.filter((m) => m.type === 'info' && m.subType === 'warning').map(describe),
    };
  };
  return { judge, cssFile };
}

// --------------------------------------------------------------------------- journey

// A family's visit, step by step. A step that fails leaves the next ones unrun.
// The newest e-mail to @to in the portal's maildir whose subject has @subject, within 20 s.
async function waitForMail(maildir, to, subject) {
  const deadline = Date.now() + 20000;
  for (;;) {
    const folder = path.join(maildir, 'new');
    const files = fs.existsSync(folder) ? fs.readdirSync(folder).map((f) => path.join(folder, f)) : [];
    const found = files.map((f) => fs.readFileSync(f, 'utf8'))
      .filter((m) => m.includes(`To: ${to}`) && decodeSubject(m).includes(subject));
    if (found.length > 0)
      return found[found.length - 1];
    if (Date.now() > deadline)
      throw new Error(`no e-mail "${subject}" to ${to} after 20 s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

// The Subject header, RFC 2047 words decoded, folded lines joined.
function decodeSubject(mail) {
  const match = /^Subject: (.*(?:\r?\n[ \t].*)*)/m.exec(mail);
  if (!match)
    return '';
  return match[1].replace(/\r?\n[ \t]/g, ' ').replace(/=\?UTF-8\?B\?([^?]+)\?=\s*/gi,
    (_, b64) => Buffer.from(b64, 'base64').toString('utf8'));
}

// The link with a token in a mail's text part (quoted-printable soft breaks undone).
function linkIn(mail) {
  const text = mail.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
  const match = /https?:\/\/\S+jeton=[A-Za-z0-9_-]+/.exec(text);
  if (!match)
    throw new Error('no link in the e-mail');
  return match[0];
}

// A mail's body (after its headers), quoted-printable undone, as UTF-8 text.
function mailText(mail) {
  const body = mail.slice(mail.search(/\r?\n\r?\n/)).replace(/=\r?\n/g, '');
  const bytes = [];
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(body.slice(i + 1, i + 3))) {
      bytes.push(parseInt(body.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(body[i], 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

// "1 234,56 €" (squashed) ⇄ 123456 cents.
function cents(text) {
  const match = /^(\d{1,3}(?: \d{3})*),(\d\d) €$/.exec(squash(text));
  check(match, `"${text}" is not an amount`);
  return Number(match[1].replace(/ /g, '')) * 100 + Number(match[2]);
}

function euros(amount) {
  const units = String(Math.floor(amount / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  return `${units},${String(amount % 100).padStart(2, '0')} €`;
}

function journey(browser, portal) {
  const base = portal?.url;
  const maildir = portal?.maildir;
  let page;
  const state = {};
  const bodyText = () => text(page);
  const path_ = () => new URL(page.url()).pathname;

  // "Confirmer et payer" on the review page: PayFiP's page, in this very tab.
  const confirmAndReachPayfip = async () => {
    const payfip = portal.sandbox.url + '/tpa/paiementws.web?idop=';
    const tabs = page.context().pages().length;
    await page.getByRole('button', { name: /^Confirmer et payer/ }).click();
    try {
      await page.waitForURL((url) => url.href.startsWith(payfip));
    } catch {
      throw new CheckError(`still on ${page.url()} after "Confirmer et payer"` +
                           (browserProblems.length ? `; the browser said: ${browserProblems.slice(-3).join(' | ')}` : ''));
    }
    check(state.otherPages.length === 0 && page.context().pages().length === tabs,
          `PayFiP opened elsewhere: ${state.otherPages.map((p) => p.url()).join(', ')}`);
    check(await page.getByRole('heading', { level: 1 }).count() === 1, 'PayFiP\'s page has no title');
  };
  // PayFiP sends the browser back to the portal's /paiement/retour?idop=….
  const backOnPortal = async () => {
    try {
      await page.waitForURL((url) => url.href.startsWith(base + '/paiement/retour?idop='));
    } catch {
      throw new CheckError(`not back on the portal but on ${page.url()}` +
                           (browserProblems.length ? `; the browser said: ${browserProblems.slice(-3).join(' | ')}` : ''));
    }
  };
  const noAxeViolation = async () => {
    const violations = await axe(page);
    check(violations.length === 0, `axe on ${page.url()}: ` + violations.map((v) =>
      `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target).join(', ')}`).join('; '));
  };

  return [
    ['journey: Sophie Bernard asks for her account\'s activation', async () => {
      page = await newPage(browser);
      await page.goto(base + '/connexion');
      await page.getByRole('link', { name: 'J’active mon compte' }).click();
      await page.waitForURL('**/activation');
      await page.getByLabel('Adresse électronique').fill('sophie.bernard@exemple.fr');
      await page.getByRole('button', { name: 'Envoyer le lien' }).click();
      await page.waitForLoadState();
      check((await bodyText()).includes('Si cette adresse est connue du service'), 'no confirmation');
    }],
    ['journey: the e-mail\'s link lets her choose a password, and she logs in', async () => {
      const mail = await waitForMail(maildir, 'sophie.bernard@exemple.fr', 'Accès au portail');
      const link = linkIn(mail);
      check(link.startsWith(base + '/activation/lien?jeton='), `the link is ${link}`);
      await page.goto(link);
      check((await bodyText()).includes('au moins 8 caractères'), 'the rule is not shown before typing');
      await page.getByLabel('Nouveau mot de passe').fill('Printemps-2027!');
      await page.getByLabel('Confirmation du mot de passe').fill('Printemps-2027!');
      await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
      await page.waitForURL('**/connexion?message=mot-de-passe');
      await page.getByLabel('Adresse électronique').fill('sophie.bernard@exemple.fr');
      await page.getByLabel('Mot de passe').fill('Printemps-2027!');
      await page.getByRole('button', { name: 'Connexion' }).click();
      await page.waitForURL('**/accueil');
      check((await bodyText()).includes('Bonjour'), 'no "Bonjour" after activation');
      await page.screenshot({ path: path.join(ARTIFACTS, 'journey-activation-accueil-1280.png'), fullPage: true });
      await page.context().close();
    }],
    ['journey: / leads to the login page', async () => {
      page = await newPage(browser);
      await page.goto(base + '/');
      check(path_() === '/connexion', `/ led to ${page.url()}`);
      check(await page.getByRole('heading', { level: 1 }).innerText() === 'Le portail des familles', 'no title');
    }],
    ['journey: Marie Dupont logs in and is greeted on the home page', async () => {
      await page.getByLabel('Adresse électronique').fill(EMAIL);
      await page.getByLabel('Mot de passe').fill(PASSWORD);
      await page.getByRole('button', { name: 'Connexion' }).click();
      await page.waitForURL('**/accueil');
      const heading = squash(await page.getByRole('heading', { level: 1 }).innerText());
      check(heading.startsWith('Bonjour') && heading.includes('DUPONT'), `the heading says "${heading}"`);
    }],
    ['journey: the home page highlights the announcement', async () => {
      const box = page.locator('section.announcement');
      check(await box.count() === 1, 'no announcement on the home page');
      check(await box.isVisible(), 'the announcement is hidden');
      state.announcement = squash(await box.getByRole('heading').innerText());
      check(state.announcement.length > 0, 'the announcement has no title');
      const [own, body] = await Promise.all([
        box.evaluate((el) => getComputedStyle(el).backgroundColor),
        page.evaluate(() => getComputedStyle(document.body).backgroundColor),
      ]);
      check(own !== body && own !== 'rgba(0, 0, 0, 0)', `the announcement is not set apart (${own} on ${body})`);
      check(await box.getByRole('button', { name: 'Fermer' }).isVisible(), 'no "Fermer" button');
    }],
    ['journey: "Fermer" hides the announcement, also after a reload', async () => {
      await page.locator('section.announcement').getByRole('button', { name: 'Fermer' }).click();
      await page.waitForURL('**/accueil');
      check(await page.locator('section.announcement').count() === 0, 'the announcement is still there');
      check(!(await bodyText()).includes(state.announcement), `"${state.announcement}" is still shown`);
      await page.reload();
      check(!(await bodyText()).includes(state.announcement), `"${state.announcement}" is back after a reload`);
      await page.screenshot({ path: path.join(ARTIFACTS, 'journey-accueil-annonce-fermee-1280.png'), fullPage: true });
    }],
    ['journey: "Mes factures" has three tabs, each listing invoices', async () => {
      await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Mes factures' }).click();
      await page.waitForURL('**/factures');
      check(await page.getByRole('heading', { level: 1 }).innerText() === 'Mes factures', 'no "Mes factures" heading');
      const tabs = page.getByRole('navigation', { name: 'États des factures' }).getByRole('link');
      const labels = (await tabs.allInnerTexts()).map(squash);
      check(JSON.stringify(labels) === JSON.stringify(['Non réglées', 'Réglées', 'En trésorerie']),
            `the tabs are ${JSON.stringify(labels)}`);
      check(await tabs.nth(0).getAttribute('aria-current') === 'page', 'the first tab is not the current one');
      for (const [i, label] of labels.entries()) {
        await tabs.nth(i).click();
        await page.waitForLoadState();
        check(await tabs.nth(i).getAttribute('aria-current') === 'page', `"${label}" is not marked current`);
        const rows = await page.locator('table tbody tr').count();
        check(rows > 0, `no invoice on the tab "${label}"`);
        check(squash(await page.locator('table caption').innerText()) === label, `the table of "${label}" is misnamed`);
      }
      check((await bodyText()).includes('avis de sommes à payer'), 'the treasury tab does not explain itself');
    }],
    ['journey: the first unpaid invoice shows its number and what is left to pay', async () => {
      await page.getByRole('navigation', { name: 'États des factures' }).getByRole('link', { name: 'Non réglées' }).click();
      await page.waitForLoadState();
      const link = page.locator('table tbody tr').first().getByRole('link');
      state.number = squash(await link.innerText());
      check(/^\d{4}-\d{2}-\d{6}$/.test(state.number), `odd invoice number "${state.number}"`);
      await link.click();
      await page.waitForURL(`**/factures/${state.number}`);
      const heading = squash(await page.getByRole('heading', { level: 1 }).innerText());
      check(heading === `Facture ${state.number}`, `the heading says "${heading}"`);
      const remaining = squash(await page.locator('dt:text-is("Reste à payer") + dd').innerText());
      check(/^\d{1,3}( \d{3})*,\d\d €$/.test(remaining), `"Reste à payer" is "${remaining}"`);
      check(remaining !== '0,00 €', 'an unpaid invoice has nothing left to pay');
    }],
    ['journey: "Télécharger le PDF" downloads the invoice as a PDF', async () => {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: 'Télécharger le PDF' }).click(),
      ]);
      const name = download.suggestedFilename();
      check(name.includes(state.number) && name.endsWith('.pdf'), `the file is called "${name}"`);
      const file = await download.path();
      check(file, `the download failed: ${await download.failure()}`);
      const head = fs.readFileSync(file).subarray(0, 5).toString('latin1');
      check(head === '%PDF-', `the file starts with ${JSON.stringify(head)}`);
      fs.copyFileSync(file, path.join(ARTIFACTS, name));
    }],
    ['journey: "Déconnexion" leads back to the login page, which says so', async () => {
      await page.getByRole('button', { name: 'Déconnexion' }).click();
      await page.waitForURL('**/connexion?message=deconnecte');
      check((await page.getByRole('status').innerText()).includes('Vous êtes déconnecté'), 'no "Vous êtes déconnecté"');
      await page.goto(base + '/accueil');
      check(path_() === '/connexion', `after logging out /accueil shows ${page.url()}`);
    }],
    ['journey: Marie Dupont logs in again', async () => {
      await logIn(page, base);
      check(path_() === '/accueil', `login led to ${page.url()}`);
      check((await bodyText()).includes('Bonjour'), 'no "Bonjour"');
    }],
    ['journey: "Mes informations" changes the password', async () => {
      await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Mes informations' }).click();
      await page.waitForURL('**/mes-informations');
      await page.getByLabel('Mot de passe actuel').fill(PASSWORD);
      await page.getByLabel('Nouveau mot de passe', { exact: true }).fill('Automne-2027!');
      await page.getByLabel(/Confirmation/).fill('Automne-2027!');
      await page.getByRole('button', { name: /Changer le mot de passe/ }).click();
      await page.waitForLoadState();
      check((await bodyText()).includes('Votre mot de passe a été changé'), 'no confirmation of the change');
    }],
    ['journey: after logging out, the new password opens the account', async () => {
      await page.getByRole('button', { name: 'Déconnexion' }).click();
      await page.waitForURL('**/connexion?message=deconnecte');
      await page.getByLabel('Adresse électronique').fill(EMAIL);
      await page.getByLabel('Mot de passe').fill('Automne-2027!');
      await page.getByRole('button', { name: 'Connexion' }).click();
      await page.waitForURL('**/accueil');
      check((await bodyText()).includes('Bonjour'), 'the new password does not open the account');
    }],
    ['journey: every entry of the menu opens its page, marked as the current one', async () => {
      const menu = page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link');
      const labels = (await menu.allInnerTexts()).map(squash);
      check(labels.length >= 2, `the menu has ${JSON.stringify(labels)}`);
      for (const label of labels) {
        const [response] = await Promise.all([
          page.waitForNavigation(),
          page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: label, exact: true }).click(),
        ]);
        check(response.status() === 200, `"${label}" answers ${response.status()} (${page.url()})`);
        const current = page.getByRole('navigation', { name: 'Menu principal' }).locator('[aria-current="page"]');
        check(await current.count() === 1 && squash(await current.innerText()) === label,
              `after "${label}" the menu marks ${JSON.stringify(await current.allInnerTexts())}`);
        check(await page.getByRole('heading', { level: 1 }).count() === 1, `"${label}" has no single h1`);
      }
      await page.context().close();
    }],
    // Paying online, on the PayFiP sandbox. Marie Dupont's password is NEW_PASSWORD now.
    ['journey: payment: "Mes factures" → "Payer en ligne" lists the invoices to tick, nothing ticked', async () => {
      // From here on the town hall's e-mails go through a real SMTP relay (the portal
      // reads smtp_url at each run of its mail sender).
      setSetting(portal.db, 'smtp_url', portal.smtp.url);
      page = await newPage(browser);
      // Any page the payment opens besides this tab (a pop-up, a new tab).
      state.otherPages = [];
      page.context().on('page', (other) => state.otherPages.push(other));
      await logIn(page, base, NEW_PASSWORD);
      check(path_() === '/accueil', `login led to ${page.url()}`);
      await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Mes factures' }).click();
      await page.waitForURL('**/factures');
      await page.getByRole('link', { name: 'Payer en ligne' }).click();
      await page.waitForURL('**/factures/payer');
      check(await page.getByRole('heading', { level: 1 }).innerText() === 'Payer en ligne', 'no "Payer en ligne" heading');
      const boxes = page.locator('input[type="checkbox"][name="facture"]:not([disabled])');
      state.boxes = await boxes.count();
      check(state.boxes >= 3, `${state.boxes} invoice(s) to tick; the journey pays two and abandons a third`);
      check(await boxes.evaluateAll((all) => all.every((box) => !box.checked)), 'an invoice is ticked already');
      await page.waitForFunction(() => !document.getElementById('total').hidden);
      const live = squash(await page.locator('#total').innerText());
      check(live === 'Factures sélectionnées : 0 – Montant à régler : 0,00 €', `the live total says "${live}"`);
    }],
    ['journey: payment: ticking two invoices shows their count and total at once', async () => {
      const boxes = page.locator('input[type="checkbox"][name="facture"]:not([disabled])');
      state.paid = [];
      for (const i of [0, 1]) {
        const number = await boxes.nth(i).getAttribute('value');
        const label = page.locator(`label[for="f-${number}"]`);
        const amount = squash(await label.locator('strong').innerText());
        check(/^\d{1,3}( \d{3})*,\d\d €$/.test(amount), `the amount of ${number} in the list is "${amount}"`);
        await label.click(); // as a family does: on the text
        check(await boxes.nth(i).isChecked(), `clicking the label of ${number} did not tick it`);
        state.paid.push({ number, cents: cents(amount) });
      }
      state.totalCents = state.paid.reduce((sum, invoice) => sum + invoice.cents, 0);
      state.total = euros(state.totalCents);
      await page.waitForFunction(() => document.getElementById('count').textContent === '2', null,
                                 { timeout: 5000 }).catch(() => {});
      const live = squash(await page.locator('#total').innerText());
      check(live === `Factures sélectionnées : 2 – Montant à régler : ${state.total}`,
            `the live total says "${live}", the list adds up to ${state.total}`);
      await page.screenshot({ path: path.join(ARTIFACTS, 'journey-paiement-selection-1280.png'), fullPage: true });
    }],
    ['journey: payment: "Vérifier et payer" shows both invoices and the same total', async () => {
      await page.getByRole('button', { name: 'Vérifier et payer' }).click();
      await page.waitForURL('**/factures/payer/verifier');
      check(await page.getByRole('heading', { level: 1 }).innerText() === 'Vérifiez votre paiement', 'no review page');
      const field = async (term) => squash(await page.locator(`dt:text-is("${term}") + dd`).innerText());
      check(/^\d+$/.test(await field('Identifiant collectivité')),
            `"Identifiant collectivité" is "${await field('Identifiant collectivité')}"`);
      check(await field('Nombre de factures') === '2', `"Nombre de factures" is "${await field('Nombre de factures')}"`);
      check(await field('Montant du règlement') === state.total,
            `"Montant du règlement" is "${await field('Montant du règlement')}", not ${state.total}`);
      const references = await field('Références des factures');
      for (const { number } of state.paid)
        check(references.includes(number), `"Références des factures" is "${references}", without ${number}`);
      const button = squash(await page.getByRole('button', { name: /^Confirmer et payer/ }).innerText());
      check(button === `Confirmer et payer ${state.total}`, `the button says "${button}"`);
      await page.screenshot({ path: path.join(ARTIFACTS, 'journey-paiement-verification-1280.png'), fullPage: true });
    }],
    ['journey: payment: "Confirmer et payer" opens PayFiP\'s page in the same tab, no pop-up', async () => {
      await confirmAndReachPayfip();
      state.idop = new URL(page.url()).searchParams.get('idop');
      const shown = await bodyText();
      check(shown.includes(state.total), `PayFiP's page does not show ${state.total}: ${shown.slice(0, 300)}`);
      check(await page.getByRole('button', { name: 'Payer par carte bancaire' }).isVisible(),
            'no "Payer par carte bancaire" on PayFiP\'s page');
      await page.screenshot({ path: path.join(ARTIFACTS, 'journey-paiement-payfip-1280.png'), fullPage: true });
    }],
    ['journey: payment: paying by card brings her back to the portal, "Paiement enregistré"', async () => {
      await page.getByRole('button', { name: 'Payer par carte bancaire' }).click();
      await page.getByLabel('Numéro de carte').fill(ACCEPTING_CARD);
      await page.getByLabel('Mois').selectOption('12');
      const years = await page.getByLabel('Année').locator('option').allInnerTexts();
      await page.getByLabel('Année').selectOption(years[years.length - 1]);
      await page.getByLabel('Cryptogramme visuel').fill('123');
      await page.screenshot({ path: path.join(ARTIFACTS, 'journey-paiement-payfip-carte-1280.png'), fullPage: true });
      await page.getByRole('button', { name: 'Valider', exact: true }).click();
      await backOnPortal();
      const status = squash(await page.getByRole('status').innerText());
      check((await bodyText()).includes('Paiement enregistré'), `the portal says "${status}"`);
      await page.screenshot({ path: path.join(ARTIFACTS, 'journey-paiement-enregistre-1280.png'), fullPage: true });
      await noAxeViolation();
      const operation = await portal.sandbox.operation(state.idop);
      check(operation.state === 'paid' && operation.paid_amount === state.totalCents,
            `PayFiP's operation is ${operation.state}, ${operation.paid_amount} cents paid (${state.totalCents} expected)`);
    }],
    ['journey: payment: the "Réglées" tab lists both invoices', async () => {
      await page.getByRole('link', { name: 'Revenir à mes factures' }).click();
      await page.waitForURL('**/factures');
      const tabs = page.getByRole('navigation', { name: 'États des factures' });
      const listed = async () => (await page.locator('table tbody tr td a').allInnerTexts()).map(squash);
      const unpaid = await listed();
      await tabs.getByRole('link', { name: 'Réglées', exact: true }).click();
      await page.waitForURL('**/factures?onglet=reglees');
      const paid = await listed();
      for (const { number } of state.paid) {
        check(paid.includes(number), `${number} is not on the "Réglées" tab (${paid.join(', ')})`);
        check(!unpaid.includes(number), `${number} is still on the "Non réglées" tab`);
      }
    }],
    ['journey: payment: the receipt "Ticket de paiement" arrives through the SMTP relay, with the amount', async () => {
      const mail = await waitForMail(portal.smtp.maildir, EMAIL, 'Ticket de paiement');
      const body = squash(mailText(mail));
      check(body.includes(`Montant payé : ${state.total}`), `the receipt does not say "Montant payé : ${state.total}": ${body.slice(0, 400)}`);
      for (const { number } of state.paid)
        check(body.includes(number), `the receipt does not name ${number}`);
      const local = path.join(maildir, 'new');
      const strays = (fs.existsSync(local) ? fs.readdirSync(local) : [])
        .filter((f) => decodeSubject(fs.readFileSync(path.join(local, f), 'utf8')).includes('Ticket de paiement'));
      check(strays.length === 0, 'the receipt went to the maildir, not through the SMTP relay');
    }],
    ['journey: payment: "Annuler" on PayFiP\'s page brings her back to the portal, "Paiement abandonné"', async () => {
      await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Mes factures' }).click();
      await page.waitForURL('**/factures');
      await page.getByRole('link', { name: 'Payer en ligne' }).click();
      await page.waitForURL('**/factures/payer');
      const boxes = page.locator('input[type="checkbox"][name="facture"]:not([disabled])');
      check(await boxes.count() === state.boxes - 2, `${await boxes.count()} invoice(s) to tick after paying two of ${state.boxes}`);
      state.abandoned = await boxes.first().getAttribute('value');
      await boxes.first().check();
      await page.getByRole('button', { name: 'Vérifier et payer' }).click();
      await page.waitForURL('**/factures/payer/verifier');
      await confirmAndReachPayfip();
      const idop = new URL(page.url()).searchParams.get('idop');
      await page.getByRole('button', { name: 'Annuler' }).click();
      await backOnPortal();
      check(new URL(page.url()).searchParams.get('idop') === idop, `back on ${page.url()}, PayFiP's idop was ${idop}`);
      const shown = await bodyText();
      check(shown.includes('Paiement abandonné'), `the portal says: ${shown.slice(0, 300)}`);
      await page.screenshot({ path: path.join(ARTIFACTS, 'journey-paiement-abandonne-1280.png'), fullPage: true });
      await noAxeViolation();
      const operation = await portal.sandbox.operation(idop);
      check(operation.state === 'abandoned', `PayFiP's operation is ${operation.state}`);
    }],
    ['journey: payment: the abandoned invoice is payable again at once', async () => {
      await page.goto(`${base}/factures/${state.abandoned}`);
      const shown = await bodyText();
      check(!shown.includes('Un paiement est en cours'), `${state.abandoned} still says "Un paiement est en cours"`);
      const link = page.getByRole('link', { name: 'Payer cette facture en ligne' });
      check(await link.count() === 1, `${state.abandoned} has no "Payer cette facture en ligne" link`);
      await link.click();
      await page.waitForURL('**/factures/payer?facture=*');
      const box = page.locator(`input[name="facture"][value="${state.abandoned}"]`);
      check(await box.isChecked() && await box.isEnabled(), `${state.abandoned} is not ticked and free on "Payer en ligne"`);
      check(state.otherPages.length === 0, `the payments opened ${state.otherPages.length} other page(s)`);
      await page.context().close();
    }],
  ];
}

// ------------------------------------------------------------------------------ main

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gf-browser-'));
  fs.rmSync(ARTIFACTS, { recursive: true, force: true });
  fs.mkdirSync(ARTIFACTS, { recursive: true });

  const steps = journey(null, null).length;
  // Per page: the page itself (screenshots, overflow), axe, vnu; then the CSS, the
  // journey, and what the browser itself reported.
  console.log(`1..${PAGES.length * 3 + 1 + steps + 1}`);

  let portal = null;
  let browser = null;
  const killer = setTimeout(() => {
    console.log('Bail out! the browser tests took longer than ' + WHOLE_RUN_TIMEOUT_MS / 1000 + ' s');
    process.exit(1);
  }, WHOLE_RUN_TIMEOUT_MS);
  process.on('exit', () => {
    for (const child of children)
      child.kill('SIGKILL');
  });

  try {
    portal = await startPortal(dir);
    comment(`portal at ${portal.url}, PayFiP sandbox at ${portal.sandbox.url}, SMTP receiver at ` +
            `${portal.smtp.url}, files in ${dir}`);
    browser = await launchChromium(dir);
    comment(`Chromium ${browser.version()}, screenshots in ${path.relative(ROOT, ARTIFACTS)}/`);
  } catch (error) {
    console.log('Bail out! ' + error.message.split('\n')[0]);
    comment(error.stack);
    await browser?.close();
    await portal?.stop();
    process.exit(1);
  }

  // 1. Every page, before the journey (which closes the announcement).
  let served = [];
  try {
    served = await sweep(browser, portal.url);
  } catch (error) {
    comment(['the page sweep stopped: ' + error.message]);
  }

  // 2. vnu on every page as served, and on the style sheet.
  let judge = null;
  let cssFile = null;
  try {
    const css = await (await fetch(portal.url + '/static/portal.css')).text();
    ({ judge, cssFile } = vnu(served, css, dir));
  } catch (error) {
    comment(error.message);
  }
  for (const spec of PAGES) {
    const page = served.find((p) => p.spec === spec);
    if (page?.skip) {
      report(`html ${spec.name} (vnu)`, true, [], 'page not served yet');
    } else if (!page?.file || !judge) {
      report(`html ${spec.name} (vnu)`, false, [page?.file ? 'vnu did not run' : 'not checked: the page did not open']);
    } else {
      const { errors, warnings } = judge(page.file);
      report(`html ${spec.name} (vnu)`, errors.length === 0,
             [...errors.map((e) => 'error ' + e), ...warnings.map((w) => 'warning ' + w)]);
    }
  }
  if (judge) {
    const { errors, warnings } = judge(cssFile);
    report('css portal.css (vnu)', errors.length === 0,
           [...errors.map((e) => 'error ' + e), ...warnings.map((w) => 'warning ' + w)]);
  } else {
    report('css portal.css (vnu)', false, ['vnu did not run']);
  }

  // 3. The journey.
  let broken = null;
  for (const [name, run] of journey(browser, portal)) {
    if (broken) {
      report(name, false, [`not run: "${broken}" failed`]);
      continue;
    }
    try {
      await run();
      report(name, true);
    } catch (error) {
      broken = name;
      report(name, false, error instanceof CheckError ? [error.message] : [error.stack]);
    }
  }

  // 4. What the browser saw go wrong on any page.
  report('the browser saw no script error, CSP violation or failed request', browserProblems.length === 0,
         [...new Set(browserProblems)].slice(0, 20).concat([...browserNotes].map((n) => 'note: ' + n)));

  await browser.close();
  const code = await portal.stop();
  if (code !== 0)
    comment(`the portal exited with ${code}`);
  if (failures > 0) {
    comment([`${failures} failed; the portal's log is ${portal.logPath}:`,
             ...fs.readFileSync(portal.logPath, 'utf8').trimEnd().split('\n').slice(-25),
             `the PayFiP sandbox's log is ${portal.sandbox.logPath}:`,
             ...fs.readFileSync(portal.sandbox.logPath, 'utf8').trimEnd().split('\n').slice(-10),
             `the SMTP receiver's log is ${portal.smtp.logPath}`]);
  } else {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  clearTimeout(killer);
  process.exit(failures > 0 ? 1 : 0);
}

main().catch((error) => {
  console.log('Bail out! ' + error.message.split('\n')[0]);
  comment(error.stack);
  process.exit(1);
});
