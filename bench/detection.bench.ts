// `npm run bench:detection`: how well the risk detectors and alert rules judge sign-ins.
//  1. False alarms: the demo organization's six months of ordinary work (trips, phones, typos, app
//     sign-ins; none of the demo's attacks) replayed in time order through the same step as a live
//     sign-in (auth/record-sign-in-attempt.ts); every alert raised is a false alarm, reported per
//     100 users per month.
//  2. Attacks: scripted attacks on that organization after its history, each through the same
//     step; an attack is caught when an alert of the expected type about the expected subject opens.
//  3. Cost: the same attempts recorded with the detectors (recordSignInAttempt) and without them
//     (row, insert, report aggregates: the path before issue 11), each in its own transaction,
//     interleaved in blocks, in this run; the ratio is the detectors' price on the recording step.
import type { AppDeps } from '../src/server/app-deps.ts';
import { loadConfig } from '../src/server/config.ts';
import type { Db } from '../src/server/db/database.ts';
import {
  buildSignInAttemptRow,
  insertSignInAttempts,
  type SignInAttempt,
} from '../src/server/features/activity/index.ts';
import { type AttemptedAccount, recordSignInAttempt } from '../src/server/features/auth/index.ts';
import {
  DEMO_ATTACKER_PLACES,
  DEMO_OWNER,
  DEMO_PLACES,
  DEMO_USER_AGENTS,
  seedDemo,
} from '../src/server/features/demo/index.ts';
import { distanceKm, openGeoIp } from '../src/server/features/geo/index.ts';
import { addSignInAggregates } from '../src/server/features/report-aggregates/index.ts';
import { createLoginThrottle } from '../src/server/features/throttle/index.ts';
import type { ClientContext } from '../src/server/lib/client-context.ts';
import { startProgress } from '../src/server/lib/progress.ts';
import { openBenchDatabase } from './bench-database.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const DEMO_DAYS = 182;
const COST_ATTEMPTS = Number(process.env.BENCH_DETECTION_ATTEMPTS ?? 2_000);
const log = (line: string) => process.stdout.write(`${line}\n`);

const bench = await openBenchDatabase();
// An SMTP address (never connected to: no worker runs here) so that the attacks' sign-ins queue
// their "was this you?" mails as a live server would; the demo's replay turns mail off itself.
const config = loadConfig({ ...bench.env, SMTP_URL: 'smtp://127.0.0.1:9' });
const geo = await openGeoIp({ cityDb: config.geoipCityDb, asnDb: config.geoipAsnDb });
const throttle = createLoginThrottle({ redisUrl: undefined });
const started = Date.now();
const deps: AppDeps = { config, database: bench.database, geo, throttle, now: () => started };
const db = bench.database.db;
log(`Detection benchmark on ${bench.database.kind}`);

// 1. Six months of ordinary work.
await seedDemo(deps, { log, attacks: false });
const owner = await db
  .selectFrom('users')
  .select('org_id')
  .where('email', '=', DEMO_OWNER.email)
  .executeTakeFirstOrThrow();
const orgId = owner.org_id;
const people = await db
  .selectFrom('users')
  .select(['id', 'email', 'name', 'status', 'role', 'deactivated_at', 'last_login_at'])
  .where('org_id', '=', orgId)
  .execute();
const withHistory = people.filter((person) => person.last_login_at !== null || person.deactivated_at !== null);
const falseAlarms = await db
  .selectFrom('alerts')
  .select(['type', (eb) => eb.fn.countAll<number>().as('count')])
  .where('org_id', '=', orgId)
  .groupBy('type')
  .execute();
const months = DEMO_DAYS / 30.44;
const per100 = (count: number) => (count / (withHistory.length / 100) / months).toFixed(2);
const totalFalse = falseAlarms.reduce((sum, row) => sum + Number(row.count), 0);
const flagged = await db
  .selectFrom('sign_in_attempts')
  .select(['risk', (eb) => eb.fn.countAll<number>().as('count')])
  .where('org_id', '=', orgId)
  .where('risk', '!=', '[]')
  .groupBy('risk')
  .orderBy('count', 'desc')
  .execute();
const attemptsTotal = await db
  .selectFrom('sign_in_attempts')
  .select((eb) => eb.fn.countAll<number>().as('count'))
  .where('org_id', '=', orgId)
  .executeTakeFirstOrThrow();

