// End-to-end: the Administrateur national registers a partner software, habilitates it on the CHRS and
// generates its secret (shown once); the software gets a token with it and reads a ménage admitted at the
// CHRS; the secret revoked, the token stops working. The Gestionnaire d'entité sees the partner; the API's
// documentation page loads its viewer from our own assets. No axe-core violation on the screens.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { launchBrowser, BASE_URL, SCREENSHOTS, loginAs as login, saveAndReload, hydrated, violations } from './support.mjs';

let browser;
before(async () => { browser = await launchBrowser(); mkdirSync(SCREENSHOTS, { recursive: true }); });
after(async () => { await browser?.close(); });
const loginAs = (local) => login(browser, local);

test('a partner is registered, habilitated, gets a secret, calls the API, and is revoked', async () => {
  const run = Date.now().toString(36);
  const { context, page } = await loginAs('admin.national');
  await page.goto(`${BASE_URL}/partenaires`);
  await hydrated(page);
  await page.fill('#partenaire-champ-nom', `Logiciel e2e ${run}`);
  await page.fill('#partenaire-champ-editeur', 'Éditeur e2e');
  await page.fill('#partenaire-champ-contact_nom', 'Claire Contact');
  await page.fill('#partenaire-champ-contact_courriel', 'claire@editeur.example');
  await page.fill('#partenaire-champ-siren', '123456782');
  await saveAndReload(page, '#form-partenaire button[type=submit]');
  assert.match(await page.locator('h1').textContent(), new RegExp(`Logiciel e2e ${run}`));
  // Habilitation on the CHRS only.
  await page.locator('label', { hasText: 'CHRS Horizon' }).click();
  await saveAndReload(page, '#form-habilitation button[type=submit]');
  assert.ok(await page.getByLabel('CHRS Horizon').isChecked());
  // The secret, shown once.
  await saveAndReload(page, 'button:has-text("Générer un secret")');
  const secret = (await page.locator('#secret-valeur').textContent()).trim();
  assert.match(secret, /^sk_[0-9a-f]{64}$/);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'partenaire-secret.png'), fullPage: true });
  const clientId = (await page.locator('dd').filter({ hasText: /^dui_/ }).first().textContent()).trim();
  await page.reload();
  assert.equal(await page.locator('#nouveau-secret').count(), 0, 'never shown twice');

  // The software: a token, then a ménage admitted at the CHRS (its clé read on the fiche by the TS).
  const api = context.request;
  let res = await api.post(`${BASE_URL}/api/v1/oauth/token`, {
    form: { grant_type: 'client_credentials', client_id: clientId, client_secret: secret },
  });
  assert.equal(res.status(), 200, await res.text());
  const token = (await res.json()).access_token;
  const ts = await loginAs('ts.chrs');
  await ts.page.goto(`${BASE_URL}/menages/00000000-0000-0000-0000-000000351008`);
  const cle = (await ts.page.locator('#cle-menage').textContent()).trim();
  await ts.context.close();
  const headers = { Authorization: `Bearer ${token}` };
  res = await api.get(`${BASE_URL}/api/v1/menages/${cle}`, { headers });
  assert.equal(res.status(), 200, await res.text());
  assert.equal((await res.json()).cle, cle);

  // Revoked: the token stops working at once.
  await saveAndReload(page, 'button:has-text("Révoquer")');
  assert.match(await page.locator('#table-secrets').innerText(), /Révoqué le/);
  res = await api.get(`${BASE_URL}/api/v1/menages/${cle}`, { headers });
  assert.equal(res.status(), 401);
  assert.equal((await res.json()).code, 'NON_AUTHENTIFIE');
  await context.close();

  // The Gestionnaire of the entité sees it, without the management buttons.
  const ge = await loginAs('gestionnaire.horizon');
  await ge.page.goto(`${BASE_URL}/partenaires`);
  await ge.page.click(`text=Logiciel e2e ${run}`);
  await ge.page.waitForLoadState('load');
  assert.equal(await ge.page.locator('button:has-text("Générer un secret")').count(), 0);
  await ge.context.close();
});

test('the API documentation page shows the contract with our own viewer', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const foreign = [];
  page.on('request', (r) => { if (!r.url().startsWith(BASE_URL)) foreign.push(r.url()); });
  await page.goto(`${BASE_URL}/api/v1/docs`);
  await page.locator('.swagger-ui .opblock').first().waitFor({ timeout: 15000 });
  assert.match(await page.locator('.swagger-ui').innerText(), /\/api\/v1\/menages\/\{cle\}/);
  assert.deepEqual(foreign, [], 'nothing from another origin');
  await page.screenshot({ path: path.join(SCREENSHOTS, 'api-docs.png') });
  await context.close();
});

test('the partner screens have no accessibility violation', async () => {
  const { context, page } = await loginAs('admin.national');
  const found = [];
  found.push(...await violations(page, '/partenaires'));
  const href = await page.locator('#table-partenaires a').first().getAttribute('href');
  found.push(...await violations(page, href));
  assert.deepEqual(found, []);
  await context.close();
});
