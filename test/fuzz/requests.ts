import fc from 'fast-check';
import type { Access } from './route-access.ts';

/** One operation of the OpenAPI document, as the battery needs it. */
export interface RouteSpec {
  key: string; // "METHOD /path" as in the document
  method: string;
  path: string;
  pathParams: { name: string; schema: JsonSchema }[];
  queryParams: { name: string; schema: JsonSchema; required: boolean }[];
  body: JsonSchema | undefined;
  access: Access | undefined;
}

// biome-ignore lint/suspicious/noExplicitAny: JSON Schema from the OpenAPI document
export type JsonSchema = Record<string, any>;

interface OpenApiDocument {
  paths: Record<string, Record<string, JsonSchema>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

export function routesOf(document: unknown, table: Record<string, Access>): RouteSpec[] {
  const doc = document as OpenApiDocument;
  const routes: RouteSpec[] = [];
  for (const [path, operations] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const key = `${method.toUpperCase()} ${path}`;
      const parameters = (operation.parameters ?? []) as {
        in: string;
        name: string;
        schema: JsonSchema;
        required?: boolean;
      }[];
      routes.push({
        key,
        method: method.toUpperCase(),
        path,
        pathParams: parameters.filter((p) => p.in === 'path').map((p) => ({ name: p.name, schema: p.schema })),
        queryParams: parameters
          .filter((p) => p.in === 'query')
          .map((p) => ({
            name: p.name,
            schema: p.schema,
            required: p.required === true && p.schema.default === undefined,
          })),
        body: operation.requestBody?.content?.['application/json']?.schema,
        access: table[key],
      });
    }
  }
  return routes;
}

// ─── Placeholders: generated values that name something of the fixture, resolved at send time ───

/** `@@kind@@` or `@@kind:n@@`; see resolvePlaceholder in the battery. */
export type PlaceholderKind =
  | 'self-id'
  | 'member-id'
  | 'throwaway-id'
  | 'other-user-id'
  | 'sub-id'
  | 'other-sub-id'
  | 'invite-token'
  | 'fresh-invite-token'
  | 'other-invite-token'
  | 'login-email'
  | 'unique-email'
  | 'password'
  | 'product-key'
  | 'other-product-key'
  | 'sign-in-id'
  | 'other-sign-in-id';

const ph = (kind: PlaceholderKind, n?: number) => (n === undefined ? `@@${kind}@@` : `@@${kind}:${n}@@`);
const phIndexed = (kind: PlaceholderKind) => fc.nat({ max: 7 }).map((n) => ph(kind, n));

// ─── Hostile values ───

const b64 = (value: string) => Buffer.from(value, 'utf8').toString('base64url');

export const HOSTILE_STRINGS: readonly string[] = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\u0001\u0002\u0008\u001b[31m\u001f\u007f',
  '\r\nX-Injected: 1',
  '\t',
  '\uD800',
  '\uFEFF',
  '\u202Egnp.exe',
  'İıǅ',
  '😀👩‍👩‍👧‍👦',
  'é'.repeat(300),
  'x'.repeat(5000),
  '1e308',
  '-1e308',
  '1.5',
  '-1',
  '0',
  '-0',
  '99999999999999999999',
  '0x10',
  'NaN',
  'Infinity',
  '9999-12-31',
  '0000-00-00',
  '0001-01-01',
  '1000-01-01',
  '2024-02-30',
  '2016-12-31T23:59:60Z',
  '9999-12-31T23:59:59.999Z',
  '0001-01-01T00:00:00Z',
  '+275760-09-13T00:00:00.000Z',
  '2024-01-01T00:00:00+99:99',
  'null',
  'true',
  '[]',
  '{}',
  '%00',
  '%',
  '%zz',
  '%E0%A4%A',
  '%C0%AF',
  '%2e%2e%2f',
  '../../etc/passwd',
  '__proto__',
  'constructor',
  "' OR 1=1 --",
  '"; drop table users; --',
  '<script>alert(1)</script>',
  '$'.concat('{7*7}'),
  'Europe/Berlin',
  'Mars/Olympus',
  'Etc/GMT+14',
  '+14:00',
  '00000000-0000-0000-0000-000000000000',
  b64('[1e308,1]'),
  b64('[1e308,"x",1e308]'),
  b64('[-1,-1]'),
  b64('[1.5,2.5,3.5]'),
  b64('[9007199254740993,1]'),
  b64('["\u0000","\u0000"]'),
  b64('[null,null]'),
  b64('[8.64e15,1,1]'),
  b64('[-8.64e15,-1]'),
  b64('{"__proto__":{"x":1}}'),
];

