// End-to-end: the Offre module in Chromium. An Administrateur SIAO creates an entité (a draft) and
// pre-validates it; the Administrateur départemental finds it in "À valider", sends it back with a
// reason; the SIAO corrects it and pre-validates again; the département validates. The history tab
// tells the story. Also the référentiels screen, the groupes de places and the Temps 1 import.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser, hydrated, untilHydrated, BASE_URL, SCREENSHOTS, loginAs as login, submit } from './support.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

let browser;
before(async () => { browser = await launchBrowser(); mkdirSync(SCREENSHOTS, { recursive: true }); });
after(async () => { await browser?.close(); });
const loginAs = (local) => login(browser, local);

// A valid SIREN (Luhn key) that no other run used.
function siren() {
  const base = String(10000000 + (Date.now() % 89999999)).slice(0, 8);
  for (let k = 0; k < 10; k++) {
    const s = base + k;
    const sum = [...s].reverse().map(Number)
      .map((d, i) => (i % 2 ? (d * 2 > 9 ? d * 2 - 9 : d * 2) : d)).reduce((a, b) => a + b, 0);
    if (sum % 10 === 0) return s;
  }
  throw new Error('no key');
}

test('an entité goes through the validation circuit, with a send-back, and its history shows it', async () => {
  const nom = `Association Escale ${Date.now()}`;
  const { context: siaoCtx, page: siao } = await loginAs('admin.siao35');
  await siao.goto(BASE_URL + '/offre/entites/nouvelle');
  await siao.fill('#champ-nom', nom);
  await siao.fill('#champ-siren', '123456789');
  await siao.selectOption('#champ-departement_code', '35');
  await siao.fill('#champ-telephone', '02.99.12.34.56');
  // The IDCC field appears with the type "Autre" once the form is hydrated.
  await untilHydrated(siao, () => siao.selectOption('#champ-convention_collective', 'autre'),
    () => siao.locator('#champ-idcc').isVisible());
  await siao.click('#form-entite button[type=submit]');
  // Wrong SIREN key and missing IDCC: both named, the input kept.
  await siao.locator('#champ-siren-message .fr-message--error').waitFor({ timeout: 15000 });
  assert.match(await siao.locator('#champ-idcc-message').innerText(), /IDCC est obligatoire/);
  assert.equal(await siao.inputValue('#champ-nom'), nom);
  await siao.fill('#champ-siren', siren());
  await siao.fill('#champ-idcc', '2941');
  await siao.click('#form-entite button[type=submit]');
  await siao.locator('text=L\'entité est créée').waitFor({ timeout: 15000 });
  assert.match(await siao.locator('h1').innerText(), /Association Escale/);
  assert.match(await siao.locator('main .fr-badge').first().innerText(), /Brouillon/i);
  assert.equal(await siao.inputValue('#champ-telephone'), '02 99 12 34 56', 'telephone normalised');
  const url = siao.url().split('?')[0];
  await submit(siao, '#form-circuit button[value=prevalider]');
  await siao.locator('.fr-badge', { hasText: 'Pré-validé' }).waitFor({ timeout: 15000 });

  const { context: ddetsCtx, page: ddets } = await loginAs('admin.ddets35');
  await ddets.goto(BASE_URL + '/offre/validation');
  await ddets.locator('#table-a-valider a', { hasText: nom }).click();
  await ddets.locator('#form-circuit').waitFor();
  // Sending back needs a reason.
  let answer = await submit(ddets, '#form-circuit button[value=renvoyer]');
  assert.equal(answer.status(), 422);
  await ddets.fill('#champ-motif', "L'adresse manque.");
  await submit(ddets, '#form-circuit button[value=renvoyer]');
  await ddets.locator('.fr-badge', { hasText: 'Renvoyé' }).waitFor({ timeout: 15000 });

  await siao.goto(url);
  await siao.locator('.fr-alert--warning', { hasText: "L'adresse manque." }).waitFor();
  await siao.fill('#champ-adresse', '12 rue de la Gare');
  await siao.fill('#champ-code_postal', '35000');
  await siao.fill('#champ-commune', 'Rennes');
  answer = await submit(siao, '#form-entite button[type=submit]');
  assert.equal(answer.status(), 200);
  await siao.reload();
  await submit(siao, '#form-circuit button[value=prevalider]');
  await siao.locator('.fr-badge', { hasText: 'Pré-validé' }).waitFor({ timeout: 15000 });

  await ddets.goto(url);
  await submit(ddets, '#form-circuit button[value=valider]');
  await ddets.locator('.fr-badge', { hasText: 'Validé' }).waitFor({ timeout: 15000 });
  await ddets.waitForLoadState('networkidle');
  await ddets.click('#onglet-historique');
  await ddets.locator('#historique').waitFor({ state: 'visible' });
  const history = await ddets.locator('#historique').textContent();
  for (const step of ['Création', 'Pré-valider', 'Renvoyer pour correction', 'Modification', 'Valider', '12 rue de la Gare', "L'adresse manque."]) {
    assert.ok(history.includes(step), `history shows ${step}: ${history}`);
  }
  await ddets.screenshot({ path: `${SCREENSHOTS}/entite-historique.png`, fullPage: true });

  // Once validated, the SIAO reads it but no longer edits it.
  await siao.goto(url);
  assert.equal(await siao.locator('#form-entite').count(), 0);
  await siaoCtx.close();
  await ddetsCtx.close();
});

