import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization } from '../../src/server/features/operator/create-organization.ts';
import { expectAccessibleAt } from '../helpers/axe.ts';
import { chromiumAvailable, launchBrowser, navigateTo, submitSignInForm } from '../helpers/chromium.ts';
import { inviteMember, startE2eServer } from '../helpers/e2e-server.ts';

const OWNER = { email: 'olga.audit@example.com', password: 'owner passphrase 2026' };
const MEMBER = { email: 'max.member@example.com', name: 'Max Member', password: 'member passphrase 2026' };

describe.skipIf(!chromiumAvailable)('audit log in Chromium', () => {
  let server: Awaited<ReturnType<typeof startE2eServer>>;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;

  beforeAll(async () => {
    server = await startE2eServer();
    await createOrganization(server.deps.database.db, {
      name: 'Audited Ltd',
      ownerEmail: OWNER.email,
      ownerName: 'Olga Owner',
      ownerPassword: OWNER.password,
    });
    await inviteMember(server.url, OWNER, MEMBER);
    browser = await launchBrowser({ timezoneId: 'Europe/Paris' });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the owner changes a role in the console and finds it in the audit log, before → after', async () => {
    const page = await browser.context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${server.url}/`);
    await submitSignInForm(page, OWNER);
    await page.waitForURL(/\/overview$/);

    await navigateTo(page, 'Users');
    await page.getByRole('link', { name: MEMBER.name }).click();
    await page.getByRole('heading', { name: MEMBER.name }).waitFor();
    await page.getByRole('combobox', { name: 'Role' }).click();
    await page.getByRole('option', { name: 'Owner' }).click();
    await page.getByRole('dialog', { name: 'Change role' }).getByRole('button', { name: 'Make owner' }).click();
    await page.getByText(`${MEMBER.name} is now an owner.`).waitFor();

    await navigateTo(page, 'Audit log');
    await page.getByRole('heading', { name: 'Audit log', level: 1 }).waitFor();
    const table = page.getByRole('table');
    const changed = table.getByRole('row').filter({ hasText: 'User changed' });
    await changed.waitFor();
    const text = await changed.textContent();
    expect(text).toContain('role: member → owner');
    expect(text).toContain(OWNER.email);
    expect(text).toContain(MEMBER.email);
    // The member's invitation (added through the API) and the organization's creation are listed too.
    await table.getByRole('row').filter({ hasText: 'Organization created' }).waitFor();
    await expectAccessibleAt(page, 1440, 'the audit log');

    const action = page.getByRole('combobox', { name: 'Action' });
    await action.click();
    await action.fill('User changed');
    await page.getByRole('option', { name: 'User changed' }).click();
    await expect.poll(() => table.getByRole('row').filter({ hasText: 'Organization created' }).count()).toBe(0);
    expect(await table.getByRole('row').filter({ hasText: 'User changed' }).count()).toBe(1);
    await expectAccessibleAt(page, 1440, 'the audit log, filtered');
    await expectAccessibleAt(page, 390, 'the audit log, filtered');
    await page.close();
  }, 120_000);
});
