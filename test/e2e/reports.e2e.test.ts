import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization } from '../../src/server/features/operator/create-organization.ts';
import { WEB_DIST_DIR } from '../../src/server/http/web-console.ts';
import { addDays, localToday } from '../../src/server/lib/local-date.ts';
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

describe.skipIf(!chromiumAvailable)('reports in Chromium', () => {
  let server: Awaited<ReturnType<typeof startE2eServer>>;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;

  beforeAll(async () => {
    server = await startE2eServer();
    await createOrganization(server.deps.database.db, {
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
});
