import fs from 'node:fs';
import { STATUS_CODES } from 'node:http';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { TIME_ZONE_FORMAT } from '../../contract/schema-helpers.ts';
import { apiDocsPageOptions } from './api-docs-page.ts';
import { type App, PROBLEM_CODES_KEY } from './app-types.ts';

/**
 * OpenAPI 3.1 from the routes' own schemas: /api/openapi.json, browsable at /api/docs.
 *
 * The routes declare what is theirs (operationId, summary, inputs, success bodies, `security: []`
 * when public, and their own problem codes through `problems()`); `completeDocument` below adds
 * what follows from the server's shared machinery, the same for every route: the problems every
 * route can answer (by its method, inputs and security), problem+json and text/csv media types,
 * each answer's problem codes (description, `x-problem-codes` and one example per code), headers,
 * servers and license. The app fails to start when an operation lacks an operationId or a problem
 * answer lacks codes, so the document stays exact as routes are added
 * (test/api/openapi-document.test.ts lints it; test/helpers/openapi-contract.ts checks every
 * answer the test suites receive against it).
 */
export async function registerOpenApi(app: App): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Seatkeeper API',
        version: '1.0.0',
        description: API_DESCRIPTION,
        ...licenseOfPackage(),
      },
      servers: [{ url: '/', description: 'The Seatkeeper server that serves this document (its PUBLIC_URL).' }],
      tags: [
        { name: 'health', description: 'Liveness and readiness, for load balancers and orchestrators.' },
        { name: 'auth', description: 'Console sign-in and sign-out, the signed-in user, their password.' },
        {
          name: 'mfa',
          description: 'Two-step verification: authenticator apps, passkeys, recovery codes, an owner’s reset.',
        },
        { name: 'users', description: 'The organization’s users and their invitations.' },
        { name: 'activity', description: 'Sign-in attempts and app sessions, as JSON pages or CSV.' },
        { name: 'events', description: 'Bulk ingest of sign-in events from another identity provider.' },
        { name: 'subscriptions', description: 'Products, subscriptions, seats and who holds them.' },
        { name: 'organization', description: 'The organization’s settings.' },
        { name: 'reports', description: 'The Overview and the reports, as JSON or CSV.' },
        {
          name: 'security',
          description:
            'Security monitoring: alerts and their status, the rules behind risk flags, webhooks, the "was this you?" links.',
        },
        { name: 'audit', description: 'The audit log: what owners, the operator and jobs changed, read-only.' },
        { name: 'apps', description: 'The API the vendor’s apps call: sign-in with a seat check, heartbeats.' },
        {
          name: 'sso',
          description: 'Single sign-on: the organization’s OpenID Connect provider, and the sign-in through it.',
        },
      ],
      components: {
        securitySchemes: {
          session: {
            type: 'apiKey',
            in: 'cookie',
            name: 'sk_session',
            description:
              'The HttpOnly session cookie set by signIn or acceptInvitation. State-changing requests must also ' +
              'send the session’s csrfToken in the X-CSRF-Token header (else 403 csrf-token-invalid).',
          },
          appSession: {
            type: 'http',
            scheme: 'bearer',
            description: 'The sessionToken from POST /api/v1/app/sessions (startAppSession).',
          },
          leaseFile: {
            type: 'http',
            scheme: 'bearer',
            description:
              'A lease file from POST /api/v1/app/sessions/current/borrow (borrowSeat): the borrowing’s own credential.',
          },
          bearerAuth: {
            type: 'http',
            scheme: 'bearer',
            description:
              'An API token (`skt_…`) an owner created (createApiToken); no CSRF token needed. It acts as its ' +
              'creator with their rights now; a `read` token only reads (else 403 token-read-only). An unknown, ' +
              'expired or revoked token answers 401 api-token-invalid. Operations whose security lists only ' +
              '`session` refuse tokens (403 session-required).',
          },
        },
      },
      security: [{ session: [] }, { bearerAuth: [] }],
    },
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, index) => String(json.$id ?? `def-${index}`) },
    transform: ({ schema, url }) => ({ schema: withDeclaredCodes(schema as Json | undefined) as never, url }),
    transformObject: (documentObject) =>
      completeDocument((documentObject as unknown as { openapiObject: OpenApiDocument }).openapiObject) as never,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', ...apiDocsPageOptions });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  // Built once every route is known: an incomplete document fails the start, not the first reader.
  app.addHook('onReady', async () => {
    app.swagger();
  });
}

