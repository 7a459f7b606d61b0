import { expect, it } from 'vitest';
import { insertSignInAttempts, type NewSignInAttempt } from '../../src/server/features/activity/activity.repository.ts';
import { createOrganization } from '../../src/server/features/operator/create-organization.ts';
import { addSignInAggregates } from '../../src/server/features/report-aggregates/index.ts';
import { createMember, MEMBER_PASSWORD } from '../helpers/licenses.ts';
import { as, type Session, signIn } from '../helpers/session.ts';
import { describeEachDatabase, OWNER_PASSWORD, type TestContext, uniqueEmail } from '../helpers/test-app.ts';

async function organization(context: TestContext) {
  const ownerEmail = uniqueEmail('owner');
  const { organization, ownerId } = await createOrganization(context.deps.database.db, {
    name: 'Settings Co',
    timeZone: 'UTC',
    ownerEmail,
    ownerPassword: OWNER_PASSWORD,
  });
  const owner = await signIn(context.app, ownerEmail, OWNER_PASSWORD);
  return { orgId: organization.id, ownerId, owner };
}

function patch(context: TestContext, owner: Session, payload: Record<string, unknown>) {
  return context.app.inject({ method: 'PATCH', url: '/api/v1/organization', headers: as(owner), payload });
}

function get(context: TestContext, owner: Session, url: string) {
  return context.app.inject({ url, headers: as(owner) });
}

/** Waits (polling GET, as the console does) until the reports' recount has ended; answers its state. */
async function recounted(context: TestContext, owner: Session) {
  for (;;) {
    const state = (await get(context, owner, '/api/v1/organization')).json().reportsRecount;
    if (state?.status !== 'running') return state;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function signInAt(orgId: string, userId: string, at: string): NewSignInAttempt {
  return {
    org_id: orgId,
    user_id: userId,
    email: 'owner@example.com',
    occurred_at: Date.parse(at),
    outcome: 'success',
    failure_reason: null,
    client: 'console',
    app_key: null,
    app_version: null,
    ip: '198.51.100.7',
    country_code: 'AU',
    country: null,
    region: null,
    city: null,
    latitude: null,
    longitude: null,
    asn: null,
    as_organization: null,
    device_type: 'desktop',
    os: 'Windows',
    os_version: null,
    browser: 'Chrome',
    browser_version: null,
    device_id: null,
    device_name: null,
    user_agent: null,
    risk: '[]',
  };
}

describeEachDatabase('organization settings', (ctx) => {
  it('answers the defaults, and the reports follow changed thresholds', async () => {
    const { owner } = await organization(ctx());
    const before = await get(ctx(), owner, '/api/v1/organization');
    expect(before.statusCode).toBe(200);
    expect(before.json()).toMatchObject({
      name: 'Settings Co',
      timeZone: 'UTC',
      inactivityDays: 30,
      underuseDays: 30,
      reportsRecount: null,
    });

    const changed = await patch(ctx(), owner, { name: ' Settings Ltd ', inactivityDays: 45, underuseDays: 14 });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ name: 'Settings Ltd', inactivityDays: 45, underuseDays: 14 });

    expect((await get(ctx(), owner, '/api/v1/reports/inactive-users')).json().days).toBe(45);
    expect((await get(ctx(), owner, '/api/v1/reports/underused-licenses')).json().days).toBe(14);
    expect((await get(ctx(), owner, '/api/v1/reports/licenses')).json().usedWithinDays).toBe(14);
    expect((await get(ctx(), owner, '/api/v1/overview')).json().inactivityDays).toBe(45);
    // A query still overrides the setting.
    expect((await get(ctx(), owner, '/api/v1/reports/inactive-users?days=7')).json().days).toBe(7);
  });

  it('recounts the reports in the new time zone', async () => {
    const { orgId, ownerId, owner } = await organization(ctx());
    // 23:30 UTC on 5 April is already 6 April in Sydney (UTC+10 after DST ends).
    const attempts = [signInAt(orgId, ownerId, '2026-04-05T23:30:00Z')];
    await ctx()
      .deps.database.db.transaction()
      .execute(async (trx) => {
        await insertSignInAttempts(trx, attempts);
        await addSignInAggregates(trx, attempts);
      });
    const perDay = async () =>
      (await get(ctx(), owner, '/api/v1/reports/logins?from=2026-04-05&to=2026-04-06')).json().series;
    expect(await perDay()).toEqual([
      { day: '2026-04-05', successful: 1, failed: 0 },
      { day: '2026-04-06', successful: 0, failed: 0 },
    ]);
    const changed = await patch(ctx(), owner, { timeZone: 'australia/sydney' });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().timeZone).toBe('Australia/Sydney');
    // The recount runs in the background: the answer says so, and GET shows when it is done.
    expect(changed.json().reportsRecount).toMatchObject({ status: 'running', timeZone: 'Australia/Sydney' });
    await recounted(ctx(), owner);
    expect(await perDay()).toEqual([
      { day: '2026-04-05', successful: 0, failed: 0 },
      { day: '2026-04-06', successful: 1, failed: 0 },
    ]);
  });

  it('refuses bad settings with a problem and changes nothing; members may not', async () => {
    const { owner } = await organization(ctx());
    for (const payload of [
      { timeZone: 'Mars/Olympus_Mons' },
      { inactivityDays: 0 },
      { underuseDays: 4000 },
      { inactivityDays: '45' },
      { name: '   ' },
      { colour: 'blue' },
      {},
    ]) {
      const response = await patch(ctx(), owner, payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
    const unknownZone = await patch(ctx(), owner, { timeZone: 'Mars/Olympus_Mons', inactivityDays: 10 });
    expect(unknownZone.json().errors).toEqual([expect.objectContaining({ path: 'body/timeZone' })]);
    expect((await get(ctx(), owner, '/api/v1/organization')).json()).toMatchObject({
      name: 'Settings Co',
      timeZone: 'UTC',
      inactivityDays: 30,
    });

    const member = await createMember(ctx(), owner, 'Mia');
    const memberSession = await signIn(ctx().app, member.email, MEMBER_PASSWORD);
    expect((await get(ctx(), memberSession, '/api/v1/organization')).statusCode).toBe(403);
    expect((await patch(ctx(), memberSession, { inactivityDays: 5 })).statusCode).toBe(403);
  });
});
