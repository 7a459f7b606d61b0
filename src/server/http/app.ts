import fastifyCookie from '@fastify/cookie';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyServerOptions, LogController } from 'fastify';
import { ActivityItemSchema } from '../../contract/activity.ts';
import { ApiTokenSchema } from '../../contract/api-tokens.ts';
import { AuditEntrySchema } from '../../contract/audit-log.ts';
import { LicenseSchema } from '../../contract/licenses.ts';
import { ProblemSchema } from '../../contract/problem.ts';
import { ProductSchema } from '../../contract/products.ts';
import { AlertSchema, WebhookSchema } from '../../contract/security.ts';
import { SignInDetailSchema, SignInSchema } from '../../contract/sign-ins.ts';
import { AssignmentSchema, SubscriptionSchema } from '../../contract/subscriptions.ts';
import { UserListItemSchema, UserSchema } from '../../contract/users.ts';
import type { AppDeps } from '../app-deps.ts';
import { registerActivityRoutes } from '../features/activity/activity.routes.ts';
import { registerAlertRoutes } from '../features/alerts/alerts.routes.ts';
import { registerApiTokenRoutes } from '../features/api-tokens/api-tokens.routes.ts';
import { registerAppSessionRoutes } from '../features/app-sessions/app-sessions.routes.ts';
import { HeartbeatBatcher, heartbeatParallelism } from '../features/app-sessions/index.ts';
import { registerAuditLogRoutes } from '../features/audit-log/audit-log.routes.ts';
import { registerAuthRoutes } from '../features/auth/auth.routes.ts';
import { registerBulkUserRoutes } from '../features/bulk-users/bulk-users.routes.ts';
import { registerDeviceAuthorizationRoutes } from '../features/device-authorization/device-authorization.routes.ts';
import { registerEventIngestRoutes } from '../features/event-ingest/event-ingest.routes.ts';
import { registerHealthRoutes } from '../features/health/health.routes.ts';
import { registerLicenseKeyRoutes } from '../features/license-keys/license-keys.routes.ts';
import { registerLicenseRoutes } from '../features/licenses/licenses.routes.ts';
import { registerMfaRoutes } from '../features/mfa/mfa.routes.ts';
import { registerNotMeRoutes } from '../features/not-me/not-me.routes.ts';
import { registerWebhookRoutes } from '../features/notifications/webhooks.routes.ts';
import { registerOrganizationRoutes } from '../features/organizations/organization.routes.ts';
import { registerPasswordResetRoutes } from '../features/password-reset/password-reset.routes.ts';
import { registerPrivacyRoutes } from '../features/privacy/privacy.routes.ts';
import { registerProductRoutes } from '../features/products/products.routes.ts';
import { registerReportRoutes } from '../features/reports/reports.routes.ts';
import { registerRetentionRoutes } from '../features/retention/retention.routes.ts';
import { registerSeatBorrowingRoutes } from '../features/seat-borrowing/seat-borrowing.routes.ts';
import { registerSeatReclaimRoutes } from '../features/seat-reclaim/seat-reclaim.routes.ts';
import { registerSeatsInUseRoutes } from '../features/seats-in-use/seats-in-use.routes.ts';
import { registerSecuritySettingsRoutes } from '../features/security-settings/security-settings.routes.ts';
import { registerSignInRoutes } from '../features/sign-ins/sign-ins.routes.ts';
import { registerSsoRoutes } from '../features/sso/sso.routes.ts';
import { registerSsoSignInRoutes } from '../features/sso-sign-in/sso-sign-in.routes.ts';
import { registerSubscriptionRoutes } from '../features/subscriptions/subscriptions.routes.ts';
import { logThrottleStoreChanges } from '../features/throttle/index.ts';
import { registerUserSessionRoutes } from '../features/user-sessions/user-sessions.routes.ts';
import { registerInvitationRoutes } from '../features/users/invitations.routes.ts';
import { registerUserRoutes } from '../features/users/users.routes.ts';
import { AppError } from '../lib/app-error.ts';
import type { App } from './app-types.ts';
import { registerErrorHandling, sendFrameworkError, sendProblem, writeClientError } from './errors.ts';
import { refuseControlCharacters } from './input-rules.ts';
import { redactUrl } from './log-redaction.ts';
import { registerMetrics } from './metrics.ts';
import { registerOpenApi } from './openapi.ts';
import { registerOverloadShedding } from './overload.ts';
import { REQUEST_DEADLINE_MS, registerRequestDeadline } from './request-deadline.ts';
import { REQUEST_ID_HEADER, REQUEST_ID_LOG_LABEL, registerRequestIdHeader, requestIdOf } from './request-id.ts';
import { registerSecurityHeaders, securityHeaders } from './security-headers.ts';
import { createValidatorCompiler } from './validation.ts';
import { registerWebConsole } from './web-console.ts';

/** JSON bodies above this answer 413; the largest legitimate body (a CSV import later) is far below. */
export const BODY_LIMIT_BYTES = 256 * 1024;
/** The whole request (headers and body) must arrive within this many ms, else 408 (slow clients). */
export const REQUEST_TIMEOUT_MS = 30_000;
/** A connection with nothing sent either way for this many ms is closed. */
export const CONNECTION_IDLE_TIMEOUT_MS = 120_000;

export interface BuildAppOptions {
  logger?: FastifyServerOptions['logger'];
  /** Serve the built console from this folder (default dist/web); false: API only. */
  webDistDir?: string | false;
  /** Per-request deadline in ms (default REQUEST_DEADLINE_MS); tests shorten it. */
  requestDeadlineMs?: number;
}

