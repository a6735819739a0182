// End-to-end: the notes of a ménage in Chromium. A Travailleur social writes a draft note sociale, which the
// Opérateur SIAO does not read; the TS publishes it and the opérateur reads it; the opérateur completes it;
// the opérateur raises an alerte, which the TS sees in the fiche header and closes with a reason.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { launchBrowser, BASE_URL, SCREENSHOTS, loginAs as login, saveAndReload, hydrated, unfold } from './support.mjs';

let browser;
before(async () => { browser = await launchBrowser(); mkdirSync(SCREENSHOTS, { recursive: true }); });
after(async () => { await browser?.close(); });
const loginAs = (local) => login(browser, local);

// The demo's first ménage, created by the demo TS in Ille-et-Vilaine.
const FICHE = `${BASE_URL}/menages/00000000-0000-0000-0000-000000351000`;

async function openNotes(page) {
  await page.goto(FICHE);
  await hydrated(page);
  await page.click('#onglet-notes');
}

const card = (page, title) => page.locator('article.note').filter({ has: page.locator('h3', { hasText: title }) });

test('a TS drafts a note sociale, publishes it; the SIAO reads it then, completes it, and an alerte is closed', async () => {
  const run = Date.now().toString(36);
  const title = `Entretien de suivi ${run}`;
  const { page } = await loginAs('ts.chrs');
  const { page: operateur } = await loginAs('operateur.siao35');

  // The draft.
  await openNotes(page);
  await unfold(page.locator('#nouvelle-note'));
  await page.selectOption('#note-champ-nature', 'note_sociale');
  await page.fill('#note-champ-titre', title);
  await page.fill('#note-champ-corps', 'Madame a obtenu sa domiciliation.\n\nProchaine étape : la demande SIAO.');
  await saveAndReload(page, '#form-note button[type=submit]');
  await page.click('#onglet-notes');
  const draft = card(page, title);
  assert.match(await draft.textContent(), /Brouillon/);
  assert.equal(await draft.locator('.corps p').count(), 2, 'two paragraphs');
  await page.screenshot({ path: path.join(SCREENSHOTS, 'notes-brouillon.png'), fullPage: true });

  // The opérateur reads the ménage's notes, not the draft.
  await openNotes(operateur);
  assert.doesNotMatch(await operateur.locator('#panneau-notes').textContent(), new RegExp(title));

  // Published: the opérateur reads it, and completes it.
  await saveAndReload(page, `article.note:has-text("${title}") button:has-text("Publier")`);
  await page.click('#onglet-notes');
  assert.doesNotMatch(await card(page, title).textContent(), /Brouillon/);
  await openNotes(operateur);
  const published = card(operateur, title);
  assert.match(await published.textContent(), /Par Théo Travailleur, publiée le/);
  await Promise.all([operateur.waitForURL(/completer=/), published.locator('a', { hasText: 'Compléter cette note' }).click()]);
  assert.match(await operateur.locator('#note-completee').textContent(), new RegExp(`complètera la note « ${title} »`));
  await operateur.fill('#note-champ-titre', `Complément ${run}`);
  await operateur.fill('#note-champ-corps', 'Le SIAO a reçu la domiciliation.');
  await operateur.click('label[for="note-champ-publier"]');
  await saveAndReload(operateur, '#form-note button[type=submit]');
  await operateur.click('#onglet-notes');
  assert.match(await card(operateur, `Complément ${run}`).textContent(), new RegExp(`Complète la note « ${title} »`));
  assert.match(await card(operateur, title).textContent(), new RegExp(`Complétée par : « Complément ${run} »`));

  // An alerte by the opérateur shows in the fiche header for the TS, who closes it with a reason.
  await unfold(operateur.locator('#nouvelle-note'));
  await operateur.selectOption('#note-champ-nature', 'alerte');
  await operateur.fill('#note-champ-titre', `Alerte ${run}`);
  await operateur.fill('#note-champ-corps', 'Le ménage a quitté son hébergement : le rappeler.');
  await operateur.click('label[for="note-champ-publier"]');
  await saveAndReload(operateur, '#form-note button[type=submit]');
  await page.goto(FICHE);
  await hydrated(page);
  const alerte = page.locator('#alertes .fr-alert', { hasText: `Alerte ${run}` });
  assert.match(await alerte.textContent(), /Signalée par Omar Opérateur/);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'notes-alerte.png'), fullPage: true });
  await unfold(alerte.locator('details'));
  const alerteId = (await alerte.locator('form').getAttribute('id')).replace('form-clore-', '');
  await page.fill(`#clore-${alerteId}-champ-motif`, 'Ménage rappelé, solution trouvée chez un tiers.');
  await saveAndReload(page, `#form-clore-${alerteId} button[type=submit]`);
  assert.equal(await page.locator('#alertes .fr-alert', { hasText: `Alerte ${run}` }).count(), 0);
  await page.click('#onglet-notes');
  assert.match(await card(page, `Alerte ${run}`).textContent(), /Alerte close le .* par Théo Travailleur : Ménage rappelé/);
});
