import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/server/config.ts';
import { createOrganization } from '../../src/server/features/organizations/create-organization.ts';
import { startServer } from '../../src/server/start.ts';
import { chromiumAvailable, launchBrowser, navigateTo, signInAsOwner } from '../helpers/chromium.ts';
import { FIXTURE_CITY_DB, hasGeoFixtures } from '../helpers/test-app.ts';

const IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Mobile/15E148 Safari/604.1';
const OWNER = { email: 'olga.owner@example.com', password: 'owner passphrase 2026' };
const MEMBER = { email: 'milo.member@example.com', name: 'Milo Member', password: 'member passphrase 2026' };
// 81.2.69.142 is London in MaxMind's test database; with the bundled DB-IP it is still in GB.
const MEMBER_IP = '81.2.69.142';

describe.skipIf(!chromiumAvailable)('the owner’s journey in Chromium', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'seatkeeper-e2e-'));

  beforeAll(async () => {
    const config = loadConfig({
      DATA_DIR: dataDir,
      DEMO: '0',
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      // The test itself plays the trusted reverse proxy, to give the member a public address.
      TRUST_PROXY: '127.0.0.1',
      ...(hasGeoFixtures ? { GEOIP_CITY_DB: FIXTURE_CITY_DB } : {}),
    });
    server = await startServer(config, { buildWeb: false, handleSignals: false });
    await createOrganization(server.deps.database.db, {
      name: 'Initech',
      ownerEmail: OWNER.email,
      ownerPassword: OWNER.password,
    });
    await addMemberWithHistory(server.url);
    browser = await launchBrowser({ timezoneId: 'Europe/Berlin' });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('signs in, opens a user, sees device type, IP and location, and downloads the CSV', async () => {
    const page = await signInAsOwner(browser.context, server.url, OWNER.email, OWNER.password);
    await navigateTo(page, 'Users');
    await page.waitForURL(/\/users$/);

    await page.getByRole('link', { name: MEMBER.name }).click();
    await page.getByRole('tab', { name: 'Activity' }).click();
    await page.waitForURL(/\/activity$/);
    const table = page.getByRole('table');
    const success = table.getByRole('row').filter({ hasText: MEMBER_IP }).filter({ hasText: 'iOS' }).first();
    await success.waitFor();
    const text = (await success.textContent()) ?? '';
    await expect(success.getByRole('img', { name: /mobile/i }).count()).resolves.toBe(1);
    expect(text).toContain('Safari');
    expect(text).toMatch(hasGeoFixtures ? /London/ : /United Kingdom/);
    const failure = table.getByRole('row').filter({ hasText: /wrong password/i });
    await expect(failure.count()).resolves.toBe(1);
    // Times are shown in the viewer's zone, which the page says.
    await expect(page.getByText('Europe/Berlin').first().isVisible()).resolves.toBe(true);
    await expect(page.getByRole('link', { name: 'DB-IP' }).isVisible()).resolves.toBe(true);

    const downloading = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Download CSV' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^activity-milo\.member_example\.com-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = fs.readFileSync((await download.path()) ?? '', 'utf8');
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toContain('time_utc');
    expect(lines[0]).toContain('time_local (Europe/Berlin)');
    expect(lines).toHaveLength(3);
    expect(csv).toContain(MEMBER_IP);
    await page.close();
  }, 90_000);
});

/** An invited member who accepts, signs in from an iPhone in London, and mistypes once. */
async function addMemberWithHistory(baseUrl: string) {
  const json = { 'content-type': 'application/json' };
  const login = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: json,
    body: JSON.stringify(OWNER),
  });
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const created = await fetch(`${baseUrl}/api/v1/users`, {
    method: 'POST',
    headers: { ...json, cookie, 'x-csrf-token': csrfToken },
    body: JSON.stringify({ email: MEMBER.email, name: MEMBER.name, role: 'member' }),
  });
  const { invitation } = (await created.json()) as { invitation: { token: string } };
  await fetch(`${baseUrl}/api/v1/invitations/${invitation.token}/accept`, {
    method: 'POST',
    headers: { ...json, 'x-forwarded-for': MEMBER_IP, 'user-agent': IPHONE },
    body: JSON.stringify({ password: MEMBER.password }),
  });
  const wrong = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { ...json, 'x-forwarded-for': '198.51.100.4', 'user-agent': 'Mozilla/5.0 (Windows NT 10.0; Win64; x64)' },
    body: JSON.stringify({ email: MEMBER.email, password: 'not my password' }),
  });
  expect(wrong.status).toBe(401);
}
