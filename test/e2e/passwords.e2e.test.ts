import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization } from '../../src/server/features/operator/create-organization.ts';
import { chromiumAvailable, launchBrowser } from '../helpers/chromium.ts';
import { startE2eServer } from '../helpers/e2e-server.ts';

const OWNER = { email: 'hal.harbour@example.com', password: 'owner passphrase 2026' };
const JSON_HEADERS = { 'content-type': 'application/json' };

/** The owner adds a member through the API; answers the invitation's token. */
async function inviteMember(baseUrl: string, email: string, name: string): Promise<string> {
  const login = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: JSON_HEADERS,
    body: JSON.stringify(OWNER),
  });
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const created = await fetch(`${baseUrl}/api/v1/users`, {
    method: 'POST',
    headers: { ...JSON_HEADERS, cookie, 'x-csrf-token': csrfToken },
    body: JSON.stringify({ email, name, role: 'member' }),
  });
  return ((await created.json()) as { invitation: { token: string } }).invitation.token;
}

// Labels of required fields end with an asterisk.
const passwordField = (page: Page) => page.getByLabel(/^Password/).first();

/** The text a screen reader reads as the new password's description (its aria-describedby). */
async function descriptionOf(page: Page): Promise<string> {
  return passwordField(page).evaluate((input) =>
    (input.getAttribute('aria-describedby') ?? '')
      .split(/\s+/)
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' '),
  );
}

describe.skipIf(!chromiumAvailable)('choosing a password in Chromium', () => {
  let server: Awaited<ReturnType<typeof startE2eServer>>;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;

  beforeAll(async () => {
    server = await startE2eServer();
    await createOrganization(server.deps.database.db, {
      name: 'Harbour Lights',
      ownerEmail: OWNER.email,
      ownerName: 'Hal Harbour',
      ownerPassword: OWNER.password,
    });
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the invitation page shows the rules under the field and checks them while the member types', async () => {
    const token = await inviteMember(server.url, 'nina.member@example.com', 'Nina Member');
    const page = await browser.context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${server.url}/invite/${token}`);
    const password = passwordField(page);
    await password.waitFor();
    expect(await descriptionOf(page)).toContain('At least 8 characters');
    expect(await descriptionOf(page)).toContain('Seatkeeper');

    // Checked as typed, before anything is sent: the organization's name plus digits.
    await password.fill('Harbour2026!');
    expect(await descriptionOf(page)).toContain("too close to your organization's name");
    await password.fill('12341234');
    expect(await descriptionOf(page)).toContain('sequence');

    await password.fill('paper lanterns over the water');
    expect(await descriptionOf(page)).toContain('Meets the rules so far');
    await page.getByLabel(/^Confirm password/).fill('paper lanterns over the water');
    await page.getByRole('button', { name: 'Set password and sign in' }).click();
    await page.waitForURL(/\/me$/);
    await page.close();
  });
});
