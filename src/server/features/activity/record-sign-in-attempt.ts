import type { Db } from '../../db/database.ts';
import type { ClientContext } from '../../http/client-context.ts';
import { parseUserAgent } from '../device/parse-user-agent.ts';
import type { GeoIp } from '../geo/geoip.ts';
import { insertSignInAttempts, type NewSignInAttempt } from './activity.repository.ts';

export type FailureReason = 'invalid_password' | 'unknown_account' | 'deactivated' | 'invitation_pending' | 'throttled';

export interface SignInAttempt {
  orgId: string | null;
  userId: string | null;
  email: string;
  outcome: 'success' | 'failure';
  failureReason: FailureReason | null;
  client: 'console' | 'app';
  occurredAt: number;
}

const MAX_USER_AGENT_LENGTH = 512;

/**
 * Stores one sign-in attempt with where it came from (IP → location) and on what
 * (User-Agent → device). Call it inside the transaction of the attempt's effect.
 */
export async function recordSignInAttempt(
  db: Db,
  geo: GeoIp,
  client: ClientContext,
  attempt: SignInAttempt,
): Promise<void> {
  await insertSignInAttempts(db, [buildSignInAttemptRow(geo, client, attempt)]);
}

/** The stored row: the attempt plus what the IP and User-Agent tell (demo seeding batches these). */
export function buildSignInAttemptRow(geo: GeoIp, client: ClientContext, attempt: SignInAttempt): NewSignInAttempt {
  const device = parseUserAgent(client.userAgent);
  const location = geo.lookup(client.ip);
  return {
    org_id: attempt.orgId,
    user_id: attempt.userId,
    email: attempt.email,
    occurred_at: attempt.occurredAt,
    outcome: attempt.outcome,
    failure_reason: attempt.failureReason,
    client: attempt.client,
    app_key: null,
    app_version: null,
    ip: client.ip,
    country_code: location?.countryCode ?? null,
    country: location?.country ?? null,
    region: location?.region ?? null,
    city: location?.city ?? null,
    latitude: location?.latitude ?? null,
    longitude: location?.longitude ?? null,
    asn: location?.asn ?? null,
    as_organization: location?.asOrganization ?? null,
    device_type: device.type,
    os: device.os,
    os_version: device.osVersion,
    browser: device.browser,
    browser_version: device.browserVersion,
    device_id: null,
    user_agent: client.userAgent ? client.userAgent.slice(0, MAX_USER_AGENT_LENGTH) : null,
    risk: '[]',
  };
}
