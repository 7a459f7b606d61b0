import { type AppSession, createSeatkeeperClient, SeatkeeperError } from '../../src/sdk/index.ts';
import type { SeededRandom } from '../../src/server/features/demo/random.ts';
import { newPerson, type SimPerson, shuffle } from './cast.ts';
import type { Organization } from './console-api.ts';
import type { SimulationContext } from './person.ts';

/** Refusals a person sits through before giving up for a while (RLM's "real" denial). */
const PATIENCE = [1, 4] as const;
/** Without a Retry-After, how long a refused app waits before it asks again (s). */
const DEFAULT_RETRY_S = 20;
/** Time at work and away, in heartbeat ticks (as in person.ts: --heartbeat-scale compresses it). */
const WORK_TICKS = [3, 12] as const;
const AWAY_TICKS = [1, 8] as const;

/**
 * --floating: `count` active people who all want a seat of the organization's floating pool (of `app`,
 * or the first one), so more people want a seat than it has at the busiest moments.
 */
export function chooseFloatingCast(
  organization: Organization,
  options: {
    count: number;
    app: string | undefined;
    ownerEmail: string;
    ownerPassword: string;
    memberPassword: string;
  },
  random: SeededRandom,
): { people: SimPerson[]; pool: { key: string; seats: number }; warnings: string[] } {
  const pools = organization.subscriptions.filter(
    (subscription) =>
      subscription.kind === 'floating' && (options.app === undefined || subscription.product.key === options.app),
  );
  const pool = pools[0];
  if (!pool) {
    throw new Error(
      `No floating subscription${options.app ? ` of ${options.app}` : ''}: add one (add-subscription --kind floating).`,
    );
  }
  const warnings: string[] = [];
  const people = shuffle(
    organization.users.filter((user) => user.status === 'active' && !user.invitationPending),
    random,
  ).slice(0, options.count);
  if (people.length <= pool.seats) {
    warnings.push(`Only ${people.length} people for ${pool.seats} seats: the pool will not fill. Raise --users.`);
  }
  const password = (email: string) =>
    email.toLowerCase() === options.ownerEmail.toLowerCase() ? options.ownerPassword : options.memberPassword;
  return {
    people: people.map((user) => newPerson(user, password(user.email), [pool.product.key], undefined)),
    pool: { key: pool.product.key, seats: pool.seats },
    warnings,
  };
}

/**
 * One person of a floating pool until the stop: ask for a seat; refused (403 pool-full), wait the
 * Retry-After and ask again, up to their patience, then give up and come back later; with a seat,
 * work a while, sign out, go away.
 */
export async function runFloatingPerson(person: SimPerson, context: SimulationContext): Promise<void> {
  const { random, stats, stopping } = context;
  const sleep = (ms: number) => sleepUnlessStopped(ms, stopping);
  const tickMs = () => (context.serverIntervalSeconds * 1000) / context.heartbeatScale;
  const app = person.apps[0] as string;
  const device = person.devices[0];
  if (!device) return;
  await sleep(random.next() * Math.min(15_000, context.runMs / 5));
  while (!stopping.aborted) {
    const patience = random.int(...PATIENCE);
    let refusals = 0;
    let session: AppSession | undefined;
    while (!stopping.aborted && session === undefined) {
      try {
        session = await signIn(person, app, context);
      } catch (error) {
        if (!(error instanceof SeatkeeperError)) {
          await sleep(5_000);
          continue;
        }
        if (error.code !== 'pool-full') {
          stats.surprise(`${person.user.name} (${app}): sign-in refused, ${error.status} ${error.code}`);
          return;
        }
        stats.pool.denials++;
        refusals++;
        if (refusals > patience) break;
        // Time compressed like heartbeats, so a run of minutes still shows waits and retries.
        await sleep(((error.retryAfterSeconds ?? DEFAULT_RETRY_S) * 1000) / context.heartbeatScale);
      }
    }
    if (session === undefined) {
      if (stopping.aborted) return;
      stats.pool.gaveUp++;
      await sleep(random.int(...AWAY_TICKS) * 2 * tickMs());
      continue;
    }
    if (refusals === 0) stats.pool.seatedAtOnce++;
    else stats.pool.seatedOnRetry++;
    stats.sessionStarted();
    const held = session;
    const refused = new Promise<SeatkeeperError>((resolve) => {
      held.startHeartbeats({ intervalSeconds: tickMs() / 1000, onEnded: resolve });
    });
    const ending = await Promise.race([refused, sleep(random.int(...WORK_TICKS) * tickMs()).then(() => undefined)]);
    if (ending instanceof SeatkeeperError) {
      stats.sessionEnded(`refused:${ending.code}`);
    } else {
      await held.signOut().catch(() => undefined);
      stats.sessionEnded(stopping.aborted ? 'signed-out-at-stop' : 'signed-out');
    }
    if (stopping.aborted) return;
    await sleep(random.int(...AWAY_TICKS) * tickMs());
  }
}

async function signIn(person: SimPerson, app: string, context: SimulationContext): Promise<AppSession> {
  const device = person.devices[0];
  if (!device) throw new Error('no device');
  const client = createSeatkeeperClient({
    baseUrl: context.baseUrl,
    fetch: context.fetch,
    timeoutMs: 10_000,
    headers: {
      'X-Forwarded-For': person.home.ip,
      'User-Agent': `${app}/4.2.1 (${device.os} ${device.osVersion}) seatkeeper-simulator`,
    },
  });
  const { kind: _kind, ...deviceInfo } = device;
  const session = await client.signIn({
    email: person.user.email,
    password: person.password,
    app: { key: app, version: '4.2.1' },
    device: deviceInfo,
  });
  context.serverIntervalSeconds = session.heartbeatIntervalSeconds;
  return session;
}

/** Resolves after `ms`, or at once when the simulation stops. */
function sleepUnlessStopped(ms: number, stopping: AbortSignal): Promise<void> {
  if (stopping.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      stopping.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    stopping.addEventListener('abort', done);
  });
}
