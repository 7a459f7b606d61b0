import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization } from '../../src/server/features/operator/create-organization.ts';
import { expectAccessibleAt } from '../helpers/axe.ts';
import { chromiumAvailable, launchBrowser, navigateTo } from '../helpers/chromium.ts';
import { attemptSignIn, inviteMember, startE2eServer } from '../helpers/e2e-server.ts';

const IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Mobile/15E148 Safari/604.1';
const WINDOWS_FIREFOX = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:132.0) Gecko/20100101 Firefox/132.0';
const OWNER = { email: 'sasha.owner@example.com', password: 'owner passphrase 2026' };
const MILO = { email: 'milo.member@example.com', name: 'Milo Member', password: 'member passphrase 2026' };
const NORA = { email: 'nora.neighbour@example.com', name: 'Nora Neighbour', password: 'neighbour passphrase 2026' };
// MaxMind's test database (test/fixtures/maxmind-test-data): 81.2.69.142 is London, 89.160.20.112/28 Linköping.
const LONDON = { ip: '81.2.69.142', latitude: 51.5142, longitude: -0.0931 };
const LINKOPING = { ip: '89.160.20.115', latitude: 58.4167, longitude: 15.6167 };
const LINKOPING_NETWORK = '89.160.20.0/24';

let serverUrl = '';
/** Waits for a list to settle after a filter: the request and the render take their time. */
const POLL = { timeout: 10_000 };

/** Great-circle distance (km), as the server computes it, to check the drawer's figure. */
function haversineKm(a: { latitude: number; longitude: number }, b: { latitude: number; longitude: number }) {
  const radians = (degrees: number) => (degrees * Math.PI) / 180;
  const h =
    Math.sin(radians(b.latitude - a.latitude) / 2) ** 2 +
    Math.cos(radians(a.latitude)) *
      Math.cos(radians(b.latitude)) *
      Math.sin(radians(b.longitude - a.longitude) / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.sqrt(h));
}

/** The console's front door: signed out, `/` leads to sign-in; with the session of an earlier test, to the Overview. */
async function openConsole(page: Page) {
  await page.goto(`${serverUrl}/`);
  await page.waitForURL(/\/(login|overview)/);
  if (new URL(page.url()).pathname === '/login') {
    await page.getByLabel('Email').fill(OWNER.email);
    await page.getByLabel('Password').first().fill(OWNER.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/overview/);
  }
}

