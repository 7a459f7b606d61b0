import { beforeAll, expect, it } from 'vitest';
import type { RiskEvidence } from '../../src/contract/security.ts';
import { insertSignInAttempt, type NewSignInAttempt } from '../../src/server/features/activity/index.ts';
import { type RaisedAlert, raiseAlertsForSignIn } from '../../src/server/features/alerts/index.ts';
import { DEFAULT_SECURITY_SETTINGS } from '../../src/server/features/security-settings/index.ts';
import { createMember } from '../helpers/licenses.ts';
import { as, attemptSignIn, type Session, signIn } from '../helpers/session.ts';
import { createOrgWithOwner, describeEachDatabase, type TestContext } from '../helpers/test-app.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Each test works on its own day, so the rules' windows never mix tests. */
const BASE = Date.parse('2026-02-02T00:00:00Z');
const dayOf = (n: number) => BASE + n * DAY + 5 * MINUTE;

const LINKOPING = {
  country_code: 'SE',
  country: 'Sweden',
  city: 'Linköping',
  latitude: 58.4167,
  longitude: 15.6167,
};
const LONDON = { country_code: 'GB', country: 'United Kingdom', city: 'London', latitude: 51.5142, longitude: -0.0931 };

interface Person {
  id: string;
  email: string;
}

function row(orgId: string, user: Person, at: number, extra: Partial<NewSignInAttempt> = {}): NewSignInAttempt {
  return {
    org_id: orgId,
    user_id: user.id,
    email: user.email,
    occurred_at: at,
    outcome: 'failure',
    failure_reason: 'invalid_password',
    client: 'console',
    app_key: null,
    app_version: null,
    ip: '203.0.113.9',
    country_code: null,
    country: null,
    region: null,
    city: null,
    latitude: null,
    longitude: null,
    asn: null,
    as_organization: null,
    device_type: 'desktop',
    os: 'Windows',
    os_version: '10',
    browser: 'Chrome',
    browser_version: '130',
    device_id: null,
    device_name: null,
    user_agent: null,
    risk: '[]',
    risk_details: '[]',
    ...extra,
  };
}

/** Stores an attempt and raises its alerts in one transaction, as recordSignInAttempt does. */
async function record(
  context: TestContext,
  attempt: NewSignInAttempt,
  evidence: RiskEvidence[] = [],
): Promise<{ id: number; alerts: RaisedAlert[] }> {
  return context.deps.database.db.transaction().execute(async (trx) => {
    const stored = {
      ...attempt,
      risk: JSON.stringify(evidence.map((item) => item.flag)),
      risk_details: JSON.stringify(evidence),
    };
    const id = await insertSignInAttempt(trx, stored);
    const alerts = await raiseAlertsForSignIn(trx, {
      orgId: attempt.org_id ?? '',
      signIn: { id, row: stored },
      evidence,
      settings: DEFAULT_SECURITY_SETTINGS,
      now: attempt.occurred_at,
    });
    return { id, alerts };
  });
}

interface AlertJson {
  id: string;
  type: string;
  severity: string;
  status: string;
  explanation: string;
  user: Person | null;
  ip: string | null;
  signInCount: number;
  acknowledgedAt: string | null;
  acknowledgedBy: Person | null;
  resolvedAt: string | null;
  resolvedBy: Person | null;
  note: string | null;
}
interface PageJson {
  items: AlertJson[];
  nextCursor: string | null;
  counts: { open: number; acknowledged: number; resolved: number };
}

