import type { FailureReason } from '../activity/index.ts';
import { UnreadableEvent } from './check-event.ts';

/**
 * The export formats import-events reads, each mapped to our event (docs/event-ingest.md has the
 * field tables): `seatkeeper` (the POST /api/v1/events event as it is), `entra` (Microsoft Entra
 * sign-in logs: the portal's JSON or CSV download, or Graph's signIns), `google` (Google Workspace
 * login audit: Admin SDK Reports API activities.list, applicationName=login).
 */
export const EXPORT_FORMATS = ['seatkeeper', 'entra', 'google'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** A record mapped: an event to ingest (checked there like any other), or skipped (not a sign-in: a logout). */
export type MappedRecord = { event: unknown } | { skipped: string };

type Json = Record<string, unknown>;

/** The format of a file from its first record. */
export function detectFormat(first: unknown): ExportFormat {
  if (!isObject(first)) return 'seatkeeper';
  if ('createdDateTime' in first || 'userPrincipalName' in first || 'Date (UTC)' in first) return 'entra';
  if (first.kind === 'admin#reports#activity' || (isObject(first.id) && 'uniqueQualifier' in first.id)) return 'google';
  return 'seatkeeper';
}

export function mapRecord(format: ExportFormat, record: unknown): MappedRecord {
  if (record instanceof UnreadableEvent || format === 'seatkeeper') return { event: record };
  if (!isObject(record)) return { event: record };
  if (format === 'google') return mapGoogle(record);
  return 'Date (UTC)' in record ? mapEntraCsv(record) : mapEntra(record);
}

// --- Microsoft Entra ---------------------------------------------------------------------------------------------

/**
 * Entra's sign-in error codes (AADSTS) that say why; any other non-zero code is a failure with no
 * reason. https://learn.microsoft.com/entra/identity-platform/reference-error-codes
 */
const ENTRA_REASONS: Record<string, FailureReason> = {
  '50126': 'invalid_password', // Invalid username or password
  '50053': 'throttled', // Account locked (smart lockout) or sign-in from a malicious IP
  '50057': 'deactivated', // User account is disabled
  '50034': 'unknown_account', // The user account does not exist in the directory
  '500121': 'invalid_second_factor', // Authentication failed during strong authentication
  '53003': 'blocked_by_risk', // Blocked by Conditional Access
};

function mapEntra(record: Json): MappedRecord {
  const status = isObject(record.status) ? record.status : {};
  const device = isObject(record.deviceDetail) ? record.deviceDetail : {};
  const code = String(status.errorCode ?? '0');
  return {
    event: {
      idempotencyKey: prefixed('entra', record.id),
      email: record.userPrincipalName,
      occurredAt: record.createdDateTime,
      ip: record.ipAddress,
      userAgent: text(record.userAgent) ?? describedAgent(text(device.operatingSystem), text(device.browser)),
      ...outcomeOfEntraCode(code),
    },
  };
}

/** A row of the portal's CSV download (column names as the Entra admin center writes them). */
function mapEntraCsv(record: Json): MappedRecord {
  const status = text(record.Status)?.toLowerCase();
  const code = text(record['Sign-in error code']) ?? (status === 'success' ? '0' : '');
  return {
    event: {
      idempotencyKey: prefixed('entra', record['Request ID'] ?? record.ID ?? record.Id),
      email: record.Username ?? record['User principal name'],
      occurredAt: utcText(text(record['Date (UTC)'])),
      ip: record['IP address'],
      userAgent: text(record['User agent']) ?? describedAgent(text(record['Operating System']), text(record.Browser)),
      ...outcomeOfEntraCode(code === '' ? 'unknown' : code),
    },
  };
}

function outcomeOfEntraCode(code: string) {
  if (code === '0') return { outcome: 'success' };
  return { outcome: 'failure', failureReason: ENTRA_REASONS[code] ?? null };
}

/** The portal's CSV writes the UTC time without an offset (2026-11-30T08:15:00 or 11/30/2026, 8:15:00 AM). */
function utcText(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (/^\d{4}-\d{2}-\d{2}T[\d:.]+$/.test(value)) return `${value}Z`;
  if (/(Z|[+-]\d{2}:\d{2})$/i.test(value)) return value;
  const parsed = Date.parse(`${value} UTC`);
  return Number.isNaN(parsed) ? value : new Date(parsed).toISOString();
}

const OS_TOKENS: [RegExp, string][] = [
  [/^windows/i, 'Windows NT 10.0; Win64; x64'],
  [/^(mac|os x)/i, 'Macintosh; Intel Mac OS X 10_15_7'],
  [/^ios/i, 'iPhone; CPU iPhone OS 17_0 like Mac OS X'],
  [/^android/i, 'Linux; Android 14; K'],
  [/^linux/i, 'X11; Linux x86_64'],
];

/**
 * Entra and the CSV name the OS and browser but carry no User-Agent: a User-Agent that says the same
 * is written from them, so the device columns fill as for a console sign-in (docs/event-ingest.md).
 * Unknown names give a plain "browser (os)" text: the device shows as other.
 */
function describedAgent(os: string | undefined, browser: string | undefined): string | null {
  if (!os && !browser) return null;
  const platform = OS_TOKENS.find(([pattern]) => pattern.test(os ?? ''))?.[1];
  const [, name = browser ?? '', version = '0'] = /^(.*?)\s+v?([\d.]+)$/.exec(browser ?? '') ?? [];
  if (!platform) return [browser, os && `(${os})`].filter(Boolean).join(' ');
  const mobile = platform.startsWith('iPhone') || platform.startsWith('Linux; Android') ? ' Mobile' : '';
  switch (name.toLowerCase()) {
    case 'edge':
      return `Mozilla/5.0 (${platform}) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${version}${mobile} Safari/537.36 Edg/${version}`;
    case 'chrome':
      return `Mozilla/5.0 (${platform}) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${version}${mobile} Safari/537.36`;
    case 'firefox':
      return `Mozilla/5.0 (${platform}; rv:${version}) Gecko/20100101 Firefox/${version}`;
    case 'safari':
    case 'mobile safari':
      return `Mozilla/5.0 (${platform}) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/${version}${mobile ? ' Mobile/15E148' : ''} Safari/604.1`;
    default:
      return `Mozilla/5.0 (${platform})`;
  }
}

// --- Google Workspace ----------------------------------------------------------------------------------------------

/** login_failure_type values that say why; others (login_failure_unknown …) are failures with no reason. */
const GOOGLE_REASONS: Record<string, FailureReason> = {
  login_failure_invalid_password: 'invalid_password',
  login_failure_account_disabled: 'deactivated',
  login_failure_invalid_second_factor: 'invalid_second_factor',
  login_failure_access_code_disallowed: 'blocked_by_risk',
};

function mapGoogle(record: Json): MappedRecord {
  const id = isObject(record.id) ? record.id : {};
  const actor = isObject(record.actor) ? record.actor : {};
  const events = Array.isArray(record.events) ? record.events.filter(isObject) : [];
  const login = events.find((event) => event.name === 'login_success' || event.name === 'login_failure');
  if (!login)
    return { skipped: `not a sign-in (${events.map((event) => String(event.name)).join(', ') || 'no events'})` };
  const parameters = Array.isArray(login.parameters) ? login.parameters.filter(isObject) : [];
  const failureType = text(parameters.find((parameter) => parameter.name === 'login_failure_type')?.value);
  const failed = login.name === 'login_failure';
  return {
    event: {
      idempotencyKey: prefixed('google', id.uniqueQualifier),
      email: actor.email,
      occurredAt: id.time,
      ip: record.ipAddress,
      // The login audit records no User-Agent.
      userAgent: null,
      outcome: failed ? 'failure' : 'success',
      ...(failed ? { failureReason: (failureType && GOOGLE_REASONS[failureType]) ?? null } : {}),
    },
  };
}

// --- helpers -------------------------------------------------------------------------------------------------------

/** The source's own id, prefixed with its name: an Entra id and a Google id never meet as one key. */
function prefixed(source: string, id: unknown): string | undefined {
  if (typeof id === 'string' && id !== '') return `${source}:${id}`;
  if (typeof id === 'number') return `${source}:${id}`;
  return undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
