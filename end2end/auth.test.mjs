// End-to-end: login as different profiles, menus from the rights matrix, the 403 page, and the
// account creation flow (welcome mail read from the test SMTP server, password set in the browser).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { launchBrowser, hydrated, untilHydrated, BASE_URL, SCREENSHOTS } from './support.mjs';

const PASSWORD = 'siao-demo-2026';
const demo = (local) => `${local}@demo.si-siao.fr`;
let browser;
before(async () => { browser = await launchBrowser(); mkdirSync(SCREENSHOTS, { recursive: true }); });
after(async () => { await browser?.close(); });

async function loginAs(email, password = PASSWORD) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(BASE_URL + '/connexion');
  await page.fill('#champ-email', email);
  await page.fill('#champ-password', password);
  await page.click('#form-connexion button[type=submit]');
  await page.locator('.fr-header__tools-links a[href="/compte"]').waitFor({ timeout: 15000 });
  return { context, page };
}

async function menu(page) {
  return page.locator('#navigation-principale .fr-nav__link').allInnerTexts();
}

test('three profiles see three different menus', async () => {
  const expected = {
    'admin.national': [['Accueil', 'Offre', 'Utilisateurs', "Journal d'audit", 'Courriels sortants', 'Partenaires DUI', 'Référentiels', 'Matrice des droits'], 'National'],
    'gestionnaire.horizon': [['Accueil', 'Ménages', 'Offre', 'Utilisateurs', 'Partenaires DUI', 'Référentiels', 'Matrice des droits', 'Notifications'], 'Association Horizon'],
    'ecoutant.115': [['Accueil', 'Ménages', '115', 'Offre', 'Référentiels', 'Matrice des droits', 'Notifications'], "SIAO d'Ille-et-Vilaine"],
  };
  for (const [local, [items, perimetre]] of Object.entries(expected)) {
    const { context, page } = await loginAs(demo(local));
    assert.deepEqual(await menu(page), items, local);
    await page.locator('#mon-espace', { hasText: `Périmètre : ${perimetre}` }).waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}/menu-${local}.png` });
    await context.close();
  }
});

test('a forbidden address gives the 403 page', async () => {
  const { context, page } = await loginAs(demo('ecoutant.115'));
  const response = await page.goto(BASE_URL + '/journal');
  assert.equal(response.status(), 403);
  await page.locator('h1', { hasText: 'Accès refusé' }).waitFor();
  await context.close();
});

test('the rights matrix screen shows every profile', async () => {
  const { context, page } = await loginAs(demo('ts.chrs'));
  await page.goto(BASE_URL + '/droits');
  const headers = await page.locator('#matrice-droits thead th').allInnerTexts();
  assert.equal(headers.length, 11);
  assert.ok(headers.includes('Travailleur social'));
  assert.ok(await page.locator('#matrice-droits tbody tr').count() > 126);
  await context.close();
});

function lastMailTo(address) {
  const dir = process.env.MAIL_DIR;
  const files = readdirSync(dir).filter((f) => f.endsWith(`-${address}.eml`)).sort();
  assert.ok(files.length > 0, `no mail for ${address}`);
  return readFileSync(path.join(dir, files[files.length - 1]), 'utf8');
}

test('an administrator creates an account; its owner sets a password from the welcome mail', async () => {
  const email = `nouveau.${Date.now()}@demo.si-siao.fr`;
  const { context, page } = await loginAs(demo('admin.siao35'));
  await page.goto(BASE_URL + '/utilisateurs/nouveau');
  await page.fill('#champ-prenom', 'Nadia');
  await page.fill('#champ-nom', 'Nouvelle');
  await page.fill('#champ-email', email);
  await page.selectOption('#champ-profil', 'ecoutant_115');
  await page.selectOption('#champ-siao_id', { label: "SIAO d'Ille-et-Vilaine" });
  await page.click('#form-utilisateur button[type=submit]');
  await page.locator('text=Le compte est créé').waitFor({ timeout: 15000 });
  await page.screenshot({ path: `${SCREENSHOTS}/compte-cree.png`, fullPage: true });
  await context.close();

  let mail = '';
  for (let i = 0; i < 50 && !mail; i++) {
    try { mail = lastMailTo(email); } catch { await new Promise((r) => setTimeout(r, 100)); }
  }
  const unfolded = mail.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
  const token = unfolded.match(/jeton=([0-9a-f]{64})/)[1];
  const visitor = await browser.newContext();
  const page2 = await visitor.newPage();
  await page2.goto(`${BASE_URL}/mot-de-passe/definir?jeton=${token}`);
  await page2.fill('#champ-password', 'un long chemin vers la mer');
  await page2.fill('#champ-confirmation', 'un long chemin vers la mer');
  await page2.click('#form-mot-de-passe button[type=submit]');
  await page2.locator('text=Votre mot de passe est enregistré').waitFor({ timeout: 15000 });
  await visitor.close();

  const { context: c3, page: page3 } = await loginAs(email, 'un long chemin vers la mer');
  assert.deepEqual(await menu(page3), ['Accueil', 'Ménages', '115', 'Offre', 'Référentiels', 'Matrice des droits', 'Notifications']);
  await c3.close();

  // The welcome mail went through the outbox, which the Administrateur national follows.
  const { context: c4, page: page4 } = await loginAs(demo('admin.national'));
  await page4.goto(BASE_URL + '/courriels');
  const row = page4.locator('#table-courriels tr', { hasText: email });
  await row.waitFor({ timeout: 15000 });
  assert.match(await row.innerText(), /envoyé/i);
  await page4.screenshot({ path: `${SCREENSHOTS}/courriels-sortants.png`, fullPage: true });
  await c4.close();
});

test('an account is edited twice in a row in its form island: the version follows, the input stays on error', async () => {
  const { context, page } = await loginAs(demo('admin.ddets35'));
  await page.goto(BASE_URL + '/utilisateurs?q=admin.siao35');
  await page.locator('#table-utilisateurs a', { hasText: 'Administratrice' }).click();
  await page.locator('#form-utilisateur').waitFor();
  // Pages are plain server HTML; the form is an island. The entité field appears only for the
  // entité profiles: once it follows the profile select, the island is hydrated.
  const entite = page.locator('#champ-entite_id');
  assert.equal(await entite.isVisible(), false);
  await untilHydrated(page, () => page.selectOption('#champ-profil', 'gestionnaire_entite'), () => entite.isVisible());
  await page.selectOption('#champ-profil', 'admin_siao');
  await entite.waitFor({ state: 'hidden' });
  assert.ok((await page.content()).includes('<leptos-island'), 'the form is an island');

  for (const prenom of ['Sophie-Anne', 'Sophie']) {
    await page.fill('#champ-prenom', prenom);
    // Sent by the island (fetch), not as a page load: a stale version would answer 409.
    await hydrated(page);
    const [answer] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('/api/')),
      page.click('#form-utilisateur button[type=submit]'),
    ]);
    assert.equal(answer.status(), 200, `saving ${prenom}`);
    await page.locator('.fr-alert--success', { hasText: 'Modifications enregistrées' }).waitFor({ timeout: 15000 });
    assert.equal(await page.locator('.fr-alert--error').count(), 0, `no conflict on saving ${prenom}`);
  }

  // A field error (another account's address) comes back next to its field; what was typed stays.
  await page.fill('#champ-email', demo('admin.national'));
  await page.fill('#champ-nom', 'Nom gardé');
  await page.click('#form-utilisateur button[type=submit]');
  await page.locator('#champ-email-message .fr-message--error').waitFor({ timeout: 15000 });
  assert.equal(await page.inputValue('#champ-nom'), 'Nom gardé');
  assert.equal(await page.inputValue('#champ-email'), demo('admin.national'));
  await page.screenshot({ path: `${SCREENSHOTS}/compte-erreur.png`, fullPage: true });
  await context.close();
});