const hostileCursor = fc
  .array(
    fc.oneof(
      fc.constantFrom(1e308, -1e308, 1.5, -1, 0, 8.64e15, 8.64e15 + 1, Number.MAX_SAFE_INTEGER + 2, null, '', 'x'),
      fc.integer(),
      fc.string({ maxLength: 8 }),
    ),
    { minLength: 0, maxLength: 4 },
  )
  .map((parts) => b64(JSON.stringify(parts)));

/** Cursors of the shapes the API pages by (three numbers; a sort key and an id), with edge values inside. */
const edgeNumber = fc.constantFrom(
  0,
  -1,
  1,
  1.5,
  1e308,
  -1e308,
  8.64e15,
  -8.64e15,
  Number.MAX_SAFE_INTEGER,
  -Number.MAX_SAFE_INTEGER,
);
const shapedCursor = fc
  .oneof(
    fc.tuple(edgeNumber, edgeNumber, edgeNumber),
    fc.tuple(
      fc.oneof(edgeNumber, fc.constant(null), fc.constantFrom(...HOSTILE_STRINGS.slice(0, 14))),
      fc.constantFrom(...HOSTILE_STRINGS.slice(0, 14), '00000000-0000-0000-0000-000000000000'),
    ),
  )
  .map((parts) => b64(JSON.stringify(parts)));

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: hostileCursor },
  { weight: 1, arbitrary: fc.nat({ max: 100_000 }).map((n) => 'a'.repeat(n)) },
);

const hostileJsonValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  {
    weight: 3,
    arbitrary: fc.constantFrom<unknown>(1e308, -1e308, 1.5, -1, 0, 2 ** 53 + 1, true, false, null, [], {}, ['x'], {
      a: 1,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      Array.from({ length: 20_000 }, (_, i) => i),
      Array(5000).fill('x'),
    ),
  },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);

// ─── Values from schemas ───

const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