test('a Gestionnaire d\'entité edits the contact fields of its entité only', async () => {
  const { context, page } = await loginAs('gestionnaire.horizon');
  await page.goto(BASE_URL + '/offre/entites');
  await page.locator('#table-entites a', { hasText: 'Association Horizon' }).click();
  await page.locator('#form-entite').waitFor();
  assert.ok(await page.locator('#champ-nom').isDisabled(), 'the name is not the gestionnaire\'s to change');
  await page.fill('#champ-courriel', 'accueil@horizon.example');
  const answer = await submit(page, '#form-entite button[type=submit]');
  assert.equal(answer.status(), 200);
  await page.locator('.fr-alert--success', { hasText: 'Modifications enregistrées' }).waitFor();
  await page.screenshot({ path: `${SCREENSHOTS}/entite-gestionnaire.png`, fullPage: true });
  await context.close();
});

test('everybody reads the référentiels; the nomenclature keeps its 2023 types, out of validity', async () => {
  const { context, page } = await loginAs('ts.chrs');
  await page.goto(BASE_URL + '/referentiels/type_dispositif');
  const row = page.locator('#table-valeurs tr', { hasText: 'CHRS mixte insertion-115' });
  assert.match(await row.innerText(), /Hors validité/);
  assert.equal(await page.locator('#form-ajout-valeur').count(), 0, 'only the national administrator adds codes');
  await context.close();
});

test('a SIAO creates a dispositif outside P177 and pre-validates it; the département validates it', async () => {
  const nom = `Halte de nuit ${Date.now()}`;
  const { context: siaoCtx, page: siao } = await loginAs('admin.siao35');
  await siao.goto(BASE_URL + '/offre/entites');
  await siao.locator('#table-entites a', { hasText: 'Le Relais Breton' }).click();
  // From the entité's "Dispositifs" tab (its link, without waiting for the tab's animation).
  const create = await siao.locator('#panneau-dispositifs a', { hasText: 'Créer un dispositif' }).getAttribute('href');
  await siao.goto(BASE_URL + create);
  await siao.locator('#form-dispositif').waitFor();
  await siao.fill('#champ-nom', nom);
  // The types follow the nature once the form is hydrated.
  await untilHydrated(siao, () => siao.selectOption('#champ-nature_code', 'veille_sociale'),
    async () => (await siao.locator('#champ-type_code option[value="veille_sociale.halte_de_nuit"]').count()) > 0);
  await siao.selectOption('#champ-type_code', 'veille_sociale.halte_de_nuit');
  await siao.click('label[for="champ-public-1"]');
  await siao.click('#form-dispositif button[type=submit]');
  await siao.locator('text=Le dispositif est créé').waitFor({ timeout: 15000 });
  const url = siao.url().split('?')[0];
  await submit(siao, '#form-circuit button[value=prevalider]');
  await siao.locator('.fr-badge', { hasText: 'Pré-validé' }).waitFor({ timeout: 15000 });
  await siao.screenshot({ path: `${SCREENSHOTS}/dispositif-prevalide.png`, fullPage: true });

  const { context: ddetsCtx, page: ddets } = await loginAs('admin.ddets35');
  await ddets.goto(BASE_URL + '/offre/validation');
  await ddets.locator('#table-dispositifs-a-valider a', { hasText: nom }).click();
  assert.equal(ddets.url(), url);
  await submit(ddets, '#form-circuit button[value=valider]');
  await ddets.locator('.fr-badge', { hasText: 'Validé' }).waitFor({ timeout: 15000 });
  await ddets.goto(BASE_URL + '/offre/dispositifs?q=' + encodeURIComponent(nom));
  assert.match(await ddets.locator('#table-dispositifs').innerText(), /Halte de nuit/);
  await siaoCtx.close();
  await ddetsCtx.close();
});

