import { type Static, Type } from 'typebox';
import { FAILURE_REASONS } from './activity.ts';
import { problemAnnotation } from './schema-helpers.ts';

/** Events one POST /api/v1/events may carry; import-events sends batches of this size too. */
export const INGEST_BATCH_MAX = 10_000;
/** Longest idempotency key, in characters (Entra's ids are 36, Google's uniqueQualifier ~20). */
export const IDEMPOTENCY_KEY_MAX_LENGTH = 200;
/** Longest User-Agent taken, in characters; the stored one is cut to 512 like a console sign-in's. */
export const INGEST_USER_AGENT_MAX_LENGTH = 2048;
/** How far in the future (ms) an event's occurredAt may lie: clocks drift, sign-ins do not come from tomorrow. */
export const INGEST_FUTURE_SLACK_MS = 5 * 60_000;

const EXAMPLE_EVENT = {
  idempotencyKey: '5f0c7a3e-2b1d-4c8e-9a6f-1d2e3f4a5b6c',
  email: 'owner@northwind.example',
  occurredAt: '2026-11-30T08:15:00Z',
  ip: '203.0.113.7',
  userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36',
  outcome: 'success',
};

/**
 * One sign-in event from another identity provider. Each event of a batch is checked on its own
 * (src/server/features/event-ingest/check-event.ts holds the same rules): one that breaks a rule is
 * listed in `rejected` and the others are stored.
 */
export const IngestEventSchema = Type.Object(
  {
    idempotencyKey: Type.String({
      minLength: 1,
      maxLength: IDEMPOTENCY_KEY_MAX_LENGTH,
      description:
        'The sender’s own id of the event. A key the organization sent before is counted in `duplicates` and stored once.',
    }),
    email: Type.String({
      minLength: 3,
      maxLength: 254,
      description: 'The account’s email (any letter case); an email with no account in the organization is rejected.',
    }),
    occurredAt: Type.String({
      format: 'date-time',
      description:
        'RFC 3339 with an offset. Refused when older than the organization’s raw-event retention (or than what ' +
        'retention already purged) or more than 5 minutes in the future.',
    }),
    ip: Type.String({ minLength: 2, maxLength: 45, description: 'The client’s IPv4 or IPv6 address.' }),
    userAgent: Type.Union([Type.String({ maxLength: INGEST_USER_AGENT_MAX_LENGTH }), Type.Null()], {
      description: 'The browser’s or client’s User-Agent; null or empty when unknown.',
    }),
    outcome: Type.Enum(['success', 'failure']),
    failureReason: Type.Optional(
      Type.Union([Type.Enum([...FAILURE_REASONS]), Type.Null()], {
        description: 'Why a failure failed (Activity’s list); only with outcome failure, none when absent.',
      }),
    ),
  },
  {
    additionalProperties: false,
    examples: [EXAMPLE_EVENT],
  },
);
export type IngestEvent = Static<typeof IngestEventSchema>;

/**
 * The body: a JSON array (application/json) or JSON lines (application/x-ndjson, application/jsonl),
 * each item an IngestEvent. Items are checked one by one after the body is read, so the array's
 * items are open here and described by IngestEvent.
 */
export const IngestEventsBody = Type.Array(
  Type.Unknown({ description: 'An event: the fields of IngestEvent (idempotencyKey, email, occurredAt, ip, …).' }),
  {
    minItems: 1,
    maxItems: INGEST_BATCH_MAX,
    description: `1 to ${INGEST_BATCH_MAX.toLocaleString('en')} sign-in events; more answers 400 too-many-events and stores none.`,
    examples: [[EXAMPLE_EVENT]],
    ...problemAnnotation({
      code: 'too-many-events',
      keywords: ['maxItems'],
      title: 'Too many events in one batch',
      detail: `Send at most ${INGEST_BATCH_MAX.toLocaleString('en')} events per request; split the batch.`,
      message: `must hold at most ${INGEST_BATCH_MAX} events`,
    }),
  },
);
export type IngestEventsBody = Static<typeof IngestEventsBody>;

/** Why one event was not stored: a short problem (no status: the request as a whole succeeded). */
export const RejectedEventSchema = Type.Object({
  index: Type.Integer({
    description: 'The event’s position in the batch, from 0 (in JSON lines, among the non-blank lines).',
  }),
  problem: Type.Object({
    code: Type.Enum(['invalid-event', 'unknown-user', 'occurred-at-out-of-range'], {
      description:
        'invalid-event: a field is missing, of the wrong type or form (detail names it); unknown-user: no account ' +
        'of the organization has the email; occurred-at-out-of-range: older than retention keeps or in the future.',
    }),
    detail: Type.String(),
  }),
});
export type RejectedEvent = Static<typeof RejectedEventSchema>;

export const IngestEventsResult = Type.Object({
  accepted: Type.Integer({ description: 'Events stored by this request as sign-in attempts.' }),
  duplicates: Type.Integer({
    description: 'Events whose idempotencyKey the organization had already sent (or sent twice in this batch).',
  }),
  rejected: Type.Array(RejectedEventSchema, { description: 'Events not stored, in batch order, each with why.' }),
});
export type IngestEventsResult = Static<typeof IngestEventsResult>;