function validString(schema: JsonSchema, name: string, context: ValueContext): fc.Arbitrary<unknown> {
  if (Array.isArray(schema.enum)) return fc.constantFrom(...schema.enum);
  if (schema.type === 'integer' || schema.type === 'number') {
    const min = schema.minimum ?? -1000;
    const max = schema.maximum ?? 1000;
    return fc.oneof(fc.integer({ min, max }), fc.constantFrom(min, max));
  }
  if (schema.type === 'boolean') return fc.boolean();
  if (schema.type === 'object') return objectFrom(schema, context);
  if (schema.type === 'array') return fc.array(valueFrom(schema.items ?? {}, name, context), { maxLength: 3 });
  // strings
  const known = knownFor(name, context);
  if (known) return known;
  if (schema.format === 'email') return fc.oneof(fc.constant(ph('unique-email')), fc.emailAddress());
  if (schema.format === 'date-time') {
    return fc.oneof(
      fc.integer({ min: -400, max: 30 }).map((days) => new Date(Date.now() + days * 86_400_000).toISOString()),
      fc
        .date({ min: new Date('1970-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
        .map((d) => d.toISOString()),
    );
  }
  if (schema.format === 'date') {
    return fc.oneof(
      { weight: 4, arbitrary: fc.integer({ min: -800, max: 5 }).map(isoDay) },
      {
        weight: 1,
        arbitrary: fc.constantFrom('9999-12-31', '0001-01-01', '1970-01-01', '2024-02-29', '2023-02-29', '2100-12-31'),
      },
    );
  }
  if (schema.pattern === '^[A-Za-z]{2}$') return fc.constantFrom('GB', 'us', 'DE', 'ZZ', 'xx');
  if (name === 'cursor') return fc.oneof(shapedCursor, hostileCursor);
  if (name === 'timeZone' || name === 'tz')
    return fc.constantFrom('UTC', 'Europe/Berlin', 'Pacific/Kiritimati', 'America/St_Johns');
  if (name === 'key') return fc.constant(ph('product-key'));
  const minLength = schema.minLength ?? 0;
  const maxLength = Math.min(schema.maxLength ?? 40, 40);
  return fc
    .string({ minLength, maxLength: Math.max(minLength, maxLength) })
    .map((s) => (typeof schema.pattern === 'string' && schema.pattern === '\\S' && !/\S/.test(s) ? `${s}x` : s));
}

export interface ValueContext {
  route: RouteSpec;
  /** A change (non-GET): never aim it at the callers' own users. */
  mutating: boolean;
}

function knownFor(name: string, context: ValueContext): fc.Arbitrary<unknown> | undefined {
  const { route, mutating } = context;
  if (name === 'token') {
    return route.method === 'GET'
      ? fc.oneof(fc.constant(ph('invite-token')), fc.constant(ph('other-invite-token')))
      : fc.oneof(
          { weight: 3, arbitrary: fc.constant(ph('fresh-invite-token')) },
          fc.constant(ph('other-invite-token')),
        );
  }
  if (name === 'id' && route.path.startsWith('/api/v1/subscriptions')) {
    return fc.oneof({ weight: 3, arbitrary: fc.constant(ph('sub-id')) }, fc.constant(ph('other-sub-id')));
  }
  // The sign-in log's filters: a user of either organization, an address or a network (any prefix).
  if (name === 'user')
    return fc.oneof(phIndexed('throwaway-id'), phIndexed('other-user-id'), fc.constant(ph('member-id')));
  if (name === 'ip') {
    const address = fc.oneof(fc.ipV4(), fc.ipV6(), fc.ipV4Extended());
    return fc.oneof(
      address,
      fc.tuple(address, fc.integer({ min: -1, max: 130 })).map(([ip, bits]) => `${ip}/${bits}`),
    );
  }
  if (name === 'id' && route.path.startsWith('/api/v1/sign-ins')) {
    return fc.oneof(
      { weight: 3, arbitrary: fc.constant(ph('sign-in-id')) },
      fc.constant(ph('other-sign-in-id')),
      phIndexed('other-user-id'),
    );
  }
  if (name === 'subscriptionId') {
    return fc.oneof({ weight: 3, arbitrary: fc.constant(ph('sub-id')) }, fc.constant(ph('other-sub-id')));
  }
  // Arrays of ids (bulk actions' userIds): each item drawn like one id of the same name.
  if (name === 'id' || name === 'userId' || name === 'toUserId' || /Ids?$/.test(name)) {
    const options: fc.Arbitrary<string>[] = [
      phIndexed('throwaway-id'),
      phIndexed('throwaway-id'),
      phIndexed('other-user-id'),
    ];
    if (!mutating) options.push(fc.constant(ph('self-id')), fc.constant(ph('member-id')));
    return fc.oneof(...options);
  }
  if (name === 'email') {
    return route.key.endsWith('/users') ? fc.constant(ph('unique-email')) : fc.constant(ph('login-email'));
  }
  if (name === 'password' || name === 'currentPassword') return fc.constant(ph('password'));
  if (name === 'newPassword') return fc.constantFrom('yet another long passphrase 99', 'short', 'password1234');
  if (name === 'key' && route.path.includes('/app/')) {
    return fc.oneof({ weight: 3, arbitrary: fc.constant(ph('product-key')) }, fc.constant(ph('other-product-key')));
  }
  if (name === 'app' && route.path.startsWith('/api/v1/reports')) {
    return fc.oneof(fc.constant(ph('product-key')), fc.constant(ph('other-product-key')));
  }
  if (name === 'product') return fc.oneof(fc.constant(ph('product-key')), fc.constant(ph('other-product-key')));
  return undefined;
}

/** A valid-looking value (mostly) or a hostile one. */
function valueFrom(schema: JsonSchema, name: string, context: ValueContext): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 4, arbitrary: validString(schema, name, context) },
    { weight: 1, arbitrary: hostileJsonValue },
  );
}

const MISSING = Symbol('missing');

