import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_OWNER } from '../../src/server/features/demo/seed-demo.ts';
import { expectAccessibleAt } from '../helpers/axe.ts';
import { chromiumAvailable, launchBrowser } from '../helpers/chromium.ts';
import { attemptSignIn, startE2eServer } from '../helpers/e2e-server.ts';

/*
 * Issue 11 end to end: an attack scripted against a running demo server through the API becomes an
 * explained alert the owner finds from the navigation, judges on an offline map and resolves.
 * MaxMind's test database places the addresses: 81.2.69.142 is London, 2001:218::1 Japan
 * (9,559 km apart: minutes between them is impossible travel).
 */
const LONDON = '81.2.69.142';
const JAPAN = '2001:218::1';
const FIREFOX_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:132.0) Gecko/20100101 Firefox/132.0';
const KIM = { email: 'kim.traveller@northwind.example', name: 'Kim Traveller', password: 'kim passphrase 2026' };
const NOTE = 'Called Kim: not her. Password reset, sessions ended.';
const POLL = { timeout: 15_000 };

const JSON_HEADERS = { 'content-type': 'application/json' };

/** The owner adds Kim through the API; she accepts the invitation (her first sign-in) with these headers. */
async function addMember(baseUrl: string, acceptHeaders: Record<string, string>) {
  const login = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: JSON_HEADERS,
    body: JSON.stringify({ email: DEMO_OWNER.email, password: DEMO_OWNER.password }),
  });
  if (login.status !== 200) throw new Error(`the owner's sign-in failed: ${login.status} ${await login.text()}`);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const created = await fetch(`${baseUrl}/api/v1/users`, {
    method: 'POST',
    headers: { ...JSON_HEADERS, cookie, 'x-csrf-token': csrfToken },
    body: JSON.stringify({ email: KIM.email, name: KIM.name, role: 'member' }),
  });
  if (created.status !== 201) throw new Error(`adding Kim failed: ${created.status} ${await created.text()}`);
  const { invitation } = (await created.json()) as { invitation: { token: string } };
  const accepted = await fetch(`${baseUrl}/api/v1/invitations/${invitation.token}/accept`, {
    method: 'POST',
    headers: { ...JSON_HEADERS, ...acceptHeaders },
    body: JSON.stringify({ password: KIM.password }),
  });
  if (accepted.status !== 200) throw new Error(`accepting the invitation failed: ${accepted.status}`);
}

