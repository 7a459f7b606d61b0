import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createOrganization } from '../../src/server/features/operator/create-organization.ts';
import { expectAccessibleAt } from '../helpers/axe.ts';
import { chromiumAvailable, launchBrowser, submitSignInForm } from '../helpers/chromium.ts';
import { inviteMember, startE2eServer } from '../helpers/e2e-server.ts';
import { decodeQuotedPrintable, startSmtpSink } from '../helpers/smtp-sink.ts';

const OWNER = { email: 'rhea.reset@example.com', password: 'owner passphrase 2026' };
const MEMBER = { email: 'milo.member@example.com', name: 'Milo Member', password: 'first lantern passphrase' };
const NEW_PASSWORD = 'second lantern passphrase';

describe.skipIf(!chromiumAvailable)('forgotten password in Chromium', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  let server: Awaited<ReturnType<typeof startE2eServer>>;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    server = await startE2eServer({ config: { SMTP_URL: smtp.url, PUBLIC_URL: 'https://seats.example.com' } });
    await createOrganization(server.deps.database.db, {
      name: 'Reset Harbour',
      ownerEmail: OWNER.email,
      ownerName: 'Rhea Reset',
      ownerPassword: OWNER.password,
    });
    await inviteMember(server.url, OWNER, MEMBER);
    browser = await launchBrowser({ bypassCSP: true });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await smtp?.close();
  });

  it('from the sign-in page: Forgot password?, the mailed link, a new password, and a sign-in with it', async () => {
    const page = await browser.context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${server.url}/`);
    await page.waitForURL(/\/login/);
    await page.getByRole('link', { name: 'Forgot password?' }).click();
    await page.waitForURL(/\/forgot-password$/);
    await page.getByRole('heading', { name: 'Forgot your password?' }).waitFor();
    expect(await page.title()).toContain('Forgot password');
    await expectAccessibleAt(page, 1440, '/forgot-password');
    await expectAccessibleAt(page, 390, '/forgot-password');

    await page.getByLabel(/^Email/).fill(MEMBER.email);
    await page.getByRole('button', { name: 'Send reset link' }).click();
    await expect
      .poll(() => page.getByRole('status').first().textContent())
      .toBe("If an account exists for that address, we've sent a link. It works for 60 minutes.");
    await expectAccessibleAt(page, 390, '/forgot-password (sent)');

    // The server's e-mail worker sends within its 5-second tick: wait for the mail (bounded), not for a time.
    const mail = await vi.waitFor(
      () => {
        const found = smtp.received.find((entry) => entry.to.includes(MEMBER.email));
        if (!found) throw new Error('no reset mail yet');
        return found;
      },
      { timeout: 20_000, interval: 100 },
    );
    expect(mail.subject).toBe('Reset your Seatkeeper password');
    const token = /\/reset-password\/([A-Za-z0-9_-]{20,})/.exec(decodeQuotedPrintable(mail.raw))?.[1];
    if (!token) throw new Error('no link in the mail');

    await page.goto(`${server.url}/reset-password/${token}`);
    await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    await expect.poll(() => page.getByText('m***@example.com').count()).toBe(1);
    await expectAccessibleAt(page, 1440, '/reset-password/:token');
    await expectAccessibleAt(page, 390, '/reset-password/:token');
    await page.getByLabel(/^New password/).fill(NEW_PASSWORD);
    await page.getByLabel(/^Confirm password/).fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Set new password' }).click();
    await page.getByRole('heading', { name: 'Your password is changed' }).waitFor();
    await expectAccessibleAt(page, 390, '/reset-password/:token (done)');

    await page.getByRole('link', { name: 'Sign in with your new password' }).click();
    await page.waitForURL(/\/login/);
    await submitSignInForm(page, { email: MEMBER.email, password: NEW_PASSWORD });
    await page.waitForURL(/\/me$/);

    // The link worked once: opened again, it says so and offers a new one.
    await page.goto(`${server.url}/reset-password/${token}`);
    await page.getByRole('heading', { name: 'This reset link no longer works' }).waitFor();
    await expectAccessibleAt(page, 390, '/reset-password/:token (used)');
    await page.close();
  });
});