const API_DESCRIPTION = [
  'Users, seats and sign-in activity of an organization.',
  '',
  '**Errors** are `application/problem+json` (RFC 9457): `type` `/problems/<code>`, `title`, `status`, a stable ' +
    '`code` to switch on, often `detail`, and for invalid input `errors` (`path`, `message` per field). Every ' +
    'answer lists the codes it can carry (in its description, as `x-problem-codes`, and as examples).',
  '',
  '**Input**: a JSON body field the operation does not list is refused (400 `invalid-request` naming it); a query ' +
    'parameter it does not list is ignored. Control characters (U+0000–U+001F except tab, LF, CR, and U+007F) are ' +
    'refused in every field and parameter. Dates are `YYYY-MM-DD` from 1970-01-01 to 2100-12-31, date-times ' +
    'RFC 3339 with an offset inside the same span. Custom string format `' +
    TIME_ZONE_FORMAT +
    '`: an IANA time-zone name (or alias) the server knows, any letter case.',
  '',
  '**Authentication**: the console’s session cookie (`session`), with `X-CSRF-Token` on state-changing requests; ' +
    'scripts an owner’s API token as `Authorization: Bearer skt_…` (`bearerAuth`, no CSRF); apps use their Bearer ' +
    'session token (`appSession`). Operations with `security: []` are public.',
  '',
  '**CSV**: operations with a `format` parameter answer `text/csv` (UTF-8 with a byte order mark, CRLF lines) ' +
    'with `format=csv`.',
].join('\n');

/** The package's SPDX license, when it has one (redocly's info-license rules want it stated). */
function licenseOfPackage(): { license?: { name: string; identifier: string } } {
  try {
    const { license } = JSON.parse(fs.readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
      license?: unknown;
    };
    if (typeof license !== 'string' || license === 'UNLICENSED' || license.startsWith('SEE ')) return {};
    return { license: { name: license, identifier: license } };
  } catch {
    return {};
  }
}

