import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization } from '../../src/server/features/operator/create-organization.ts';
import { OPERATOR_CLI } from '../../src/server/features/operator/index.ts';
import { ssoRedirectUri } from '../../src/server/features/sso/index.ts';
import { saveSsoSettings } from '../../src/server/features/sso/sso-settings.ts';
import { insertUser, newUserRow } from '../../src/server/features/users/index.ts';
import { expectAccessibleAt } from '../helpers/axe.ts';
import { chromiumAvailable, launchBrowser, navigateTo, signInAsOwner } from '../helpers/chromium.ts';
import { startE2eServer } from '../helpers/e2e-server.ts';
import { startTestProvider, type TestProvider } from '../helpers/oidc-provider.ts';

const OWNER = { email: 'olga.owner@example.com', password: 'owner passphrase 2026' };
const MEMBER = { email: 'dana@northwind.test', name: 'Dana Northwind' };

/** A port nobody listens on now: the server must know its address (PUBLIC_URL) before it starts. */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe.skipIf(!chromiumAvailable)('single sign-on in Chromium (a real OpenID provider)', () => {
  let server: Awaited<ReturnType<typeof startE2eServer>>;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let provider: TestProvider;
  let baseUrl: string;

  beforeAll(async () => {
    const port = await freePort();
    baseUrl = `http://localhost:${port}`;
    server = await startE2eServer({ config: { PORT: String(port), PUBLIC_URL: baseUrl } });
    provider = await startTestProvider({ redirectUris: [ssoRedirectUri(server.deps.config.publicUrl)] });
    provider.accounts.set(MEMBER.email, { sub: 'dana', email: MEMBER.email, email_verified: true, name: MEMBER.name });
    const { organization } = await createOrganization(server.deps.database.db, {
      name: 'Northwind',
      ownerEmail: OWNER.email,
      ownerName: 'Olga Owner',
      ownerPassword: OWNER.password,
    });
    await insertUser(
      server.deps.database.db,
      newUserRow({
        orgId: organization.id,
        email: MEMBER.email,
        name: MEMBER.name,
        role: 'member',
        passwordHash: null,
        now: Date.now(),
      }),
    );
    await saveSsoSettings(
      server.deps,
      organization.id,
      {
        issuer: provider.issuer,
        clientId: provider.clientId,
        clientSecret: provider.clientSecret,
        domains: ['northwind.test'],
        justInTime: false,
        ssoOnly: false,
        enabled: true,
      },
      OPERATOR_CLI,
    );
    browser = await launchBrowser({ timezoneId: 'Europe/Berlin', bypassCSP: true });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await provider?.close();
  });

  it('from /, "Sign in with single sign-on" goes to the provider and comes back signed in', async () => {
    const page = await browser.context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${baseUrl}/`);
    await page.waitForURL(/\/login/);
    await page.getByRole('link', { name: 'Sign in with single sign-on' }).click();
    await page.getByRole('textbox', { name: 'Work e-mail address' }).fill(MEMBER.email);
    await expectAccessibleAt(page, 390, 'the sign-in page with single sign-on');
    await page.getByRole('button', { name: 'Continue with single sign-on' }).click();
    // The provider signs Dana in at once (its login page is the test's) and sends the browser back.
    await page.waitForURL((url) => url.origin === baseUrl && !url.pathname.startsWith('/login'), { timeout: 20_000 });
    const me = await page.evaluate(async () => (await fetch('/api/v1/me')).json());
    expect(me.user.email).toBe(MEMBER.email);
    await page.close();
  }, 90_000);

  it('says why a return was refused', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${baseUrl}/login?sso_error=unknown-account`);
    await page
      .getByRole('alert')
      .getByText(/no Seatkeeper account for this address/)
      .waitFor();
    await expectAccessibleAt(page, 1280, 'the sign-in page after a refused single sign-on');
    // A return that reached another browser than the one that started the sign-in.
    await page.goto(`${baseUrl}/login?sso_error=browser-mismatch`);
    await page
      .getByRole('alert')
      .getByText(/not started in this browser/)
      .waitFor();
    await page.close();
  }, 60_000);

  it('the owner finds the settings under Settings, with the redirect URI to register', async () => {
    const page = await signInAsOwner(browser.context, baseUrl, OWNER.email, OWNER.password);
    await navigateTo(page, 'Settings');
    await page.getByRole('link', { name: 'Single sign-on settings' }).click();
    await page.getByRole('heading', { name: 'Single sign-on', level: 1 }).waitFor();
    expect(await page.getByRole('textbox', { name: 'Issuer URL' }).inputValue()).toBe(provider.issuer);
    await page.getByText(ssoRedirectUri(server.deps.config.publicUrl)).waitFor();
    await page.getByRole('switch', { name: 'Single sign-on only' }).check({ force: true });
    await page.getByRole('button', { name: 'Save single sign-on' }).click();
    await page.getByText('Choose the owner who may still use a password').waitFor();
    await expectAccessibleAt(page, 1280, 'Settings → Single sign-on');
    await page.close();
  }, 90_000);
});
