import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, describeEachDatabase } from '../helpers/test-app.ts';
import {
  type Answer,
  type ConcreteRequest,
  concreteFromGenerated,
  concreteFromValid,
  describeAnswer,
  describeRequest,
  REQUEST_TIMEOUT_MS,
  send,
  violationsOf,
} from './battery.ts';
import { requestArbitrary, routesOf } from './requests.ts';
import { ROLES, ROUTE_ACCESS, type Role, refusalFor } from './route-access.ts';
import { rawCases, sendOverSocket, sendRaw } from './socket.ts';
import { VALID_REQUESTS } from './valid-requests.ts';
import { startWatchdog, type Watchdog } from './watchdog.ts';
import { World } from './world.ts';

/**
 * The fuzz battery (issue 8): every route of the OpenAPI document × anonymous, member,
 * owner and another organization's owner, on SQLite and PostgreSQL. See test/fuzz/README.md.
 *
 * FUZZ_RUNS (default 20): generated requests per route and role. FUZZ_SEED: replay a run.
 * FUZZ_SOCKET_RUNS (default 150): generated requests sent over a real socket.
 * FUZZ_HARD_STALL_MS (default 45000): how long the test thread may be blocked before the watchdog kills the run.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 20);
const SOCKET_RUNS = Number(process.env.FUZZ_SOCKET_RUNS ?? 150);
const HARD_STALL_MS = Number(process.env.FUZZ_HARD_STALL_MS ?? 45_000);
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
const THROTTLE = { accountFailures: 10_000, ipFailures: 10_000, windowSeconds: 900 };

// The routes come from the app's own document, so a route added later is fuzzed without an edit here.
const DOCUMENT = await (async () => {
  const { context, cleanup } = await createTestContext('sqlite');
  try {
    return context.app.swagger();
  } finally {
    await cleanup();
  }
})();
const ROUTES = routesOf(DOCUMENT, ROUTE_ACCESS);

const fcOptions = (numRuns: number) => ({
  numRuns,
  ...(SEED === undefined ? {} : { seed: SEED }),
  // A hanging route must not make shrinking run forever: report the smallest case found by then.
  interruptAfterTimeLimit: Math.max(60_000, numRuns * 2_000),
});
const TEST_TIMEOUT = Math.max(60_000, RUNS * 2_000) + 8 * REQUEST_TIMEOUT_MS;

describeEachDatabase(
  'fuzz battery',
  (ctx) => {
    let world: World;
    let watchdog: Watchdog;
    let baseUrl: string;
    const sent = new Map<Role, number>();
    let began = Date.now();
    const count = (role: Role) => sent.set(role, (sent.get(role) ?? 0) + 1);

    async function exchange(request: ConcreteRequest): Promise<Answer | 'timeout'> {
      count(request.role);
      const answer = await send(ctx(), request, watchdog);
      await world.checkSessions(`${describeRequest(request)}\n${describeAnswer(answer)}`);
      return answer;
    }

    function fail(problems: string[], request: ConcreteRequest, answer: Answer | 'timeout'): never {
      throw new Error(`${problems.join('; ')}\n${describeRequest(request)}\n${describeAnswer(answer)}`);
    }

    beforeAll(async () => {
      began = Date.now();
      world = await World.create(ctx());
      baseUrl = await ctx().app.listen({ port: 0, host: '127.0.0.1' });
      watchdog = startWatchdog(`${baseUrl}/healthz`, { hardStallMs: HARD_STALL_MS });
    }, 120_000);

    afterAll(async () => {
      await watchdog?.stop();
      const perRole = ROLES.map((role) => `${role} ${sent.get(role) ?? 0}`).join(', ');
      console.info(
        `[fuzz ${ctx().kind}] ${[...sent.values()].reduce((a, b) => a + b, 0)} requests (${perRole}) in ${Math.round((Date.now() - began) / 1000)} s`,
      );
    });

    it('every route of the OpenAPI document has a line in the role table, and every line a route', () => {
      const documented = routesOf(ctx().app.swagger(), ROUTE_ACCESS);
      expect(documented.map((r) => r.key)).toEqual(ROUTES.map((r) => r.key));
      const missing = documented.filter((r) => !r.access).map((r) => r.key);
      expect(missing, 'add these to test/fuzz/route-access.ts').toEqual([]);
      const keys = new Set(documented.map((r) => r.key));
      const stale = Object.keys(ROUTE_ACCESS).filter((key) => !keys.has(key));
      expect(stale, 'lines of test/fuzz/route-access.ts that name no route').toEqual([]);
      const noValid = documented.filter((r) => !VALID_REQUESTS[r.key]).map((r) => r.key);
      expect(noValid, 'add a valid request to test/fuzz/valid-requests.ts').toEqual([]);
    });

    describe('access: a valid request as each role', () => {
      for (const route of ROUTES) {
        it(route.key, async () => {
          const build = VALID_REQUESTS[route.key];
          if (!route.access || !build) throw new Error(`${route.key}: no role-table line or valid request`);
          const failures: string[] = [];
          for (const role of ROLES) {
            const org = world.orgOf(role);
            const valid = build({
              org,
              uniqueEmail: () => world.uniqueEmail(org),
              throwaway: (n) => org.throwaways[n % org.throwaways.length]!,
            });
            const request = await concreteFromValid(world, route, role, valid);
            const answer = await exchange(request);
            const problems = violationsOf(world, request, answer);
            const refusal = refusalFor(route.access, role);
            if (answer !== 'timeout') {
              if (refusal && answer.statusCode !== refusal) problems.push(`expected ${refusal} for ${role}`);
              if (!refusal && (answer.statusCode === 401 || answer.statusCode === 403)) {
                problems.push(`${role} may call this route (${route.access}) but was refused`);
              }
            }
            if (problems.length)
              failures.push(`${problems.join('; ')}\n${describeRequest(request)}\n${describeAnswer(answer)}`);
          }
          expect(failures, failures.join('\n\n')).toEqual([]);
        }, 60_000);
      }
    });

    describe("tenancy: another organization's ids answer 404", () => {
      for (const route of ROUTES.filter((r) => r.pathParams.some((p) => p.name === 'id' || p.name === 'userId'))) {
        it(route.key, async () => {
          const build = VALID_REQUESTS[route.key];
          if (!build) throw new Error(`${route.key}: no valid request`);
          const failures: string[] = [];
          for (const role of ['owner', 'otherOwner'] as const) {
            const org = world.orgOf(role);
            const other = world.otherOf(role);
            const valid = build({
              org,
              uniqueEmail: () => world.uniqueEmail(org),
              throwaway: (n) => org.throwaways[n % org.throwaways.length]!,
            });
            const variants: Record<string, string>[] = [];
            // Only the organization-owned ids named id/userId; a route's own numeric ids (a lease, a reclaimed seat)
            // keep their valid value, so the foreign id is what decides.
            for (const param of route.pathParams.filter((p) => p.name === 'id' || p.name === 'userId')) {
              const isSubscription = param.name === 'id' && route.path.startsWith('/api/v1/subscriptions');
              const foreign = isSubscription
                ? [other.subscriptionId]
                : [other.owner.id, other.member.id, other.throwaways[0]!];
              for (const id of foreign) variants.push({ ...valid.path, [param.name]: id });
            }
            // A seat's new holder must be free, or "already holds a seat" would answer first.
            const body =
              valid.body && typeof valid.body === 'object' && 'toUserId' in valid.body
                ? { ...valid.body, toUserId: (await world.invite(org)).user.id }
                : valid.body;
            for (const path of variants) {
              const request = await concreteFromValid(world, route, role, { ...valid, path, body });
              const answer = await exchange(request);
              const problems = violationsOf(world, request, answer);
              if (answer !== 'timeout' && answer.statusCode !== 404) problems.push('expected 404');
              if (problems.length)
                failures.push(`${problems.join('; ')}\n${describeRequest(request)}\n${describeAnswer(answer)}`);
            }
          }
          expect(failures, failures.join('\n\n')).toEqual([]);
        }, 60_000);
      }

      it("another organization's users in a body are refused", async () => {
        const failures: string[] = [];
        for (const role of ['owner', 'otherOwner'] as const) {
          const org = world.orgOf(role);
          const other = world.otherOf(role);
          const cases: [string, string, unknown][] = [
            [
              'POST /api/v1/subscriptions/{id}/assignments',
              `/api/v1/subscriptions/${org.subscriptionId}/assignments`,
              { userId: other.member.id },
            ],
            [
              'POST /api/v1/subscriptions/{id}/assignments/{userId}/reassign',
              `/api/v1/subscriptions/${org.subscriptionId}/assignments/${org.throwaways[0]}/reassign`,
              { toUserId: other.member.id },
            ],
            ...(
              [
                ['assign-seat', { subscriptionId: org.subscriptionId }],
                ['unassign-seat', { subscriptionId: org.subscriptionId }],
                ['deactivate', { reason: 'left_organization' }],
                ['export', {}],
              ] as const
            ).map(([action, rest]): [string, string, unknown] => [
              `POST /api/v1/users/bulk/${action}`,
              `/api/v1/users/bulk/${action}`,
              { userIds: [org.throwaways[0], other.member.id], ...rest },
            ]),
          ];
          for (const [key, url, body] of cases) {
            const route = ROUTES.find((r) => r.key === key);
            if (!route) continue;
            const session = await world.session(role);
            const request: ConcreteRequest = {
              role,
              route,
              method: route.method,
              url,
              headers: {
                cookie: session.cookie,
                'x-csrf-token': session.csrfToken,
                'content-type': 'application/json',
              },
              payload: JSON.stringify(body),
              remoteAddress: '198.51.100.7',
              credentialed: true,
              usesFixtureSession: true,
            };
            const answer = await exchange(request);
            const problems = violationsOf(world, request, answer);
            if (answer !== 'timeout' && answer.statusCode < 400) problems.push('expected a refusal');
            if (problems.length)
              failures.push(`${problems.join('; ')}\n${describeRequest(request)}\n${describeAnswer(answer)}`);
          }
        }
        expect(failures, failures.join('\n\n')).toEqual([]);
      });
    });

    describe('generated requests (app.inject)', () => {
      for (const route of ROUTES) {
        for (const role of ROLES) {
          it(
            `${route.key} as ${role}`,
            async () => {
              await fc.assert(
                fc.asyncProperty(requestArbitrary(route), async (generated) => {
                  const request = await concreteFromGenerated(world, route, role, generated);
                  const answer = await exchange(request);
                  const problems = violationsOf(world, request, answer);
                  if (problems.length) fail(problems, request, answer);
                }),
                fcOptions(RUNS),
              );
            },
            TEST_TIMEOUT,
          );
        }
      }
    });

    describe('real socket', () => {
      it(
        'generated requests over HTTP',
        async () => {
          await fc.assert(
            fc.asyncProperty(
              fc
                .constantFrom(...ROUTES)
                .chain((route) => fc.tuple(fc.constant(route), fc.constantFrom(...ROLES), requestArbitrary(route))),
              async ([route, role, generated]) => {
                const request = await concreteFromGenerated(world, route, role, generated);
                count(role);
                watchdog.inFlight(describeRequest(request));
                const answer = await sendOverSocket(baseUrl, request, REQUEST_TIMEOUT_MS);
                if (answer === 'unsendable') return; // Node's client refuses it (bad header value, raw space in the path…)
                const problems = violationsOf(world, request, answer);
                if (problems.length) fail(problems, request, answer);
              },
            ),
            fcOptions(SOCKET_RUNS),
          );
        },
        TEST_TIMEOUT,
      );

      for (const rawCase of rawCases()) {
        it(`raw: ${rawCase.name}`, async () => {
          count('anonymous');
          const answer = await sendRaw(baseUrl, rawCase.bytes, REQUEST_TIMEOUT_MS);
          const description = `raw request ${JSON.stringify(rawCase.bytes.toString('latin1').slice(0, 300))}\n→ ${answer.raw.slice(0, 500)}`;
          expect(answer.timedOut, `no answer within ${REQUEST_TIMEOUT_MS} ms\n${description}`).toBe(false);
          expect(answer.status, `no HTTP answer at all\n${description}`).toBeDefined();
          expect(answer.status! >= 400 && answer.status! < 500, `expected a 4xx\n${description}`).toBe(true);
          expect(answer.contentType, `expected application/problem+json\n${description}`).toContain(
            'application/problem+json',
          );
          const body = JSON.parse(answer.body) as Record<string, unknown>;
          expect(body, description).toMatchObject({
            status: answer.status,
            type: expect.any(String),
            title: expect.any(String),
            code: expect.any(String),
          });
        });
      }
    });

    describe('afterwards', () => {
      it('/healthz answered within 10 s throughout', () => {
        const stats = watchdog.stats();
        console.info(
          `[fuzz ${ctx().kind}] /healthz: ${stats.pollsOk} polls answered, ${stats.pollsFailed} failed, slowest ${stats.maxLatencyMs} ms`,
        );
        for (const poll of stats.slow.slice(0, 3)) {
          console.info(
            `[fuzz ${ctx().kind}] /healthz took ${poll.latency} ms while this was in flight:\n${poll.request}`,
          );
        }
        expect(stats.failures, stats.failures.join('\n\n')).toEqual([]);
        expect(stats.pollsOk).toBeGreaterThan(0);
      });

      it('no fixture session was ended or demoted by a request that should not', () => {
        expect(world.lostSessions, world.lostSessions.join('\n\n')).toEqual([]);
      });
    });
  },
  { throttle: THROTTLE },
);
