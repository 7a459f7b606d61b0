import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization } from '../../src/server/features/operator/create-organization.ts';
import { findUserByEmail } from '../../src/server/features/users/index.ts';
import { expectAccessibleAt } from '../helpers/axe.ts';
import { chromiumAvailable, launchBrowser, navigateTo, signInAsOwner } from '../helpers/chromium.ts';
import { inviteMember, startE2eServer } from '../helpers/e2e-server.ts';

const OWNER = { email: 'petra.privacy@example.com', password: 'owner passphrase 2026' };
const MEMBER = { email: 'leo.leaver@example.com', name: 'Leo Leaver', password: 'member passphrase 2026' };

describe.skipIf(!chromiumAvailable)('a user’s personal data in Chromium', () => {
  let server: Awaited<ReturnType<typeof startE2eServer>>;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let memberId: string;

  beforeAll(async () => {
    server = await startE2eServer();
    await createOrganization(server.deps.database.db, {
      name: 'Forgetful Ltd',
      ownerEmail: OWNER.email,
      ownerPassword: OWNER.password,
    });
    await inviteMember(server.url, OWNER, MEMBER, { 'x-forwarded-for': '81.2.69.142' });
    const member = await findUserByEmail(server.deps.database.db, MEMBER.email);
    if (!member) throw new Error('no member');
    memberId = member.id;
    // The owner deactivates the leaver through the API, as the console would.
    const login = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(OWNER),
    });
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const deactivated = await fetch(`${server.url}/api/v1/users/${memberId}/deactivate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
      body: JSON.stringify({ reason: 'left_organization' }),
    });
    expect(deactivated.status).toBe(200);
    browser = await launchBrowser({ timezoneId: 'Europe/London' });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the owner exports a leaver’s data, then erases it after typing their email', async () => {
    const page = await signInAsOwner(browser.context, server.url, OWNER.email, OWNER.password);
    await navigateTo(page, 'Users');
    await page.goto(`${server.url}/users/${memberId}`);
    await page.getByRole('heading', { name: MEMBER.name }).first().waitFor();

    const downloading = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Export data' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(new RegExp(`^user-${memberId}-\\d{4}-\\d{2}-\\d{2}\\.json$`));
    const exported = JSON.parse(fs.readFileSync((await download.path()) ?? '', 'utf8'));
    expect(exported.profile).toMatchObject({ email: MEMBER.email, name: MEMBER.name, status: 'deactivated' });

    await page.getByRole('button', { name: 'Erase personal data' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('This cannot be undone').waitFor();
    await expect(dialog.getByText(/aggregate counts/).isVisible()).resolves.toBe(true);
    await expectAccessibleAt(page, 1440, 'the erasure dialog');
    await expectAccessibleAt(page, 390, 'the erasure dialog');

    // A wrong confirmation erases nothing.
    const confirmation = dialog.getByRole('textbox', { name: /Type the user’s email to confirm/ });
    await confirmation.fill('someone.else@example.com');
    await dialog.getByRole('button', { name: 'Erase for good' }).click();
    await dialog.getByText('Type the user’s email exactly to confirm.').waitFor();
    expect((await findUserByEmail(server.deps.database.db, MEMBER.email))?.erased_at).toBeNull();

    await confirmation.fill(MEMBER.email);
    await dialog.getByRole('button', { name: 'Erase for good' }).click();
    await page.getByText('Personal data erased').waitFor();
    await page.getByRole('heading', { name: 'Erased user' }).first().waitFor();
    await expect(page.getByRole('button', { name: 'Erase personal data' }).count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: 'Reactivate' }).count()).resolves.toBe(0);
    expect(await findUserByEmail(server.deps.database.db, MEMBER.email)).toBeUndefined();
    await expectAccessibleAt(page, 1440, 'an erased user’s page');
    await page.close();
  }, 120_000);
});
