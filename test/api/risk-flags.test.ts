import { expect, it } from 'vitest';
import type { PatchSecuritySettingsBody, RiskEvidence } from '../../src/contract/security.ts';
import { OPERATOR_CLI } from '../../src/server/features/operator/index.ts';
import { changeSecuritySettings } from '../../src/server/features/security-settings/index.ts';
import { assignSeat, createSubscription, startAppSession } from '../helpers/licenses.ts';
import { as } from '../helpers/session.ts';
import { createOrgWithOwner, describeEachDatabase, type TestContext } from '../helpers/test-app.ts';

/*
 * Risk flags on every sign-in (issue 11), through the real sign-in endpoints, with the MaxMind
 * test database's places under a pinned clock: London–Linköping is 1,257.7 km, London–Japan
 * 9,559.5 km; 1.0.0.0/24 is AS15169 (Google) in the test ASN database.
 */
const LONDON = '81.2.69.142';
const LINKOPING = '89.160.20.112';
const JAPAN = '2001:218::1';
const BOXFORD = '2.125.160.216';
const GOOGLE = '1.0.0.1';
const TELSTRA = '1.128.0.1';
const LONDON_LINKOPING_KM = 1257.7;

const CHROME_WINDOWS =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36';
const CHROME_WINDOWS_UPDATED =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const FIREFOX_MAC = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:128.0) Gecko/20100101 Firefox/128.0';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const T0 = Date.parse('2026-03-02T08:00:00Z');

/** Rules under which location and device flags fire from the first comparison on. */
const NO_LEARNING: PatchSecuritySettingsBody = { learning: { signIns: 0, days: 0 } };

interface Subject {
  orgId: string;
  userId: string;
  email: string;
  password: string;
}

/** An organization whose owner (no sign-in yet) is the user under test. */
async function subject(context: TestContext, rules: PatchSecuritySettingsBody = NO_LEARNING): Promise<Subject> {
  const org = await createOrgWithOwner(context);
  await changeSecuritySettings(context.deps.database.db, org.orgId, rules, OPERATOR_CLI, context.deps.now());
  return { orgId: org.orgId, userId: org.ownerId, email: org.email, password: org.password };
}

/** A console sign-in at `at` (the server's clock is pinned there) from `ip`; answers the response. */
async function attemptAt(
  context: TestContext,
  who: Subject,
  at: number,
  ip: string,
  options: { userAgent?: string; password?: string } = {},
) {
  context.clock.frozenAtMs = at;
  context.clock.offsetMs = 0;
  return context.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email: who.email, password: options.password ?? who.password },
    remoteAddress: ip,
    headers: { 'user-agent': options.userAgent ?? CHROME_WINDOWS },
  });
}

async function signInAt(context: TestContext, who: Subject, at: number, ip: string, userAgent?: string) {
  const response = await attemptAt(context, who, at, ip, { userAgent });
  expect(response.statusCode, response.body).toBe(200);
  const cookie = response.cookies.find((entry) => entry.name === 'sk_session');
  return { cookie: `sk_session=${cookie?.value}`, csrfToken: (response.json() as { csrfToken: string }).csrfToken };
}

/** The evidence stored with the user's latest attempt (what the Activity tab and GET /sign-ins show). */
async function latestEvidence(context: TestContext, who: Subject): Promise<RiskEvidence[]> {
  const row = await context.deps.database.db
    .selectFrom('sign_in_attempts')
    .select(['risk', 'risk_details'])
    .where('org_id', '=', who.orgId)
    .where('user_id', '=', who.userId)
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
  const evidence = JSON.parse(row.risk_details) as RiskEvidence[];
  expect(JSON.parse(row.risk)).toEqual(evidence.map((item) => item.flag));
  return evidence;
}

const flagsOf = (evidence: RiskEvidence[]) => evidence.map((item) => item.flag).sort();
const find = (evidence: RiskEvidence[], flag: RiskEvidence['flag']) => evidence.find((item) => item.flag === flag);

