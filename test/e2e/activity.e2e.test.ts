import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization } from '../../src/server/features/operator/create-organization.ts';
import { chromiumAvailable, launchBrowser, navigateTo, signInAsOwner } from '../helpers/chromium.ts';
import { attemptSignIn, inviteMember, startE2eServer } from '../helpers/e2e-server.ts';

const IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Mobile/15E148 Safari/604.1';
const OWNER = { email: 'olga.owner@example.com', password: 'owner passphrase 2026' };
const MEMBER = { email: 'milo.member@example.com', name: 'Milo Member', password: 'member passphrase 2026' };
// 81.2.69.142 is London in MaxMind's test database; with the bundled DB-IP it is still in GB.
const MEMBER_IP = '81.2.69.142';

describe.skipIf(!chromiumAvailable)('the owner’s journey in Chromium', () => {
  let server: Awaited<ReturnType<typeof startE2eServer>>;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;

  beforeAll(async () => {
    server = await startE2eServer();
    await createOrganization(server.deps.database.db, {
      name: 'Initech',
      ownerEmail: OWNER.email,
      ownerPassword: OWNER.password,
    });
    // The member accepts from an iPhone in London, then mistypes once from a Windows desktop.
    await inviteMember(server.url, OWNER, MEMBER, { 'x-forwarded-for': MEMBER_IP, 'user-agent': IPHONE });
    const wrong = await attemptSignIn(server.url, MEMBER.email, 'not my password', {
      'x-forwarded-for': '198.51.100.4',
      'user-agent': 'Mozilla/5.0 (Windows NT 10.0; Win64; x64)',
    });
    expect(wrong).toBe(401);
    browser = await launchBrowser({ timezoneId: 'Europe/Berlin' });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('signs in, opens a user, sees device type, IP and location, and downloads the CSV', async () => {
    const page = await signInAsOwner(browser.context, server.url, OWNER.email, OWNER.password);
    await navigateTo(page, 'Users');
    await page.waitForURL(/\/users$/);

    await page.getByRole('link', { name: MEMBER.name }).click();
    await page.getByRole('tab', { name: 'Activity' }).click();
    await page.waitForURL(/\/activity$/);
    const table = page.getByRole('table');
    const success = table.getByRole('row').filter({ hasText: MEMBER_IP }).filter({ hasText: 'iOS' }).first();
    await success.waitFor();
    const text = (await success.textContent()) ?? '';
    await expect(success.getByRole('img', { name: /mobile/i }).count()).resolves.toBe(1);
    expect(text).toContain('Safari');
    expect(text).toMatch(/London/);
    const failure = table.getByRole('row').filter({ hasText: /wrong password/i });
    await expect(failure.count()).resolves.toBe(1);
    // Times are shown in the viewer's zone, which the page says.
    await expect(page.getByText('Europe/Berlin').first().isVisible()).resolves.toBe(true);
    await expect(page.getByRole('link', { name: 'DB-IP' }).isVisible()).resolves.toBe(true);

    const downloading = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Download CSV' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^activity-milo\.member_example\.com-as-of-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = fs.readFileSync((await download.path()) ?? '', 'utf8');
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toContain('time_utc');
    expect(lines[0]).toContain('time_local (Europe/Berlin)');
    expect(lines).toHaveLength(3);
    expect(csv).toContain(MEMBER_IP);
    await page.close();
  }, 90_000);

  it('keeps the Activity filters in the address: a reload or a shared link shows the same filtered view', async () => {
    const page = await signInAsOwner(browser.context, server.url, OWNER.email, OWNER.password);
    await navigateTo(page, 'Users');
    await page.getByRole('link', { name: MEMBER.name }).click();
    await page.getByRole('tab', { name: 'Activity' }).click();
    const rows = page.getByRole('table').getByRole('row');
    await rows.filter({ hasText: MEMBER_IP }).first().waitFor();

    await page.getByRole('combobox', { name: 'Outcome' }).click();
    await page.getByRole('option', { name: 'Failed' }).click();
    await page.waitForURL(/[?&]outcome=failure/);
    await expect.poll(() => rows.filter({ hasText: MEMBER_IP }).count()).toBe(0);

    // The address is the view: reloading it (or opening it in another browser) keeps the filter.
    const address = page.url();
    await page.reload();
    await rows
      .filter({ hasText: /wrong password/i })
      .first()
      .waitFor();
    await expect(rows.filter({ hasText: MEMBER_IP }).count()).resolves.toBe(0);
    await expect(page.getByRole('combobox', { name: 'Outcome' }).inputValue()).resolves.toBe('Failed');
    expect(page.url()).toBe(address);
    await page.close();
  }, 90_000);
});
