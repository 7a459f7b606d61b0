import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserSignInCode, createSeatkeeperClient } from '../../src/sdk/index.ts';
import { createOrganization } from '../../src/server/features/operator/create-organization.ts';
import { addProduct, addSubscription } from '../../src/server/features/operator/manage-subscriptions.ts';
import { DAY_MS } from '../../src/server/lib/time.ts';
import { expectAccessibleAt } from '../helpers/axe.ts';
import { chromiumAvailable, launchBrowser, submitSignInForm } from '../helpers/chromium.ts';
import { inviteMember, startE2eServer } from '../helpers/e2e-server.ts';

const OWNER = { email: 'grace.owner@example.com', password: 'owner passphrase 2026' };
const MEMBER = { email: 'linus.member@example.com', name: 'Linus Member', password: 'member passphrase 2026' };
const DEVICE = { id: 'linus-workstation', name: 'Linus’s workstation', os: 'Linux', osVersion: '6.8' };

/** A port free now, so PUBLIC_URL (and the link the app shows) can name it before the server starts. */
async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe.skipIf(!chromiumAvailable)('an app signs in through the browser (Chromium)', () => {
  let server: Awaited<ReturnType<typeof startE2eServer>>;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let publicUrl = '';

  beforeAll(async () => {
    const port = await freePort();
    publicUrl = `http://localhost:${port}`;
    server = await startE2eServer({ config: { PORT: String(port), PUBLIC_URL: publicUrl } });
    const db = server.deps.database.db;
    const { organization } = await createOrganization(db, {
      name: 'Initech',
      ownerEmail: OWNER.email,
      ownerPassword: OWNER.password,
    });
    await addProduct(db, { key: 'modeler', name: 'Modeler Studio' });
    const subscription = await addSubscription(db, {
      orgId: organization.id,
      productKey: 'modeler',
      seats: 2,
      startsAt: Date.now() - DAY_MS,
      expiresAt: Date.now() + 90 * DAY_MS,
    });
    await inviteMember(server.url, OWNER, MEMBER);
    // The owner gives the member a seat, through the API.
    const login = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(OWNER),
    });
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const users = (await (await fetch(`${server.url}/api/v1/users?query=linus`, { headers: { cookie } })).json()) as {
      items: { id: string }[];
    };
    const assigned = await fetch(`${server.url}/api/v1/subscriptions/${subscription.id}/assignments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
      body: JSON.stringify({ userId: users.items[0]?.id }),
    });
    expect(assigned.status).toBe(201);
    browser = await launchBrowser({ timezoneId: 'Europe/Berlin' });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the app shows a link; the user signs in, opens it, checks the request and approves; the app is signed in', async () => {
    // The vendor's app asks for a browser sign-in and waits (polling every 5 s) while the person acts.
    let shown: BrowserSignInCode | undefined;
    let codeShown: () => void = () => {};
    const codeReady = new Promise<void>((resolve) => {
      codeShown = resolve;
    });
    const client = createSeatkeeperClient({ baseUrl: server.url, headers: { 'x-forwarded-for': '81.2.69.142' } });
    const signedIn = client.signInWithBrowser({
      app: { key: 'modeler', version: '3.0.2' },
      device: DEVICE,
      onCode: (code) => {
        shown = code;
        codeShown();
      },
    });
    signedIn.catch(() => {});
    await codeReady;
    expect(shown?.verificationUriComplete).toBe(`${publicUrl}/device?code=${shown?.userCode}`);

    const page = await browser.context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${publicUrl}/`);
    await page.waitForURL(/\/login/);
    await submitSignInForm(page, MEMBER);
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));

    // The person opens the link the app showed.
    await page.goto(shown!.verificationUriComplete);
    const request = page.getByRole('region', { name: 'Modeler Studio wants to sign in as you' });
    await request.waitFor();
    const text = (await request.textContent()) ?? '';
    expect(text).toContain(shown!.userCode);
    expect(text).toContain('Modeler Studio 3.0.2');
    expect(text).toContain('Linus’s workstation (Linux 6.8, desktop)');
    expect(text).toContain(MEMBER.email);
    await expectAccessibleAt(page, 1440, '/device with a request');
    await expectAccessibleAt(page, 390, '/device with a request');
    await page.setViewportSize({ width: 1400, height: 900 });

    await page.getByRole('button', { name: 'Approve' }).click();
    await page.getByRole('status').filter({ hasText: 'Go back to Modeler Studio' }).waitFor();

    const session = await signedIn;
    expect(session.license.product).toEqual({ key: 'modeler', name: 'Modeler Studio' });
    await session.heartbeat();
    await session.signOut();

    // The code worked once: opened again, the page says so and offers to enter another.
    await page.goto(shown!.verificationUriComplete);
    await page.getByRole('alert').filter({ hasText: 'No app is waiting for this code' }).waitFor();
    await page.getByRole('textbox', { name: 'Code' }).waitFor();
    await expectAccessibleAt(page, 390, '/device with a used code');
    await page.close();
  }, 120_000);

  it('a person who is not signed in is sent to sign in and comes back to the request, and can deny it', async () => {
    let shown: BrowserSignInCode | undefined;
    let codeShown: () => void = () => {};
    const codeReady = new Promise<void>((resolve) => {
      codeShown = resolve;
    });
    const client = createSeatkeeperClient({ baseUrl: server.url });
    const outcome = client
      .signInWithBrowser({
        app: { key: 'modeler', version: '3.0.2' },
        device: DEVICE,
        onCode: (code) => {
          shown = code;
          codeShown();
        },
      })
      .then(
        () => 'signed in',
        (error: Error) => error.name,
      );
    await codeReady;

    const fresh = await launchBrowser({ timezoneId: 'Europe/Berlin' });
    try {
      const page = await fresh.context.newPage();
      page.setDefaultTimeout(15_000);
      await page.goto(shown!.verificationUriComplete);
      await page.waitForURL(/\/login\?next=/);
      await submitSignInForm(page, MEMBER);
      await page.getByRole('region', { name: 'Modeler Studio wants to sign in as you' }).waitFor();
      await page.getByRole('button', { name: 'Deny' }).click();
      await page.getByRole('status').filter({ hasText: 'Modeler Studio was not signed in' }).waitFor();
      expect(await outcome).toBe('SeatkeeperSignInDeniedError');
    } finally {
      await fresh.close();
    }
  }, 120_000);
});