function objectFrom(schema: JsonSchema, context: ValueContext): fc.Arbitrary<Record<string, unknown>> {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set<string>(schema.required ?? []);
  const fields: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, property] of Object.entries(properties)) {
    const value = valueFrom(property, name, context);
    fields[name] = required.has(name)
      ? fc.oneof({ weight: 9, arbitrary: value }, { weight: 1, arbitrary: fc.constant(MISSING) })
      : fc.oneof({ weight: 1, arbitrary: value }, { weight: 1, arbitrary: fc.constant(MISSING) });
  }
  const extra = fc.option(
    fc.dictionary(
      fc.oneof(
        fc.constantFrom('__proto__', 'constructor', 'isAdmin', 'orgId', 'role', 'id'),
        fc.string({ maxLength: 8 }),
      ),
      hostileJsonValue,
      { maxKeys: 3 },
    ),
    { freq: 4 },
  );
  return fc.record({ fields: fc.record(fields), extra }).map(({ fields: values, extra: added }) => {
    const out: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(values)) if (value !== MISSING) out[name] = value;
    if (added)
      for (const [name, value] of Object.entries(added))
        Object.defineProperty(out, name, { value, enumerable: true, writable: true, configurable: true });
    return out;
  });
}

// ─── Whole requests ───

export type AuthVariant = 'own' | 'no-csrf' | 'wrong-csrf' | 'garbage-cookie' | 'none' | 'garbage-bearer' | 'basic';

export interface GeneratedRequest {
  /** Per path parameter: the value, and whether it is percent-encoded (else sent raw). */
  path: { value: string; encode: boolean }[];
  query: { pairs: [string, string][]; encode: boolean; rawSuffix: string };
  body:
    | { kind: 'none' }
    | { kind: 'json'; value: unknown }
    | { kind: 'text'; text: string; contentType: string | undefined };
  headers: [string, string][];
  auth: AuthVariant;
}

const asText = (value: unknown): string =>
  typeof value === 'string' ? value : value === undefined ? '' : (JSON.stringify(value) ?? '');

const RAW_QUERY_SUFFIXES = [
  '',
  '&',
  '&&&',
  '&=',
  '&%',
  '&a=%zz',
  '&%00=%00',
  '&limit=1&limit=2',
  '&__proto__[x]=1',
  '&constructor[prototype][x]=1',
  '&a[]=1&a[]=2',
  `&${'q'.repeat(3000)}=1`,
  '&from=9999-12-31&to=9999-12-31',
  '&from=0001-01-01&to=9999-12-31',
  '&cursor=%00',
  '&limit=1e308',
  '&limit=1.5',
  '&limit=-1',
  '&days=1e308',
  '&format=CSV',
  '&format=csv',
  '&tz=%00',
];

const EXTRA_HEADERS: [string, string][] = [
  ['accept', 'text/csv'],
  ['accept', 'application/xml'],
  ['accept', '*/*;q=0.1, application/problem+json'],
  ['x-forwarded-for', 'garbage, 1.2.3.4'],
  ['x-forwarded-for', '999.1.1.1'],
  ['x-forwarded-proto', 'gopher'],
  ['user-agent', ''],
  ['user-agent', 'x'.repeat(8000)],
  ['user-agent', 'curl/8.5.0'],
  ['user-agent', 'Googlebot/2.1 (+http://www.google.com/bot.html)'],
  ['accept-language', 'zz-ZZ;q=1e308'],
  ['accept-encoding', 'gzip;q=-1, br'],
  ['origin', 'https://evil.example'],
  ['if-none-match', '*'],
  ['if-modified-since', 'yesterday'],
  ['range', 'bytes=99999999999-'],
  ['x-http-method-override', 'DELETE'],
  ['x-csrf-token', ''],
  ['x-request-id', '\u00ff\u00fe'],
];

/** A header with a hostile value: bytes only (a header is Latin-1 on the wire), no CR/LF. */
const hostileHeader: fc.Arbitrary<[string, string]> = fc.tuple(
  fc.constantFrom(
    'user-agent',
    'x-forwarded-for',
    'accept',
    'accept-language',
    'cookie',
    'x-csrf-token',
    'authorization',
    'content-type',
    'if-none-match',
    'referer',
  ),
  hostileString.map((value) => value.replace(/[^\u0020-\u007e\u0080-\u00ff\t]/g, '?').slice(0, 8000)),
);

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=latin1',
  'APPLICATION/JSON',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/xml',
  'application/problem+json',
  'application/json-patch+json',
  '',
  'garbage',
];

