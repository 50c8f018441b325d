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
//   - no page logs a script error, breaks its CSP or fails to load a resource.
//
// Plain node, no test framework: prints TAP, exits 1 on any failure.
//
//   GUICHET_ADMIN=_build/shared/admin/guichet-admin \
//   GUICHET_PORTAIL=_build/web/guichet-portail node tests/browser/portal.test.mjs
//
// Needs: chromium, a Java runtime (vnu), and `npm ci --prefix tests/browser --ignore-scripts`
// (tests/setup.sh does both).

import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
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

async function startPortal(dir) {
  const admin = executable('GUICHET_ADMIN', '_build/shared/admin/guichet-admin');
  const portail = executable('GUICHET_PORTAIL', '_build/web/guichet-portail');
  const db = path.join(dir, 'demo.db');
  const demo = spawnSync(admin, ['demo', db, '--families', String(FAMILIES), '--today', TODAY],
                         { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
  if (demo.status !== 0)
    throw new Error(`guichet-admin demo failed (${demo.status}): ${demo.stderr}`);

  const logPath = path.join(dir, 'portal.log');
  const log = fs.openSync(logPath, 'w');
  const child = spawn(portail, ['--db', db, '--listen', '127.0.0.1:0', '--maildir', path.join(dir, 'mail')],
                      { stdio: ['ignore', 'pipe', log] });
  const url = await new Promise((resolve, reject) => {
    let first = '';
    const timer = setTimeout(() => reject(new Error('the portal did not say where it listens within 20 s')), 20000);
    const onData = (chunk) => {
      first += chunk.toString('utf8');
      const newline = first.indexOf('\n');
      if (newline < 0)
        return;
      clearTimeout(timer);
      child.stdout.off('data', onData);
      // Keep draining stdout (the access log) so that the portal never blocks on a full pipe.
      fs.writeSync(log, first);
      child.stdout.on('data', (more) => fs.writeSync(log, more));
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(first.slice(0, newline));
      match ? resolve(match[1]) : reject(new Error('the portal did not start: ' + first.slice(0, newline)));
    };
    child.stdout.on('data', onData);
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`the portal exited (${code})`)); });
  });
  child.removeAllListeners('exit');
  // A portal that dies under the tests is the first thing to tell.
  child.once('exit', (code, signal) => {
    if (!stopping)
      console.log(`# the portal died during the tests: ${signal ? 'signal ' + signal : 'exit status ' + code}`);
  });
  let stopping = false;
  return {
    url, child, logPath, maildir: path.join(dir, 'mail'),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) {
        fs.closeSync(log);
        return child.signalCode ?? child.exitCode;
      }
      stopping = true;
      const exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      const code = await Promise.race([exited, new Promise((resolve) => setTimeout(() => resolve('timeout'), 15000))]);
      if (code === 'timeout') {
        child.kill('SIGKILL');
        await exited;
      }
      fs.closeSync(log);
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

async function logIn(page, base) {
  await page.goto(base + '/connexion');
  await page.getByLabel('Adresse électronique').fill(EMAIL);
  await page.getByLabel('Mot de passe').fill(PASSWORD);
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

function journey(browser, base, maildir) {
  let page;
  const state = {};
  const bodyText = () => text(page);
  const path_ = () => new URL(page.url()).pathname;

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
  ];
}

// ------------------------------------------------------------------------------ main

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gf-browser-'));
  fs.rmSync(ARTIFACTS, { recursive: true, force: true });
  fs.mkdirSync(ARTIFACTS, { recursive: true });

  const steps = journey(null, null, null).length;
  // Per page: the page itself (screenshots, overflow), axe, vnu; then the CSS, the
  // journey, and what the browser itself reported.
  console.log(`1..${PAGES.length * 3 + 1 + steps + 1}`);

  let portal = null;
  let browser = null;
  const killer = setTimeout(() => {
    console.log('Bail out! the browser tests took longer than ' + WHOLE_RUN_TIMEOUT_MS / 1000 + ' s');
    portal?.child.kill('SIGKILL');
    process.exit(1);
  }, WHOLE_RUN_TIMEOUT_MS);
  process.on('exit', () => { if (portal && portal.child.exitCode === null) portal.child.kill('SIGKILL'); });

  try {
    portal = await startPortal(dir);
    comment(`portal at ${portal.url}, files in ${dir}`);
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
  for (const [name, run] of journey(browser, portal.url, portal.maildir)) {
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
             ...fs.readFileSync(portal.logPath, 'utf8').trimEnd().split('\n').slice(-25)]);
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
