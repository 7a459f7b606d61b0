import {
  type AppSession,
  createSeatkeeperClient,
  type FetchLike,
  SeatkeeperError,
  SeatkeeperNetworkError,
} from '../../src/sdk/index.ts';
import type { SeededRandom } from '../../src/server/features/demo/random.ts';
import { attackerPlace, intruderDevice, placeFor, type SimDevice, type SimPerson, type SimPlace } from './cast.ts';
import { approveBrowserSignIn } from './console-api.ts';
import type { SimulationStats } from './stats.ts';

export interface SimulationContext {
  baseUrl: string;
  fetch: FetchLike;
  stats: SimulationStats;
  random: SeededRandom;
  /** Aborted at the deadline or on Ctrl-C: everyone signs out and goes home. */
  stopping: AbortSignal;
  runMs: number;
  heartbeatScale: number;
  /** People sign in through the browser, approving the code as themselves over the console API. */
  browserSignIn: boolean;
  /** The server's interval, learnt from the first sign-in (60 s until then). */
  serverIntervalSeconds: number;
  /** Shown above the progress display. */
  log: (line: string) => void;
}

const APP_VERSIONS = ['4.2.1', '4.2.1', '4.2.0', '4.1.3'];
/** Time at work and away is counted in heartbeat ticks, so --heartbeat-scale compresses a day into minutes. */
const WORK_TICKS = [4, 30] as const;
const BREAK_TICKS = [1, 6] as const;

/** Plays one person until `context.stopping`: sessions, breaks, device switches, and their sign-out at the end. */
export async function runPerson(person: SimPerson, context: SimulationContext): Promise<void> {
  const actor = new Actor(person, context);
  // People arrive over the first tick (at most 15 s, at most a fifth of the run), not all at once.
  await actor.sleep(context.random.next() * Math.min(15_000, context.runMs / 5, actor.tickMs()));
  const intruder = person.sharesAccount ? actor.intrude() : Promise.resolve();
  if (person.apps.length > 0) await actor.work();
  await actor.tryWithoutSeat();
  await intruder;
}

class Actor {
  private device: SimDevice;
  private readonly appVersion: string;

  constructor(
    private readonly person: SimPerson,
    private readonly context: SimulationContext,
  ) {
    this.device = person.devices[0]!;
    this.appVersion = context.random.pick(APP_VERSIONS);
  }

  tickMs(): number {
    return (this.context.serverIntervalSeconds * 1000) / this.context.heartbeatScale;
  }

