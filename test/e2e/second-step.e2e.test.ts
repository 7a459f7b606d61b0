import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization } from '../../src/server/features/operator/create-organization.ts';
import { expectAccessibleAt } from '../helpers/axe.ts';
import { chromiumAvailable, launchBrowser, navigateTo, submitSignInForm } from '../helpers/chromium.ts';
import { startE2eServer } from '../helpers/e2e-server.ts';

const OWNER = { email: 'rosa.owner@example.com', password: 'owner passphrase 2026' };
const LONDON = '81.2.69.142';
const LINKOPING = '89.160.20.112';
const JSON_HEADERS = { 'content-type': 'application/json' };

/**
 * Through the API, as the owner did on an ordinary day in London: sign in, let location flags
 * fire from the first comparison (no learning period), and set up an authenticator app.
 * Answers the app's code generator.
 */
async function ownerWithAuthenticator(baseUrl: string) {
  const fromLondon = { ...JSON_HEADERS, 'x-forwarded-for': LONDON };
  const login = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: fromLondon,
    body: JSON.stringify(OWNER),
  });
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const headers = {
    ...fromLondon,
    cookie: login.headers
      .getSetCookie()
      .map((entry) => entry.split(';')[0])
      .join('; '),
    'x-csrf-token': csrfToken,
  };
  const rules = await fetch(`${baseUrl}/api/v1/organization/security`, {
    method: 'PATCH',
    headers,
    body: JSON.stringify({ learning: { signIns: 0, days: 0 } }),
  });
  if (rules.status !== 200) throw new Error(`changing the rules failed: ${rules.status}`);
  const started = await fetch(`${baseUrl}/api/v1/me/mfa/totp`, { method: 'POST', headers, body: '{}' });
  if (started.status !== 200) throw new Error(`starting the app failed: ${started.status} ${await started.text()}`);
  const { secret } = (await started.json()) as { secret: string };
  const totp = new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' });
  const confirmed = await fetch(`${baseUrl}/api/v1/me/mfa/totp/confirm`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ code: totp.generate() }),
  });
  if (confirmed.status !== 200) throw new Error(`confirming the app failed: ${confirmed.status}`);
  return totp;
}

describe.skipIf(!chromiumAvailable)('a risky sign-in asks its second step, in Chromium', () => {
  let server: Awaited<ReturnType<typeof startE2eServer>>;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let totp: TOTP;

  beforeAll(async () => {
    server = await startE2eServer();
    await createOrganization(server.deps.database.db, {
      name: 'Stepwise AB',
      ownerEmail: OWNER.email,
      ownerName: 'Rosa Owner',
      ownerPassword: OWNER.password,
    });
    totp = await ownerWithAuthenticator(server.url);
    browser = await launchBrowser({ timezoneId: 'Europe/Stockholm' });
    // The owner is in Sweden now: the trusted proxy (the test) says so for every request.
    await browser.context.setExtraHTTPHeaders({ 'x-forwarded-for': LINKOPING });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('from /, the password leads to the code, which the sign-in log then names with the reason', async () => {
    const page = await browser.context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${server.url}/`);
    await page.waitForURL(/\/login/);
    await submitSignInForm(page, OWNER);

    // Asked why, in words: the country is new, and London was minutes ago.
    await page.getByText('This sign-in looks unusual (new country, impossible travel).').waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
    await expectAccessibleAt(page, 1440, 'the second step');
    await expectAccessibleAt(page, 390, 'the second step');
    await page.setViewportSize({ width: 1400, height: 900 });

    const right = totp.generate();
    await page.getByRole('textbox', { name: 'Code', exact: true }).fill(right === '000000' ? '111111' : '000000');
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByText('That code is wrong or was already used').waitFor();

    // The next 30-second step's code (accepted a step early): this step's code confirmed the app, so it is spent.
    await page
      .getByRole('textbox', { name: 'Code', exact: true })
      .fill(totp.generate({ timestamp: Date.now() + 30_000 }));
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.waitForURL(/\/overview/);

    await navigateTo(page, 'Sign-ins');
    await page.getByText('Password + authenticator code (asked: the sign-in looked risky)').first().waitFor();
    await expect.poll(() => page.getByText('Wrong code or passkey (second step)').count()).toBeGreaterThan(0);
    await page.close();
  }, 120_000);
});