test('a Gestionnaire d\'entité creates an éphémère groupe de places and immobilises a place; the département sees the capacity', async () => {
  const nom = `Plan grand froid ${Date.now()}`;
  // The CHRS Horizon row of the capacity view: (financées, installées, occupées, immobilisées).
  const { context: ddetsCtx, page: ddets } = await loginAs('admin.ddets35');
  const capacity = async () => {
    await ddets.goto(BASE_URL + '/offre/capacites');
    const row = await ddets.locator('#table-capacites tr', { hasText: 'CHRS Horizon' }).innerText();
    return row.split('\t').slice(1, 5).map((c) => Number(c.trim()));
  };
  const [financees, installees, occupees, immobilisees] = await capacity();
  const { context: geCtx, page: ge } = await loginAs('gestionnaire.horizon');
  await ge.goto(BASE_URL + '/offre/dispositifs');
  await ge.locator('#table-dispositifs a', { hasText: 'CHRS Horizon' }).click();
  const create = await ge.locator('#panneau-groupes a', { hasText: 'Créer un groupe de places' }).getAttribute('href');
  await ge.goto(BASE_URL + create);
  await ge.locator('#form-groupe').waitFor();
  await ge.fill('#champ-nom', nom);
  await ge.selectOption('#champ-canal', 'urgence_115');
  await ge.fill('#champ-nombre_places', '3');
  // The dates appear for an éphémère groupe once the form is hydrated.
  await untilHydrated(ge, () => ge.click('label[for="champ-ephemere"]'), () => ge.locator('#champ-date_debut').isVisible());
  const day = (offset) => new Date(Date.now() + offset * 86400000).toISOString().slice(0, 10);
  await ge.fill('#champ-date_debut', day(0));
  await ge.fill('#champ-date_fin', day(30));
  await ge.click('#form-groupe button[type=submit]');
  await ge.locator('text=Le groupe de places est créé').waitFor({ timeout: 15000 });
  assert.match(await ge.locator('#compte-places').innerText(), /3 place\(s\) : 3 libre\(s\)/);

  await untilHydrated(ge, () => ge.click('button:has-text("Immobiliser la place 3")'),
    () => ge.locator('#form-immobilisation').isVisible());
  await ge.selectOption('#champ-motif', 'travaux');
  await Promise.all([ge.waitForNavigation(), ge.click('#form-immobilisation button[type=submit]')]);
  assert.match(await ge.locator('#compte-places').innerText(), /2 libre\(s\), 0 occupée\(s\), 1 immobilisée\(s\)/);
  assert.match(await ge.locator('#table-places tbody tr').nth(2).innerText(), /Immobilisée[\s\S]*Travaux/i);
  assert.match(await ge.locator('#panneau-historique').textContent(), /Immobilisation de la place 3/);
  await ge.screenshot({ path: `${SCREENSHOTS}/groupe-place-immobilisee.png`, fullPage: true });
  await geCtx.close();

  // The éphémère groupe's 3 places are installed during its period, one of them immobilised.
  assert.deepEqual(await capacity(), [financees, installees + 3, occupees, immobilisees + 1]);
  await ddets.screenshot({ path: `${SCREENSHOTS}/capacites.png`, fullPage: true });
  await ddetsCtx.close();
});

// The Temps 1 file of the import test: two entités, a dispositif each, a financement.
function temps1(suffix, { badSiren = false, badType = false } = {}) {
  return {
    'Entités': [
      [`Escale ${suffix}`, badSiren ? '732829321' : '732829320', '02 99 00 00 00'],
      [`Phare ${suffix}`, '552100554'],
    ],
    'Dispositifs': [
      [`Escale ${suffix}`, 'CHRS Escale', 'Hébergement', 'CHRS', 'Oui', 'Familles; Hommes seuls'],
      [`Phare ${suffix}`, 'Maraude du Phare', 'Veille sociale', badType ? 'CHRS' : 'Maraude', 'Non'],
    ],
    'Financement': [[`Escale ${suffix}`, 'CHRS Escale', 'BOP 177 (État)', '2026', '20', '125000']],
  };
}