describeEachDatabase('alerts', (ctx) => {
  let orgId: string;
  let owner: Session;
  let members: Person[];
  let other: { orgId: string; owner: Session; member: Person };

  const list = async (session: Session, query: string) => {
    const response = await ctx().app.inject({ url: `/api/v1/alerts?${query}`, headers: as(session) });
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as PageJson;
  };
  const detail = (session: Session, id: string) =>
    ctx().app.inject({ url: `/api/v1/alerts/${encodeURIComponent(id)}`, headers: as(session) });
  const patch = (session: Session, id: string, payload: Record<string, unknown>) =>
    ctx().app.inject({ method: 'PATCH', url: `/api/v1/alerts/${id}`, headers: as(session), payload });
  /** `count` failed passwords on `user`, a minute apart from `start`, from `ip`. */
  const failures = async (user: Person, start: number, count: number, ip = '203.0.113.9', org = orgId) => {
    const results = [];
    for (let i = 0; i < count; i += 1) {
      results.push(await record(ctx(), row(org, user, start + i * MINUTE, { ip })));
    }
    return results;
  };

  beforeAll(async () => {
    const org = await createOrgWithOwner(ctx(), 'Northwind');
    orgId = org.orgId;
    owner = await signIn(ctx().app, org.email, org.password);
    members = [];
    for (let i = 0; i < 6; i += 1) members.push(await createMember(ctx(), owner, `Member ${i}`));
    const second = await createOrgWithOwner(ctx(), 'Contoso');
    const secondOwner = await signIn(ctx().app, second.email, second.password);
    other = { orgId: second.orgId, owner: secondOwner, member: await createMember(ctx(), secondOwner, 'Eve') };
  });

  it('raises brute force at the threshold, not one under, and adds later failures to it', async () => {
    const [dana] = members as [Person];
    const threshold = DEFAULT_SECURITY_SETTINGS.bruteForce.failures;
    const under = await failures(dana, dayOf(0), threshold - 1);
    expect(under.flatMap((result) => result.alerts)).toEqual([]);
    expect((await list(owner, `type=brute_force&user=${dana.id}`)).items).toEqual([]);

    const [atThreshold] = await failures(dana, dayOf(0) + (threshold - 1) * MINUTE, 1);
    expect(atThreshold?.alerts).toEqual([
      expect.objectContaining({ type: 'brute_force', severity: 'medium', opened: true, userId: dana.id }),
    ]);
    const [later] = await failures(dana, dayOf(0) + threshold * MINUTE, 1, '198.51.100.7');
    expect(later?.alerts).toEqual([expect.objectContaining({ id: atThreshold?.alerts[0]?.id, opened: false })]);

    const page = await list(owner, `type=brute_force&user=${dana.id}`);
    expect(page.items).toHaveLength(1);
    const alert = page.items[0] as AlertJson;
    expect(alert).toMatchObject({ status: 'open', user: { id: dana.id, email: dana.email }, ip: '198.51.100.7' });
    expect(alert.signInCount).toBe(threshold + 1);
    expect(alert.explanation).toBe(`11 failed password attempts for ${dana.email} in 10 minutes from 2 addresses.`);

    const shown = await detail(owner, alert.id);
    expect(shown.statusCode).toBe(200);
    const body = shown.json() as { signIns: { id: string }[]; history: unknown[] };
    expect(body.signIns.map((signIn) => Number(signIn.id)).sort((a, b) => a - b)).toEqual(
      [...under, atThreshold, later].map((result) => result?.id).sort((a, b) => (a ?? 0) - (b ?? 0)),
    );
    expect(body.history).toEqual([]);
  });

  it('does not count failures older than the window', async () => {
    const [, lee] = members as [Person, Person];
    const { failures: threshold, windowMinutes } = DEFAULT_SECURITY_SETTINGS.bruteForce;
    // threshold - 1 failures, then one exactly a window after the first: the first has left it.
    await failures(lee, dayOf(1), threshold - 1);
    const [edge] = await failures(lee, dayOf(1) + windowMinutes * MINUTE, 1);
    expect(edge?.alerts).toEqual([]);
    const [next] = await failures(lee, dayOf(1) + windowMinutes * MINUTE + 1, 1);
    expect(next?.alerts.map((alert) => alert.type)).toEqual(['brute_force']);
  });

  it('raises spraying about the address on the threshold-th distinct account', async () => {
    const accounts = DEFAULT_SECURITY_SETTINGS.spraying.accounts;
    const ip = '192.0.2.77';
    const results = [];
    for (let i = 0; i < accounts; i += 1) {
      results.push(await record(ctx(), row(orgId, members[i] as Person, dayOf(2) + i * MINUTE, { ip })));
    }
    // The same accounts again do not make more accounts.
    const again = await record(ctx(), row(orgId, members[0] as Person, dayOf(2) + 10 * MINUTE, { ip }));
    expect(results.slice(0, accounts - 1).flatMap((result) => result.alerts)).toEqual([]);
    const raised = results.at(-1)?.alerts ?? [];
    expect(raised).toEqual([
      expect.objectContaining({ type: 'password_spraying', severity: 'high', opened: true, userId: null, ip }),
    ]);
    expect(again.alerts).toEqual([expect.objectContaining({ id: raised[0]?.id, opened: false })]);
    const page = await list(owner, 'type=password_spraying');
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({
      user: null,
      ip,
      explanation: `${ip} failed to sign in to 5 accounts within an hour.`,
      signInCount: accounts + 1,
    });
  });

  it('explains impossible travel and puts both places on the map', async () => {
    const [, , sam] = members as [Person, Person, Person];
    const before = await record(
      ctx(),
      row(orgId, sam, dayOf(3), { outcome: 'success', failure_reason: null, ip: '81.2.69.142', ...LONDON }),
    );
    const travel: RiskEvidence = {
      flag: 'impossible_travel',
      explanation: 'Linköping is 1,434 km from London, 30 minutes after.',
      earlier: {
        id: String(before.id),
        occurredAt: new Date(dayOf(3)).toISOString(),
        location: {
          countryCode: 'GB',
          country: 'United Kingdom',
          region: null,
          city: 'London',
          latitude: LONDON.latitude,
          longitude: LONDON.longitude,
          asn: null,
          asOrganization: null,
        },
      },
      distanceKm: 1434,
      elapsedHours: 0.5,
      speedKmh: 2668,
      failures: null,
      network: null,
    };
    const after = await record(
      ctx(),
      row(orgId, sam, dayOf(3) + 30 * MINUTE, {
        outcome: 'success',
        failure_reason: null,
        ip: '89.160.20.112',
        ...LINKOPING,
      }),
      [travel],
    );
    expect(after.alerts).toEqual([expect.objectContaining({ type: 'impossible_travel', severity: 'high' })]);
    const shown = await detail(owner, after.alerts[0]?.id ?? '');
    const body = shown.json() as {
      alert: AlertJson;
      evidence: RiskEvidence[];
      places: { city: string; signIns: number }[];
      signIns: unknown[];
    };
    expect(body.alert.explanation).toBe(
      `${sam.email} signed in from Linköping, Sweden, 1,434 km from London, United Kingdom 30 minutes earlier (2,668 km/h).`,
    );
    expect(body.evidence).toEqual([travel]);
    expect(body.signIns).toHaveLength(2);
    expect(body.places.map((place) => [place.city, place.signIns]).sort()).toEqual([
      ['Linköping', 1],
      ['London', 1],
    ]);
  });

  it('records open → acknowledged → resolved with who and when, then opens a new alert for the next attack', async () => {
    const [, , , kim] = members as [Person, Person, Person, Person];
    const threshold = DEFAULT_SECURITY_SETTINGS.bruteForce.failures;
    const attack = await failures(kim, dayOf(4), threshold);
    const alertId = attack.at(-1)?.alerts[0]?.id ?? '';
    expect(alertId).not.toBe('');

    const frozen = Date.parse('2026-02-06T09:00:00Z');
    ctx().clock.frozenAtMs = frozen;
    try {
      const acknowledged = await patch(owner, alertId, { status: 'acknowledged' });
      expect(acknowledged.statusCode, acknowledged.body).toBe(200);
      expect((acknowledged.json() as { alert: AlertJson }).alert).toMatchObject({
        status: 'acknowledged',
        acknowledgedAt: new Date(frozen).toISOString(),
        acknowledgedBy: { id: owner.userId },
        resolvedAt: null,
      });
      // Still the alert of its window: a further failure adds to it.
      const [more] = await failures(kim, dayOf(4) + threshold * MINUTE, 1);
      expect(more?.alerts).toEqual([expect.objectContaining({ id: alertId, opened: false })]);

      const again = await patch(owner, alertId, { status: 'acknowledged' });
      expect(again.statusCode).toBe(409);
      expect(again.json()).toMatchObject({ code: 'alert-status-unchanged' });

      ctx().clock.frozenAtMs = frozen + HOUR;
      const resolved = await patch(owner, alertId, { status: 'resolved', note: 'Kim mistyped; new password set.' });
      expect(resolved.statusCode).toBe(200);
      const body = resolved.json() as {
        alert: AlertJson;
        history: { from: string; to: string; by: Person | null; note: string | null; at: string }[];
      };
      expect(body.alert).toMatchObject({
        status: 'resolved',
        resolvedAt: new Date(frozen + HOUR).toISOString(),
        resolvedBy: { id: owner.userId },
        note: 'Kim mistyped; new password set.',
      });
      expect(body.history).toEqual([
        {
          from: 'open',
          to: 'acknowledged',
          by: expect.objectContaining({ id: owner.userId }),
          note: null,
          at: new Date(frozen).toISOString(),
        },
        {
          from: 'acknowledged',
          to: 'resolved',
          by: expect.objectContaining({ id: owner.userId }),
          note: 'Kim mistyped; new password set.',
          at: new Date(frozen + HOUR).toISOString(),
        },
      ]);
    } finally {
      ctx().clock.frozenAtMs = undefined;
    }

    // Resolved in the same window: the next failure opens a new alert.
    const [next] = await failures(kim, dayOf(4) + (threshold + 1) * MINUTE, 1);
    expect(next?.alerts).toEqual([expect.objectContaining({ type: 'brute_force', opened: true })]);
    expect(next?.alerts[0]?.id).not.toBe(alertId);
    const page = await list(owner, `user=${kim.id}&type=brute_force`);
    expect(page.items.map((item) => item.status)).toEqual(['open', 'resolved']);
    expect(page.counts).toEqual({ open: 1, acknowledged: 0, resolved: 1 });
    expect((await list(owner, `user=${kim.id}&type=brute_force&status=resolved`)).items.map((item) => item.id)).toEqual(
      [alertId],
    );
    // Reopened: open again with the resolution cleared; it takes no new evidence (its key is gone).
    const reopened = await patch(owner, alertId, { status: 'open', note: 'Not Kim after all.' });
    expect(reopened.statusCode).toBe(200);
    expect((reopened.json() as { alert: AlertJson }).alert).toMatchObject({
      status: 'open',
      resolvedAt: null,
      resolvedBy: null,
    });
    const [after] = await failures(kim, dayOf(4) + (threshold + 2) * MINUTE, 1);
    expect(after?.alerts.map((alert) => alert.id)).toEqual([next?.alerts[0]?.id]);
  });

  it('turns 200 parallel failing sign-ins into exactly one alert', async () => {
    const [, , , , , pat] = members as Person[];
    if (!pat) throw new Error('no member');
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        record(ctx(), row(orgId, pat, dayOf(5) + Math.floor(i / 20) * MINUTE, { ip: `198.51.100.${i % 50}` })),
      ),
    );
    const raised = results.flatMap((result) => result.alerts).filter((alert) => alert.type === 'brute_force');
    expect(new Set(raised.map((alert) => alert.id)).size).toBe(1);
    expect(raised.filter((alert) => alert.opened)).toHaveLength(1);
    const page = await list(owner, `type=brute_force&user=${pat.id}`);
    expect(page.items).toHaveLength(1);
    // Every attempt that raised it is linked (at least the threshold, at most all 200).
    expect(page.items[0]?.signInCount).toBeGreaterThanOrEqual(raised.length);
    expect(page.items[0]?.signInCount).toBeLessThanOrEqual(200);
  });

  it('never shows or changes an alert of another organization', async () => {
    const mine = await list(owner, 'limit=100');
    expect(mine.items.length).toBeGreaterThan(0);
    const target = mine.items[0] as AlertJson;
    // Their own alert, so their lists are not empty by chance.
    const theirs = await failures(
      other.member,
      dayOf(6),
      DEFAULT_SECURITY_SETTINGS.bruteForce.failures,
      '203.0.113.9',
      other.orgId,
    ).then(async () => list(other.owner, 'limit=100'));
    expect(theirs.items.map((item) => item.user?.id)).toEqual([other.member.id]);
    expect(theirs.counts).toEqual({ open: 1, acknowledged: 0, resolved: 0 });
    expect((await list(other.owner, `user=${members[0]?.id}`)).items).toEqual([]);
    expect((await detail(other.owner, target.id)).statusCode).toBe(404);
    const change = await patch(other.owner, target.id, { status: 'resolved' });
    expect(change.statusCode).toBe(404);
    expect((await detail(owner, target.id)).json()).toMatchObject({ alert: { status: target.status } });
    const mineAgain = await list(owner, 'limit=100');
    expect(mineAgain.items.map((item) => item.id)).not.toContain(theirs.items[0]?.id);
  });

  it('pages newest first with a cursor', async () => {
    const all = await list(owner, 'limit=100');
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: PageJson = await list(owner, `limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.items.map((item) => item.id));
  });

  it('refuses bad input with problem+json and changes nothing', async () => {
    const [first] = (await list(owner, 'limit=1')).items;
    if (!first) throw new Error('no alert');
    const bad = [
      await ctx().app.inject({ url: '/api/v1/alerts?cursor=not-a-cursor', headers: as(owner) }),
      await ctx().app.inject({
        url: `/api/v1/alerts?cursor=${Buffer.from('[1e400,"x"]').toString('base64url')}`,
        headers: as(owner),
      }),
      await ctx().app.inject({ url: '/api/v1/alerts?status=closed', headers: as(owner) }),
      await ctx().app.inject({ url: '/api/v1/alerts?limit=0', headers: as(owner) }),
      await ctx().app.inject({ url: '/api/v1/alerts?type=bogus', headers: as(owner) }),
      await detail(owner, 'x'.repeat(65)),
      await patch(owner, first.id, { status: 'closed' }),
      await patch(owner, first.id, { status: 'resolved', note: 'n'.repeat(2001) }),
      await patch(owner, first.id, { status: 'resolved', extra: 1 }),
      await patch(owner, first.id, {}),
    ];
    for (const response of bad) {
      expect(response.statusCode, response.body).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
    expect((await detail(owner, first.id)).json()).toMatchObject({ alert: { status: first.status } });
    const missing = await detail(owner, '00000000-0000-4000-8000-000000000000');
    expect(missing.statusCode).toBe(404);
    expect((await patch(owner, '2147483648', { status: 'resolved' })).statusCode).toBe(404);
  });

  it('shows open alerts on the Overview and alert counts in the security report', async () => {
    const page = await list(owner, 'status=open&limit=100');
    const overview = await ctx().app.inject({ url: '/api/v1/overview', headers: as(owner) });
    expect(overview.statusCode, overview.body).toBe(200);
    const { openAlerts } = overview.json() as {
      openAlerts: { total: number; bySeverity: Record<string, number>; latest: AlertJson[] };
    };
    expect(openAlerts.total).toBe(page.counts.open);
    expect(openAlerts.bySeverity.high).toBe(page.items.filter((item) => item.severity === 'high').length);
    expect(openAlerts.latest.map((item) => item.id)).toEqual(page.items.slice(0, 5).map((item) => item.id));

    const report = await ctx().app.inject({
      url: '/api/v1/reports/security?from=2026-02-01&to=2026-02-28',
      headers: as(owner),
    });
    expect(report.statusCode, report.body).toBe(200);
    const { alerts } = report.json() as {
      alerts: { total: number; byStatus: Record<string, number>; byType: { type: string; count: number }[] };
    };
    const everything = await list(owner, 'limit=100');
    expect(alerts.total).toBe(everything.items.length);
    expect(alerts.byStatus).toEqual(everything.counts);
    expect(alerts.byType.find((entry) => entry.type === 'brute_force')?.count).toBe(
      everything.items.filter((item) => item.type === 'brute_force').length,
    );
    const before = await ctx().app.inject({
      url: '/api/v1/reports/security?from=2026-01-01&to=2026-01-31',
      headers: as(owner),
    });
    expect((before.json() as { alerts: { total: number } }).alerts.total).toBe(0);
  });
});

describeEachDatabase('alerts through the sign-in', (ctx) => {
  it('wrong passwords through POST /auth/login raise one brute-force alert', async () => {
    const org = await createOrgWithOwner(ctx(), 'Fabrikam');
    const owner = await signIn(ctx().app, org.email, org.password);
    const member = await createMember(ctx(), owner, 'Target');
    const threshold = DEFAULT_SECURITY_SETTINGS.bruteForce.failures;
    for (let i = 0; i < threshold; i += 1) {
      // A new address each time, so the throttle's per-address count is not what stops them.
      await attemptSignIn(ctx().app, member.email, 'wrong password', { remoteAddress: `198.18.0.${i + 1}` });
    }
    const page = await ctx().app.inject({ url: `/api/v1/alerts?user=${member.id}`, headers: as(owner) });
    const items = (page.json() as PageJson).items;
    expect(items.map((item) => item.type)).toEqual(['brute_force']);
    expect(items[0]?.signInCount).toBe(threshold);
  });
});