describeEachDatabase(
  'risk flags on sign-in',
  (ctx) => {
    it('flags impossible travel just over the speed limit (km, hours, km/h, after the 100 km tolerance), not just under', async () => {
      // (1,257.7 − 100) km at 1,000 km/h takes 1.1577 h: 1.15 h is too fast, 1.16 h is possible.
      const fast = await subject(ctx());
      await signInAt(ctx(), fast, T0, LONDON);
      await signInAt(ctx(), fast, T0 + 1.15 * HOUR, LINKOPING);
      const evidence = await latestEvidence(ctx(), fast);
      const travel = find(evidence, 'impossible_travel');
      expect(travel).toMatchObject({
        distanceKm: LONDON_LINKOPING_KM,
        elapsedHours: 1.15,
        earlier: { occurredAt: new Date(T0).toISOString(), location: { city: 'London', countryCode: 'GB' } },
      });
      expect(travel?.speedKmh).toBeCloseTo((1257.73 - 100) / 1.15, 0);
      expect(travel?.explanation).toContain('Linköping, Sweden is 1,257.7 km from London, United Kingdom');

      const possible = await subject(ctx());
      await signInAt(ctx(), possible, T0, LONDON);
      await signInAt(ctx(), possible, T0 + 1.16 * HOUR, LINKOPING);
      expect(flagsOf(await latestEvidence(ctx(), possible))).not.toContain('impossible_travel');
    });

    it('takes the tolerance off the distance: within it, even no time at all is possible; beyond it, no time is impossible', async () => {
      // London to Boxford (the test database's other English place) is 84.04 km.
      const tolerant = await subject(ctx(), { ...NO_LEARNING, impossibleTravel: { speedKmh: 1000, toleranceKm: 85 } });
      await signInAt(ctx(), tolerant, T0, LONDON);
      await signInAt(ctx(), tolerant, T0, BOXFORD);
      expect(flagsOf(await latestEvidence(ctx(), tolerant))).not.toContain('impossible_travel');

      const strict = await subject(ctx(), { ...NO_LEARNING, impossibleTravel: { speedKmh: 1000, toleranceKm: 84 } });
      await signInAt(ctx(), strict, T0, LONDON);
      await signInAt(ctx(), strict, T0, BOXFORD);
      expect(find(await latestEvidence(ctx(), strict), 'impossible_travel')).toMatchObject({
        distanceKm: 84,
        elapsedHours: 0,
        speedKmh: null,
      });
    });

    it('flags a new country against the last 10 successful sign-ins, and a new place beyond the radius', async () => {
      const traveller = await subject(ctx(), { ...NO_LEARNING, newPlaceRadiusKm: 1257 });
      await signInAt(ctx(), traveller, T0, LONDON);
      await signInAt(ctx(), traveller, T0 + 2 * DAY, LINKOPING);
      const evidence = await latestEvidence(ctx(), traveller);
      expect(flagsOf(evidence)).toEqual(['new_country', 'new_place']);
      expect(find(evidence, 'new_country')?.explanation).toBe(
        'First sign-in from Sweden; the previous successful sign-in was from United Kingdom.',
      );
      expect(find(evidence, 'new_place')).toMatchObject({ distanceKm: LONDON_LINKOPING_KM, elapsedHours: 48 });

      // A radius just over the distance: Sweden is still a new country, Linköping no new place.
      const wider = await subject(ctx(), { ...NO_LEARNING, newPlaceRadiusKm: 1258 });
      await signInAt(ctx(), wider, T0, LONDON);
      await signInAt(ctx(), wider, T0 + 2 * DAY, LINKOPING);
      expect(flagsOf(await latestEvidence(ctx(), wider))).toEqual(['new_country']);

      // Sweden among the last 50 successes is known; 51 sign-ins back it is forgotten.
      const regular = await subject(ctx());
      await signInAt(ctx(), regular, T0, LINKOPING);
      for (let day = 1; day <= 49; day += 1) await signInAt(ctx(), regular, T0 + day * DAY, LONDON);
      await signInAt(ctx(), regular, T0 + 50 * DAY, LINKOPING);
      expect(flagsOf(await latestEvidence(ctx(), regular))).not.toContain('new_country');
      const forgetful = await subject(ctx());
      await signInAt(ctx(), forgetful, T0, LINKOPING);
      for (let day = 1; day <= 50; day += 1) await signInAt(ctx(), forgetful, T0 + day * DAY, LONDON);
      await signInAt(ctx(), forgetful, T0 + 51 * DAY, LINKOPING);
      expect(flagsOf(await latestEvidence(ctx(), forgetful))).toContain('new_country');
    });

    it('flags a new device (browser family and OS, not versions) but not a browser update', async () => {
      const user = await subject(ctx());
      await signInAt(ctx(), user, T0, LONDON, CHROME_WINDOWS);
      await signInAt(ctx(), user, T0 + HOUR, LONDON, CHROME_WINDOWS_UPDATED);
      expect(await latestEvidence(ctx(), user)).toEqual([]);
      await signInAt(ctx(), user, T0 + 2 * HOUR, LONDON, FIREFOX_MAC);
      const evidence = await latestEvidence(ctx(), user);
      expect(flagsOf(evidence)).toEqual(['new_device']);
      expect(evidence[0]?.explanation).toContain('Firefox on Mac OS (desktop)');
    });

    it('flags a new app device by the id the app gives, not the address', async () => {
      const user = await subject(ctx());
      const owner = await signInAt(ctx(), user, T0, LONDON);
      const { productKey, subscriptionId } = await createSubscription(ctx(), user.orgId, { seats: 1 });
      expect(
        (await assignSeat(ctx(), { ...owner, userId: user.userId, deviceCookie: '' }, subscriptionId, user.userId))
          .statusCode,
      ).toBe(201);
      const device = (id: string) => ({ id, name: 'Laptop', os: 'Windows', osVersion: '11' });
      const body = { email: user.email, password: user.password, appKey: productKey };
      ctx().clock.frozenAtMs = T0 + HOUR;
      expect((await startAppSession(ctx(), { ...body, device: device('machine-a') }, LONDON)).statusCode).toBe(201);
      expect(flagsOf(await latestEvidence(ctx(), user))).toEqual(['new_device']);
      ctx().clock.frozenAtMs = T0 + 2 * HOUR;
      expect((await startAppSession(ctx(), { ...body, device: device('machine-a') }, LONDON)).statusCode).toBe(201);
      expect(flagsOf(await latestEvidence(ctx(), user))).not.toContain('new_device');
      ctx().clock.frozenAtMs = T0 + 3 * HOUR;
      expect((await startAppSession(ctx(), { ...body, device: device('machine-b') }, LONDON)).statusCode).toBe(201);
      expect(flagsOf(await latestEvidence(ctx(), user))).toContain('new_device');
    });

    it('holds back new-country and new-device flags during the learning period (N sign-ins and D days), but not impossible travel', async () => {
      const rules = { learning: { signIns: 3, days: 1 } };
      // Two successes: one short of 3 sign-ins.
      const early = await subject(ctx(), rules);
      await signInAt(ctx(), early, T0, LONDON);
      await signInAt(ctx(), early, T0 + 2 * DAY, LONDON);
      await signInAt(ctx(), early, T0 + 4 * DAY, JAPAN, FIREFOX_MAC);
      expect(await latestEvidence(ctx(), early)).toEqual([]);
      // Three successes, the first a day old: learnt.
      const learnt = await subject(ctx(), rules);
      for (const day of [0, 1, 2]) await signInAt(ctx(), learnt, T0 + day * DAY, LONDON);
      await signInAt(ctx(), learnt, T0 + 4 * DAY, JAPAN, FIREFOX_MAC);
      expect(flagsOf(await latestEvidence(ctx(), learnt))).toEqual(['new_country', 'new_device', 'new_place']);
      // Three successes, but the first only a minute short of a day old: still learning.
      const young = await subject(ctx(), rules);
      for (const minute of [0, 1, 2]) await signInAt(ctx(), young, T0 + minute * MINUTE, LONDON);
      await signInAt(ctx(), young, T0 + DAY - MINUTE, JAPAN, FIREFOX_MAC);
      expect(await latestEvidence(ctx(), young)).toEqual([]);
      await signInAt(ctx(), young, T0 + DAY + MINUTE, LINKOPING);
      expect(flagsOf(await latestEvidence(ctx(), young))).toContain('new_country');
      // Impossible travel is not held back.
      const newcomer = await subject(ctx(), rules);
      await signInAt(ctx(), newcomer, T0, LONDON);
      await signInAt(ctx(), newcomer, T0 + HOUR, JAPAN);
      expect(flagsOf(await latestEvidence(ctx(), newcomer))).toEqual(['impossible_travel']);
    });

    it('raises no location flag for an attempt from a trusted network; a later one from elsewhere is compared with it', async () => {
      const user = await subject(ctx(), {
        ...NO_LEARNING,
        trustedNetworks: [{ cidr: '89.160.20.0/24', label: 'Linköping office' }],
      });
      await signInAt(ctx(), user, T0, LONDON);
      await signInAt(ctx(), user, T0 + 10 * MINUTE, LINKOPING);
      expect(await latestEvidence(ctx(), user)).toEqual([]);
      await signInAt(ctx(), user, T0 + 20 * MINUTE, LONDON);
      const travel = find(await latestEvidence(ctx(), user), 'impossible_travel');
      expect(travel?.earlier?.location).toMatchObject({ city: 'Linköping' });
    });

    it('flags a success after as many failures as the takeover rule counts within its window, not one fewer', async () => {
      const rules = { ...NO_LEARNING, takeover: { failures: 3, windowMinutes: 60 } };
      const guessed = await subject(ctx(), rules);
      // The earliest failure exactly 60 minutes before the success still counts.
      for (const minute of [0, 30, 50]) {
        const refused = await attemptAt(ctx(), guessed, T0 + minute * MINUTE, LONDON, { password: 'wrong guess!' });
        expect(refused.statusCode).toBe(401);
      }
      expect(flagsOf(await latestEvidence(ctx(), guessed))).toEqual([]);
      await signInAt(ctx(), guessed, T0 + 60 * MINUTE, LONDON);
      const takeover = find(await latestEvidence(ctx(), guessed), 'failures_before_success');
      expect(takeover).toMatchObject({
        failures: 3,
        elapsedHours: 1,
        earlier: { occurredAt: new Date(T0).toISOString() },
      });

      const outside = await subject(ctx(), rules);
      for (const minute of [0, 30, 50])
        await attemptAt(ctx(), outside, T0 + minute * MINUTE, LONDON, { password: 'wrong guess!' });
      await signInAt(ctx(), outside, T0 + 60 * MINUTE + 1, LONDON);
      expect(flagsOf(await latestEvidence(ctx(), outside))).not.toContain('failures_before_success');
    });

    it('flags attempts on a deactivated account, and a failure from a new country', async () => {
      const user = await subject(ctx());
      const session = await signInAt(ctx(), user, T0, LONDON);
      const org = await createOrgWithOwnerIn(ctx(), user, session);
      const refused = await attemptAt(ctx(), org.member, T0 + DAY, JAPAN);
      expect(refused.statusCode).toBe(403);
      const attempt = await latestEvidence(ctx(), org.member);
      expect(find(attempt, 'deactivated_account')?.explanation).toContain('deactivated account from Japan');
      // Before the deactivation, the same member's sign-in carried no such flag.
      const rows = await ctx()
        .deps.database.db.selectFrom('sign_in_attempts')
        .select('risk')
        .where('user_id', '=', org.member.userId)
        .orderBy('id', 'asc')
        .execute();
      expect(rows.map((row) => row.risk)).toEqual(['[]', expect.stringContaining('deactivated_account')]);
      const wrong = await attemptAt(ctx(), user, T0 + 2 * DAY, LINKOPING, { password: 'not the password' });
      expect(wrong.statusCode).toBe(401);
      expect(flagsOf(await latestEvidence(ctx(), user))).toContain('new_country');
    });

    it('flags a hosting network from the ASN database (AS15169), not an ordinary one (AS1221)', async () => {
      const user = await subject(ctx());
      await signInAt(ctx(), user, T0, GOOGLE);
      expect(await latestEvidence(ctx(), user)).toEqual([
        expect.objectContaining({
          flag: 'hosting_network',
          network: { asn: 15169, organization: 'Google Inc.' },
        }),
      ]);
      await signInAt(ctx(), user, T0 + HOUR, TELSTRA);
      expect(await latestEvidence(ctx(), user)).toEqual([]);
    });

    it('shows the flags and their evidence in GET /users/{id}/activity and GET /sign-ins', async () => {
      const user = await subject(ctx());
      await signInAt(ctx(), user, T0, LONDON);
      const session = await signInAt(ctx(), user, T0 + 30 * MINUTE, LINKOPING);
      const headers = as({ ...session, userId: user.userId, deviceCookie: '' });
      const activity = await ctx().app.inject({ url: `/api/v1/users/${user.userId}/activity?limit=1`, headers });
      const [item] = activity.json().items;
      expect(item.risk).toEqual(['new_country', 'new_place', 'impossible_travel']);
      expect(item.riskDetails.map((evidence: RiskEvidence) => evidence.flag)).toEqual(item.risk);
      const travel = item.riskDetails[2] as RiskEvidence;
      expect(travel).toMatchObject({ distanceKm: LONDON_LINKOPING_KM, elapsedHours: 0.5 });
      const signIns = await ctx().app.inject({ url: '/api/v1/sign-ins?limit=1', headers });
      const [row] = signIns.json().items;
      expect(row.riskDetails).toEqual(item.riskDetails);
      const earlier = await ctx().app.inject({ url: `/api/v1/sign-ins/${travel.earlier?.id}`, headers });
      expect(earlier.json().signIn.location.city).toBe('London');
    });

    it('never lets another organization’s history or rules change a user’s flags', async () => {
      const other = await subject(ctx(), {
        ...NO_LEARNING,
        trustedNetworks: [{ cidr: '89.160.20.0/24', label: 'Their office' }],
        impossibleTravel: { speedKmh: 5000, toleranceKm: 1000 },
      });
      for (const hour of [0, 1, 2]) await signInAt(ctx(), other, T0 + hour * HOUR, LINKOPING);
      const user = await subject(ctx());
      await signInAt(ctx(), user, T0 + 3 * HOUR, LONDON);
      await signInAt(ctx(), user, T0 + 3.5 * HOUR, LINKOPING);
      expect(flagsOf(await latestEvidence(ctx(), user))).toEqual(['impossible_travel', 'new_country', 'new_place']);
      expect(flagsOf(await latestEvidence(ctx(), other))).toEqual([]);
    });
  },
  { throttle: { accountFailures: 100, ipFailures: 1000, deviceFailures: 100, windowSeconds: 900 } },
);

/** A member of `owner`'s organization, signed in once from London, then deactivated. */
async function createOrgWithOwnerIn(
  context: TestContext,
  owner: Subject,
  session: { cookie: string; csrfToken: string },
) {
  const headers = as({ ...session, userId: owner.userId, deviceCookie: '' });
  const email = `member-${Math.random().toString(36).slice(2)}@example.com`;
  const created = await context.app.inject({
    method: 'POST',
    url: '/api/v1/users',
    headers,
    payload: { email, name: 'Member' },
  });
  const { user, invitation } = created.json() as { user: { id: string }; invitation: { token: string } };
  const password = 'a fine long passphrase';
  await context.app.inject({
    method: 'POST',
    url: `/api/v1/invitations/${invitation.token}/accept`,
    payload: { password },
    remoteAddress: LONDON,
  });
  const deactivated = await context.app.inject({
    method: 'POST',
    url: `/api/v1/users/${user.id}/deactivate`,
    headers,
    payload: { reason: 'other', note: 'Left' },
  });
  expect(deactivated.statusCode).toBe(200);
  return { member: { orgId: owner.orgId, userId: user.id, email, password } satisfies Subject };
}
