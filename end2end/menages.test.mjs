// End-to-end: the fiche ménage in Chromium. A Travailleur social checks for duplicates before creating
// (and is warned of a known person), creates a ménage, adds a child, fills the situation du ménage and
// reads the history; a stale save keeps the user's input and says what changed; the TS records the
// sensitive block, which the Écoutant 115 does not receive; the Écoutant finds the ménage with a typo.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { launchBrowser, hydrated, BASE_URL, SCREENSHOTS, loginAs as login, submit, saveAndReload, pdfText } from './support.mjs';


let browser;
before(async () => { browser = await launchBrowser(); mkdirSync(SCREENSHOTS, { recursive: true }); });
after(async () => { await browser?.close(); });
const loginAs = (local) => login(browser, local);

test('a TS is warned of a duplicate, creates a ménage of two persons, fills its situation and reads its history', async () => {
  const { context, page } = await loginAs('ts.chrs');
  await page.goto(BASE_URL + '/menages');
  await page.click('a[href="/menages/nouveau"]');
  // A known person: the demo holds Sophie MARTIN, born 02/03/1990, and a likely duplicate of her.
  await page.fill('#verif-nom', 'martin');
  await page.fill('#verif-prenoms', 'Sophie');
  await page.fill('#verif-naissance', '1990-03-02');
  await page.click('#form-verification button[type=submit]');
  const warning = page.locator('#doublons-possibles');
  await warning.waitFor();
  assert.match(await warning.textContent(), /Cette personne existe peut-être déjà/);
  assert.ok(await warning.locator('a').count() >= 2, 'both records of Sophie MARTIN are proposed');
  await page.screenshot({ path: path.join(SCREENSHOTS, 'menage-doublons.png'), fullPage: true });

  // Someone else: no warning, the form is prefilled with what was typed.
  // A birth date no other run used (a rerun on the same database must not find the previous one).
  const nom = 'Kerhervé';
  const born = new Date(Date.UTC(1950, 0, 1) + (Date.now() % (50 * 365)) * 86400000).toISOString().slice(0, 10);
  await page.fill('#verif-nom', nom);
  await page.fill('#verif-prenoms', 'Gwenaëlle');
  await page.fill('#verif-naissance', born);
  await page.click('#form-verification button[type=submit]');
  await page.locator('#form-menage').waitFor();
  assert.equal(await page.locator('#doublons-possibles').count(), 0);
  assert.equal(await page.inputValue('#champ-nom_naissance'), nom);
  await page.selectOption('#champ-sexe', 'FEMME');
  await page.fill('#champ-telephone', '06 12 34 56 78');
  await hydrated(page);
  await Promise.all([page.waitForURL(/\/menages\/[0-9a-f-]{36}\?cree=1/), page.click('#form-menage button[type=submit]')]);
  assert.match(await page.locator('#composition').textContent(), /Femme seule — 1 adulte\(s\) - 0 mineur\(s\)/);
  assert.match(await page.locator('#sauvegarde').textContent(), /Dernière mise à jour le .* par Théo Travailleur/);
  assert.match(await page.locator('#cle-menage').textContent(), /^M[0-9A-Z]{16}$/);
  await page.click('button:has-text("Copier la clé")');
  await page.locator('button:has-text("Copiée")').waitFor();

  // A child joins: a bad birth date first, shown next to its field, then the right one.
  await page.fill('#ajout-champ-nom_naissance', nom);
  await page.fill('#ajout-champ-prenoms', 'Maël');
  await page.fill('#ajout-champ-date_naissance', '2099-01-01');
  const refused = await submit(page, '#form-ajout-personne button[type=submit]');
  assert.equal(refused.status(), 422);
  await page.locator('#ajout-champ-date_naissance-message .fr-message--error').waitFor();
  assert.equal(await page.inputValue('#ajout-champ-prenoms'), 'Maël', 'what was typed stays');
  await page.fill('#ajout-champ-date_naissance', '2020-06-01');
  await saveAndReload(page, '#form-ajout-personne button[type=submit]');
  assert.match(await page.locator('#composition').textContent(), /Femme seule avec enfant\(s\) — 1 adulte\(s\) - 1 mineur\(s\)/);
  assert.equal(await page.locator('#table-personnes tbody tr').count(), 2);

  // The situation du ménage; the évaluation flash follows.
  const before = await page.locator('#evaluation-flash h2').textContent();
  await page.click('#onglet-situation');
  await page.selectOption('#champ-situation_logement', { label: 'À la rue' });
  await page.selectOption('#champ-motif_demande', { label: 'Dort dans la rue' });
  await page.fill('#champ-domiciliation', 'CCAS de Rennes');
  await saveAndReload(page, '#form-situation button[type=submit]');
  const after = await page.locator('#evaluation-flash h2').textContent();
  assert.notEqual(after, before);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'menage-fiche.png'), fullPage: true });

  // The history, filtered on the ménage's section.
  await page.click('#onglet-suivi');
  const history = await page.locator('#historique').textContent();
  assert.match(history, /Ajout d'une personne/);
  assert.match(history, /CCAS de Rennes/);
  await page.selectOption('#filtre-section', 'Ménage');
  await page.click('#panneau-suivi button[type=submit]');
  await page.locator('#panneau-suivi.fr-tabs__panel--selected').waitFor();
  assert.doesNotMatch(await page.locator('#historique').textContent(), /Gwenaëlle/);
  const fiche = page.url().split('?')[0];

  // Meanwhile the Écoutant 115 changed the domiciliation: the TS's save is refused, her input kept.
  const { context: ecoutantCtx, page: ecoutant } = await loginAs('ecoutant.115');
  await page.goto(fiche);
  await ecoutant.goto(fiche);
  await hydrated(ecoutant);
  await ecoutant.click('#onglet-situation');
  await ecoutant.fill('#champ-domiciliation', 'Emmaüs Rennes');
  await saveAndReload(ecoutant, '#form-situation button[type=submit]');
  await page.click('#onglet-situation');
  await page.fill('#champ-domiciliation', 'Secours populaire');
  const stale = await submit(page, '#form-situation button[type=submit]');
  assert.equal(stale.status(), 409);
  const alert = page.locator('#panneau-situation .fr-alert--error');
  await alert.waitFor();
  assert.match(await alert.textContent(), /Élise Écoutante.*« CCAS de Rennes » → « Emmaüs Rennes »/s);
  assert.equal(await page.inputValue('#champ-domiciliation'), 'Secours populaire');
  // Knowing it, she saves again: her value wins.
  await saveAndReload(page, '#form-situation button[type=submit]');
  await page.click('#onglet-situation');
  assert.equal(await page.inputValue('#champ-domiciliation'), 'Secours populaire');

  // The sensitive block: the TS records it; the Écoutant 115's fiche does not hold it at all.
  await page.click('#onglet-situation');
  await page.selectOption('#s1-champ-probleme_sante', 'oui');
  await page.click('label[for="s1-champ-sante_psychique"]');
  await page.fill('#s1-champ-justice_mesure', 'SPIP de Rennes');
  await saveAndReload(page, '#form-s1-sensible button[type=submit]');
  await page.click('#onglet-situation');
  assert.equal(await page.inputValue('#s1-champ-justice_mesure'), 'SPIP de Rennes');
  await ecoutant.goto(fiche);
  assert.equal(await ecoutant.locator('#situation-sensible').count(), 0);
  assert.doesNotMatch(await ecoutant.content(), /SPIP de Rennes/);

  // The Écoutant finds the ménage with a typo in the first name.
  await ecoutant.goto(`${BASE_URL}/menages?q=${encodeURIComponent(`${nom} Gwenaelle`.replace('Gwenaelle', 'Gwenaele'))}`);
  assert.match(await ecoutant.locator('#table-menages').textContent(), new RegExp(nom, 'i'));
  await ecoutantCtx.close();
  await context.close();
});

