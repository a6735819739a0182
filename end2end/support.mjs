// Shared helpers of the end-to-end tests.
import { chromium } from 'playwright-core';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const BASE_URL = process.env.BASE_URL ?? 'http://localhost:3000';
export const SCREENSHOTS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'screenshots');

// Debian's Chromium (no browser download here), with the flags that keep it off the network.
// Playwright gives every launch a fresh, empty user data dir of its own.
export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
}

// Repeats `act` until `done()` holds (up to 15 s): an island reacts only once hydrated, and an event
// sent before that is lost (the page was plain HTML until then).
export async function untilHydrated(page, act, done) {
  for (let i = 0; i < 30; i++) {
    await act();
    if (await done()) return;
    await page.waitForTimeout(500);
  }
  throw new Error('the island did not react: not hydrated?');
}

// Waits until the page's form islands are hydrated (the body gets `data-hydrated`).
export async function hydrated(page) {
  await page.locator('body[data-hydrated]').waitFor({ state: 'attached', timeout: 15000 });
}
