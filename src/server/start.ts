import type { Config } from './config.ts';
import { createDeps } from './create-deps.ts';
import { startSessionSweeper } from './features/app-sessions/index.ts';
import { seedDemoIfEmpty } from './features/demo/index.ts';
import { sweepDeviceAuthorizations } from './features/device-authorization/index.ts';
import { createNotificationWorkers } from './features/notifications/index.ts';
import { sendWaitingPasswordResetLinks, sweepPasswordResets } from './features/password-reset/index.ts';
import { resumeReportRebuilds } from './features/report-aggregates/index.ts';
import { startRetentionSchedule } from './features/retention/index.ts';
import { startSeatAlertJob } from './features/seat-alerts/index.ts';
import { startReclaimSchedule } from './features/seat-reclaim/index.ts';
import { buildApp, loggerOptions } from './http/app.ts';
import { ensureWebBuild } from './web-build.ts';

export interface StartOptions {
  /** Build the console when missing or stale (default true; a cluster's primary builds it once). */
  buildWeb?: boolean;
  /** Seed the demo organization into an empty database (default: config.demo; a cluster's primary seeds once). */
  seedDemo?: boolean;
  handleSignals?: boolean;
  /** The server's clock (ms); default Date.now. Tests of two processes move it to reach silence limits. */
  now?: () => number;
}

/**
 * `npm start`: migrate, seed the demo organization into an empty database (unless
 * DEMO=0 or production), build the console when missing or stale, listen, and on
 * SIGTERM/SIGINT stop accepting, finish in-flight requests and close the database.
 */
export async function startServer(config: Config, options: StartOptions = {}) {
  const created = await createDeps(config);
  const deps = options.now ? { ...created, now: options.now } : created;
  if (options.seedDemo ?? config.demo)
    await seedDemoIfEmpty(deps, { log: (line) => process.stdout.write(`${line}\n`) });
  if (options.buildWeb ?? true) await ensureWebBuild();
  const app = await buildApp(deps, { logger: loggerOptions(config.logLevel) });
  await app.listen({ port: config.port, host: config.host });
  const stopSweeper = startSessionSweeper(deps.database.db, deps.now, (error) =>
    app.log.error({ err: error }, 'closing silent app sessions failed'),
  );
  // Owners' digests, mails and webhooks: sent from their outboxes every few seconds.
  const stopNotifications = createNotificationWorkers(deps).start((error) =>
    app.log.error({ err: error }, 'sending notifications failed'),
  );
  // Every minute: "Forgot password?" requests a stopped process answered but never turned into
  // links, then the reset links, requests and browser sign-ins a day past use or expiry.
  const accountSecurityChores = setInterval(() => {
    const logFailure = (what: string) => (error: unknown) => app.log.error({ err: error }, `${what} failed`);
    sendWaitingPasswordResetLinks(deps)
      .catch(logFailure('sending waiting password-reset links'))
      .then(() => sweepPasswordResets(deps))
      .catch(logFailure('sweeping password resets'))
      .then(() => sweepDeviceAuthorizations(deps))
      .catch(logFailure('sweeping device authorizations'));
  }, 60_000);
  accountSecurityChores.unref();
  // Every hour at minute 17 (UTC): retention and IP anonymisation; the lease lets one process run it.
  const stopRetention = startRetentionSchedule(deps.database.db, deps.now, {
    error: (error) => app.log.error({ err: error }, 'the retention job failed'),
    info: (message) => app.log.info(message),
  });
  // Every hour at minute 41 (UTC): dormant-seat warnings and reclaims that are due (docs/seat-reclaim.md).
  const stopReclaim = startReclaimSchedule(deps.database.db, deps.now, {
    error: (error) => app.log.error({ err: error }, 'the seat reclaim job failed'),
    info: (message) => app.log.info(message),
  });
  // Every minute: denials nobody retried become real; seat pressure and turn-away alerts (race-safe in every process).
  const stopSeatAlerts = startSeatAlertJob(deps.database.db, deps.now, (error) =>
    app.log.error({ err: error }, 'the seat alert job failed'),
  );
  // Report recounts a stopped or dead process left running go on from their last batch.
  const onError = (error: unknown) => app.log.error({ err: error }, 'report recount failed');
  await resumeReportRebuilds(deps.database.db, { now: deps.now, onError }).catch(onError);
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`;

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      stopSweeper();
      clearInterval(accountSecurityChores);
      stopRetention();
      stopReclaim();
      stopSeatAlerts();
      await stopNotifications();
      await app.close();
      await deps.close();
    })();
    return closing;
  };
  if (options.handleSignals ?? true) {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      process.once(signal, () => {
        app.log.info({ signal }, 'shutting down');
        close().then(
          () => process.exit(0),
          () => process.exit(1),
        );
      });
    }
  }
  return { app, deps, url, close };
}
