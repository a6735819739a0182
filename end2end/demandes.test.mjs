// End-to-end: a demande d'insertion from the travailleur social to the ménage's arrival, each profile in
// its own browser session (TS writes and transmits, Opérateur SIAO puts it on the waiting list and orients
// it, Responsable de dispositif accepts it and records the arrival, the TS reads the accord in the app and in
// the mail sink); a 115 call from the search to the orientation, keyboard only; no axe-core violation on
// the screens met on the way.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { launchBrowser, BASE_URL, SCREENSHOTS, loginAs as login, saveAndReload, hydrated, submit, unfold, violations, demo } from './support.mjs';

let browser;
before(async () => { browser = await launchBrowser(); mkdirSync(SCREENSHOTS, { recursive: true }); });
after(async () => { await browser?.close(); });
const loginAs = (local) => login(browser, local);

// A family of the demo (a parent and children) followed by the demo TS (fixed id of server/src/demo.rs).
const FAMILLE = '/menages/00000000-0000-0000-0000-00000035100c';

async function title(page) {
  return (await page.locator('h1').textContent()).replace(/\s+/g, ' ');
}

// The mails to `address` (quoted-printable unfolded), newest last.
function mailsTo(address) {
  const dir = process.env.MAIL_DIR;
  return readdirSync(dir).filter((f) => f.endsWith(`-${address}.eml`)).sort()
    .map((f) => readFileSync(path.join(dir, f), 'utf8').replace(/=\r?\n/g, '').replace(/=3D/g, '='));
}

test('a demande goes from the TS to the SIAO, to the CHRS, and comes back as an accord', async () => {
  const run = Date.now().toString(36);
  const found = [];
  // The TS writes the demande for the whole family, then transmits it.
  let { context, page } = await loginAs('ts.chrs');
  await page.goto(`${BASE_URL}${FAMILLE}?onglet=demandes`);
  await hydrated(page);
  await unfold(page.locator('#nouvelle-demande'));
  await page.selectOption('#demande-champ-situation_demande', { index: 1 });
  await page.selectOption('#demande-champ-motif_demande', { index: 1 });
  await page.click('label[for=demande-preco-0]');
  await page.fill('#demande-champ-observations', `Hébergés chez un tiers jusqu'à la fin du mois (${run}).`);
  await Promise.all([page.waitForURL(/\/demandes\/[0-9a-f-]{36}$/), submit(page, '#form-demande button[type=submit]')]);
  const demande = page.url();
  const numero = (await title(page)).match(/DEMANDE (\d+)/)[1];
  await hydrated(page);
  assert.match(await title(page), /brouillon/);
  await saveAndReload(page, '#actions button:has-text("Transmettre au SIAO")');
  assert.match(await title(page), /transmise au SIAO/);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'demande-transmise.png'), fullPage: true });
  await context.close();

  // The Opérateur SIAO puts it on the waiting list, finds it there, and orients it to the CHRS's family rooms.
  ({ context, page } = await loginAs('operateur.siao35'));
  await page.goto(BASE_URL + '/demandes');
  assert.match(await page.locator('#table-demandes').textContent(), new RegExp(`DEMANDE ${numero}`));
  await page.goto(demande);
  await saveAndReload(page, '#form-inscrire button[type=submit]');
  assert.match(await title(page), /en attente/);
  await page.goto(BASE_URL + '/liste-attente');
  assert.match(await page.locator('#table-attente').textContent(), new RegExp(`DEMANDE ${numero}`));
  await page.screenshot({ path: path.join(SCREENSHOTS, 'liste-attente.png'), fullPage: true });
  await page.goto(demande);
  await hydrated(page);
  assert.match(await page.locator('#table-compatibles').textContent(), /Chambres familles/);
  await saveAndReload(page, '#table-compatibles button:has-text("Orienter vers Chambres familles")');
  assert.match(await title(page), /orientée/);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'demande-orientee.png'), fullPage: true });
  for (const p of ['/demandes', '/liste-attente', '/commissions', '/places', '/notifications', new URL(demande).pathname]) {
    found.push(...(await violations(page, p)));
  }
  await context.close();

  // The Responsable of the CHRS finds it among his orientations, accepts it, records the arrival.
  ({ context, page } = await loginAs('responsable.chrs'));
  await page.goto(BASE_URL + '/orientations');
  await page.locator('#table-orientations a', { hasText: `DEMANDE ${numero}` }).click();
  await page.waitForURL(demande);
  await hydrated(page);
  await page.click('label[for=decision-accepter]');
  await saveAndReload(page, '#form-decision button[type=submit]');
  assert.match(await title(page), /acceptée par le dispositif/);
  await saveAndReload(page, '#form-arrivee button[type=submit]');
  assert.match(await title(page), /prise en charge/);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'demande-admise.png'), fullPage: true });
  for (const p of ['/orientations', new URL(demande).pathname]) {
    found.push(...(await violations(page, p)));
  }
  await context.close();

  // The TS reads the accord in his notifications, and got it by mail (numbers only, the link).
  ({ context, page } = await loginAs('ts.chrs'));
  await page.goto(BASE_URL + '/notifications');
  assert.match(await page.locator('#notifications').textContent(), new RegExp(`Orientation acceptée[\\s\\S]*demande n° ${numero}`));
  await page.screenshot({ path: path.join(SCREENSHOTS, 'notifications.png'), fullPage: true });
  await context.close();
  const link = new URL(demande).pathname;
  let accord;
  for (let i = 0; i < 100 && !accord; i++) {
    accord = mailsTo(demo('ts.chrs')).find((m) => m.includes(link) && m.includes('accept'));
    if (!accord) await new Promise((r) => setTimeout(r, 100));
  }
  assert.ok(accord, 'a mail tells the TS of the accord');
  assert.doesNotMatch(accord, new RegExp(run), 'the mail carries no content of the demande');
  assert.deepEqual(found, []);
});

