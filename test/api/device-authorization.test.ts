import fs from 'node:fs';
import { afterEach, beforeAll, expect, it } from 'vitest';
import type { BrowserSignInCode, BrowserSignInRequest, FetchLike } from '../../src/sdk/index.ts';
import * as sdk from '../../src/sdk/index.ts';
import { sweepDeviceAuthorizations } from '../../src/server/features/device-authorization/index.ts';
import { redactUrl } from '../../src/server/http/log-redaction.ts';
import { DAY_MS } from '../../src/server/lib/time.ts';
import {
  assignSeat,
  createMember,
  createSubscription,
  DEVICE,
  MEMBER_PASSWORD,
  startAppSession,
} from '../helpers/licenses.ts';
import { as, type Session, signIn } from '../helpers/session.ts';
import { createOrgWithOwner, describeEachDatabase, type TestContext } from '../helpers/test-app.ts';

/**
 * Apps signing in through the browser (RFC 8628), end to end: the SDK against the real server listening on a
 * socket, the user's approval through the console API with their session. The server's clock is frozen and moved
 * by the SDK's `wait`, so polls at "5 s" intervals take no time and nothing depends on the machine's speed.
 */

const APP_VERSION = '2.4.1';
/** The console served under a path: the codes' links keep it. */
const PUBLIC_URL = 'http://localhost:3000/seatkeeper';

async function memberWithSeat(context: TestContext, name = 'Acme') {
  const org = await createOrgWithOwner(context, name);
  const owner = await signIn(context.app, org.email, org.password);
  const subscription = await createSubscription(context, org.orgId, { seats: 3, name: `${name} Designer` });
  const member = await createMember(context, owner);
  expect((await assignSeat(context, owner, subscription.subscriptionId, member.id)).statusCode).toBe(201);
  const memberSession = await signIn(context.app, member.email, MEMBER_PASSWORD);
  return { org, owner, member, memberSession, ...subscription };
}

function startAuthorization(context: TestContext, appKey: string) {
  return context.app.inject({
    method: 'POST',
    url: '/api/v1/app/device-authorizations',
    payload: { app: { key: appKey, version: APP_VERSION }, device: DEVICE },
  });
}

function poll(context: TestContext, deviceCode: string, remoteAddress = '81.2.69.142') {
  return context.app.inject({ method: 'POST', url: '/api/v1/app/sessions', payload: { deviceCode }, remoteAddress });
}

function answer(context: TestContext, session: Session, userCode: string, action: 'approve' | 'deny') {
  return context.app.inject({
    method: 'POST',
    url: `/api/v1/device-authorizations/${encodeURIComponent(userCode)}/${action}`,
    headers: as(session),
  });
}

