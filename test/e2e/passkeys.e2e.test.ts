import net from 'node:net';
import { Secret, TOTP } from 'otpauth';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization } from '../../src/server/features/operator/create-organization.ts';
import { expectAccessibleAt } from '../helpers/axe.ts';
import { chromiumAvailable, launchBrowser, navigateTo, submitSignInForm } from '../helpers/chromium.ts';
import { startE2eServer } from '../helpers/e2e-server.ts';

const OWNER = { email: 'pia.passkey@example.com', password: 'owner passphrase 2026', name: 'Pia Passkey' };

/** A port nobody listens on now: the server must know its address (PUBLIC_URL) before it starts. */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** What the authenticator app shows now, for the secret the page shows. */
const codeFor = (secret: string, at = Date.now()) =>
  new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate({ timestamp: at });

const section = (page: Page) => page.getByRole('region', { name: 'Two-step verification' });

async function signInWithPassword(page: Page, baseUrl: string) {
  await page.goto(`${baseUrl}/`);
  await page.waitForURL(/\/login/);
  await submitSignInForm(page, OWNER);
}

describe.skipIf(!chromiumAvailable)('two-step verification in Chromium (virtual authenticator)', () => {
  let server: Awaited<ReturnType<typeof startE2eServer>>;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let baseUrl: string;

  beforeAll(async () => {
    const port = await freePort();
    // WebAuthn refuses an IP address as relying party: the console runs at localhost.
    baseUrl = `http://localhost:${port}`;
    server = await startE2eServer({ config: { PORT: String(port), PUBLIC_URL: baseUrl } });
    await createOrganization(server.deps.database.db, {
      name: 'Keyhole Studios',
      ownerEmail: OWNER.email,
      ownerName: OWNER.name,
      ownerPassword: OWNER.password,
    });
    browser = await launchBrowser({ timezoneId: 'Europe/Berlin' });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('adds a passkey, sets up an authenticator app, keeps recovery codes, then signs in with each', async () => {
    const page = await browser.context.newPage();
    page.setDefaultTimeout(15_000);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: {
        protocol: 'ctap2',
        transport: 'internal',
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
      },
    });

    await signInWithPassword(page, baseUrl);
    await page.waitForURL(/\/overview/);
    await navigateTo(page, 'Account');
    await section(page).getByText('Off', { exact: true }).waitFor();

    // A passkey, named after the browser by default; the first factor brings recovery codes.
    await section(page).getByRole('button', { name: 'Add a passkey' }).click();
    const name = section(page).getByLabel(/^Passkey name/);
    expect(await name.inputValue()).toMatch(/Chrome on Linux/);
    await name.fill('Studio laptop');
    await section(page).getByRole('button', { name: 'Create passkey' }).click();
    const passkeys = section(page).getByRole('table', { name: 'Your passkeys' });
    await passkeys.getByRole('cell', { name: 'Studio laptop', exact: true }).waitFor();
    const codesList = page.getByRole('list', { name: 'Recovery codes' });
    await codesList.waitFor();
    const codes = await codesList.getByRole('listitem').allTextContents();
    expect(codes).toHaveLength(10);
    for (const code of codes) expect(code).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
    expect(credentials).toHaveLength(1);
    // Download gives the codes as a text file.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download (.txt)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('seatkeeper-recovery-codes.txt');

    // The authenticator app: QR code with its text alternative, and the key to type by hand.
    await section(page).getByRole('button', { name: 'Set up an authenticator app' }).click();
    await section(page).getByRole('button', { name: 'Show the QR code' }).click();
    await section(page)
      .getByRole('img', { name: /QR code/ })
      .waitFor();
    const secret = (await page.getByTestId('totp-secret').textContent())?.replace(/\s/g, '') ?? '';
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);

    await expectAccessibleAt(page, 1440, 'Account, setting up two-step verification');
    await expectAccessibleAt(page, 390, 'Account, setting up two-step verification');
    await page.setViewportSize({ width: 1400, height: 900 });

    const wrong = String((Number(codeFor(secret)) + 1) % 1_000_000).padStart(6, '0');
    await section(page).getByLabel(/^Code/).fill(wrong);
    await section(page).getByRole('button', { name: 'Turn on' }).click();
    await section(page)
      .getByText(/wrong code|does not match/i)
      .first()
      .waitFor();
    await section(page).getByLabel(/^Code/).fill(codeFor(secret));
    await section(page).getByRole('button', { name: 'Turn on' }).click();
    await section(page)
      .getByText(/^On since/)
      .waitFor();
    await section(page).getByText('10 unused codes left').waitFor();
    await page.getByRole('button', { name: 'I have saved them' }).click();
    await expect.poll(() => codesList.count()).toBe(0);

    // With the lead's second step in place: password + passkey, then password + code.
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.waitForURL(/\/login/);
    await signInWithPassword(page, baseUrl);
    const usePasskey = page.getByRole('button', { name: 'Use a passkey' });
    await usePasskey.waitFor();
    expect(await page.getByLabel(/^Code/).count()).toBe(1);
    await usePasskey.click();
    await page.waitForURL(/\/overview/);

    await navigateTo(page, 'Account');
    // The passkey's last use is now recorded.
    await section(page).getByRole('table', { name: 'Your passkeys' }).waitFor();
    expect(await section(page).getByRole('cell', { name: 'Never', exact: true }).count()).toBe(0);
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.waitForURL(/\/login/);

    await signInWithPassword(page, baseUrl);
    await page.getByLabel(/^Code/).waitFor();
    // The step the confirming code used is spent (a replay); the next step's code is within the ±1 window.
    await page.getByLabel(/^Code/).fill(codeFor(secret, Date.now() + 30_000));
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.waitForURL(/\/overview/);
  }, 180_000);
});