export function requestArbitrary(route: RouteSpec): fc.Arbitrary<GeneratedRequest> {
  const mutating = route.method !== 'GET';
  const context: ValueContext = { route, mutating };
  const pathArb = fc.tuple(
    ...route.pathParams.map((param) =>
      fc.record({
        value: fc.oneof(
          { weight: 5, arbitrary: validString(param.schema, param.name, context).map(asText) },
          { weight: 2, arbitrary: hostileString },
        ),
        encode: fc.oneof({ weight: 5, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
      }),
    ),
  );
  const queryArb = fc.record({
    pairs: fc
      .tuple(
        fc.tuple(
          ...route.queryParams.map((param) =>
            fc.oneof(
              { weight: 2, arbitrary: fc.constant<[string, string][]>([]) },
              {
                weight: 4,
                arbitrary: validString(param.schema, param.name, context).map((v): [string, string][] => [
                  [param.name, asText(v)],
                ]),
              },
              { weight: 2, arbitrary: hostileString.map((v): [string, string][] => [[param.name, v]]) },
              {
                weight: 1,
                arbitrary: fc
                  .tuple(validString(param.schema, param.name, context), hostileString)
                  .map(([a, b]): [string, string][] => [
                    [param.name, asText(a)],
                    [param.name, b],
                  ]),
              },
            ),
          ),
        ) as fc.Arbitrary<[string, string][][]>,
        fc.array(
          fc.tuple(fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom('limit', 'cursor', 'from')), hostileString),
          {
            maxLength: 2,
          },
        ),
      )
      .map(([params, extra]) => [...params.flat(), ...extra]),
    encode: fc.oneof({ weight: 5, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
    rawSuffix: fc.oneof(
      { weight: 5, arbitrary: fc.constant('') },
      { weight: 1, arbitrary: fc.constantFrom(...RAW_QUERY_SUFFIXES) },
    ),
  });
  const jsonBody = route.body ? objectFrom(route.body, context) : fc.constant({});
  const bodyArb: fc.Arbitrary<GeneratedRequest['body']> = fc.oneof(
    { weight: route.body ? 1 : 8, arbitrary: fc.constant({ kind: 'none' as const }) },
    { weight: route.body ? 12 : 1, arbitrary: jsonBody.map((value) => ({ kind: 'json' as const, value })) },
    { weight: 1, arbitrary: hostileJsonValue.map((value) => ({ kind: 'json' as const, value })) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          fc.oneof(
            fc.constantFrom(
              '{',
              '{"a":',
              '[1,2',
              'null',
              '"str"',
              '\u0000',
              '{"email":"\u0000"}',
              'email=a@b.c&password=x',
              '<x/>',
              '',
            ),
            jsonBody.map((value) => JSON.stringify(value)),
          ),
          fc.option(fc.constantFrom(...CONTENT_TYPES), { nil: undefined }),
        )
        .map(([text, contentType]) => ({ kind: 'text' as const, text, contentType })),
    },
  );
  const authArb: fc.Arbitrary<AuthVariant> =
    route.access === 'app-token'
      ? fc.oneof(
          { weight: 6, arbitrary: fc.constant<AuthVariant>('own') },
          { weight: 1, arbitrary: fc.constantFrom<AuthVariant>('none', 'garbage-bearer', 'basic', 'garbage-cookie') },
        )
      : fc.oneof(
          { weight: 10, arbitrary: fc.constant<AuthVariant>('own') },
          {
            weight: 1,
            arbitrary: fc.constantFrom<AuthVariant>('no-csrf', 'wrong-csrf', 'garbage-cookie', 'garbage-bearer'),
          },
        );
  return fc.record({
    path: pathArb,
    query: queryArb,
    body: bodyArb,
    headers: fc.oneof(
      { weight: 8, arbitrary: fc.constant<[string, string][]>([]) },
      { weight: 2, arbitrary: fc.subarray(EXTRA_HEADERS, { maxLength: 3 }) },
      { weight: 1, arbitrary: fc.array(hostileHeader, { minLength: 1, maxLength: 2 }) },
    ),
    auth: authArb,
  });
}