/** The whole HTTP application over its dependencies; `start` and the tests both build it here. */
export async function buildApp(deps: AppDeps, options: BuildAppOptions = {}): Promise<App> {
  const headers = securityHeaders(deps.config.publicUrl);
  const app = Fastify({
    logger: options.logger ?? false,
    // Every log line of a request carries its id (request-id.ts): the caller's X-Request-Id when sane.
    genReqId: requestIdOf,
    requestIdHeader: false,
    logController: new LogController({ requestIdLogLabel: REQUEST_ID_LOG_LABEL }),
    // Only the listed proxies' X-Forwarded-For hop is believed (proxy-addr); otherwise the socket address.
    trustProxy: deps.config.trustProxy.length > 0 ? deps.config.trustProxy : false,
    bodyLimit: BODY_LIMIT_BYTES,
    requestTimeout: REQUEST_TIMEOUT_MS,
    connectionTimeout: CONNECTION_IDLE_TIMEOUT_MS,
    // Errors before routing and from Node's HTTP parser answer problem+json like the rest.
    frameworkErrors: (error, request, reply) => {
      reply.headers(headers);
      reply.header(REQUEST_ID_HEADER, request.id);
      sendFrameworkError(error, request, reply);
    },
    clientErrorHandler: writeClientError,
    // Fastify's own 503 while closing is plain JSON; the onRequest hook below answers it instead.
    return503OnClosing: false,
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.setValidatorCompiler(createValidatorCompiler());

  registerErrorHandling(app);
  registerRequestIdHeader(app);
  // Before any other work on a request: over a limit, answer 503 at once (docs/operations.md).
  await registerOverloadShedding(app, deps.config.overload, registerMetrics(app, deps));
  registerRequestDeadline(app, options.requestDeadlineMs ?? REQUEST_DEADLINE_MS);
  registerSecurityHeaders(app, headers);
  // A request arriving on a kept-alive connection while the server drains: 503 problem, connection closed.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onRequest', async (_request, reply) => {
    if (!closing) return;
    reply.header('Connection', 'close');
    return sendProblem(reply, new AppError(503, 'shutting-down', 'Server is shutting down', 'Try again shortly.'));
  });
  // Before validation and any route code: one rule for control characters in every input.
  app.addHook('preValidation', refuseControlCharacters);
  await app.register(fastifyCookie);
  for (const schema of [
    ProblemSchema,
    UserSchema,
    UserListItemSchema,
    ActivityItemSchema,
    ProductSchema,
    SubscriptionSchema,
    AssignmentSchema,
    LicenseSchema,
    SignInSchema,
    SignInDetailSchema,
    AlertSchema,
    WebhookSchema,
    AuditEntrySchema,
    ApiTokenSchema,
  ]) {
    app.addSchema(schema);
  }
  await registerOpenApi(app);

  registerHealthRoutes(app, deps);
  // Redis lost or back: one log line each (the sign-ins go on; docs/resilience.md).
  logThrottleStoreChanges(deps.throttle, app.log);
  registerAuthRoutes(app, deps);
  registerSsoSignInRoutes(app, deps);
  registerMfaRoutes(app, deps);
  registerPasswordResetRoutes(app, deps);
  registerInvitationRoutes(app, deps);
  registerUserRoutes(app, deps);
  registerBulkUserRoutes(app, deps);
  registerEventIngestRoutes(app, deps);
  registerPrivacyRoutes(app, deps);
  registerUserSessionRoutes(app, deps);
  registerActivityRoutes(app, deps);
  registerSignInRoutes(app, deps);
  registerAlertRoutes(app, deps);
  registerProductRoutes(app, deps);
  registerSubscriptionRoutes(app, deps);
  registerLicenseRoutes(app, deps);
  registerSeatReclaimRoutes(app, deps);
  registerSeatsInUseRoutes(app, deps);
  registerOrganizationRoutes(app, deps);
  registerSecuritySettingsRoutes(app, deps);
  registerRetentionRoutes(app, deps);
  registerSsoRoutes(app, deps);
  registerWebhookRoutes(app, deps);
  registerApiTokenRoutes(app, deps);
  registerNotMeRoutes(app, deps);
  registerReportRoutes(app, deps);
  registerAuditLogRoutes(app, deps);
  // PostgreSQL: several heartbeat transactions in flight, sized from the pool; SQLite has one writer.
  const heartbeatBatcher = new HeartbeatBatcher(deps.database.db, deps.now, heartbeatParallelism(deps.config.database));
  registerAppSessionRoutes(app, deps, heartbeatBatcher);
  registerDeviceAuthorizationRoutes(app, deps);
  registerSeatBorrowingRoutes(app, deps);
  registerLicenseKeyRoutes(app, deps);

  // Last: its compression applies only to the routes registered after it (the console's files), so
  // the API's requests, heartbeats included, carry no compression hook.
  if (options.webDistDir !== false) await registerWebConsole(app, options.webDistDir);
  else await registerWebConsole(app, '/nonexistent');
  return app;
}

/**
 * Request log lines without secrets: token path segments (API and console) and secret query
 * parameters are masked (log-redaction.ts); bodies and headers are not logged.
 */
export const loggerOptions = (level: string): FastifyServerOptions['logger'] => ({
  level,
  redact: ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-csrf-token"]'],
  serializers: {
    req: (request: { method: string; url: string; ip?: string }) => ({
      method: request.method,
      url: redactUrl(request.url),
      ip: request.ip,
    }),
  },
});