// Presses Tab until the focused element matches `selector` (at most 80 times).
async function tabTo(page, selector) {
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

test('a 115 listener records a call and gives a place tonight, keyboard only', async () => {
  const { context, page } = await loginAs('ecoutant.115');
  await page.goto(BASE_URL + '/115');
  // The search field has the focus: type the caller's name, Enter.
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'q-115');
  await page.keyboard.type('Martin Sophie');
  await Promise.all([page.waitForURL(/\/115\?q=/), page.keyboard.press('Enter')]);
  await tabTo(page, '#table-resultats-115 a.fr-btn');
  await Promise.all([page.waitForURL(/\/115\?menage=/), page.keyboard.press('Enter')]);
  await hydrated(page);
  // The call: the motif (first of the list), the persons (all, checked), Enter on the submit button.
  await tabTo(page, '#appel-champ-motif_appel');
  await page.keyboard.press('ArrowDown');
  assert.notEqual(await page.inputValue('#appel-champ-motif_appel'), '');
  await tabTo(page, '#form-appel button[type=submit]');
  await Promise.all([page.waitForURL(/\/115\/[0-9a-f-]{36}$/), page.keyboard.press('Enter')]);
  await hydrated(page);
  assert.match(await title(page), /en attente/);
  // Tonight's first compatible place: Enter on its "Orienter vers" button.
  await tabTo(page, '#table-compatibles button');
  const loaded = page.waitForEvent('load');
  await page.keyboard.press('Enter');
  await loaded;
  assert.match(await title(page), /orientée/);
  assert.match(await page.locator('#table-orientations').textContent(), /acceptée/);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'appel-115-oriente.png'), fullPage: true });
  const found = [];
  for (const p of ['/115', '/places', new URL(page.url()).pathname]) {
    found.push(...(await violations(page, p)));
  }
  assert.deepEqual(found, []);
  await context.close();
});

test('the 115 asks the maraude to visit a ménage; the maraude takes it in charge and records it done', async () => {
  const run = Date.now().toString(36);
  // A ménage of the demo recorded by the 115 (fixed id of server/src/demo.rs).
  const fiche = `${BASE_URL}/menages/00000000-0000-0000-0000-000000351002?onglet=demandes`;
  let { context, page } = await loginAs('ecoutant.115');
  await page.goto(fiche);
  await hydrated(page);
  await unfold(page.locator('#nouvelle-prestation'));
  await page.selectOption('#prestation-champ-type_code', 'maraude');
  await page.selectOption('#prestation-champ-dispositif_id', { label: 'Maraude Horizon' });
  await page.fill('#prestation-champ-besoin', `Devant la gare, côté nord, vers 22 h (${run}).`);
  await saveAndReload(page, '#form-prestation button[type=submit]');
  const row = page.locator('#table-prestations tr', { hasText: run });
  assert.match(await row.textContent(), /demandée/);
  const numero = (await row.textContent()).match(/PRESTATION (\d+)/)[1];
  await context.close();

  // The responsable runs the maraude too: the prestation is on his /prestations.
  ({ context, page } = await loginAs('responsable.chrs'));
  await page.goto(BASE_URL + '/prestations');
  await hydrated(page);
  assert.deepEqual(await violations(page, '/prestations'), []);
  await page.goto(BASE_URL + '/prestations');
  await saveAndReload(page, `#table-prestations tr:has-text("PRESTATION ${numero}") button:has-text("Prendre en charge")`);
  assert.match(await page.locator('#table-prestations tr', { hasText: `PRESTATION ${numero}` }).textContent(), /prise en charge/);
  await unfold(page.locator(`#realiser-${numero}`));
  await page.fill(`#realiser-${numero}-champ-compte_rendu`, 'Rencontré ; duvet donné, rappellera le 115.');
  await page.screenshot({ path: path.join(SCREENSHOTS, 'prestations.png'), fullPage: true });
  // Done, it leaves the list: the page then has no form island (not hydrated), wait for its load only.
  const reloaded = page.waitForEvent('load');
  const answer = await submit(page, `#form-realiser-${numero} button[type=submit]`);
  assert.ok(answer.ok(), `status ${answer.status()}`);
  await reloaded;
  assert.equal(await page.locator('#table-prestations tr', { hasText: `PRESTATION ${numero}` }).count(), 0, 'done: no longer open');
  await context.close();

  // The 115 reads it done on the fiche.
  ({ context, page } = await loginAs('ecoutant.115'));
  await page.goto(fiche);
  assert.match(await page.locator('#table-prestations tr', { hasText: `PRESTATION ${numero}` }).textContent(), /réalisée[\s\S]*duvet donné/);
  await context.close();
});
