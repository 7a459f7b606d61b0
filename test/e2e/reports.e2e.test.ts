import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization } from '../../src/server/features/operator/create-organization.ts';
import { addProduct, addSubscription } from '../../src/server/features/operator/manage-subscriptions.ts';
import { recordSeatDenial } from '../../src/server/features/seat-denials/index.ts';
import { takeLease } from '../../src/server/features/seat-leases/index.ts';
import { WEB_DIST_DIR } from '../../src/server/http/web-console.ts';
import { addDays, localToday } from '../../src/server/lib/local-date.ts';
import { HOUR_MS } from '../../src/server/lib/time.ts';
import { expectAccessibleAt } from '../helpers/axe.ts';
import { chromiumAvailable, launchBrowser, navigateTo, signInAsOwner } from '../helpers/chromium.ts';
import { attemptSignIn, startE2eServer } from '../helpers/e2e-server.ts';

const OWNER = { email: 'rita.reports@example.com', password: 'owner passphrase 2026' };

/** The built console's files that hold the chart library (Recharts), as the browser asks for them. */
function chartLibraryFiles(): string[] {
  const assets = path.join(WEB_DIST_DIR, 'assets');
  return fs
    .readdirSync(assets)
    .filter(
      (name) => name.endsWith('.js') && fs.readFileSync(path.join(assets, name), 'utf8').includes('recharts-surface'),
    )
    .map((name) => `/assets/${name}`);
}

/**
 * A floating pool of one seat, taken by the owner two hours ago and still held; a refusal of the owner's
 * second device an hour ago, past its retry window, is a real denial. Through the calls app sign-ins make.
 */
async function seedFullPool(deps: Awaited<ReturnType<typeof startE2eServer>>['deps'], orgId: string, ownerId: string) {
  const db = deps.database.db;
  const now = deps.now();
  await addProduct(db, { key: 'pool-cad', name: 'Pool CAD' });
  const subscription = await addSubscription(db, {
    orgId,
    productKey: 'pool-cad',
    seats: 1,
    startsAt: now - 400 * 86_400_000,
    expiresAt: now + 300 * 86_400_000,
  });
  await db.updateTable('subscriptions').set({ kind: 'floating' }).where('id', '=', subscription.id).execute();
  await db.transaction().execute(async (trx) => {
    await takeLease(trx, {
      subscription: { orgId, id: subscription.id, kind: 'floating' },
      userId: ownerId,
      appSessionId: null,
      device: { id: 'desk-1', name: 'Desk' },
      now: now - 2 * HOUR_MS,
    });
    await recordSeatDenial(trx, {
      orgId,
      subscriptionId: subscription.id,
      productKey: 'pool-cad',
      userId: ownerId,
      device: { id: 'laptop-1', name: 'Laptop' },
      reason: 'pool_full',
      now: now - HOUR_MS,
    });
  });
}

