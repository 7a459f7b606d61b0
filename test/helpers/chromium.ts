import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';

/**
 * The browser suites use Debian's Chromium (never a downloaded build). Missing, they
 * skip with a warning; REQUIRE_CHROMIUM=1 (CI) makes that a failure.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const chromiumAvailable = fs.existsSync(CHROMIUM_PATH);

if (!chromiumAvailable && process.env.REQUIRE_CHROMIUM === '1') {
  throw new Error(`REQUIRE_CHROMIUM=1 but there is no Chromium at ${CHROMIUM_PATH} (apt-get install chromium).`);
}
if (!chromiumAvailable) {
  console.warn(`\n⚠️  SKIPPING the browser suites: no Chromium at ${CHROMIUM_PATH} (apt-get install -y chromium).\n`);
}

/**
 * A fresh headless Chromium profile; close it (and its folder) with `close()`. `bypassCSP` lets a
 * test inject scripts (axe-core) into pages whose CSP refuses inline code.
 */
export async function launchBrowser(
  options: { timezoneId?: string; viewport?: { width: number; height: number }; bypassCSP?: boolean } = {},
) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'seatkeeper-chromium-'));
  const context: BrowserContext = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    acceptDownloads: true,
    timezoneId: options.timezoneId,
    locale: 'en-GB',
    viewport: options.viewport ?? { width: 1400, height: 900 },
    bypassCSP: options.bypassCSP ?? false,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    context,
    close: async () => {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Opens a page, signs in through the form as an owner, and waits for the Overview (owners' landing page). */
export async function signInAsOwner(context: BrowserContext, baseUrl: string, email: string, password: string) {
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await page.goto(`${baseUrl}/login`);
  await submitSignInForm(page, { email, password });
  await page.waitForURL(/\/overview$/);
  return page;
}

/** Fills the sign-in page's email and password and presses "Sign in" (what follows is the caller's to wait for). */
export async function submitSignInForm(page: Page, person: { email: string; password: string }) {
  await page.getByLabel('Email').fill(person.email);
  await page.getByLabel('Password').first().fill(person.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

/** Follows a link of the main navigation (not a same-named link in the page). */
export async function navigateTo(page: Page, name: string) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true }).click();
}