/** Titles of the problems, for the examples (the codes' source of truth is the code that raises them). */
const PROBLEM_TITLES: Record<string, string> = {
  'borrow-too-long': 'Borrowing too long',
  'borrowing-not-allowed': 'Borrowing is turned off',
  'invalid-lease-file': 'Lease file not valid',
  'lease-not-live': 'Lease no longer borrowed',
  'no-lease': 'No seat to borrow',
  'pool-minimum': 'No seat can be borrowed now',
  'account-deactivated': 'Account deactivated',
  'access-denied': 'Sign-in denied',
  'alert-status-unchanged': 'Alert status unchanged',
  'api-token-invalid': 'API token not valid',
  'too-many-events': 'Too many events in one batch',
  'authorization-pending': 'Waiting for the user',
  'already-assigned': 'Already holds a seat',
  'bad-request': 'Bad request',
  'browser-sign-in-required': 'Sign in through the browser',
  'csrf-token-invalid': 'Missing or wrong CSRF token',
  'database-busy': 'Database busy',
  'database-unavailable': 'Database unavailable',
  'device-code-invalid': 'Code not valid',
  'device-limit': 'Seat in use on too many devices',
  'duplicate-ids': 'The same user twice',
  'email-taken': 'Email already in use',
  'expired-token': 'Code expired',
  'floating-subscription': 'Not for floating pools',
  forbidden: 'Owners only',
  'import-rows-invalid': 'Some rows cannot be imported',
  internal: 'Internal server error',
  'invalid-code': 'Wrong code',
  'invalid-credentials': 'Wrong email or password',
  'invalid-csv': 'The file cannot be read as CSV',
  'invalid-cursor': 'Invalid cursor',
  'invalid-expiry': 'Expiry not accepted',
  'invalid-grant': 'Device code not valid',
  'invalid-json': 'Malformed JSON body',
  'invalid-passkey': 'Passkey not accepted',
  'invalid-range': 'Invalid range',
  'invalid-request': 'The request is not valid',
  'invalid-second-factor': 'Wrong code',
  'invalid-time-zone': 'Unknown time zone',
  'invalid-trusted-network': 'Invalid trusted network',
  'invalid-url': 'Malformed URL',
  'metrics-forbidden': 'Metrics not available to this address',
  'metrics-incomplete': 'Metrics of the cluster incomplete',
  overloaded: 'Server overloaded',
  'invitation-invalid': 'Invitation not valid',
  'invitation-not-needed': 'No invitation needed',
  'last-owner': 'The last owner who can sign in must stay',
  'lease-released': 'Seat released by an owner',
  'lease-not-found': 'Seat not held any more',
  'no-free-seat': 'No free seat',
  'no-license': 'No seat for this app',
  'no-passkey-registration': 'No passkey being added',
  'no-second-factor': 'No second factor set up',
  'no-totp-enrolment': 'No authenticator app being set up',
  'not-assigned': 'No seat to free',
  'not-enough-seats': 'Not enough free seats',
  'not-found': 'Not found',
  'note-required': 'A note is required',
  'nothing-to-change': 'Nothing to change',
  'passkey-exists': 'Passkey already added',
  'payload-too-large': 'Request body too large',
  'pool-full': 'Every seat is in use',
  'reset-link-invalid': 'Reset link not valid',
  'seat-removed': 'Seat removed',
  'seat-rules-conflict': 'Seat rules do not fit',
  'second-factor-enrolment-required': 'Set up two-step verification first',
  'second-factor-missing': 'Code missing',
  'session-ended': 'Session ended',
  'session-required': 'Sign in to the console for this',
  'session-replaced': 'Signed in again on this device',
  'session-revoked': 'Session ended from the console',
  'session-invalid': 'Unknown session',
  'session-timed-out': 'Session timed out',
  'shutting-down': 'Server is shutting down',
  'slow-down': 'Polling too fast',
  'sign-in-blocked': 'Sign-in blocked',
  'sign-in-challenge-invalid': 'Sign in again',
  'sign-in-confirmation-expired': 'Link expired',
  'sign-in-confirmation-not-found': 'Link not found',
  'sign-in-confirmation-used': 'Link already used',
  'sso-break-glass-invalid': 'A break-glass owner is needed',
  'sso-client-secret-required': 'Client secret required',
  'sso-discovery-failed': 'The provider could not be reached',
  'sso-domain-taken': 'Domain belongs to another organization',
  'sso-not-configured': 'No single sign-on for this address',
  'sso-provider-unavailable': 'The sign-in provider does not answer',
  'sso-required': 'Single sign-on required',
  'subscription-expired': 'Subscription expired',
  timeout: 'The request took too long',
  'too-many-api-tokens': 'Too many API tokens',
  'too-many-attempts': 'Too many sign-in attempts',
  'too-many-device-authorizations': 'Too many sign-ins started',
  'too-many-reset-requests': 'Too many password-reset requests',
  'too-many-sso-starts': 'Too many single sign-on starts',
  'too-many-webhooks': 'Too many webhooks',
  'token-read-only': 'Read-only API token',
  'totp-already-enabled': 'Authenticator app already set up',
  unauthenticated: 'Sign-in required',
  'unknown-app': 'Unknown app',
  'unknown-users': 'Unknown users',
  'unsupported-media-type': 'Unsupported media type',
  'undo-expired': 'Too late to undo',
  'uri-too-long': 'URI too long',
  'reclaim-undone': 'Already undone',
  'reports-history-purged': 'Time zone can no longer change',
  'user-already-erased': 'User already erased',
  'user-erased': 'User was erased',
  'user-deactivated': 'User deactivated',
  'user-not-deactivated': 'Deactivate the user first',
  'weak-password': 'Password not accepted',
  'webhook-url-refused': 'Webhook URL refused',
  'wrong-password': 'Current password is wrong',
};

const STATUS_MEANINGS: Record<number, string> = {
  400: 'Invalid request',
  401: 'Not signed in, or wrong credentials',
  403: 'Not allowed',
  404: 'Not found (also for ids of another organization)',
  409: 'Conflicts with the current state',
  410: 'Gone: the link expired or was already used',
  413: 'Body too large',
  414: 'A path segment is longer than any id or token (over 100 characters)',
  415: 'The body is not application/json',
  429: 'Too many attempts; wait Retry-After seconds',
  500: 'Internal server error (details are logged, never sent)',
  503: 'Unavailable: the request ran past its deadline, the server is shutting down, or a dependency is down',
};