test('an Administrateur départemental imports a Temps 1 file: template, a file with two errors, the corrected file', async () => {
  const { context, page } = await loginAs('admin.ddets35');
  await page.goto(BASE_URL + '/offre/import');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.click('button:has-text("Télécharger le modèle")'),
  ]);
  const dir = mkdtempSync(path.join(tmpdir(), 'temps1-'));
  const template = path.join(dir, 'modele.xlsx');
  await download.saveAs(template);
  const fill = (name, rows) => {
    const out = path.join(dir, name);
    execFileSync(path.join(ROOT, '.venv/bin/python'), [path.join(ROOT, 'end2end/fill_template.py'), template, out],
      { input: JSON.stringify(rows) });
    return out;
  };
  const suffix = String(Date.now()).slice(-6);
  const send = async (file, button) => {
    await hydrated(page);
    await page.setInputFiles('#champ-fichier', file);
    await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/offre/import/fichier')),
      page.click(`#form-import button:has-text("${button}")`),
    ]);
    await page.locator('#rapport-import').waitFor({ timeout: 15000 });
  };

  await send(fill('faux.xlsx', temps1(suffix, { badSiren: true, badType: true })), 'Vérifier le fichier');
  const errors = await page.locator('#table-erreurs tbody tr').allInnerTexts();
  assert.equal(errors.length, 2, errors.join('\n'));
  assert.match(errors[0], /Entités\s+2\s+B \(Code SIREN\*\)/);
  assert.match(errors[1], /Dispositifs\s+3\s+D \(Type\*\)\s+Ce type n'appartient pas à la nature choisie/);
  await page.screenshot({ path: `${SCREENSHOTS}/import-erreurs.png`, fullPage: true });

  const good = fill('temps1.xlsx', temps1(suffix));
  await send(good, 'Vérifier le fichier');
  assert.match(await page.locator('#rapport-import').innerText(), /ne contient pas d'erreur[\s\S]*2 entité\(s\), 2 dispositif\(s\), 1 financement/);
  await send(good, 'Importer');
  assert.match(await page.locator('#rapport-import').innerText(), /est importé/);
  await page.click('#rapport-import a');
  await page.goto(BASE_URL + '/offre/entites?q=' + encodeURIComponent(`Escale ${suffix}`));
  assert.match(await page.locator('#table-entites').innerText(), new RegExp(`Escale ${suffix}`));
  await page.goto(BASE_URL + '/offre/import');
  assert.match(await page.locator('#table-imports').innerText(), /temps1\.xlsx/);
  await context.close();
});

test('the département deactivates a dispositif and activates it again (one button island for every such action)', async () => {
  const { context, page } = await loginAs('admin.ddets35');
  await page.goto(BASE_URL + '/offre/dispositifs?q=Maraude%20Horizon');
  await page.locator('#table-dispositifs a', { hasText: 'Maraude Horizon' }).click();
  // The page comes back on the tab of the button.
  const url = `${page.url()}?onglet=informations`;
  await hydrated(page);
  await Promise.all([page.waitForURL(url), page.click('button:has-text("Désactiver le dispositif")')]);
  await page.locator('.siao-badges .fr-badge', { hasText: 'Désactivé' }).waitFor({ timeout: 15000 });
  await hydrated(page);
  await Promise.all([page.waitForEvent('load'), page.click('button:has-text("Réactiver le dispositif")')]);
  assert.equal(await page.locator('.siao-badges .fr-badge', { hasText: 'Désactivé' }).count(), 0);
  // An occupied dispositif stays open: the error shows in place.
  await page.goto(BASE_URL + '/offre/dispositifs/00000000-0000-0000-0000-000000350201');
  await hydrated(page);
  await page.click('button:has-text("Désactiver le dispositif")');
  await page.locator('[role=alert]', { hasText: 'place(s) occupée(s)' }).waitFor({ timeout: 15000 });
  await context.close();
});
