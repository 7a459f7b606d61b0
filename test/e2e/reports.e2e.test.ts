import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization } from '../../src/server/features/operator/create-organization.ts';
import { chromiumAvailable, launchBrowser, navigateTo, signInAsOwner } from '../helpers/chromium.ts';
import { attemptSignIn, startE2eServer } from '../helpers/e2e-server.ts';

const OWNER = { email: 'rita.reports@example.com', password: 'owner passphrase 2026' };

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
    await page
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
    const csv = fs.readFileSync((await download.path()) ?? '', 'utf8').replace(/^\uFEFF/, '');
    const [header, line] = csv.trim().split('\r\n');
    expect(header).toBe(
      'userId,name,email,status,total,successful,failed,lastSignInAt,distinctDevices,distinctCountries',
    );
    expect(line).toContain(',Rita Reports,rita.reports@example.com,active,4,2,2,');
    await page.close();
  }, 90_000);
});
