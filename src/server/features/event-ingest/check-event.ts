import ipaddr from 'ipaddr.js';
import { FAILURE_REASONS } from '../../../contract/activity.ts';
import {
  IDEMPOTENCY_KEY_MAX_LENGTH,
  INGEST_USER_AGENT_MAX_LENGTH,
  type RejectedEvent,
} from '../../../contract/events.ts';
import { parseIsoDateTime } from '../../lib/local-date.ts';
import type { FailureReason } from '../activity/index.ts';

/** An event that passed the checks of its own fields, ready to be matched to an account. */
export interface CheckedEvent {
  index: number;
  idempotencyKey: string;
  email: string;
  occurredAt: number;
  ip: string;
  userAgent: string | undefined;
  outcome: 'success' | 'failure';
  failureReason: FailureReason | null;
}

export type EventProblem = RejectedEvent['problem'];

/** A JSON line that did not parse (the JSON-lines body parser and the CLI's reader put it in the line's place). */
export class UnreadableEvent {
  constructor(readonly reason: string) {}
}

const FIELDS = ['idempotencyKey', 'email', 'occurredAt', 'ip', 'userAgent', 'outcome', 'failureReason'];
const REASONS = new Set<string>(FAILURE_REASONS);
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is this check's job
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/**
 * The rules of one event's own fields (contract/events.ts IngestEventSchema says the same):
 * PostgreSQL cannot store U+0000, so no control characters anywhere; lengths bounded; a real
 * RFC 3339 instant; an IP address (stored in the spelling a live sign-in's would have). Whether
 * the time lies in the organization's window and the email has an account is checked after.
 */
export function checkEvent(value: unknown, index: number): CheckedEvent | EventProblem {
  if (value instanceof UnreadableEvent) return invalid(`not valid JSON: ${value.reason}`);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return invalid('must be a JSON object');
  const event = value as Record<string, unknown>;
  const unknown = Object.keys(event).filter((key) => !FIELDS.includes(key));
  if (unknown.length > 0) return invalid(`unknown field ${show(unknown[0])} (known fields: ${FIELDS.join(', ')})`);
  const key = text(event, 'idempotencyKey', IDEMPOTENCY_KEY_MAX_LENGTH);
  if (typeof key !== 'string') return key;
  if (key.trim() === '') return invalid('idempotencyKey must not be blank');
  const email = text(event, 'email', 254);
  if (typeof email !== 'string') return email;
  const when = text(event, 'occurredAt', 64);
  if (typeof when !== 'string') return when;
  const occurredAt = parseIsoDateTime(when);
  if (occurredAt === undefined) {
    return invalid('occurredAt must be an RFC 3339 date-time with an offset, e.g. 2026-11-30T08:15:00Z');
  }
  const given = text(event, 'ip', 64);
  if (typeof given !== 'string') return given;
  const ip = normalizeAddress(given);
  if (ip === undefined) return invalid(`ip ${show(given)} is not an IPv4 or IPv6 address`);
  const userAgent = event.userAgent === null ? '' : text(event, 'userAgent', INGEST_USER_AGENT_MAX_LENGTH);
  if (typeof userAgent !== 'string') return userAgent;
  const outcome = event.outcome;
  if (outcome !== 'success' && outcome !== 'failure') return invalid('outcome must be "success" or "failure"');
  const reason = event.failureReason ?? null;
  if (reason !== null && (typeof reason !== 'string' || !REASONS.has(reason))) {
    return invalid(`failureReason must be one of ${FAILURE_REASONS.join(', ')}`);
  }
  if (reason !== null && outcome === 'success') return invalid('failureReason is only for outcome "failure"');
  return {
    index,
    idempotencyKey: key,
    email,
    occurredAt,
    ip,
    userAgent: userAgent === '' ? undefined : userAgent,
    outcome,
    failureReason: reason as FailureReason | null,
  };
}

export function isProblem(checked: CheckedEvent | EventProblem): checked is EventProblem {
  return 'code' in checked;
}

function text(event: Record<string, unknown>, field: string, maxLength: number): string | EventProblem {
  const value = event[field];
  if (value === undefined) return invalid(`${field} is required`);
  if (typeof value !== 'string') return invalid(`${field} must be a string`);
  if (value.length > maxLength) return invalid(`${field} must be at most ${maxLength} characters`);
  if (CONTROL_CHARACTERS.test(value)) return invalid(`${field} must not contain control characters`);
  return value;
}

/**
 * The spelling a live sign-in's address has (http/client-ip.ts): dotted-quad IPv4 only, IPv6 in
 * RFC 5952 form, IPv4-mapped IPv6 as IPv4; undefined for anything else.
 */
function normalizeAddress(ip: string): string | undefined {
  const trimmed = ip.trim();
  if (ipaddr.IPv4.isValidFourPartDecimal(trimmed)) return ipaddr.IPv4.parse(trimmed).toString();
  const unbracketed = /^\[[^\]]*\]$/.test(trimmed) ? trimmed.slice(1, -1) : trimmed;
  if (unbracketed.includes('%') || !ipaddr.IPv6.isValid(unbracketed)) return undefined;
  const address = ipaddr.IPv6.parse(unbracketed);
  return address.isIPv4MappedAddress() ? address.toIPv4Address().toString() : address.toRFC5952String();
}

function invalid(detail: string): EventProblem {
  return { code: 'invalid-event', detail };
}

/** A value quoted for a detail, cut short: a 1 MB string is not echoed back. */
function show(value: unknown): string {
  const quoted = JSON.stringify(value) ?? String(value);
  return quoted.length > 60 ? `${quoted.slice(0, 57)}…"` : quoted;
}
