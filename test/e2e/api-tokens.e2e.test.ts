import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization } from '../../src/server/features/operator/create-organization.ts';
import { expectAccessibleAt } from '../helpers/axe.ts';
import { chromiumAvailable, launchBrowser, navigateTo, submitSignInForm } from '../helpers/chromium.ts';
import { startE2eServer } from '../helpers/e2e-server.ts';

const OWNER = { email: 'tia.tokens@example.com', password: 'owner passphrase 2026' };

describe.skipIf(!chromiumAvailable)('API tokens in Chromium', () => {
  let server: Awaited<ReturnType<typeof startE2eServer>>;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;

  beforeAll(async () => {
    server = await startE2eServer();
    await createOrganization(server.deps.database.db, {
      name: 'Tokened Ltd',
      timeZone: 'Europe/London',
      ownerEmail: OWNER.email,
      ownerName: 'Tia Tokens',
      ownerPassword: OWNER.password,
    });
    // bypassCSP: axe-core is injected into the page.
    browser = await launchBrowser({ timezoneId: 'Europe/London', bypassCSP: true });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const listUsers = (token: string) =>
    fetch(`${server.url}/api/v1/users`, { headers: { authorization: `Bearer ${token}` } });

  it('the owner creates a token, a script uses it, the owner revokes it, and the audit log shows both', async () => {
    const page = await browser.context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${server.url}/`);
    await submitSignInForm(page, OWNER);
    await page.waitForURL(/\/overview$/);

    await navigateTo(page, 'Settings');
    await page.getByRole('main').getByRole('link', { name: 'API tokens' }).click();
    await page.getByRole('heading', { name: 'API tokens', level: 1 }).waitFor();
    await page.getByText('No API token yet.').waitFor();

    await page.getByRole('textbox', { name: 'Name' }).fill('Nightly export');
    await page.getByRole('radio', { name: 'Full' }).check();
    await page.getByRole('button', { name: 'Create token' }).click();

    const shown = page.getByRole('dialog', { name: 'Copy your new API token now' });
    await shown.waitFor();
    const token = ((await shown.getByTestId('new-api-token').textContent()) ?? '').trim();
    expect(token).toMatch(/^skt_[A-Za-z0-9_-]{43}$/);
    await shown.getByText('Shown only now').waitFor();

    // A script uses it: no cookie, no CSRF token.
    const used = await listUsers(token);
    expect(used.status).toBe(200);
    expect(((await used.json()) as { items: { email: string }[] }).items.map((user) => user.email)).toContain(
      OWNER.email,
    );

    await shown.getByRole('button', { name: 'Done' }).click();
    await shown.waitFor({ state: 'hidden' });
    const table = page.getByRole('table', { name: 'API tokens' });
    const row = table.getByRole('row', { name: /Nightly export/ });
    await row.getByText('Active').waitFor();
    await row.getByText('Full').waitFor();
    await expectAccessibleAt(page, 1440, '/settings/api-tokens');
    await expectAccessibleAt(page, 390, '/settings/api-tokens');
    await page.setViewportSize({ width: 1400, height: 900 });

    await row.getByRole('button', { name: 'Revoke Nightly export' }).click();
    const confirm = page.getByRole('dialog', { name: 'Revoke this API token?' });
    await confirm.getByRole('button', { name: 'Revoke token' }).click();
    await confirm.waitFor({ state: 'hidden' });
    await row.getByText('Revoked', { exact: true }).waitFor();

    const refused = await listUsers(token);
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ code: 'api-token-invalid' });

    await navigateTo(page, 'Audit log');
    await page.getByText('API token created').first().waitFor();
    await page.getByText('API token revoked').first().waitFor();
    await page.close();
  }, 120_000);
});
