// `npm run simulate -- --url http://localhost:3000 --users 20 --minutes 2`: a fleet of people using Seatkeeper-licensed
// apps through the client SDK, against a running server. See docs/sdk.md ("Fleet simulator").
import { setMaxListeners } from 'node:events';
import { SeededRandom } from '../src/server/features/demo/random.ts';
import { type Cast, chooseCast, type SimPerson } from './simulate/cast.ts';
import { readOrganization } from './simulate/console-api.ts';
import { chooseFloatingCast, runFloatingPerson } from './simulate/floating.ts';
import { parseSimulationOptions, type SimulationOptions, USAGE } from './simulate/options.ts';
import { runPerson, type SimulationContext } from './simulate/person.ts';
import { startProgress } from './simulate/progress.ts';
import { SimulationStats } from './simulate/stats.ts';
import { formatSummary } from './simulate/summary.ts';

/** After the deadline or Ctrl-C, how long people get to sign out before the summary is printed anyway. */
const SIGN_OUT_GRACE_MS = 15_000;

async function main(): Promise<number> {
  let options: SimulationOptions | 'help';
  try {
    options = parseSimulationOptions(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  if (options === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }

  const baseUrl = options.url.href.replace(/\/+$/, '');
  const stats = new SimulationStats();
  const fetch = stats.instrument(options.url.origin);
  const random = new SeededRandom(options.seed);

  let cast: Cast;
  try {
    const organization = await readOrganization(fetch, baseUrl, {
      email: options.ownerEmail,
      password: options.ownerPassword,
    });
    if (options.floating) {
      const floating = chooseFloatingCast(organization, { ...options, count: options.users }, random);
      process.stdout.write(
        `Floating pool ${floating.pool.key}: ${floating.pool.seats} seats for ${floating.people.length} people.\n`,
      );
      cast = { people: floating.people, warnings: floating.warnings };
    } else {
      cast = chooseCast(organization, { ...options, count: options.users }, random);
    }
  } catch (error) {
    process.stderr.write(`Cannot prepare the simulation against ${baseUrl}: ${describe(error)}\n`);
    return 1;
  }
  process.stdout.write(describeCast(cast.people, options));
  for (const warning of cast.warnings) process.stdout.write(`Warning: ${warning}\n`);
  if (cast.people.length === 0) return 1;

  const runMs = options.minutes * 60_000;
  const stop = new AbortController();
  // Every sleeping person listens for the stop: hundreds of listeners are expected, not a leak.
  setMaxListeners(0, stop.signal);
  const deadline = setTimeout(() => stop.abort(), runMs);
  const startedAt = Date.now();
  const progress = startProgress(stats, runMs);
  let interrupts = 0;
  const onInterrupt = () => {
    interrupts++;
    if (interrupts === 1) {
      progress.log('Stopping: signing everyone out… (Ctrl-C again to quit at once)');
      stop.abort();
    } else {
      process.exit(130);
    }
  };
  process.on('SIGINT', onInterrupt);
  process.on('SIGTERM', onInterrupt);

  const context: SimulationContext = {
    baseUrl,
    fetch,
    stats,
    random,
    stopping: stop.signal,
    runMs,
    heartbeatScale: options.heartbeatScale,
    browserSignIn: options.browserSignIn,
    serverIntervalSeconds: 60,
    log: (line) => progress.log(line),
  };
  const run = options.floating ? runFloatingPerson : runPerson;
  const everyone = Promise.allSettled(cast.people.map((person) => run(person, context)));
  await new Promise<void>((resolve) => stop.signal.addEventListener('abort', () => resolve(), { once: true }));
  const grace = new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), SIGN_OUT_GRACE_MS).unref());
  const late = (await Promise.race([everyone, grace])) === 'late';
  clearTimeout(deadline);
  progress.stop();

  for (const result of late ? [] : await everyone) {
    if (result.status === 'rejected') stats.surprise(`a simulated person crashed: ${describe(result.reason)}`);
  }
  if (late) stats.surprise(`some people had not signed out ${SIGN_OUT_GRACE_MS / 1000} s after the stop`);
  process.stdout.write(`${formatSummary(stats, Date.now() - startedAt)}\n`);
  return stats.surprises.length > 0 ? 1 : 0;
}

function describeCast(people: SimPerson[], options: SimulationOptions): string {
  const seated = people.filter((person) => person.apps.length > 0);
  const devices = people.reduce((sum, person) => sum + person.devices.length, 0);
  const apps = [...new Set(seated.flatMap((person) => person.apps))].sort();
  const intervalNote =
    options.heartbeatScale > 1
      ? `heartbeats ${options.heartbeatScale}× more often than the server asks (time compressed)`
      : 'heartbeats at the interval the server announces';
  return [
    `Simulating ${people.length} people against ${options.url.origin} for ${options.minutes} min (seed ${options.seed}):`,
    `  ${seated.length} hold seats (${apps.join(', ') || 'no app'}), ${people.length - seated.length} have none and must be refused`,
    `  ${devices} devices; mistyping a password first: ${people.filter((p) => p.mistypesPassword).length}; password also used from an attacker's address: ${people.filter((p) => p.sharesAccount).length}`,
    `  ${intervalNote}`,
    ...(options.browserSignIn
      ? ['  apps sign in through the browser; each person approves their code over the console API']
      : []),
    '',
  ].join('\n');
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
  return `${error.message}${cause}`;
}

process.exitCode = await main();