const SUCCESS_MEANINGS: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted: queued, done within seconds',
  204: 'Done; no content',
};

/** Response headers that are facts of particular operations. */
const SESSION_COOKIE_HEADER = {
  'Set-Cookie': {
    description:
      'sk_session (HttpOnly, SameSite=Strict, the session) and, at sign-in, sk_device (HttpOnly, path /api/v1, ' +
      '180 days: this browser has signed in to this account before).',
    schema: { type: 'string' },
  },
};
const SUCCESS_HEADERS: Record<string, Record<string, unknown>> = {
  signIn: SESSION_COOKIE_HEADER,
  acceptInvitation: SESSION_COOKIE_HEADER,
  signOut: {
    'Set-Cookie': { description: 'Clears sk_session; sk_device stays.', schema: { type: 'string' } },
  },
  changeOwnPassword: {
    'Set-Cookie': { description: 'sk_device: this browser’s device credential, renewed.', schema: { type: 'string' } },
  },
};

// ─── The document's completion ───

// biome-ignore lint/suspicious/noExplicitAny: OpenAPI/JSON Schema objects, walked structurally
type Json = Record<string, any>;
interface OpenApiDocument {
  paths: Record<string, Record<string, Json>>;
  components: Json;
  security?: Json[];
  [key: string]: unknown;
}

/**
 * The codes a route's `problems()` put on its response schemas, carried to the operation under a
 * private `x-` key (swagger copies those; a $ref response schema loses its other keys).
 */
const DECLARED_CODES_KEY = 'x-declared-problem-codes';

function withDeclaredCodes(schema: Json | undefined): Json | undefined {
  if (!schema?.response) return schema;
  const declared: Record<string, string[]> = {};
  for (const [status, response] of Object.entries(schema.response as Json)) {
    const codes = (response as Json)?.[PROBLEM_CODES_KEY];
    if (Array.isArray(codes)) declared[status] = codes;
  }
  return { ...schema, [DECLARED_CODES_KEY]: declared };
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const PROBLEM_MEDIA_TYPE = 'application/problem+json';
const PROBLEM_REF = { $ref: '#/components/schemas/Problem' };

export function completeDocument(document: OpenApiDocument): OpenApiDocument {
  const problems: string[] = [];
  const operationIds = new Set<string>();
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (!METHODS.includes(method)) continue;
      const key = `${method.toUpperCase()} ${path}`;
      if (typeof operation.operationId !== 'string') problems.push(`${key}: no operationId`);
      else if (operationIds.has(operation.operationId)) problems.push(`${key}: operationId used twice`);
      else operationIds.add(operation.operationId);
      completeResponses(operation, method);
      for (const [status, response] of Object.entries(operation.responses as Json)) {
        if (Number(status) >= 400 && response[PROBLEM_CODES_KEY].length === 0) {
          problems.push(`${key}: answer ${status} lists no problem code`);
        }
      }
    }
  }
  if (problems.length > 0) throw new Error(`OpenAPI document incomplete:\n${problems.join('\n')}`);
  return document;
}

