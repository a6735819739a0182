// End-to-end: the pages work under their Content-Security-Policy (no violation reported by Chromium,
// the DSFR's scripts run, hydration works) and carry the security headers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { launchBrowser, BASE_URL, SCREENSHOTS } from './support.mjs';

let browser;
before(async () => { browser = await launchBrowser(); mkdirSync(SCREENSHOTS, { recursive: true }); });
after(async () => { await browser?.close(); });

test('no page breaks its Content-Security-Policy, and hydration still works', async () => {
  const context = await browser.newContext();
  const violations = [];
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window.__violations ??= []).push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  const page = await context.newPage();
  page.on('console', (msg) => {
    if (/Content Security Policy/i.test(msg.text())) violations.push(msg.text());
  });
  const visit = async (path) => {
    const res = await page.goto(BASE_URL + path);
    const csp = res.headers()['content-security-policy'] ?? '';
    assert.match(csp, /script-src 'self' 'nonce-[A-Za-z0-9+/=_-]+' 'wasm-unsafe-eval'/, path);
    assert.match(csp, /frame-ancestors 'none'/, path);
    assert.equal(res.headers()['x-frame-options'], 'DENY', path);
    assert.equal(res.headers()['x-content-type-options'], 'nosniff', path);
    await page.waitForLoadState('networkidle');
    violations.push(...(await page.evaluate(() => window.__violations ?? [])));
  };
  await visit('/connexion');
  await page.fill('#champ-email', 'admin.national@demo.si-siao.fr');
  await page.fill('#champ-password', 'siao-demo-2026');
  await page.click('#form-connexion button[type=submit]');
  await page.locator('.fr-header__tools-links a[href="/compte"]').waitFor({ timeout: 15000 });
  for (const path of ['/', '/utilisateurs', '/droits', '/journal', '/compte', '/compte/double-authentification',
    '/offre/capacites', '/offre/groupes/00000000-0000-0000-0000-000000350301', '/offre/import']) {
    await visit(path);
  }
  // Hydrated: choosing a profile shows the attachment field it needs (a reaction run by the wasm).
  await visit('/utilisateurs/nouveau');
  const departement = page.locator('#champ-departement_code');
  await page.selectOption('#champ-profil', 'admin_departemental');
  await departement.waitFor({ state: 'visible', timeout: 15000 });
  await page.selectOption('#champ-profil', 'admin_siao');
  await departement.waitFor({ state: 'hidden', timeout: 15000 });
  // The DSFR's own script ran (it marks the document once started).
  assert.equal(await page.evaluate(() => document.documentElement.hasAttribute('data-fr-js')), true);
  await page.screenshot({ path: `${SCREENSHOTS}/csp-nouveau-compte.png`, fullPage: true });
  assert.deepEqual(violations, []);
  await context.close();
});
