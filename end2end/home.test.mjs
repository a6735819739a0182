// End-to-end: the home page in headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { launchBrowser, BASE_URL, SCREENSHOTS } from './support.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

test('home page renders in the DSFR look and hydrates', async () => {
  const page = await browser.newPage();
  const errors = [];
  page.on('console', (msg) => { if (msg.type() === 'error') errors.push(msg.text()); });
  page.on('pageerror', (err) => errors.push(err.message));

  const response = await page.goto(BASE_URL + '/');
  assert.equal(response.status(), 200);
  assert.equal(await page.getAttribute('html', 'lang'), 'fr');
  assert.equal(await page.title(), 'Accueil - SI SIAO');
  await page.locator('header.fr-header .fr-header__service-title', { hasText: 'SI SIAO' }).waitFor();
  assert.equal(await page.locator('header.fr-header .fr-logo').count(), 1, 'Marianne block');
  assert.equal(await page.locator('footer.fr-footer').count(), 1);
  assert.equal(await page.locator('nav.fr-nav a.fr-nav__link', { hasText: 'Accueil' }).count(), 1);

  // The button is disabled in the server's HTML and enabled by the wasm once hydrated.
  const button = page.locator('#verifier-service');
  await button.click({ timeout: 15000 });
  await page.locator('#etat-service', { hasText: 'Service disponible' }).waitFor({ timeout: 10000 });

  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOTS}/home.png`, fullPage: true });
  assert.deepEqual(errors, [], 'no error in the browser console');
  await page.close();
});

test('without JavaScript the page is complete and its links work', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(BASE_URL + '/');
  assert.equal(await page.locator('header.fr-header').count(), 1);
  assert.ok(await page.locator('#verifier-service').isDisabled(), 'not hydrated: disabled');
  await page.locator('nav.fr-nav a.fr-nav__link', { hasText: 'Accueil' }).click();
  await page.waitForURL(BASE_URL + '/');
  assert.equal(await page.locator('h1', { hasText: 'SI SIAO' }).count(), 1);
  await context.close();
});

test('an unknown address gives the French 404 page', async () => {
  const page = await browser.newPage();
  const response = await page.goto(BASE_URL + '/adresse-inconnue');
  assert.equal(response.status(), 404);
  await page.locator('h1', { hasText: 'Page non trouvée' }).waitFor();
  await page.close();
});
