import { expect, it } from 'vitest';
import { as, signIn } from '../helpers/session.ts';
import { createOrgWithOwner, describeEachDatabase, type TestContext } from '../helpers/test-app.ts';

const IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Mobile/15E148 Safari/604.1';
const WINDOWS_CHROME =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36';

function login(
  context: TestContext,
  email: string,
  password: string,
  options: { ip: string; ua?: string; xff?: string },
) {
  return context.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email, password },
    remoteAddress: options.ip,
    headers: { 'user-agent': options.ua ?? WINDOWS_CHROME, ...(options.xff ? { 'x-forwarded-for': options.xff } : {}) },
  });
}

describeEachDatabase('activity', (ctx) => {
  it('records each sign-in with time, device type, OS, browser, IP and location', async () => {
    const org = await createOrgWithOwner(ctx());
    const before = Date.now();
    await login(ctx(), org.email, org.password, { ip: '::ffff:81.2.69.142', ua: IPHONE });
    await login(ctx(), org.email, 'wrong password here', { ip: '10.1.2.3', ua: WINDOWS_CHROME });
    const owner = await signIn(ctx().app, org.email, org.password);
    const response = await ctx().app.inject({ url: `/api/v1/users/${org.ownerId}/activity`, headers: as(owner) });
    expect(response.statusCode).toBe(200);
    const [latest, failed, phone] = response.json().items;
    expect(latest.outcome).toBe('success');
    expect(failed).toMatchObject({
      type: 'login',
      outcome: 'failure',
      failureReason: 'invalid_password',
      ip: '10.1.2.3',
      location: null,
      device: { type: 'desktop', os: 'Windows', browser: 'Chrome' },
    });
    expect(phone).toMatchObject({
      outcome: 'success',
      failureReason: null,
      ip: '81.2.69.142',
      device: { type: 'mobile', os: 'iOS', browser: 'Mobile Safari' },
      userAgent: IPHONE,
      risk: [],
    });
    expect(Date.parse(phone.occurredAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(phone.occurredAt).toMatch(/Z$/);
    expect(phone.location).toMatchObject({ countryCode: 'GB', country: 'United Kingdom', city: 'London' });
    expect(phone.location.latitude).toBeCloseTo(51.5142, 2);
  });

  it('ignores a forged X-Forwarded-For when no proxy is trusted', async () => {
    const org = await createOrgWithOwner(ctx());
    await login(ctx(), org.email, org.password, { ip: '198.51.100.23', xff: '81.2.69.142' });
    const owner = await signIn(ctx().app, org.email, org.password);
    const items = (await ctx().app.inject({ url: `/api/v1/users/${org.ownerId}/activity`, headers: as(owner) })).json()
      .items;
    expect(items.at(-1).ip).toBe('198.51.100.23');
  });

  it('filters by outcome, device type, country and date range', async () => {
    const org = await createOrgWithOwner(ctx());
    await login(ctx(), org.email, org.password, { ip: '81.2.69.142', ua: IPHONE });
    await login(ctx(), org.email, 'not the password', { ip: '198.51.100.9' });
    const owner = await signIn(ctx().app, org.email, org.password);
    const get = async (query: string) =>
      (await ctx().app.inject({ url: `/api/v1/users/${org.ownerId}/activity?${query}`, headers: as(owner) })).json()
        .items;
    expect(await get('outcome=failure')).toHaveLength(1);
    expect((await get('deviceType=mobile')).map((item: { ip: string }) => item.ip)).toEqual(['81.2.69.142']);
    expect(await get('country=gb')).toHaveLength(1);
    expect(await get(`from=${new Date(Date.now() + 60_000).toISOString()}`)).toEqual([]);
    expect(await get(`to=${new Date(Date.now() - 3_600_000).toISOString()}`)).toEqual([]);
    expect(await get(`from=${new Date(Date.now() - 3_600_000).toISOString()}`)).toHaveLength(3);
  });

  it('pages through history with a keyset cursor: no row twice, none lost, newest first', async () => {
    const org = await createOrgWithOwner(ctx());
    const db = ctx().deps.database.db;
    const base = Date.UTC(2024, 0, 1);
    // Same timestamp on several rows: the id breaks the tie.
    await db
      .insertInto('sign_in_attempts')
      .values(
        Array.from({ length: 25 }, (_, index) => ({
          org_id: org.orgId,
          user_id: org.ownerId,
          email: org.email,
          occurred_at: base + Math.floor(index / 3) * 1000,
          outcome: 'success' as const,
          failure_reason: null,
          client: 'console',
          app_key: null,
          app_version: null,
          ip: `198.51.100.${index}`,
          country_code: null,
          country: null,
          region: null,
          city: null,
          latitude: null,
          longitude: null,
          asn: null,
          as_organization: null,
          device_type: 'desktop',
          os: null,
          os_version: null,
          browser: null,
          browser_version: null,
          device_id: null,
          user_agent: null,
          risk: '[]',
        })),
      )
      .execute();
    const owner = await signIn(ctx().app, org.email, org.password);
    const seen: { occurredAt: string; ip: string }[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/users/${org.ownerId}/activity?to=2025-01-01T00:00:00Z&limit=7${cursor ? `&cursor=${cursor}` : ''}`;
      const body = (await ctx().app.inject({ url, headers: as(owner) })).json();
      seen.push(...body.items);
      cursor = body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(25);
    expect(new Set(seen.map((item) => item.ip)).size).toBe(25);
    const times = seen.map((item) => Date.parse(item.occurredAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('exports CSV: a header, one row per attempt, formula-like cells neutralised', async () => {
    const org = await createOrgWithOwner(ctx());
    await login(ctx(), org.email, org.password, { ip: '81.2.69.142', ua: '=HYPERLINK("http://evil.example","x")' });
    const owner = await signIn(ctx().app, org.email, org.password);
    const response = await ctx().app.inject({
      url: `/api/v1/users/${org.ownerId}/activity?format=csv&tz=Australia/Sydney`,
      headers: as(owner),
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="activity-.+\.csv"$/);
    expect(response.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const text = response.body.replace(/^\uFEFF/, '');
    const lines = text.trim().split('\r\n');
    expect(lines[0]).toMatch(
      /^time_utc,time_local \(Australia\/Sydney\),type,outcome,failure_reason,client,method,second_factor,step_reason,ip,/,
    );
    expect(lines).toHaveLength(3);
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    expect(text).not.toMatch(/,=HYPERLINK/);
    expect(lines[2]).toContain(',GB,United Kingdom,England,London,51.5142,');

    const badZone = await ctx().app.inject({
      url: `/api/v1/users/${org.ownerId}/activity?format=csv&tz=Mars/Olympus`,
      headers: as(owner),
    });
    expect(badZone.json()).toMatchObject({ status: 400, code: 'invalid-time-zone' });
  });
});

describeEachDatabase(
  'activity behind a trusted proxy',
  (ctx) => {
    it('believes the X-Forwarded-For hop added by a proxy in TRUST_PROXY, and only that', async () => {
      const org = await createOrgWithOwner(ctx());
      await login(ctx(), org.email, org.password, { ip: '10.0.0.5', xff: '203.0.113.200, 81.2.69.142' });
      await login(ctx(), org.email, org.password, { ip: '198.51.100.7', xff: '81.2.69.142' });
      const owner = await signIn(ctx().app, org.email, org.password);
      const items = (
        await ctx().app.inject({ url: `/api/v1/users/${org.ownerId}/activity`, headers: as(owner) })
      ).json().items;
      // Oldest last: via the proxy the client is the hop it added; direct, the header is ignored.
      expect(items.at(-1).ip).toBe('81.2.69.142');
      expect(items.at(-2).ip).toBe('198.51.100.7');
    });
  },
  { config: { TRUST_PROXY: '10.0.0.0/8' } },
);