function completeResponses(operation: Json, method: string): void {
  const parameters = (operation.parameters ?? []) as Json[];
  const hasPathParameters = parameters.some((parameter) => parameter.in === 'path');
  const mutating = method !== 'get' && method !== 'head';
  const auth = authOfOperation(operation.security as Json[] | undefined);

  // What every route can answer, by what it takes and how it is called.
  const codes = new Map<number, Set<string>>();
  const add = (status: number, ...list: readonly string[]) => {
    const set = codes.get(status) ?? new Set<string>();
    for (const code of list) set.add(code);
    codes.set(status, set);
  };
  // Control characters are refused in any query parameter (input-rules.ts), listed or not.
  add(400, 'invalid-request');
  if (hasPathParameters) {
    add(400, 'invalid-url');
    add(414, 'uri-too-long');
  }
  if (mutating) {
    // A body is parsed whenever one is sent, whether or not the operation takes one;
    // bad-request: it did not arrive whole (the client aborted it mid-way).
    add(400, 'invalid-json', 'bad-request');
    add(413, 'payload-too-large');
    add(415, 'unsupported-media-type');
  }
  if (auth === 'session' || auth === 'session-only') {
    add(401, 'unauthenticated');
    if (mutating) add(403, 'csrf-token-invalid');
    // A session that may only enrol a second factor (authenticate.ts) is refused outside enrolment.
    add(403, 'second-factor-enrolment-required');
  }
  // An API token (authenticate.ts): unknown, expired or revoked; a read token's change; or a route
  // that wants the console session.
  if (auth === 'session') {
    add(401, 'api-token-invalid');
    if (mutating) add(403, 'token-read-only');
  }
  if (auth === 'session-only') add(403, 'session-required');
  add(500, 'internal');
  add(503, 'timeout', 'shutting-down');
  // Any route but /healthz when over a load limit (overload.ts, docs/operations.md).
  if (operation.operationId !== 'getHealth') add(503, 'overloaded');
  // Any route that reads or writes the database, i.e. all but /healthz (docs/resilience.md).
  if (operation.operationId !== 'getHealth') add(503, 'database-unavailable', 'database-busy');

  const responses = operation.responses as Json;
  const declared = (operation[DECLARED_CODES_KEY] ?? {}) as Record<string, string[]>;
  delete operation[DECLARED_CODES_KEY];
  for (const status of Object.keys(responses)) {
    if (Number(status) >= 400) add(Number(status), ...(declared[status] ?? []));
  }

  for (const [status, list] of [...codes].sort(([a], [b]) => a - b)) {
    responses[status] = problemResponse(status, [...list]);
  }
  for (const [status, response] of Object.entries(responses)) {
    if (Number(status) >= 400) continue;
    completeSuccess(operation, Number(status), response, parameters);
  }
  // Statuses in numeric order, as readers expect.
  operation.responses = Object.fromEntries(Object.entries(responses).sort(([a], [b]) => Number(a) - Number(b)));
}

/**
 * How an operation is called: the document's default (cookie session or API token), only the
 * session (`security: [{ session: [] }]`, authenticate.ts SESSION_ONLY), public (`[]`), or an app's token.
 */
function authOfOperation(security: Json[] | undefined): 'session' | 'session-only' | 'public' | 'appSession' {
  if (security === undefined) return 'session';
  if (security.length === 0) return 'public';
  if (security.every((requirement) => Object.keys(requirement).every((name) => name === 'session'))) {
    return 'session-only';
  }
  return 'appSession';
}

function problemResponse(status: number, codes: string[]): Json {
  const listed = codes.map((code) => `\`${code}\``).join(', ');
  return {
    description: `${STATUS_MEANINGS[status] ?? STATUS_CODES[status] ?? 'Problem'}. Problem codes: ${listed}.`,
    ...(status === 429 || status === 503
      ? {
          headers: {
            'Retry-After': {
              description: 'Seconds to wait before trying again.',
              schema: { type: 'integer', minimum: 0 },
            },
          },
        }
      : {}),
    content: {
      [PROBLEM_MEDIA_TYPE]: {
        schema: PROBLEM_REF,
        examples: Object.fromEntries(
          codes.map((code) => [
            code,
            {
              summary: PROBLEM_TITLES[code] ?? code,
              value: { type: `/problems/${code}`, title: PROBLEM_TITLES[code] ?? code, status, code },
            },
          ]),
        ),
      },
    },
    [PROBLEM_CODES_KEY]: codes,
  };
}

function completeSuccess(operation: Json, status: number, response: Json, parameters: Json[]): void {
  if (!response.description || response.description === 'Default Response') {
    response.description = SUCCESS_MEANINGS[status] ?? STATUS_CODES[status] ?? 'Success';
  }
  const json = response.content?.['application/json'];
  // A $ref's siblings (a description given for the response) are the response's, not the schema's.
  if (json?.schema?.$ref) json.schema = { $ref: json.schema.$ref };
  const headers = SUCCESS_HEADERS[operation.operationId];
  if (headers) response.headers = { ...response.headers, ...headers };
  const format = parameters.find((parameter) => parameter.in === 'query' && parameter.name === 'format');
  if (status === 200 && json && format?.schema?.enum?.includes('csv')) {
    response.content['text/csv'] = {
      schema: { type: 'string', description: 'With format=csv: a header line, then one line per row.' },
    };
    response.headers = {
      ...response.headers,
      'Content-Disposition': {
        description: 'With format=csv: `attachment; filename="…csv"`.',
        schema: { type: 'string' },
      },
    };
  }
}
