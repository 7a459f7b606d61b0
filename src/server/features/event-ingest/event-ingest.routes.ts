import { IngestEventsBody, IngestEventsResult } from '../../../contract/events.ts';
import type { AppDeps } from '../../app-deps.ts';
import { type App, OWNER_ONLY, problems } from '../../http/app-types.ts';
import { authOf, requireOwner } from '../../http/authenticate.ts';
import { UnreadableEvent } from './check-event.ts';
import { ingestEvents } from './ingest-events.ts';

/** The largest body taken (bytes): 10,000 events of ~1 KB; the rest of the API keeps 256 KiB. */
export const INGEST_BODY_LIMIT_BYTES = 16 * 1024 * 1024;
/** JSON lines' media types (one event per line); application/json takes a JSON array. */
export const JSON_LINES_TYPES = ['application/x-ndjson', 'application/jsonl'];

/**
 * POST /api/v1/events: bulk ingest of sign-in events from another identity provider, by an owner:
 * with an API token of full scope (what a script uses; a read-only token answers 403
 * token-read-only), or from the console's session with its CSRF token.
 */
export function registerEventIngestRoutes(app: App, deps: AppDeps): void {
  // Blank lines are skipped; a line that is not JSON stays in its place and is rejected on its own.
  app.addContentTypeParser(JSON_LINES_TYPES, { parseAs: 'string' }, (_request, body, done) => {
    const events = String(body)
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => {
        try {
          return JSON.parse(line) as unknown;
        } catch {
          return new UnreadableEvent('this line is not valid JSON');
        }
      });
    done(null, events);
  });

  app.post(
    '/api/v1/events',
    {
      // Before the body is read: up to 16 MiB is parsed and checked only for an owner.
      onRequest: requireOwner(deps),
      bodyLimit: INGEST_BODY_LIMIT_BYTES,
      // Up to 10,000 events, each assessed against the user's history: minutes on a slow machine (docs/event-ingest.md#speed).
      config: { deadlineMs: 300_000 },
      schema: {
        tags: ['events'],
        operationId: 'ingestEvents',
        summary: 'Store a batch of sign-in events from another identity provider',
        description:
          'A JSON array (application/json) or JSON lines (application/x-ndjson, application/jsonl; blank lines ' +
          'skipped) of up to 10,000 events, each {idempotencyKey, email, occurredAt, ip, userAgent, outcome, ' +
          'failureReason?} (IngestEvent). Each event is checked on its own: a bad one is listed in `rejected` with ' +
          'its index and a problem, and the rest are stored as sign-in attempts (with device, location and risk ' +
          'flags; they appear in Activity, the sign-in log, reports and alerts). A key the organization sent ' +
          'before counts in `duplicates` and is stored once, also when two batches race. The answer comes after ' +
          'every event is committed (in transactions of 1,000). An owner’s: an API token of full scope (a ' +
          'read-only token answers 403 token-read-only) or a console session. A control ' +
          'character anywhere in the body answers 400 invalid-request for the whole batch, as everywhere in the API.',
        body: IngestEventsBody,
        response: {
          200: IngestEventsResult,
          ...problems(OWNER_ONLY, { 400: ['too-many-events'] }),
        },
      },
    },
    async (request) => ingestEvents(deps, authOf(request).orgId, request.body),
  );
}