describe.skipIf(!chromiumAvailable)('the Sign-ins page and a sign-in’s detail in Chromium', () => {
  let server: Awaited<ReturnType<typeof startE2eServer>>;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;

  beforeAll(async () => {
    server = await startE2eServer();
    serverUrl = server.url;
    await createOrganization(server.deps.database.db, {
      name: 'Initech',
      ownerEmail: OWNER.email,
      ownerName: 'Sasha Owner',
      ownerPassword: OWNER.password,
    });
    // Milo accepts his invitation on an iPhone in London, then signs in from a desktop in Linköping.
    await inviteMember(server.url, OWNER, MILO, { 'x-forwarded-for': LONDON.ip, 'user-agent': IPHONE });
    const fromLinkoping = { 'x-forwarded-for': LINKOPING.ip, 'user-agent': WINDOWS_FIREFOX };
    expect(await attemptSignIn(server.url, MILO.email, MILO.password, fromLinkoping)).toBe(200);
    // Nora shares the Linköping address (one wrong password) but is filtered out by user; she is back under
    // "All sign-ins from this address".
    await inviteMember(server.url, OWNER, NORA, { 'x-forwarded-for': LONDON.ip, 'user-agent': IPHONE });
    expect(await attemptSignIn(server.url, NORA.email, 'not her password', fromLinkoping)).toBe(401);
    browser = await launchBrowser({ timezoneId: 'Europe/Berlin' });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('from /, filters the organization’s sign-ins by user and network, keeps them on reload, opens the detail and follows its address', async () => {
    const page = await browser.context.newPage();
    page.setDefaultTimeout(15_000);
    // Where the README's address leads: the front door sends a signed-out visitor to sign in.
    await page.goto(`${server.url}/`);
    await page.waitForURL(/\/login/);
    await page.getByLabel('Email').fill(OWNER.email);
    await page.getByLabel('Password').first().fill(OWNER.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/overview/);

    await navigateTo(page, 'Sign-ins');
    await page.waitForURL(/\/sign-ins$/);
    await expect.poll(() => page.title(), POLL).toBe('Sign-ins · Seatkeeper');
    const rows = page.getByRole('table').locator('tbody tr');
    await rows.filter({ hasText: NORA.email }).first().waitFor();

    const userFilter = page.getByRole('combobox', { name: 'User', exact: true });
    await userFilter.click();
    await userFilter.fill('milo');
    await page.getByRole('option', { name: new RegExp(MILO.name) }).click();
    await page.waitForURL((url) => Boolean(url.searchParams.get('user')));
    const address = page.getByRole('textbox', { name: 'Address or network' });
    await address.fill(LINKOPING_NETWORK);
    await address.press('Enter');
    await page.waitForURL((url) => url.searchParams.get('ip') === LINKOPING_NETWORK);
    // Milo's London sign-in is outside the network, Nora's Linköping attempt is someone else's.
    await expect.poll(() => rows.count(), POLL).toBe(1);
    await expect(rows.first().textContent()).resolves.toContain(LINKOPING.ip);

    // The address is the view: a reload keeps both filters and the one row.
    const filtered = page.url();
    await page.reload();
    await rows.filter({ hasText: LINKOPING.ip }).first().waitFor();
    expect(page.url()).toBe(filtered);
    await expect.poll(() => rows.count(), POLL).toBe(1);
    await expect(address.inputValue()).resolves.toBe(LINKOPING_NETWORK);
    await expect.poll(() => userFilter.inputValue(), POLL).toContain(MILO.name);

    // The CSV holds what the filters hold: Milo's one sign-in from the network.
    const downloading = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Download CSV' }).click();
    const csv = fs
      .readFileSync((await (await downloading).path()) ?? '', 'utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(csv).toHaveLength(2);
    expect(csv[1]).toContain(LINKOPING.ip);
    expect(csv[1]).toContain(MILO.email);

    // A row opens the sign-in's drawer, itself kept in the address.
    await rows.first().click();
    await page.waitForURL((url) => Boolean(url.searchParams.get('signIn')));
    const drawer = page.getByRole('dialog', { name: 'Sign-in details' });
    await drawer.getByText(WINDOWS_FIREFOX).waitFor();
    await expect(drawer.getByText('Linköping').first().isVisible()).resolves.toBe(true);
    await expect(drawer.getByText('Sweden').first().isVisible()).resolves.toBe(true);
    const map = drawer.getByRole('img', { name: /^Map:/ });
    await map.waitFor();
    await expect(map.getAttribute('aria-label')).resolves.toMatch(
      /this sign-in in Linköping.*previous sign-in in London/,
    );
    await expect(map.locator('circle[data-marker="current"]').count()).resolves.toBe(1);
    await expect(map.locator('circle[data-marker="previous"]').count()).resolves.toBe(1);
    // The previous sign-in (London) and how far it was: the server's great-circle distance, rounded.
    const distance = await drawer.getByText(/^[\d,]+ km$/).textContent();
    const km = Number((distance ?? '').replace(/[^\d]/g, ''));
    expect(Math.abs(km - haversineKm(LONDON, LINKOPING))).toBeLessThan(1);
    await expect(drawer.getByText(LONDON.ip).first().isVisible()).resolves.toBe(true);

    await expectAccessibleAt(page, 1440, 'the sign-in drawer');
    await expectAccessibleAt(page, 390, 'the sign-in drawer');
    await page.setViewportSize({ width: 1400, height: 900 });

    // Escape closes the drawer and gives focus back to the row it came from.
    await page.keyboard.press('Escape');
    await page.waitForURL((url) => !url.searchParams.has('signIn'));
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-sign-in-id') ?? null), POLL)
      .not.toBeNull();
    // Enter on the focused row opens it again.
    await page.keyboard.press('Enter');
    await drawer.getByText(WINDOWS_FIREFOX).waitFor();

    await drawer.getByRole('link', { name: /All sign-ins from this address/ }).click();
    await page.waitForURL((url) => url.searchParams.get('ip') === LINKOPING.ip && !url.searchParams.has('user'));
    await expect.poll(() => rows.count(), POLL).toBe(2);
    await expect(rows.filter({ hasText: NORA.email }).count()).resolves.toBe(1);
    await expect(rows.filter({ hasText: /wrong password/i }).count()).resolves.toBe(1);
    await page.close();
  }, 120_000);

  it('explains a network it cannot search, and passes axe at desktop and phone width', async () => {
    const page = await browser.context.newPage();
    page.setDefaultTimeout(15_000);
    await openConsole(page);
    await page.goto(`${server.url}/sign-ins?ip=${encodeURIComponent('89.160.20.0/99')}`);
    // The server's problem document says what is wrong, under the field.
    await page
      .getByText(/prefix length/)
      .first()
      .waitFor();
    await expect(page.getByRole('textbox', { name: 'Address or network' }).getAttribute('aria-invalid')).resolves.toBe(
      'true',
    );

    await page.goto(`${server.url}/sign-ins`);
    await page.getByRole('table').locator('tbody tr').first().waitFor();
    // The column chooser hides a column, and this browser remembers it.
    const headers = page.getByRole('table').getByRole('columnheader');
    await expect(headers.filter({ hasText: 'Device' }).count()).resolves.toBe(1);
    await page.getByRole('button', { name: 'Columns' }).click();
    await page.getByRole('checkbox', { name: 'Device' }).uncheck();
    await expect.poll(() => headers.filter({ hasText: 'Device' }).count(), POLL).toBe(0);
    await page.reload();
    await page.getByRole('table').locator('tbody tr').first().waitFor();
    await expect(headers.filter({ hasText: 'Device' }).count()).resolves.toBe(0);
    await expect(headers.filter({ hasText: 'IP address' }).count()).resolves.toBe(1);
    await page.getByRole('button', { name: 'Columns' }).click();
    await page.getByRole('button', { name: 'Show all' }).click();
    await expect.poll(() => headers.filter({ hasText: 'Device' }).count(), POLL).toBe(1);
    await page.keyboard.press('Escape');
    await expectAccessibleAt(page, 1440, 'the Sign-ins page');
    await expectAccessibleAt(page, 390, 'the Sign-ins page');
    // On a phone the filters wait behind a button and the sign-ins are cards with a Details button.
    await page.getByRole('button', { name: /^Filters/ }).click();
    await page.getByRole('textbox', { name: 'Address or network' }).waitFor();
    await page
      .getByRole('button', { name: /Details of the sign-in/ })
      .first()
      .click();
    await page.getByRole('dialog', { name: 'Sign-in details' }).getByText('User agent').waitFor();
    await page.close();
  }, 120_000);

  it('opens a sign-in from a user’s Activity tab and maps where the user signed in from', async () => {
    const page = await browser.context.newPage();
    page.setDefaultTimeout(15_000);
    await openConsole(page);
    await navigateTo(page, 'Users');
    await page.getByRole('link', { name: MILO.name }).click();
    await page.getByRole('tab', { name: 'Activity' }).click();
    await page.waitForURL(/\/activity$/);

    // Two places (London, Linköping), one successful sign-in each.
    const places = page.getByRole('region', { name: 'Where they signed in from' });
    const map = places.getByRole('img', { name: /^Map of/ });
    await map.waitFor();
    await expect(map.locator('circle').count()).resolves.toBe(2);
    await expect(map.getAttribute('aria-label')).resolves.toMatch(
      /^Map of 2 places: .*London.*Linköping|^Map of 2 places: .*Linköping.*London/,
    );

    const row = page.getByRole('table').locator('tbody tr[data-sign-in-id]').filter({ hasText: LONDON.ip });
    await row.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => Boolean(url.searchParams.get('signIn')));
    const drawer = page.getByRole('dialog', { name: 'Sign-in details' });
    await drawer.getByText(IPHONE).waitFor();
    await expect(drawer.getByText(/first attempt recorded/).isVisible()).resolves.toBe(true);
    await page.keyboard.press('Escape');
    await page.waitForURL((url) => !url.searchParams.has('signIn'));
    await expectAccessibleAt(page, 1440, 'the Activity tab with its map');
    await expectAccessibleAt(page, 390, 'the Activity tab with its map');
    await page.close();
  }, 120_000);
});