test("a TS records a person's situations and the budget; the reste à vivre follows", async () => {
  const { context, page } = await loginAs('ts.chrs');
  // The most recently updated of her ménages (the list shows them when nothing is searched).
  await page.goto(BASE_URL + '/menages');
  await Promise.all([page.waitForURL(/\/menages\/[0-9a-f-]{36}/), page.click('#table-menages tbody tr a')]);
  const fiche = page.url().split('?')[0];

  // Situations of the demandeur principal, in the Identité tab.
  await page.click('#onglet-identite');
  await page.selectOption('#p1-champ-droit_sejour', { index: 1 });
  await page.fill('#p1-champ-fin_droits', '2027-06-30');
  await page.fill('#p1-champ-employeur', 'Régie de quartier');
  await saveAndReload(page, '#form-p1-situations button[type=submit]');
  await page.click('#onglet-identite');
  assert.equal(await page.inputValue('#p1-champ-fin_droits'), '2027-06-30');
  assert.equal(await page.inputValue('#p1-champ-employeur'), 'Régie de quartier');

  // The budget: a bad amount is refused next to its field, then a water bill is added and removed.
  await page.click('#onglet-situation');
  const before = await page.locator('#budget dl').textContent();
  await page.selectOption('#budget-champ-personne_id', { index: 1 });
  await page.selectOption('#budget-champ-type', 'charge:40');
  await page.fill('#budget-champ-montant', 'beaucoup');
  const refused = await submit(page, '#form-budget button[type=submit]');
  assert.equal(refused.status(), 422);
  await page.locator('#budget-champ-montant-message .fr-message--error').waitFor();
  await page.fill('#budget-champ-montant', '25,50');
  await saveAndReload(page, '#form-budget button[type=submit]');
  await page.click('#onglet-situation');
  assert.match(await page.locator('#table-budget').textContent(), /Eau.*25,50/s);
  const after = await page.locator('#budget dl').textContent();
  assert.notEqual(after, before, 'the totals follow');
  await page.screenshot({ path: path.join(SCREENSHOTS, 'menage-budget.png'), fullPage: true });
  await saveAndReload(page, '#table-budget button:has-text("Retirer : Eau")');
  await page.click('#onglet-situation');
  assert.doesNotMatch(await page.locator('#table-budget').textContent(), /Eau/);
  assert.equal(await page.locator('#budget dl').textContent(), before);

  // "Télécharger la fiche": a PDF that opens and holds the names and the budget.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#form-telecharger button')]);
  const file = path.join(SCREENSHOTS, 'fiche-menage.pdf');
  await download.saveAs(file);
  const text = pdfText(file);
  const principal = (await page.locator('#table-personnes tbody tr td').first().textContent()).trim();
  assert.match(text, /CONFIDENTIEL/);
  assert.ok(text.includes(principal), `the PDF names ${principal}`);
  assert.match(text, /Reste à vivre par mois/);

  // The history says it, under the person.
  await page.goto(fiche);
  await page.click('#onglet-suivi');
  const history = await page.locator('#historique').textContent();
  assert.match(history, /Retrait : Charge Eau 25,50/);
  assert.match(history, /Fin des droits/);
  await context.close();
});