  /** Resolves after `ms`, or at once when the simulation stops. */
  sleep(ms: number): Promise<void> {
    const { stopping } = this.context;
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

  private get name(): string {
    return this.person.user.name;
  }

  /** A seat holder's day: sign in, use the app, quit or walk away, come back, maybe on another device. */
  async work(): Promise<void> {
    const { random, stopping } = this.context;
    let mistyped = !this.person.mistypesPassword;
    let refusals = 0;
    while (!stopping.aborted && this.person.apps.length > 0) {
      const app = random.pick(this.person.apps);
      const place = placeFor(this.person, this.device, random);
      if (!mistyped) {
        mistyped = true;
        await this.signInWithWrongPassword(app, place);
        await this.sleep(random.int(2_000, 6_000));
        continue;
      }
      let session: AppSession;
      try {
        session = await this.signIn(app, this.device, place, this.person.password, this.context.browserSignIn);
      } catch (error) {
        if (error instanceof SeatkeeperError && !error.shouldBackOff) {
          // An owner may have removed the seat or deactivated the account since the run began: adapt, and say so.
          this.context.log(`${this.name} (${app}): sign-in refused, ${error.status} ${error.code}`);
          if (error.hasNoSeat || error.action === 'account-deactivated') {
            this.onRefused(app, error);
            continue;
          }
          this.context.stats.surprise(`${this.name} (${app}): sign-in refused, ${error.status} ${error.code}`);
          if (++refusals >= 3) return;
        }
        await this.sleep(backOffMs(error, this.tickMs()));
        continue;
      }
      const ending = await this.use(session, random.int(...WORK_TICKS));
      if (ending === 'stopped') return;
      if (ending instanceof SeatkeeperError) {
        this.context.log(`${this.name} (${app}): heartbeat refused, ${ending.status} ${ending.code}`);
        this.onRefused(app, ending);
        await this.sleep(this.tickMs());
        continue;
      }
      // A quick switch (left the desk, picked up the tablet) comes back at once; otherwise a break.
      const switching = ending === 'signed-out' && this.person.devices.length > 1 && random.chance(0.2);
      if (switching || random.chance(0.3)) this.device = this.otherDevice();
      if (!switching) await this.sleep(random.int(...BREAK_TICKS) * this.tickMs());
    }
  }

  /** One or two tries at an app without a seat; each must be refused with 403 no-license. */
  async tryWithoutSeat(): Promise<void> {
    const app = this.person.triesWithoutSeat;
    if (app === undefined) return;
    for (let attempt = 0; attempt < 2 && !this.context.stopping.aborted; attempt++) {
      try {
        const session = await this.signIn(
          app,
          this.device,
          this.person.home,
          this.person.password,
          this.context.browserSignIn,
        );
        this.context.stats.surprise(`${this.name} (${app}): signed in without a seat`);
        await session.signOut().catch(() => undefined);
      } catch (error) {
        if (!(error instanceof SeatkeeperError) || error.code !== 'no-license') {
          if (error instanceof SeatkeeperError && !error.shouldBackOff) {
            this.context.stats.surprise(
              `${this.name} (${app}, no seat): expected 403 no-license, got ${error.status} ${error.code}`,
            );
          }
        }
      }
      await this.sleep(this.context.random.int(15, 30) * this.tickMs());
    }
  }

  /** Someone else signs in with this person's password from far away, uses the app a while, and vanishes. */
  async intrude(): Promise<void> {
    const { random, runMs } = this.context;
    await this.sleep(runMs * (0.25 + random.next() * 0.35));
    const app = this.person.apps[0];
    if (this.context.stopping.aborted || app === undefined) return;
    const place = attackerPlace(random);
    try {
      const session = await this.signIn(app, intruderDevice(random), place, this.person.password);
      this.context.log(`${this.name}'s password used from ${place.label} (${place.ip})`);
      const ending = await this.use(session, random.int(3, 8), { neverSignOut: true });
      if (ending instanceof SeatkeeperError) this.onRefused(app, ending);
    } catch {
      // Refused or unreachable: the intruder gives up.
    }
  }

  private otherDevice(): SimDevice {
    const others = this.person.devices.filter((device) => device !== this.device);
    return others.length > 0 ? this.context.random.pick(others) : this.device;
  }

  private async signIn(
    app: string,
    device: SimDevice,
    place: SimPlace,
    password: string,
    throughBrowser = false,
  ): Promise<AppSession> {
    const client = createSeatkeeperClient({
      baseUrl: this.context.baseUrl,
      fetch: this.context.fetch,
      timeoutMs: 10_000,
      headers: {
        'X-Forwarded-For': place.ip,
        'User-Agent': `${app}/${this.appVersion} (${device.os} ${device.osVersion}) seatkeeper-simulator`,
      },
    });
    const { kind: _kind, ...deviceInfo } = device;
    const appInfo = { key: app, version: this.appVersion };
    const session = throughBrowser
      ? await client.signInWithBrowser({
          app: appInfo,
          device: deviceInfo,
          signal: this.context.stopping,
          // The person opens the link and approves, as themselves, from the same place.
          onCode: ({ userCode }) =>
            approveBrowserSignIn(
              this.context.fetch,
              this.context.baseUrl,
              { email: this.person.user.email, password },
              userCode,
              { 'X-Forwarded-For': place.ip },
            ),
        })
      : await client.signIn({ email: this.person.user.email, password, app: appInfo, device: deviceInfo });
    this.context.serverIntervalSeconds = session.heartbeatIntervalSeconds;
    return session;
  }

  private async signInWithWrongPassword(app: string, place: SimPlace): Promise<void> {
    try {
      const session = await this.signIn(app, this.device, place, `${this.person.password}x`);
      this.context.stats.surprise(`${this.name}: signed in with a wrong password`);
      await session.signOut().catch(() => undefined);
    } catch (error) {
      if (error instanceof SeatkeeperError && error.code !== 'invalid-credentials' && !error.shouldBackOff) {
        this.context.stats.surprise(`${this.name}: wrong password answered ${error.status} ${error.code}`);
      }
    }
  }

  /**
   * Heartbeats for `ticks` intervals, then signs out (most of the time) or goes silent. Answers how it ended, or the
   * server's refusal.
   */
  private async use(
    session: AppSession,
    ticks: number,
    options: { neverSignOut?: boolean } = {},
  ): Promise<'signed-out' | 'abandoned' | 'stopped' | SeatkeeperError> {
    const { stats, random } = this.context;
    stats.sessionStarted();
    const refused = new Promise<SeatkeeperError>((resolve) => {
      session.startHeartbeats({ intervalSeconds: this.tickMs() / 1000, onEnded: resolve });
    });
    const outcome = await Promise.race([refused, this.sleep(ticks * this.tickMs()).then(() => undefined)]);
    if (outcome instanceof SeatkeeperError) {
      stats.sessionEnded(`refused:${outcome.code}`);
      return outcome;
    }
    if (this.context.stopping.aborted) {
      await session.signOut().catch(() => undefined);
      stats.sessionEnded('signed-out-at-stop');
      return 'stopped';
    }
    if (options.neverSignOut || random.chance(0.2)) {
      // Closed the lid or the app crashed: no sign-out, the server times the session out.
      session.stop();
      stats.sessionEnded('abandoned');
      return 'abandoned';
    }
    await session.signOut().catch(() => undefined);
    stats.sessionEnded('signed-out');
    return 'signed-out';
  }

  /** An owner removed the seat or deactivated the account meanwhile (e.g. in the console): the person adapts. */
  private onRefused(app: string, error: SeatkeeperError): void {
    if (error.hasNoSeat) {
      this.person.apps = this.person.apps.filter((key) => key !== app);
      this.person.triesWithoutSeat ??= app;
    } else if (error.action === 'account-deactivated') {
      this.person.apps = [];
    } else {
      // We heartbeat on time and never signed out: any other refusal is the server's doing.
      this.context.stats.surprise(`${this.name} (${app}): session refused, ${error.status} ${error.code}`);
    }
  }
}

function backOffMs(error: unknown, tickMs: number): number {
  if (error instanceof SeatkeeperError && error.retryAfterSeconds !== undefined) return error.retryAfterSeconds * 1000;
  if (error instanceof SeatkeeperNetworkError) return 5_000;
  return Math.max(tickMs, 5_000);
}