describe.skipIf(!chromiumAvailable)('an attack becomes an alert the owner resolves, in Chromium', () => {
  let server: Awaited<ReturnType<typeof startE2eServer>>;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;

  beforeAll(async () => {
    server = await startE2eServer({ demo: true });
    // Kim joins from London; minutes later her password works from Japan.
    const london = { 'x-forwarded-for': LONDON, 'user-agent': FIREFOX_WINDOWS };
    await addMember(server.url, london);
    expect(await attemptSignIn(server.url, KIM.email, KIM.password, london)).toBe(200);
    expect(
      await attemptSignIn(server.url, KIM.email, KIM.password, {
        'x-forwarded-for': JAPAN,
        'user-agent': FIREFOX_WINDOWS,
      }),
    ).toBe(200);
    browser = await launchBrowser({ timezoneId: 'Europe/London', bypassCSP: true });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('from /, the navigation shows the open alert, the inbox explains it, the map shows both places, and the owner resolves it with a note', async () => {
    const page = await browser.context.newPage();
    page.setDefaultTimeout(20_000);
    await page.goto(`${server.url}/`);
    await page.waitForURL(/\/login/);
    await page.getByLabel('Email').fill(DEMO_OWNER.email);
    await page.getByLabel('Password').first().fill(DEMO_OWNER.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/overview$/);

    // What the server says about Kim's alert, to compare the page with.
    const users = (await (await page.request.get(`${server.url}/api/v1/users?query=kim.traveller`)).json()) as {
      items: { id: string; email: string }[];
    };
    const kimId = users.items.find((user) => user.email === KIM.email)?.id ?? '';
    const listed = (await (
      await page.request.get(`${server.url}/api/v1/alerts?user=${kimId}&type=impossible_travel`)
    ).json()) as { items: { id: string; explanation: string; status: string }[] };
    expect(listed.items).toHaveLength(1);
    const [alert] = listed.items;
    expect(alert?.status).toBe('open');

    // The navigation says alerts are waiting, in the link's name.
    const securityLink = page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: /^Security\W+\d+ open alerts?$/ });
    await securityLink.waitFor();
    const openBefore = Number((await securityLink.textContent())?.match(/(\d+) open alert/)?.[1]);
    expect(openBefore).toBeGreaterThanOrEqual(1);
    // The Overview's card lists it among the open alerts.
    await expect
      .poll(() => page.getByRole('region', { name: 'Open alerts' }).textContent(), POLL)
      .toMatch(/open alert/);

    await securityLink.click();
    await page.waitForURL(/\/security$/);
    await expect.poll(() => page.title(), POLL).toBe('Security · Seatkeeper');
    const row = page.locator(`tr[data-alert-id="${alert?.id}"]`);
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain('Impossible travel');
    await expect(row.textContent()).resolves.toContain(alert?.explanation ?? '—');
    await expect(row.textContent()).resolves.toContain(KIM.name);

    // The row opens its detail, kept in the address.
    await row.click();
    await page.waitForURL((url) => url.searchParams.get('alert') === alert?.id);
    const drawer = page.getByRole('dialog', { name: 'Alert details' });
    await drawer
      .getByText(alert?.explanation ?? '—')
      .first()
      .waitFor();
    // The evidence in numbers with their units.
    await expect(
      drawer
        .getByText(/^[\d,]+ km$/)
        .first()
        .isVisible(),
    ).resolves.toBe(true);
    await expect(
      drawer
        .getByText(/^[\d,]+ km\/h$/)
        .first()
        .isVisible(),
    ).resolves.toBe(true);

    // The offline map: the journey from London to Japan, two markers each named for its place.
    const map = drawer.getByRole('img', { name: /^Map: from .*London.* to .*Japan/ });
    await map.waitFor();
    const markers = map.locator('circle[data-marker]');
    await expect(markers.count()).resolves.toBe(2);
    const names = await markers.locator('title').allTextContents();
    expect(names.some((name) => name.includes('London'))).toBe(true);
    expect(names.some((name) => name.includes('Japan'))).toBe(true);
    await expect(map.locator('circle[data-marker="previous"] title').textContent()).resolves.toContain('London');
    await expect(map.locator('circle[data-marker="current"] title').textContent()).resolves.toContain('Japan');
    // Its sign-ins, each leading to its detail on the Sign-ins page, and the wider views there.
    await expect(
      drawer
        .getByRole('list', { name: /Sign-ins of this alert/ })
        .getByRole('link')
        .count(),
    ).resolves.toBeGreaterThanOrEqual(2);
    await expect(drawer.getByRole('link', { name: 'All sign-ins of this user' }).getAttribute('href')).resolves.toBe(
      `/sign-ins?user=${encodeURIComponent(kimId)}`,
    );

    await expectAccessibleAt(page, 1440, 'the alert drawer');
    await expectAccessibleAt(page, 390, 'the alert drawer');
    await page.setViewportSize({ width: 1440, height: 900 });

    // Resolve with a note: the status and the history say so, with who did it.
    await drawer.getByLabel('Note (optional)').fill(NOTE);
    await drawer.getByRole('button', { name: 'Resolve', exact: true }).click();
    await drawer.getByRole('button', { name: 'Reopen' }).waitFor();
    const history = drawer.getByRole('list', { name: 'Status changes, oldest first' });
    await expect.poll(() => history.textContent(), POLL).toContain(NOTE);
    await expect(history.textContent()).resolves.toMatch(new RegExp(`Open → Resolved by ${DEMO_OWNER.name}`));
    const stored = (await (await page.request.get(`${server.url}/api/v1/alerts/${alert?.id}`)).json()) as {
      alert: { status: string; resolvedBy: { name: string } | null };
    };
    expect(stored.alert).toMatchObject({ status: 'resolved', resolvedBy: { name: DEMO_OWNER.name } });

    // Closed, the inbox (open alerts) no longer lists it, and the navigation counts one fewer.
    await drawer.getByRole('button', { name: 'Close alert details' }).click();
    await page.waitForURL((url) => !url.searchParams.has('alert'));
    await expect.poll(() => row.count(), POLL).toBe(0);
    const after = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^Security\b/ });
    await expect
      .poll(async () => Number((await after.textContent())?.match(/(\d+) open alert/)?.[1] ?? 0), POLL)
      .toBe(openBefore - 1);
    // Under "Resolved" it is there, with its status in words.
    await page.getByText(/^Resolved \(\d+\)$/).click();
    await page.waitForURL((url) => url.searchParams.get('status') === 'resolved');
    await expect.poll(() => row.textContent(), POLL).toContain('Resolved');
    await page.close();
  }, 180_000);

  it('passes axe with no sideways scroll on the inbox and Settings → Security, and shows refusals on their fields', async () => {
    const page = await browser.context.newPage();
    page.setDefaultTimeout(20_000);
    // A session of its own, so this test also runs alone.
    await browser.context.clearCookies();
    await page.goto(`${server.url}/login`);
    await page.getByLabel('Email').fill(DEMO_OWNER.email);
    await page.getByLabel('Password').first().fill(DEMO_OWNER.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/overview$/);
    await page.goto(`${server.url}/security?status=all`);
    // Kim's alert when the journey above ran first; the empty state (what is watched) when this runs alone.
    await page.locator('tr[data-alert-id]').first().or(page.getByText('No alerts yet')).waitFor();
    await expectAccessibleAt(page, 1440, 'the Security inbox');
    await expectAccessibleAt(page, 390, 'the Security inbox');

    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${server.url}/settings`);
    await page.getByRole('link', { name: 'Security settings' }).click();
    await page.waitForURL(/\/settings\/security$/);
    await page.getByRole('button', { name: 'Save security settings' }).waitFor();
    // A trusted network the server refuses: its message is on that row's field, and nothing is saved.
    await page.getByRole('button', { name: 'Add a network' }).click();
    await page.getByLabel('Network 1: address or CIDR').fill('10.0.0.0/99');
    await page.getByLabel('Network 1: label').fill('Head office');
    await page.getByRole('button', { name: 'Save security settings' }).click();
    await expect
      .poll(() => page.getByLabel('Network 1: address or CIDR').getAttribute('aria-invalid'), POLL)
      .toBe('true');
    const saved = (await (await page.request.get(`${server.url}/api/v1/organization/security`)).json()) as {
      trustedNetworks: unknown[];
    };
    expect(saved.trustedNetworks).toEqual([]);
    // This server has no SMTP_URL: the page says mail is not sent and who can change that.
    await page.getByText('This server sends no e-mail').waitFor();
    await expect(page.getByText('SMTP_URL', { exact: true }).first().isVisible()).resolves.toBe(true);
    // A webhook to a loopback address is refused (the operator has not allowed private addresses), said on the field.
    await page.getByLabel('Receiver URL').fill('http://127.0.0.1:9/hook');
    await page.getByRole('button', { name: 'Add webhook' }).click();
    await expect.poll(() => page.getByLabel('Receiver URL').getAttribute('aria-invalid'), POLL).toBe('true');
    const webhooks = (await (await page.request.get(`${server.url}/api/v1/webhooks`)).json()) as { items: unknown[] };
    expect(webhooks.items).toEqual([]);
    await expectAccessibleAt(page, 1440, 'Settings → Security');
    await expectAccessibleAt(page, 390, 'Settings → Security');
    await page.close();
  }, 180_000);
});