test('an Administrateur SIAO merges two duplicates, then undoes the merge; the pair is not proposed again', async () => {
  const { context, page } = await loginAs('admin.siao35');
  await page.goto(BASE_URL + '/menages');
  await page.click('a[href="/menages/doublons"]');
  const pair = page.locator('section[id^="paire-"]', { hasText: 'BENALLI' });
  await pair.waitFor();
  const i = (await pair.getAttribute('id')).replace('paire-', '');
  // Keep the fiche of BENALI Karim, with the name as typed in the other one.
  await page.click(`label[for="fusion-${i}-nom_naissance-b"]`);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'menage-doublons-fusion.png'), fullPage: true });
  await saveAndReload(page, `#form-fusion-${i} button[type=submit]`);
  const merges = page.locator('#table-fusions');
  assert.match(await merges.textContent(), /BENALLI Karim/);
  assert.equal(await page.locator('section[id^="paire-"]', { hasText: 'BENALLI' }).count(), 0);

  // Undo: the merge is marked undone and the pair does not come back.
  await saveAndReload(page, '#table-fusions button:has-text("Annuler la fusion de BENALLI Karim")');
  assert.match(await page.locator('#table-fusions').textContent(), /Annulée le/);
  assert.equal(await page.locator('section[id^="paire-"]', { hasText: 'BENALLI' }).count(), 0);
  await context.close();
});
