import type { FAILURE_REASONS, SecondFactor, SignInMethod, StepReason } from '../../../contract/activity.ts';
import type { ClientContext } from '../../lib/client-context.ts';
import { type DeviceType, parseUserAgent } from '../device/index.ts';
import type { GeoIp } from '../geo/index.ts';
import type { NewSignInAttempt } from './activity.repository.ts';

/** Why an attempt failed (the contract's list, documented there one by one). */
export type FailureReason = (typeof FAILURE_REASONS)[number];

/** How an app describes the machine it runs on; it replaces what a User-Agent would tell. */
export interface AppDevice {
  id: string;
  name: string | null;
  type: DeviceType;
  os: string | null;
  osVersion: string | null;
}

export interface SignInAttempt {
  orgId: string | null;
  userId: string | null;
  email: string;
  outcome: 'success' | 'failure';
  failureReason: FailureReason | null;
  client: 'console' | 'app';
  occurredAt: number;
  /** Present when a vendor's app signs in (POST /app/sessions). */
  app?: { key: string; version: string | null; device: AppDevice } | undefined;
  /** How it was proven; a password when absent. */
  method?: SignInMethod | undefined;
  /** The second step, when one was asked: the factor used (null when it failed) and why it was asked. */
  secondStep?: { factor: SecondFactor | null; reason: StepReason } | undefined;
}

/**
 * The attempts one sign-in may record, for `who`, through `context` (console or app, method, second
 * step): a success at the current time unless `overrides` say otherwise (a refusal, its reason, a
 * fixed time). Every sign-in use case builds its attempts with it.
 */
export function attemptBuilder(
  now: () => number,
  who: { orgId: string | null; userId: string | null; email: string },
  context: Pick<SignInAttempt, 'client' | 'app' | 'method' | 'secondStep'>,
): (overrides: Partial<SignInAttempt>) => SignInAttempt {
  return (overrides) => ({
    ...who,
    outcome: 'success',
    failureReason: null,
    occurredAt: now(),
    ...context,
    ...overrides,
  });
}

const MAX_USER_AGENT_LENGTH = 512;

/**
 * The row a sign-in attempt is stored as: the attempt plus where it came from (IP → location)
 * and on what (User-Agent → device). The use case that records it stores the row
 * (insertSignInAttempts) and adds it to the reports' aggregates (addSignInAggregates) in one
 * transaction; the demo seeder batches these.
 */
export function buildSignInAttemptRow(geo: GeoIp, client: ClientContext, attempt: SignInAttempt): NewSignInAttempt {
  const parsed = parseUserAgent(client.userAgent);
  const appDevice = attempt.app?.device;
  const location = geo.lookup(client.ip);
  return {
    org_id: attempt.orgId,
    user_id: attempt.userId,
    email: attempt.email,
    occurred_at: attempt.occurredAt,
    outcome: attempt.outcome,
    failure_reason: attempt.failureReason,
    client: attempt.client,
    app_key: attempt.app?.key ?? null,
    app_version: attempt.app?.version ?? null,
    ip: client.ip,
    country_code: location?.countryCode ?? null,
    country: location?.country ?? null,
    region: location?.region ?? null,
    city: location?.city ?? null,
    latitude: location?.latitude ?? null,
    longitude: location?.longitude ?? null,
    asn: location?.asn ?? null,
    as_organization: location?.asOrganization ?? null,
    device_type: appDevice?.type ?? parsed.type,
    os: appDevice ? appDevice.os : parsed.os,
    os_version: appDevice ? appDevice.osVersion : parsed.osVersion,
    browser: appDevice ? null : parsed.browser,
    browser_version: appDevice ? null : parsed.browserVersion,
    device_id: appDevice?.id ?? null,
    device_name: appDevice?.name ?? null,
    user_agent: client.userAgent ? client.userAgent.slice(0, MAX_USER_AGENT_LENGTH) : null,
    risk: '[]',
    risk_details: '[]',
    method: attempt.method ?? 'password',
    second_factor: attempt.secondStep?.factor ?? null,
    step_reason: attempt.secondStep?.reason ?? null,
  };
}
