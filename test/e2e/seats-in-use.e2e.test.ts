import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization } from '../../src/server/features/operator/create-organization.ts';
import { addProduct, addSubscription } from '../../src/server/features/operator/manage-subscriptions.ts';
import { DAY_MS } from '../../src/server/lib/time.ts';
import { expectAccessibleAt } from '../helpers/axe.ts';
import { chromiumAvailable, launchBrowser, navigateTo, submitSignInForm } from '../helpers/chromium.ts';
import { inviteMember, startE2eServer } from '../helpers/e2e-server.ts';

const OWNER = { email: 'sol.seats@example.com', password: 'owner passphrase 2026' };
const MEMBER = { email: 'rae.render@example.com', name: 'Rae Render', password: 'member passphrase 2026' };

describe.skipIf(!chromiumAvailable)('seats in use in Chromium', () => {
  let server: Awaited<ReturnType<typeof startE2eServer>>;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;

  beforeAll(async () => {
    server = await startE2eServer();
    const db = server.deps.database.db;
    const { organization } = await createOrganization(db, {
      name: 'Render House',
      timeZone: 'Europe/London',
      ownerEmail: OWNER.email,
      ownerName: 'Sol Seats',
      ownerPassword: OWNER.password,
    });
    await addProduct(db, { key: 'render', name: 'Render Farm' });
    await addSubscription(db, {
      orgId: organization.id,
      productKey: 'render',
      seats: 2,
      kind: 'floating',
      startsAt: Date.now() - DAY_MS,
      expiresAt: Date.now() + 90 * DAY_MS,
    });
    await inviteMember(server.url, OWNER, MEMBER);
    // bypassCSP: axe-core is injected into the page.
    browser = await launchBrowser({ timezoneId: 'Europe/London', bypassCSP: true });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** The vendor's app signs the member in from London (the test plays the trusted proxy). */
  async function appSignsIn(): Promise<string> {
    const response = await fetch(`${server.url}/api/v1/app/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '81.2.69.142' },
      body: JSON.stringify({
        email: MEMBER.email,
        password: MEMBER.password,
        app: { key: 'render', version: '5.2.0' },
        device: { id: 'rae-workstation', name: 'Rae’s workstation', os: 'Windows', osVersion: '11' },
      }),
    });
    expect(response.status).toBe(201);
    return ((await response.json()) as { sessionToken: string }).sessionToken;
  }

  it('the owner sees the seat a real app sign-in took, releases it with a reason, and the app is told', async () => {
    const token = await appSignsIn();

    const page = await browser.context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${server.url}/`);
    await submitSignInForm(page, OWNER);
    await page.waitForURL(/\/overview$/);

    await navigateTo(page, 'Billing');
    const card = page.getByRole('article', { name: 'Render Farm' });
    await card.getByText('Floating pool · 1 of 2 in use').waitFor();
    await card.getByRole('link', { name: 'Render Farm', exact: true }).click();
    await page.getByText('Floating pool of 2 concurrent seats').waitFor();
    await page.getByRole('link', { name: 'Seats in use', exact: true }).click();
    await page.waitForURL(/\/seats-in-use$/);

    const table = page.getByRole('table', { name: 'Seats in use of Render Farm' });
    const row = table.getByRole('row').filter({ hasText: MEMBER.name });
    await row.getByText('Rae’s workstation').waitFor();
    await row.getByText('London, United Kingdom').waitFor();
    await row.getByText('5.2.0').waitFor();
    await row.getByText('Online').waitFor();
    await page.getByText(/updated .* ago/).waitFor();
    await expectAccessibleAt(page, 1440, '/billing/:id/seats-in-use');
    await expectAccessibleAt(page, 390, '/billing/:id/seats-in-use');
    await page.setViewportSize({ width: 1400, height: 900 });

    await row.getByRole('button', { name: `Release the seat of ${MEMBER.name} on Rae’s workstation` }).click();
    const dialog = page.getByRole('dialog', { name: `Release ${MEMBER.name}’s seat?` });
    // The reason is required: an empty one is refused in the dialog.
    await dialog.getByRole('button', { name: 'Release seat' }).click();
    await dialog.getByText('Say why the seat is released').waitFor();
    await dialog.getByRole('textbox', { name: 'Reason' }).fill('Needed for the night shift');
    await expectAccessibleAt(page, 1440, 'the release dialog');
    await dialog.getByRole('button', { name: 'Release seat' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('No seat is in use right now').waitFor();
    expect(await table.count()).toBe(0);

    const heartbeat = await fetch(`${server.url}/api/v1/app/sessions/current/heartbeat`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(heartbeat.status).toBe(403);
    const problem = (await heartbeat.json()) as { code: string; detail: string };
    expect(problem.code).toBe('lease-released');
    expect(problem.detail).toContain('Needed for the night shift');
    await page.close();
  }, 120_000);
});
