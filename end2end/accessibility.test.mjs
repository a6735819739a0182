// End-to-end: no axe-core violation (WCAG 2.1 A and AA rules, the technical base of the RGAA) on the
// application's screens, logged out and as an administrator. axe runs through the DevTools protocol
// (page.evaluate), which the pages' Content-Security-Policy does not restrict.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, BASE_URL, loginAs, violations } from './support.mjs';

// The demo's CHRS Horizon and its groupe "Chambres familles" (fixed ids of server/src/demo.rs).
const CHRS_ID = '00000000-0000-0000-0000-000000350201';
const CHRS = `/offre/dispositifs/${CHRS_ID}`;
const GROUPE = '/offre/groupes/00000000-0000-0000-0000-000000350301';
let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });


test('the screens have no axe-core violation', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const found = [];
  for (const path of ['/', '/connexion', '/mot-de-passe/oublie', '/adresse-inconnue']) {
    found.push(...(await violations(page, path)));
  }
  await page.goto(BASE_URL + '/connexion');
  await page.fill('#champ-email', 'admin.national@demo.si-siao.fr');
  await page.fill('#champ-password', 'siao-demo-2026');
  await page.click('#form-connexion button[type=submit]');
  await page.locator('.fr-header__tools-links a[href="/compte"]').waitFor({ timeout: 15000 });
  await page.goto(BASE_URL + '/offre/entites');
  const entite = await page.locator('#table-entites a').first().getAttribute('href');
  await page.goto(BASE_URL + CHRS);
  const financement = await page.locator('#table-financements a').first().getAttribute('href');
  await page.goto(BASE_URL + '/utilisateurs');
  const compte = await page.locator('#table-utilisateurs a').first().getAttribute('href');
  for (const path of ['/', '/utilisateurs', '/utilisateurs/nouveau', compte, '/droits', '/journal', '/courriels',
    '/compte', '/compte/double-authentification', '/referentiels', '/referentiels/type_dispositif',
    '/referentiels/type_dispositif/hebergement.chrs', '/offre/entites', '/offre/entites/nouvelle', entite,
    '/offre/validation', '/offre/dispositifs', '/offre/dispositifs/nouveau', CHRS, `/offre/groupes/nouveau?dispositif=${CHRS_ID}`,
    GROUPE, financement, '/offre/capacites', '/offre/capacites?departement=35', '/offre/import']) {
    found.push(...(await violations(page, path)));
  }
  assert.deepEqual(found, []);
  await context.close();
});

test('the fiche ménage screens have no axe-core violation', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(BASE_URL + '/connexion');
  await page.fill('#champ-email', 'operateur.siao35@demo.si-siao.fr');
  await page.fill('#champ-password', 'siao-demo-2026');
  await page.click('#form-connexion button[type=submit]');
  await page.locator('.fr-header__tools-links a[href="/compte"]').waitFor({ timeout: 15000 });
  // The demo's first ménage (fixed id of server/src/demo.rs).
  const fiche = '/menages/00000000-0000-0000-0000-000000351000';
  const found = [];
  for (const path of ['/menages', '/menages?q=martin+sophie', '/menages/nouveau',
    '/menages/nouveau?nom=Martin&prenoms=Sophie&naissance=1990-03-02', fiche, `${fiche}?section=M%C3%A9nage`, `${fiche}?onglet=notes`,
    "/menages/00000000-0000-0000-0000-000000351001?onglet=notes"]) {
    found.push(...(await violations(page, path)));
  }
  assert.deepEqual(found, []);
  await context.close();
});

test('the duplicates screen has no axe-core violation', async () => {
  const { context, page } = await loginAs(browser, 'admin.siao35');
  assert.deepEqual(await violations(page, '/menages/doublons'), []);
  await context.close();
});