// 2. Attacks, after the history.
const active = people.filter((person) => person.status === 'active' && person.last_login_at !== null);
const deactivated = people.find((person) => person.status === 'deactivated');
const homeOf = async (userId: string) =>
  db
    .selectFrom('sign_in_attempts')
    .select(['ip', 'user_agent'])
    .where('org_id', '=', orgId)
    .where('user_id', '=', userId)
    .where('outcome', '=', 'success')
    .where('client', '=', 'console')
    .orderBy('occurred_at', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
const attacker = (index: number) => {
  const place = DEMO_ATTACKER_PLACES[index % DEMO_ATTACKER_PLACES.length];
  return place?.ips[index % place.ips.length] ?? '203.0.113.9';
};
const scriptUserAgent = DEMO_USER_AGENTS.attacker[0];
const browserUserAgent = DEMO_USER_AGENTS.attacker[1];
let clock = started + HOUR;
/** Moves the attacks' clock on by `ms` and answers the new time. */
const later = (ms: number) => {
  clock += ms;
  return clock;
};

interface Attack {
  name: string;
  expected: string;
  subject: { userId?: string; ip?: string };
  run: () => Promise<void>;
}
const pick = (index: number) => {
  const person = active[index % active.length];
  if (!person) throw new Error('the demo has no active people');
  return person;
};
const attacks: Attack[] = [
  {
    name: 'Credential stuffing: one address, 30 accounts, one try each',
    expected: 'password_spraying',
    subject: { ip: attacker(0) },
    run: async () => {
      for (let index = 0; index < 30; index++) {
        await attempt(pick(index), attacker(0), scriptUserAgent, 'failure', 'invalid_password', later(20_000));
      }
    },
  },
  {
    name: 'Slow password spraying: 6 accounts over 50 minutes',
    expected: 'password_spraying',
    subject: { ip: attacker(5) },
    run: async () => {
      for (let index = 0; index < 6; index++) {
        await attempt(pick(index + 7), attacker(5), browserUserAgent, 'failure', 'invalid_password', later(9 * MINUTE));
      }
    },
  },
  {
    name: 'Brute force: 25 guesses at one account in 10 minutes (throttled after 5)',
    expected: 'brute_force',
    subject: { userId: pick(3).id },
    run: async () => {
      for (let index = 0; index < 25; index++) {
        const reason = index < 5 ? 'invalid_password' : 'throttled';
        await attempt(pick(3), attacker(2), scriptUserAgent, 'failure', reason, later(24_000));
      }
    },
  },
  {
    name: 'Impossible travel: a sign-in at home, then from the other side of the world 40 minutes later',
    expected: 'impossible_travel',
    subject: { userId: pick(11).id },
    run: async () => {
      const home = await homeOf(pick(11).id);
      const far = farthestPlaceFrom(home.ip);
      await attempt(pick(11), home.ip, home.user_agent ?? undefined, 'success', null, later(2 * HOUR));
      await attempt(pick(11), far, home.user_agent ?? undefined, 'success', null, later(40 * MINUTE));
    },
  },
  {
    name: 'Takeover: 7 wrong passwords, then the right one, from one address',
    expected: 'account_takeover',
    subject: { userId: pick(15).id },
    run: async () => {
      for (let index = 0; index < 7; index++) {
        await attempt(pick(15), attacker(7), browserUserAgent, 'failure', 'invalid_password', later(30_000));
      }
      await attempt(pick(15), attacker(7), browserUserAgent, 'success', null, later(30_000));
    },
  },
  {
    name: 'A deactivated account tried with its old password',
    expected: 'deactivated_account',
    subject: { userId: deactivated?.id ?? 'none' },
    run: async () => {
      if (!deactivated) return;
      for (let index = 0; index < 3; index++) {
        await attempt(deactivated, attacker(9), browserUserAgent, 'failure', 'deactivated', later(MINUTE));
      }
    },
  },
  {
    name: 'A phished password used from abroad, on the attacker’s own browser, a day later',
    expected: 'new_country',
    subject: { userId: pick(19).id },
    run: async () => {
      await attempt(pick(19), attacker(11), browserUserAgent, 'success', null, later(DAY));
    },
  },
];

const results = [];
for (const attack of attacks) {
  const before = clock;
  await attack.run();
  let query = db
    .selectFrom('alerts')
    .select(['type', 'summary'])
    .where('org_id', '=', orgId)
    .where('type', '=', attack.expected)
    .where('last_seen_at', '>', before);
  if (attack.subject.userId) query = query.where('user_id', '=', attack.subject.userId);
  if (attack.subject.ip) query = query.where('ip', '=', attack.subject.ip);
  const alert = await query.executeTakeFirst();
  // The second line of defence: the user was mailed "was this you?" about one of the attack's sign-ins.
  const asked = attack.subject.userId
    ? await db
        .selectFrom('sign_in_confirmations')
        .select('token_hash')
        .where('org_id', '=', orgId)
        .where('user_id', '=', attack.subject.userId)
        .where('created_at', '>', before)
        .executeTakeFirst()
    : undefined;
  results.push({
    attack: attack.name,
    expected: attack.expected,
    'owner alert': alert ? 'yes' : 'NO',
    'user asked "was this you?"': asked ? 'yes' : 'no',
    explanation: alert?.summary ?? '',
  });
  clock += 3 * HOUR;
}

// 3. The detectors' cost on the recording step.
const cost = await measureCost();

console.table(
  falseAlarms.map((row) => ({
    'false alarm type': row.type,
    alerts: Number(row.count),
    'per 100 users per month': per100(Number(row.count)),
  })),
);
log(
  `Ordinary history: ${Number(attemptsTotal.count).toLocaleString('en')} attempts of ${withHistory.length} people over ${DEMO_DAYS} days; ` +
    `${totalFalse} alerts = ${per100(totalFalse)} per 100 users per month (aim: at most 1).`,
);
console.table(
  flagged.slice(0, 8).map((row) => ({ 'risk flags (ordinary history)': row.risk, attempts: Number(row.count) })),
);
console.table(results.map(({ explanation: _explanation, ...row }) => row));
for (const row of results) if (row.explanation) log(`  ${row.expected}: ${row.explanation}`);
log(
  `Attacks caught by an owner alert: ${results.filter((row) => row['owner alert'] === 'yes').length} of ${results.length}; ` +
    `by an alert or the user's "was this you?" mail: ${
      results.filter((row) => row['owner alert'] === 'yes' || row['user asked "was this you?"'] === 'yes').length
    } of ${results.length}.`,
);
console.table([
  {
    'recording step': `${COST_ATTEMPTS} sign-ins, one transaction each`,
    'with detectors /s': Math.round(cost.withDetectors),
    'without /s': Math.round(cost.without),
    ratio: (cost.withDetectors / cost.without).toFixed(3),
  },
]);

await throttle.close();
geo.close();
await bench.cleanup();

async function attempt(
  person: { id: string; email: string; name: string; status: string; deactivated_at?: number | null },
  ip: string,
  userAgent: string | undefined,
  outcome: 'success' | 'failure',
  failureReason: SignInAttempt['failureReason'],
  at: number,
) {
  const client: ClientContext = { ip, userAgent };
  const signIn: SignInAttempt = {
    orgId,
    userId: person.id,
    email: person.email,
    outcome,
    failureReason,
    client: 'console',
    occurredAt: at,
  };
  const account: AttemptedAccount = {
    email: person.email,
    name: person.name,
    status: person.status === 'deactivated' ? 'deactivated' : 'active',
  };
  await db.transaction().execute((trx) => recordSignInAttempt(trx, deps, client, signIn, account));
}

/** The demo office address farthest from `ip`. */
function farthestPlaceFrom(ip: string): string {
  const home = geo.lookup(ip);
  let best = { ip: DEMO_PLACES[0]?.ips[0] ?? '', km: -1 };
  for (const place of DEMO_PLACES) {
    const candidate = place.ips[0] ?? '';
    const km = home ? distanceKm(home, geo.lookup(candidate) ?? { latitude: null, longitude: null }) : null;
    if (km !== null && km > best.km) best = { ip: candidate, km };
  }
  return best.ip;
}

/** Sign-ins of ordinary people from home, recorded alternately with and without the detectors. */
async function measureCost() {
  const homes = new Map<string, { ip: string; userAgent: string | undefined }>();
  for (let index = 0; index < Math.min(COST_ATTEMPTS, active.length); index++) {
    const home = await homeOf(pick(index).id);
    homes.set(pick(index).id, { ip: home.ip, userAgent: home.user_agent ?? undefined });
  }
  const progress = startProgress('Recording cost', COST_ATTEMPTS * 2, log);
  const block = 100;
  let withMs = 0;
  let withoutMs = 0;
  for (let done = 0; done < COST_ATTEMPTS; done += block) {
    for (const detectors of [true, false]) {
      const startedAt = performance.now();
      for (let index = done; index < done + block; index++) {
        const person = pick(index);
        const home = homes.get(person.id) ?? { ip: '81.2.69.142', userAgent: browserUserAgent };
        const at = later(1_000);
        if (detectors) {
          await attempt(person, home.ip, home.userAgent, 'success', null, at);
        } else {
          const row = buildSignInAttemptRow(
            geo,
            { ip: home.ip, userAgent: home.userAgent },
            {
              orgId,
              userId: person.id,
              email: person.email,
              outcome: 'success',
              failureReason: null,
              client: 'console',
              occurredAt: at,
            },
          );
          await db.transaction().execute(async (trx: Db) => {
            await insertSignInAttempts(trx, [row]);
            await addSignInAggregates(trx, [row]);
          });
        }
      }
      const elapsed = performance.now() - startedAt;
      if (detectors) withMs += elapsed;
      else withoutMs += elapsed;
      progress.increment(block);
    }
  }
  progress.stop();
  return { withDetectors: COST_ATTEMPTS / (withMs / 1000), without: COST_ATTEMPTS / (withoutMs / 1000) };
}
