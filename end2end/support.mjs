// Shared helpers of the end-to-end tests.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const BASE_URL = process.env.BASE_URL ?? 'http://localhost:3000';
export const SCREENSHOTS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'screenshots');

// Debian's Chromium (no browser download here), with the flags that keep it off the network.
// Playwright gives every launch a fresh, empty user data dir of its own.
export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
}

// Repeats `act` until `done()` holds (up to 15 s): an island reacts only once hydrated, and an event
// sent before that is lost (the page was plain HTML until then).
export async function untilHydrated(page, act, done) {
  for (let i = 0; i < 30; i++) {
    await act();
    if (await done()) return;
    await page.waitForTimeout(500);
  }
  throw new Error('the island did not react: not hydrated?');
}

// Waits until the page's form islands are hydrated (the body gets `data-hydrated`).
export async function hydrated(page) {
  await page.locator('body[data-hydrated]').waitFor({ state: 'attached', timeout: 15000 });
  if (page.missingIsland) throw new Error(page.missingIsland);
}

export const PASSWORD = 'siao-demo-2026';
export const demo = (local) => `${local}@demo.si-siao.fr`;

// A new browser context logged in as the demo account `local` (e.g. 'ts.chrs').
export async function loginAs(browser, local) {
  const context = await browser.newContext();
  const page = await context.newPage();
  // What the browser reports goes to the test's output: the first thing to read when a step times out.
  page.on('pageerror', (e) => console.error(`[${local}] page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') console.error(`[${local}] ${m.type()}: ${m.text()}`);
    // An island the server rendered but the wasm does not know is never hydrated: `hydrated` fails on it.
    if (m.text().includes('Could not find WASM function')) page.missingIsland = m.text();
  });
  page.on('requestfailed', (r) => console.error(`[${local}] request failed: ${r.method()} ${r.url()} ${r.failure()?.errorText}`));
  await page.goto(BASE_URL + '/connexion');
  await page.fill('#champ-email', demo(local));
  await page.fill('#champ-password', PASSWORD);
  await page.click('#form-connexion button[type=submit]');
  await page.locator('.fr-header__tools-links a[href="/compte"]').waitFor({ timeout: 15000 });
  return { context, page };
}

// Clicks a submit button of an island and waits for its server function's answer (once that very form
// is hydrated: islands come alive one after the other).
export async function submit(page, selector) {
  await hydrated(page);
  const form = page.locator(selector).locator('xpath=ancestor::form[1]');
  if (await form.getAttribute('data-island') === 'post-form') {
    await form.and(page.locator('form[data-hydrated]')).waitFor({ state: 'attached', timeout: 15000 });
  }
  const [answer] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('/api/')),
    page.click(selector),
  ]);
  return answer;
}

// Submits an island's form whose success reloads (or leaves) the page, and waits for the new page;
// a refusal fails at once with the server's answer instead of a bare timeout.
export async function saveAndReload(page, selector) {
  const loaded = page.waitForEvent('load').then(() => null, (e) => e);
  const answer = await submit(page, selector);
  if (!answer.ok()) throw new Error(`${selector}: ${answer.status()} ${await answer.text()}`);
  const failed = await loaded;
  if (failed) throw failed;
  await hydrated(page);
  return answer;
}

// The text of a PDF (pypdf in the project's .venv, installed by scripts/setup).
export function pdfText(file) {
  const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
  return execFileSync(path.join(root, '.venv/bin/python'), ['-c',
    'import sys, pypdf; print("\\n".join(p.extract_text() for p in pypdf.PdfReader(sys.argv[1]).pages))', file]).toString();
}

// Unfolds a `<details>` (a form behind "Compléter cette note", "Clore l'alerte"): set, not toggled, so that a
// click lost under load cannot leave it folded.
export async function unfold(details) {
  await details.evaluate((d) => { d.open = true; });
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

// The axe-core violations (WCAG 2.1 A and AA) of the page at `path`, each as one line.
export async function violations(page, path) {
  await page.goto(BASE_URL + path);
  await page.waitForLoadState('networkidle');
  // What folds (a form behind "Écrire une note", "Clore l'alerte") is checked unfolded.
  await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
  await page.evaluate(axeSource);
  const result = await page.evaluate(() =>
    window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }));
  return result.violations.map((v) => `${path}: ${v.id} (${v.impact}) ${v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')} ${n.html.slice(0, 120)}`).join(' | ')}`);
}
