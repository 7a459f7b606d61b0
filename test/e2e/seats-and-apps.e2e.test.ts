import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSeatkeeperClient } from '../../src/sdk/index.ts';
import { createOrganization } from '../../src/server/features/operator/create-organization.ts';
import { addProduct, addSubscription } from '../../src/server/features/operator/manage-subscriptions.ts';
import { DAY_MS } from '../../src/server/lib/time.ts';
import { chromiumAvailable, launchBrowser, navigateTo, signInAsOwner } from '../helpers/chromium.ts';
import { inviteMember, startE2eServer } from '../helpers/e2e-server.ts';

const OWNER = { email: 'bill.owner@example.com', password: 'owner passphrase 2026' };
const MEMBER = { email: 'ada.member@example.com', name: 'Ada Member', password: 'member passphrase 2026' };

describe.skipIf(!chromiumAvailable)('seats and apps in Chromium', () => {
  let server: Awaited<ReturnType<typeof startE2eServer>>;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;

  beforeAll(async () => {
    server = await startE2eServer();
    const db = server.deps.database.db;
    const { organization } = await createOrganization(db, {
      name: 'Umbrella',
      ownerEmail: OWNER.email,
      ownerPassword: OWNER.password,
    });
    await addProduct(db, { key: 'studio', name: 'Studio Pro' });
    await addSubscription(db, {
      orgId: organization.id,
      productKey: 'studio',
      seats: 3,
      startsAt: Date.now() - DAY_MS,
      expiresAt: Date.now() + 90 * DAY_MS,
    });
    await inviteMember(server.url, OWNER, MEMBER);
    browser = await launchBrowser({ timezoneId: 'America/New_York' });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the owner assigns a seat, the app signs in through the SDK, and the session shows in Activity', async () => {
    const page = await signInAsOwner(browser.context, server.url, OWNER.email, OWNER.password);
    await navigateTo(page, 'Billing');
    await page.getByRole('link', { name: 'Seat holders' }).click();
    await page.getByRole('combobox', { name: 'Person' }).fill('Ada');
    await page.getByRole('option', { name: /Ada Member/ }).click();
    await page.getByRole('button', { name: 'Assign a seat' }).click();
    await page.getByRole('table').getByRole('row').filter({ hasText: MEMBER.name }).waitFor();

    // The vendor's app, through the typed client; the test plays the trusted proxy to place it in London.
    const client = createSeatkeeperClient({ baseUrl: server.url, headers: { 'x-forwarded-for': '81.2.69.142' } });
    const session = await client.signIn({
      email: MEMBER.email,
      password: MEMBER.password,
      app: { key: 'studio', version: '7.1.0' },
      device: { id: 'ada-laptop-1', name: 'Ada’s laptop', os: 'macOS', osVersion: '14.6' },
    });
    expect(session.license.product).toEqual({ key: 'studio', name: 'Studio Pro' });
    await session.heartbeat();

    await navigateTo(page, 'Users');
    await page.getByRole('link', { name: MEMBER.name }).click();
    await page.getByRole('tab', { name: 'Activity' }).click();
    const row = page
      .getByRole('table')
      .getByRole('row')
      .filter({ hasText: 'Ada’s laptop' })
      .filter({ hasText: /in use/i });
    await row.first().waitFor();
    const text = (await row.first().textContent()) ?? '';
    expect(text).toContain('Studio Pro');
    expect(text).toContain('81.2.69.142');
    expect(text).toContain('London');

    await session.signOut();
    await page.reload();
    const ended = page
      .getByRole('table')
      .getByRole('row')
      .filter({ hasText: 'Ada’s laptop' })
      .filter({ hasText: /signed out/i });
    await ended.first().waitFor();
    await page.close();
  }, 90_000);
});