describe.skipIf(!chromiumAvailable)('reports in Chromium', () => {
  let server: Awaited<ReturnType<typeof startE2eServer>>;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;

  beforeAll(async () => {
    server = await startE2eServer();
    const { organization, ownerId } = await createOrganization(server.deps.database.db, {
      name: 'Reporting Ltd',
      timeZone: 'Europe/London',
      ownerEmail: OWNER.email,
      ownerName: 'Rita Reports',
      ownerPassword: OWNER.password,
    });
    // Two wrong passwords and a right one: the report must count them.
    for (const password of ['wrong one!', 'wrong two!', OWNER.password]) {
      await attemptSignIn(server.url, OWNER.email, password);
    }
    await seedFullPool(server.deps, organization.id, ownerId);
    browser = await launchBrowser({ timezoneId: 'Europe/London' });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('opens the sign-ins report: a chart, a table with the counts, and the same rows as CSV', async () => {
    const page = await signInAsOwner(browser.context, server.url, OWNER.email, OWNER.password);

    await navigateTo(page, 'Reports');
    // Each page names itself in the browser tab, so tabs, history and bookmarks tell them apart.
    await expect.poll(() => page.title()).toBe('Reports · Seatkeeper');
    // The report's card in the catalogue, not the Sign-ins page of the navigation.
    await page
      .getByRole('main')
      .getByRole('link', { name: /Sign-ins/ })
      .first()
      .click();
    await page.waitForURL(/\/reports\/logins/);
    await page.locator('.recharts-surface').first().waitFor();
    expect(await page.title()).toBe('Sign-ins · Seatkeeper');
    const row = page
      .getByRole('table', { name: /sign-ins/i })
      .getByRole('row')
      .filter({ hasText: 'Rita Reports' });
    await row.waitFor();
    // Three attempts before this sign-in and this one: 4 in all, 2 successful, 2 failed.
    const cells = (await row.getByRole('cell').allTextContents()).map((text) => text.trim());
    expect(cells).toEqual(expect.arrayContaining(['4', '2']));

    // The table is sorted by the server: a click on a header asks for the first page in that order.
    const sorted = page.waitForResponse((response) =>
      /\/reports\/logins\?.*sort=failed&order=desc/.test(response.url()),
    );
    const table = page.getByRole('table', { name: 'Sign-ins per user', exact: true });
    await table.getByRole('button', { name: 'Failed', exact: true }).click();
    expect((await sorted).status()).toBe(200);
    await expect
      .poll(() => table.getByRole('columnheader', { name: 'Failed', exact: true }).getAttribute('aria-sort'))
      .toBe('descending');
    // Rita has the most failures of the organization's users: first row.
    await expect.poll(async () => (await table.getByRole('row').nth(1).textContent()) ?? '').toContain('Rita Reports');

    const downloading = page.waitForEvent('download');
    await page.getByRole('link', { name: /CSV/ }).click();
    const download = await downloading;
    // The file says which days it holds: the default range, the last 30 days to today in the organization's zone.
    const today = localToday(server.deps.now(), 'Europe/London');
    expect(download.suggestedFilename()).toBe(`logins-${addDays(today, -29)}-to-${today}.csv`);
    const csv = fs.readFileSync((await download.path()) ?? '', 'utf8').replace(/^\uFEFF/, '');
    const [header, line] = csv.trim().split('\r\n');
    expect(header).toBe(
      'userId,name,email,status,total,successful,failed,lastSignInAt,distinctDevices,distinctCountries',
    );
    expect(line).toContain(',Rita Reports,rita.reports@example.com,active,4,2,2,');
    await page.close();
  }, 90_000);

  it('fetches the chart library only for a page that draws a chart', async () => {
    const library = chartLibraryFiles();
    expect(library.length).toBeGreaterThan(0);
    // Signed in, the Overview draws its charts; a second tab of the same session starts with nothing loaded.
    const overview = await signInAsOwner(browser.context, server.url, OWNER.email, OWNER.password);
    await overview.close();
    const page = await browser.context.newPage();
    page.setDefaultTimeout(15_000);
    // Routing every request turns Chromium's cache off: each file the page needs is fetched, and seen here.
    await page.route('**/*', (route) => route.continue());
    const fetched = new Set<string>();
    page.on('request', (request) => fetched.add(new URL(request.url()).pathname));

    // A report of a table only, opened from its address: its rows, and no chart library.
    await page.goto(`${server.url}/reports/inactive-users`);
    await page.getByRole('heading', { name: /inactive for/ }).waitFor();
    expect([...fetched].filter((file) => library.includes(file))).toEqual([]);

    // A report with a chart fetches the library when the chart is drawn.
    await page.getByRole('link', { name: 'All reports' }).click();
    // The report's card in the catalogue, not the Sign-ins page of the navigation.
    await page
      .getByRole('main')
      .getByRole('link', { name: /Sign-ins/ })
      .first()
      .click();
    await page.locator('.recharts-surface').first().waitFor();
    expect([...fetched].filter((file) => library.includes(file))).not.toEqual([]);
    await page.close();
  }, 90_000);

  it('opens the seat demand and seat denials reports from / by clicking: advice, charts, tables, accessible', async () => {
    const page = await signInAsOwner(browser.context, server.url, OWNER.email, OWNER.password);
    await navigateTo(page, 'Reports');
    await page
      .getByRole('main')
      .getByRole('link', { name: /Seat demand/ })
      .click();
    await page.waitForURL(/\/reports\/demand/);
    // One seat, one person in use all the time and one turned away: demand of 2 against 1 owned.
    await page.getByText('Buy 1 more seat of Pool CAD').first().waitFor();
    await page
      .getByRole('alert')
      .getByText(/90-day p95 demand is 2 against 1 owned/)
      .waitFor();
    await page.locator('.recharts-surface').first().waitFor();
    const row = page
      .getByRole('table', { name: /seats in use per subscription/i })
      .getByRole('row')
      .filter({ hasText: 'Pool CAD' });
    await row.waitFor();
    await expectAccessibleAt(page, 1280, 'the seat demand report');
    await expect.poll(() => page.getByRole('link', { name: /CSV/ }).getAttribute('href')).toContain('/reports/demand');

    await page.getByRole('link', { name: 'All reports' }).click();
    await page
      .getByRole('main')
      .getByRole('link', { name: /Seat denials/ })
      .click();
    await page.waitForURL(/\/reports\/denials/);
    await page.locator('.recharts-surface').first().waitFor();
    const product = page
      .getByRole('table', { name: /denials per product/i })
      .getByRole('row')
      .filter({ hasText: 'Pool CAD' });
    await product.waitFor();
    const person = page
      .getByRole('table', { name: /people refused most/i })
      .getByRole('row')
      .filter({ hasText: 'Rita Reports' });
    await person.waitFor();
    await expectAccessibleAt(page, 1280, 'the seat denials report');
    await page.close();
  }, 90_000);
});
