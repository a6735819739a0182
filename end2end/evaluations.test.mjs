// End-to-end: an évaluation approfondie in Chromium. The demo ménage's last EA is seven months old (to be
// renewed); a Travailleur social starts a new one, saves a step, closes the browser, comes back to his draft,
// finalises it (its synthesis becomes a note sociale), then compares it with the previous one.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { launchBrowser, BASE_URL, SCREENSHOTS, loginAs as login, saveAndReload, hydrated, submit, pdfText } from './support.mjs';

let browser;
before(async () => { browser = await launchBrowser(); mkdirSync(SCREENSHOTS, { recursive: true }); });
after(async () => { await browser?.close(); });
const loginAs = (local) => login(browser, local);

// The demo's first ménage, created by the demo TS, with a final EA of seven months ago.
const FICHE = `${BASE_URL}/menages/00000000-0000-0000-0000-000000351000`;

test('a TS drafts an évaluation over two visits, finalises it and compares it with the previous one', async () => {
  const run = Date.now().toString(36);
  let { context, page } = await loginAs('ts.chrs');
  await page.goto(`${FICHE}?onglet=evaluations`);
  await hydrated(page);
  // The demo's EA of seven months ago is flagged in the series (the latest one too, on a fresh database).
  assert.match(await page.locator('#table-evaluations').textContent(), /Finalisée — à renouveler/);
  if (await page.locator('#reprendre-evaluation').count()) {
    await page.click('#reprendre-evaluation');
  } else {
    await saveAndReload(page, '#panneau-evaluations button:has-text("Commencer une évaluation approfondie")');
  }
  await page.waitForURL(/\/evaluations\/[0-9a-f-]{36}/);
  const ea = page.url().split('?')[0];

  // First visit: the budget step, saved; the form goes on to the next step.
  await page.goto(`${ea}?etape=budget`);
  await page.fill('#ea-champ-budget_observations', `Budget tenu, à suivre (${run}).`);
  await saveAndReload(page, '#form-etape button[type=submit]');
  assert.match(page.url(), /etape=emploi/);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'evaluation-etape.png'), fullPage: true });
  await context.close();

  // Second visit, another browser session: the draft is resumed where it was.
  ({ context, page } = await loginAs('ts.chrs'));
  await page.goto(`${FICHE}?onglet=evaluations`);
  await page.click('#reprendre-evaluation');
  await page.goto(`${ea}?etape=budget`);
  assert.equal(await page.inputValue('#ea-champ-budget_observations'), `Budget tenu, à suivre (${run}).`);
  await page.goto(`${ea}?etape=orientation`);
  await page.fill('#ea-champ-synthese', `Synthèse ${run} : orientation en CHRS confirmée.`);
  await saveAndReload(page, '#form-etape button[type=submit]');
  // The final EA is read-only (no form island): wait for its address, not for hydration.
  await Promise.all([page.waitForURL(ea), submit(page, '#finaliser button[type=submit]')]);
  assert.match(await page.locator('h1').textContent(), /finalisée/);
  assert.match(await page.locator('#domaine-orientation').textContent(), new RegExp(`Synthèse ${run}`));
  assert.match(await page.locator('#domaine-budget').textContent(), new RegExp(`à suivre \\(${run}\\)`));

  // "Télécharger l'évaluation": a PDF that opens and holds the synthesis.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#form-telecharger-evaluation button')]);
  const file = path.join(SCREENSHOTS, 'evaluation.pdf');
  await download.saveAs(file);
  const text = pdfText(file);
  assert.match(text, /CONFIDENTIEL/);
  assert.ok(text.includes(`Synthèse ${run}`), 'the PDF holds the synthesis');

  // Its synthesis is a published note sociale of the ménage.
  await page.goto(`${FICHE}?onglet=notes`);
  assert.match(await page.locator('#notes').textContent(), new RegExp(`Synthèse ${run}`));

  // The latest EA is no longer to renew; the comparison with the previous one marks what changed.
  await page.goto(`${FICHE}?onglet=evaluations`);
  assert.doesNotMatch(await page.locator('#derniere-evaluation').textContent(), /À renouveler/);
  await Promise.all([page.waitForURL(/comparer-evaluations/), page.click('#form-comparer button[type=submit]')]);
  assert.match(await page.locator('#nombre-changements').textContent(), /[1-9][0-9]* information\(s\) différente\(s\)/);
  assert.ok(await page.locator('#table-comparaison tr.ea-change').count() >= 1);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'evaluation-comparaison.png'), fullPage: true });
  await context.close();
});
