import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization } from '../../src/server/features/operator/create-organization.ts';
import { expectAccessibleAt } from '../helpers/axe.ts';
import { chromiumAvailable, launchBrowser, navigateTo, submitSignInForm } from '../helpers/chromium.ts';
import { inviteMember, startE2eServer } from '../helpers/e2e-server.ts';

const OWNER = { email: 'sid.sessions@example.com', password: 'owner passphrase 2026' };
const MEMBER = { email: 'mia.member@example.com', name: 'Mia Member', password: 'member passphrase 2026' };
const FIREFOX_ON_MAC = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:128.0) Gecko/20100101 Firefox/128.0';

describe.skipIf(!chromiumAvailable)('user sessions in Chromium', () => {
  let server: Awaited<ReturnType<typeof startE2eServer>>;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;

  beforeAll(async () => {
    server = await startE2eServer();
    await createOrganization(server.deps.database.db, {
      name: 'Sessioned Ltd',
      timeZone: 'Europe/London',
      ownerEmail: OWNER.email,
      ownerName: 'Sid Sessions',
      ownerPassword: OWNER.password,
    });
    await inviteMember(server.url, OWNER, MEMBER);
    // bypassCSP: axe-core is injected into the page.
    browser = await launchBrowser({ timezoneId: 'Europe/London', bypassCSP: true });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** The member signs in from London in Firefox (the test plays the trusted proxy); answers the cookie. */
  async function memberSignsIn() {
    const response = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '81.2.69.142', 'user-agent': FIREFOX_ON_MAC },
      body: JSON.stringify({ email: MEMBER.email, password: MEMBER.password }),
    });
    expect(response.status).toBe(200);
    return (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  }
  const meWith = async (cookie: string) => (await fetch(`${server.url}/api/v1/me`, { headers: { cookie } })).status;

  it('the owner opens a user’s Sessions tab, sees where they are signed in, and ends all their sessions', async () => {
    const memberCookie = await memberSignsIn();
    expect(await meWith(memberCookie)).toBe(200);

    const page = await browser.context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${server.url}/`);
    await submitSignInForm(page, OWNER);
    await page.waitForURL(/\/overview$/);

    await navigateTo(page, 'Users');
    await page.getByRole('link', { name: MEMBER.name }).click();
    await page.getByRole('tab', { name: 'Sessions' }).click();
    await page.waitForURL(/\/sessions$/);
    const table = page.getByRole('table', { name: `Sessions of ${MEMBER.name}` });
    const row = table.getByRole('row', { name: /Firefox 128\.0 on Mac OS/ });
    await row.getByText('London, England, United Kingdom').waitFor();
    await row.getByText('81.2.69.142').waitFor();
    await expectAccessibleAt(page, 1440, '/users/:id/sessions');
    await expectAccessibleAt(page, 390, '/users/:id/sessions');
    await page.setViewportSize({ width: 1400, height: 900 });

    await page.getByRole('button', { name: 'End all sessions' }).click();
    const confirm = page.getByRole('dialog', { name: 'End all sessions?' });
    await confirm.getByRole('button', { name: 'End all sessions' }).click();
    await confirm.waitFor({ state: 'hidden' });
    await page.getByText(`${MEMBER.name} is not signed in anywhere.`).waitFor();

    expect(await meWith(memberCookie)).toBe(401);
    // Recorded in the audit log, once.
    const audit = await server.deps.database.db
      .selectFrom('audit_log')
      .select(['action', 'target_label'])
      .where('action', '=', 'sessions.ended')
      .execute();
    expect(audit).toEqual([{ action: 'sessions.ended', target_label: MEMBER.email }]);
    await page.close();
  }, 120_000);

  it('a member sees where they are signed in under Account, this browser marked, and ends another session', async () => {
    const elsewhere = await memberSignsIn();
    // Another person at this browser: the owner's cookie goes.
    await browser.context.clearCookies();
    const page = await browser.context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${server.url}/`);
    await submitSignInForm(page, MEMBER);
    await navigateTo(page, 'Account');
    const section = page.getByRole('region', { name: 'Where you’re signed in' });
    const table = section.getByRole('table', { name: 'Your sessions' });
    await table.getByRole('row', { name: /This browser/ }).waitFor();
    const other = table.getByRole('row', { name: /Firefox 128\.0 on Mac OS/ });
    await other.waitFor();
    await expectAccessibleAt(page, 1440, '/account');
    await expectAccessibleAt(page, 390, '/account');
    await page.setViewportSize({ width: 1400, height: 900 });
    await other.getByRole('button', { name: /^End session/ }).click();
    await other.waitFor({ state: 'detached' });
    expect(await meWith(elsewhere)).toBe(401);
    // The password form offers to keep the other sessions or not.
    expect(await page.getByRole('checkbox', { name: 'Sign out of my other sessions' }).isChecked()).toBe(true);
    await page.close();
  }, 120_000);
});