describeEachDatabase(
  'apps sign in through the browser (device authorization)',
  (ctx) => {
    let baseUrl = '';
    beforeAll(async () => {
      baseUrl = await ctx().app.listen({ port: 0, host: '127.0.0.1' });
    });
    afterEach(() => {
      ctx().clock.offsetMs = 0;
      ctx().clock.frozenAtMs = undefined;
    });

    /** The SDK's `wait`: moves the server's clock instead of sleeping, after `before` (the user acting meanwhile). */
    function serverClockWait(before: (ms: number, call: number) => Promise<number | undefined> | number | undefined) {
      const waits: number[] = [];
      const wait = async (ms: number) => {
        waits.push(ms);
        const advance = await before(ms, waits.length);
        ctx().clock.offsetMs += advance ?? ms;
      };
      return { waits, wait };
    }

    /** The SDK's fetch, noting what each poll was answered and the device code it was given. */
    function recordingFetch() {
      const polls: (number | string)[] = [];
      let deviceCode = '';
      const fetch: FetchLike = async (url, init) => {
        const response = await globalThis.fetch(url, init);
        if (url.endsWith('/app/device-authorizations') && response.ok) {
          deviceCode = ((await response.clone().json()) as { deviceCode: string }).deviceCode;
        }
        if (url.endsWith('/app/sessions')) {
          polls.push(response.ok ? response.status : ((await response.clone().json()) as { code: string }).code);
        }
        return response;
      };
      return { fetch, polls, deviceCode: () => deviceCode };
    }

    it('start → pending → slow-down → approved in the console → one session, heartbeats, recorded; a second poll is refused', async () => {
      const { member, memberSession, productKey, subscriptionId } = await memberWithSeat(ctx());
      ctx().clock.frozenAtMs = Date.now();
      const recording = recordingFetch();
      const codes: BrowserSignInCode[] = [];
      const { waits, wait } = serverClockWait(async (_ms, call) => {
        // Second wait: this machine's timer fired early by the server's clock (1 s instead of 5): slow-down.
        if (call === 2) return 1000;
        if (call === 3) {
          const userCode = codes[0]!.userCode;
          const shown = await ctx().app.inject({
            url: `/api/v1/device-authorizations/${userCode.toLowerCase()}`,
            headers: as(memberSession),
          });
          expect(shown.statusCode).toBe(200);
          expect(shown.json()).toMatchObject({
            userCode,
            app: { key: productKey, name: 'Acme Designer', version: APP_VERSION },
            device: { name: DEVICE.name, os: DEVICE.os, osVersion: DEVICE.osVersion, type: 'desktop' },
          });
          expect((await answer(ctx(), memberSession, userCode, 'approve')).statusCode).toBe(204);
        }
        return undefined;
      });
      const client = sdk.createSeatkeeperClient({ baseUrl, fetch: recording.fetch });
      const session = await client.signInWithBrowser({
        app: { key: productKey, version: APP_VERSION },
        device: DEVICE,
        onCode: (code) => {
          codes.push(code);
        },
        wait,
      });

      expect(codes).toHaveLength(1);
      const code = codes[0]!;
      expect(code.userCode).toMatch(/^[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}$/);
      expect(code.verificationUri).toBe(`${PUBLIC_URL}/device`);
      expect(code.verificationUriComplete).toBe(`${code.verificationUri}?code=${code.userCode}`);
      expect(code.expiresIn).toBe(600);
      expect(recording.polls).toEqual(['authorization-pending', 'slow-down', 201]);
      // 5 s, 5 s, then 5 more after the slow-down.
      expect(waits).toEqual([5000, 5000, 10000]);
      expect(session.license).toMatchObject({ subscriptionId, product: { key: productKey } });
      expect(session.heartbeatIntervalSeconds).toBe(60);
      await session.heartbeat();
      expect(session.active).toBe(true);

      const again = await poll(ctx(), recording.deviceCode());
      expect(again.statusCode).toBe(400);
      expect(again.json()).toMatchObject({ code: 'invalid-grant', type: '/problems/invalid-grant' });

      const attempts = await ctx()
        .deps.database.db.selectFrom('sign_in_attempts')
        .select(['method', 'client', 'outcome', 'app_key', 'app_version', 'device_id', 'device_name', 'ip'])
        .where('user_id', '=', member.id)
        .where('client', '=', 'app')
        .execute();
      expect(attempts).toEqual([
        {
          method: 'device_authorization',
          client: 'app',
          outcome: 'success',
          app_key: productKey,
          app_version: APP_VERSION,
          device_id: DEVICE.id,
          device_name: DEVICE.name,
          ip: '127.0.0.1',
        },
      ]);
      // The Activity tab says so of the app session too.
      const activity = await ctx().app.inject({ url: '/api/v1/me/activity', headers: as(memberSession) });
      const appSession = (activity.json() as { items: { type: string; method: string }[] }).items.find(
        (item) => item.type === 'app_session',
      );
      expect(appSession?.method).toBe('device_authorization');
      await session.signOut();
    });

    it('runs the SDK example of docs/account-security.md as written', async () => {
      const { memberSession, productKey } = await memberWithSeat(ctx());
      ctx().clock.frozenAtMs = Date.now();
      const guide = fs.readFileSync(new URL('../../docs/account-security.md', import.meta.url), 'utf8');
      const section = guide.slice(guide.indexOf('## Apps sign in through the browser'));
      const snippet = /<!-- example: browser-sign-in\.js -->\n```js\n([\s\S]*?)```/.exec(section)?.[1];
      expect(snippet).toBeDefined();
      const opened: string[] = [];
      const printed: string[] = [];
      const { wait } = serverClockWait(async (_ms, call) => {
        if (call === 1) {
          const userCode = new URL(opened[0]!).searchParams.get('code')!;
          expect((await answer(ctx(), memberSession, userCode, 'approve')).statusCode).toBe(204);
        }
        return undefined;
      });
      // The example's client, pointed at this server, with the server's clock as its timer.
      const createSeatkeeperClient = (options: sdk.SeatkeeperClientOptions) => {
        const client = sdk.createSeatkeeperClient({ ...options, baseUrl });
        return {
          ...client,
          signInWithBrowser: (request: BrowserSignInRequest) => client.signInWithBrowser({ ...request, wait }),
        };
      };
      const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (
        ...args: string[]
      ) => (...values: unknown[]) => Promise<void>;
      const run = new AsyncFunction(
        'createSeatkeeperClient',
        'SeatkeeperSignInDeniedError',
        'SeatkeeperSignInExpiredError',
        'installationId',
        'openInBrowser',
        'console',
        snippet!.replace(/^import .*$/m, '').replaceAll("'designer'", `'${productKey}'`),
      );
      await run(
        createSeatkeeperClient,
        sdk.SeatkeeperSignInDeniedError,
        sdk.SeatkeeperSignInExpiredError,
        'doc-example-install',
        (url: string) => opened.push(url),
        { log: (line: string) => printed.push(line) },
      );
      expect(opened).toHaveLength(1);
      expect(printed).toEqual([
        expect.stringMatching(
          /^Approve the sign-in in your browser, or go to \S+\/device and enter [A-Z]{4}-[A-Z]{4}$/,
        ),
        'Signed in: a Acme Designer seat',
      ]);
    });

    it('shows a code only to signed-in users, and answers 404 for codes that are unknown, malformed or answered', async () => {
      const { memberSession, productKey } = await memberWithSeat(ctx());
      const started = await startAuthorization(ctx(), productKey);
      expect(started.statusCode).toBe(200);
      const { userCode } = started.json();
      const anonymous = await ctx().app.inject({ url: `/api/v1/device-authorizations/${userCode}` });
      expect(anonymous.statusCode).toBe(401);
      expect(anonymous.json().code).toBe('unauthenticated');
      const noCsrf = await ctx().app.inject({
        method: 'POST',
        url: `/api/v1/device-authorizations/${userCode}/approve`,
        headers: { cookie: memberSession.cookie },
      });
      expect(noCsrf.statusCode).toBe(403);
      const other = (userCode as string) === 'BCDF-GHJK' ? 'BCDF-GHJL' : 'BCDF-GHJK';
      for (const code of [other, 'AEIO-UAEI', 'x', 'BCDF-GHJK-LMNP', `${userCode}1`]) {
        const response = await ctx().app.inject({
          url: `/api/v1/device-authorizations/${encodeURIComponent(code)}`,
          headers: as(memberSession),
        });
        expect(response.statusCode).toBe(404);
        expect(response.json()).toMatchObject({ code: 'device-code-invalid' });
      }
      // Typed in lower case, without the dash: the same code.
      const typed = (userCode as string).replace('-', '').toLowerCase();
      expect((await answer(ctx(), memberSession, typed, 'approve')).statusCode).toBe(204);
      for (const action of ['approve', 'deny'] as const) {
        const late = await answer(ctx(), memberSession, userCode, action);
        expect(late.statusCode).toBe(404);
        expect(late.json().code).toBe('device-code-invalid');
      }
      // The code is a credential for ten minutes: request logs show it masked.
      expect(redactUrl(`/api/v1/device-authorizations/${userCode}/approve`)).toBe(
        '/api/v1/device-authorizations/[token]/approve',
      );
      expect(redactUrl(`/device?code=${userCode}`)).toBe('/device?code=[redacted]');
      const unknownApp = await startAuthorization(ctx(), 'no-such-app');
      expect(unknownApp.statusCode).toBe(404);
      expect(unknownApp.json().code).toBe('unknown-app');
    });

    it('a denied sign-in answers access-denied, and the SDK rejects with SeatkeeperSignInDeniedError', async () => {
      const { memberSession, productKey, member } = await memberWithSeat(ctx());
      ctx().clock.frozenAtMs = Date.now();
      let userCode = '';
      const { wait } = serverClockWait(async (_ms, call) => {
        if (call === 1) expect((await answer(ctx(), memberSession, userCode, 'deny')).statusCode).toBe(204);
        return undefined;
      });
      const client = sdk.createSeatkeeperClient({ baseUrl });
      const refusal = await client
        .signInWithBrowser({
          app: { key: productKey, version: APP_VERSION },
          device: DEVICE,
          onCode: (code) => {
            userCode = code.userCode;
          },
          wait,
        })
        .catch((error: unknown) => error);
      expect(refusal).toBeInstanceOf(sdk.SeatkeeperSignInDeniedError);
      expect(refusal).toMatchObject({ status: 400, code: 'access-denied', action: 'sign-in-again' });
      // Denied stays denied: approving afterwards is refused.
      expect((await answer(ctx(), memberSession, userCode, 'approve')).statusCode).toBe(404);
      const sessions = await ctx()
        .deps.database.db.selectFrom('app_sessions')
        .select('id')
        .where('user_id', '=', member.id)
        .execute();
      expect(sessions).toEqual([]);
    });

    it('codes expire after 10 minutes: expired-token for the app, 404 for the user', async () => {
      const { memberSession, productKey } = await memberWithSeat(ctx());
      ctx().clock.frozenAtMs = Date.now();
      const started = (await startAuthorization(ctx(), productKey)).json();
      ctx().clock.offsetMs = 600_000 - 1;
      expect((await poll(ctx(), started.deviceCode)).json().code).toBe('authorization-pending');
      ctx().clock.offsetMs = 600_000;
      const expired = await poll(ctx(), started.deviceCode);
      expect(expired.statusCode).toBe(400);
      expect(expired.json().code).toBe('expired-token');
      expect((await answer(ctx(), memberSession, started.userCode, 'approve')).statusCode).toBe(404);

      // The SDK: nobody approves, the server's clock runs on, the promise rejects with the typed error.
      const client = sdk.createSeatkeeperClient({ baseUrl });
      const { waits, wait } = serverClockWait(() => undefined);
      const refusal = await client
        .signInWithBrowser({ app: { key: productKey, version: APP_VERSION }, device: DEVICE, onCode: () => {}, wait })
        .catch((error: unknown) => error);
      expect(refusal).toBeInstanceOf(sdk.SeatkeeperSignInExpiredError);
      expect(refusal).toMatchObject({ code: 'expired-token' });
      expect(waits.length).toBe(120);
    });

    it('a user of another organization without a seat of the app can approve, but the poll answers no-license (recorded)', async () => {
      const a = await memberWithSeat(ctx(), 'Acme');
      const b = await memberWithSeat(ctx(), 'Bolt');
      const started = (await startAuthorization(ctx(), a.productKey)).json();
      expect((await answer(ctx(), b.memberSession, started.userCode, 'approve')).statusCode).toBe(204);
      const refused = await poll(ctx(), started.deviceCode);
      expect(refused.statusCode).toBe(403);
      expect(refused.json().code).toBe('no-license');
      expect((await poll(ctx(), started.deviceCode)).json().code).toBe('invalid-grant');
      const attempts = await ctx()
        .deps.database.db.selectFrom('sign_in_attempts')
        .select(['org_id', 'outcome', 'failure_reason', 'method'])
        .where('user_id', '=', b.member.id)
        .where('client', '=', 'app')
        .execute();
      expect(attempts).toEqual([
        { org_id: b.org.orgId, outcome: 'failure', failure_reason: 'no_license', method: 'device_authorization' },
      ]);
      // Organization A saw nothing of it.
      const seen = await ctx()
        .deps.database.db.selectFrom('sign_in_attempts')
        .select('id')
        .where('org_id', '=', a.org.orgId)
        .where('user_id', '=', b.member.id)
        .execute();
      expect(seen).toEqual([]);
    });

    it('20 polls at once after approval open exactly one session', async () => {
      const { memberSession, productKey, member } = await memberWithSeat(ctx());
      const started = (await startAuthorization(ctx(), productKey)).json();
      expect((await answer(ctx(), memberSession, started.userCode, 'approve')).statusCode).toBe(204);
      const answers = await Promise.all(
        Array.from({ length: 20 }, () =>
          globalThis.fetch(`${baseUrl}/api/v1/app/sessions`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ deviceCode: started.deviceCode }),
          }),
        ),
      );
      const statuses = answers.map((response) => response.status);
      expect(statuses.filter((status) => status === 201)).toHaveLength(1);
      expect(statuses.filter((status) => status === 400)).toHaveLength(19);
      for (const response of answers.filter((item) => item.status === 400)) {
        expect(((await response.json()) as { code: string }).code).toBe('invalid-grant');
      }
      const sessions = await ctx()
        .deps.database.db.selectFrom('app_sessions')
        .select('id')
        .where('user_id', '=', member.id)
        .execute();
      expect(sessions).toHaveLength(1);
    });

    it('appPasswordSignIn off: a right password is 403 browser-sign-in-required (recorded), a wrong one still 401; the browser works', async () => {
      const { owner, member, memberSession, productKey, org } = await memberWithSeat(ctx());
      const settings = (await ctx().app.inject({ url: '/api/v1/organization/security', headers: as(owner) })).json();
      expect(settings.signIn.appPasswordSignIn).toBe(true);
      const { requiredSince: _since, ...signInRules } = settings.signIn;
      const changed = await ctx().app.inject({
        method: 'PATCH',
        url: '/api/v1/organization/security',
        headers: as(owner),
        payload: { signIn: { ...signInRules, appPasswordSignIn: false } },
      });
      expect(changed.statusCode).toBe(200);

      const wrong = await startAppSession(ctx(), {
        email: member.email,
        password: 'not the password',
        appKey: productKey,
      });
      expect(wrong.statusCode).toBe(401);
      expect(wrong.json().code).toBe('invalid-credentials');
      const refused = await startAppSession(ctx(), {
        email: member.email,
        password: MEMBER_PASSWORD,
        appKey: productKey,
      });
      expect(refused.statusCode).toBe(403);
      expect(refused.json()).toMatchObject({ code: 'browser-sign-in-required' });
      expect(refused.json().detail).toMatch(/browser/);
      const sdkRefusal = await sdk
        .createSeatkeeperClient({ baseUrl })
        .signIn({
          email: member.email,
          password: MEMBER_PASSWORD,
          app: { key: productKey, version: APP_VERSION },
          device: DEVICE,
        })
        .catch((error: unknown) => error);
      expect(sdkRefusal).toMatchObject({ code: 'browser-sign-in-required', action: 'sign-in-with-browser' });
      const reasons = await ctx()
        .deps.database.db.selectFrom('sign_in_attempts')
        .select('failure_reason')
        .where('org_id', '=', org.orgId)
        .where('user_id', '=', member.id)
        .where('client', '=', 'app')
        .orderBy('id')
        .execute();
      expect(reasons.map((row) => row.failure_reason)).toEqual([
        'invalid_password',
        'browser_sign_in_required',
        'browser_sign_in_required',
      ]);

      const started = (await startAuthorization(ctx(), productKey)).json();
      expect((await answer(ctx(), memberSession, started.userCode, 'approve')).statusCode).toBe(204);
      expect((await poll(ctx(), started.deviceCode)).statusCode).toBe(201);
    });

    it('a user with a second factor cannot sign in to an app with a password alone, whatever the setting', async () => {
      const { member, org, productKey } = await memberWithSeat(ctx());
      const before = await startAppSession(ctx(), {
        email: member.email,
        password: MEMBER_PASSWORD,
        appKey: productKey,
      });
      expect(before.statusCode).toBe(201);
      const now = ctx().deps.now();
      await ctx()
        .deps.database.db.insertInto('totp_factors')
        .values({
          org_id: org.orgId,
          user_id: member.id,
          secret: 'JBSWY3DPEHPK3PXP',
          created_at: now,
          confirmed_at: now,
          last_used_step: null,
        })
        .execute();
      const after = await startAppSession(ctx(), {
        email: member.email,
        password: MEMBER_PASSWORD,
        appKey: productKey,
      });
      expect(after.statusCode).toBe(403);
      expect(after.json().code).toBe('browser-sign-in-required');
      expect(after.json().detail).toMatch(/two-step/);
    });

    it('lets one address start 30 browser sign-ins a minute, then answers 429 with Retry-After; other addresses go on', async () => {
      const { productKey } = await memberWithSeat(ctx());
      const start = (remoteAddress: string) =>
        ctx().app.inject({
          method: 'POST',
          url: '/api/v1/app/device-authorizations',
          remoteAddress,
          payload: { app: { key: productKey, version: APP_VERSION }, device: DEVICE },
        });
      const statuses = [];
      for (let index = 0; index < 30; index++) statuses.push((await start('2001:db8:7::1')).statusCode);
      expect(statuses).toEqual(Array(30).fill(200));
      // Another address of the same /64 counts with it.
      const refused = await start('2001:db8:7::2');
      expect(refused.statusCode).toBe(429);
      expect(refused.json().code).toBe('too-many-device-authorizations');
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect((await start('198.51.100.7')).statusCode).toBe(200);
    });

    it('refuses bodies that are neither a password sign-in nor a poll, and device codes that are not one', async () => {
      const bodies = [
        {},
        { deviceCode: '' },
        { deviceCode: 'x'.repeat(101) },
        { deviceCode: 'abc', email: 'a@b.example' },
      ];
      for (const payload of bodies) {
        const response = await ctx().app.inject({ method: 'POST', url: '/api/v1/app/sessions', payload });
        expect(response.statusCode).toBe(400);
        expect(response.json().code).toBe('invalid-request');
      }
      // Each refusal speaks of the shape the body came closest to, not of both.
      const tooLong = await ctx().app.inject({
        method: 'POST',
        url: '/api/v1/app/sessions',
        payload: { deviceCode: 'x'.repeat(101) },
      });
      expect(tooLong.json().errors).toEqual([{ path: 'body/deviceCode', message: expect.any(String) }]);
      const typo = await ctx().app.inject({
        method: 'POST',
        url: '/api/v1/app/sessions',
        payload: { email: 'a@b.example', password: 'long enough password', app: { key: 'x', version: '1' } },
      });
      expect(typo.json().errors).toEqual([{ path: 'body', message: 'device is required' }]);
      for (const deviceCode of ['unknown-code', 'nul\u0000inside']) {
        const response = await poll(ctx(), deviceCode);
        expect(response.statusCode).toBe(400);
      }
      expect((await poll(ctx(), 'unknown-code')).json().code).toBe('invalid-grant');
    });

    it('forgets browser sign-ins a day after they expired, used and denied ones alike, in batches', async () => {
      const { memberSession, productKey } = await memberWithSeat(ctx(), 'Sweep');
      const t0 = Date.now();
      ctx().clock.frozenAtMs = t0;
      const db = ctx().deps.database.db;
      const started = async () =>
        (await startAuthorization(ctx(), productKey)).json() as BrowserSignInCode & { deviceCode: string };
      const used = await started();
      const denied = await started();
      const ignored = await started();
      expect((await answer(ctx(), memberSession, used.userCode, 'approve')).statusCode).toBe(204);
      expect((await poll(ctx(), used.deviceCode)).statusCode).toBe(201);
      expect((await answer(ctx(), memberSession, denied.userCode, 'deny')).statusCode).toBe(204);
      // More than a batch of long-expired ones.
      const old = Array.from({ length: 1005 }, (_, index) => ({
        device_code_hash: `sweep-old-${index}`,
        user_code: `SWEEP${String(index).padStart(4, '0')}`,
        app_key: productKey,
        app_version: APP_VERSION,
        device: JSON.stringify(DEVICE),
        status: 'pending',
        org_id: null,
        user_id: null,
        created_at: t0 - 3 * DAY_MS,
        expires_at: t0 - 3 * DAY_MS + 600_000,
        last_polled_at: null,
        decided_at: null,
      }));
      await db.insertInto('device_authorizations').values(old).execute();
      const remaining = async () =>
        (
          await db
            .selectFrom('device_authorizations')
            .select('user_code')
            .where('app_key', '=', productKey)
            .orderBy('user_code')
            .execute()
        ).map((row) => row.user_code);
      const ours = [used, denied, ignored].map((code) => code.userCode.replace('-', '')).sort();

      ctx().clock.frozenAtMs = t0 + 600_000 + DAY_MS;
      expect(await sweepDeviceAuthorizations(ctx().deps)).toBeGreaterThanOrEqual(1005);
      expect(await remaining()).toEqual(ours);
      ctx().clock.frozenAtMs = t0 + 600_000 + DAY_MS + 1;
      expect(await sweepDeviceAuthorizations(ctx().deps)).toBeGreaterThanOrEqual(3);
      expect(await remaining()).toEqual([]);
    });
  },
  { config: { PUBLIC_URL } },
);
