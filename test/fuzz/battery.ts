import type { TestContext } from '../helpers/test-app.ts';
import type { GeneratedRequest, RouteSpec } from './requests.ts';
import { type Access, mayCall, type Role } from './route-access.ts';
import type { ValidRequest } from './valid-requests.ts';
import type { Watchdog } from './watchdog.ts';
import { nextIp, PASSWORD, type World } from './world.ts';

export const REQUEST_TIMEOUT_MS = Number(process.env.FUZZ_REQUEST_TIMEOUT_MS ?? 10_000);

/** Routes whose valid call ends the caller's session: they run as a fresh user of the role. */
const SESSION_ENDING = new Set([
  'POST /api/v1/auth/logout',
  'POST /api/v1/me/password',
  // Ends the session this browser had (documented): run it with a throwaway one.
  'POST /api/v1/invitations/{token}/accept',
]);

export interface ConcreteRequest {
  role: Role;
  route: RouteSpec;
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string;
  remoteAddress: string;
  /** The caller holds working credentials for the route (own cookie + CSRF, or own app token). */
  credentialed: boolean;
  /** Sent with the role's long-lived fixture cookie (a 401/403 then makes us check it still works). */
  usesFixtureSession: boolean;
}

export interface Answer {
  statusCode: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: string;
  ms: number;
}

// ─── Building requests ───

async function resolvePlaceholders(text: string, world: World, role: Role): Promise<string> {
  const org = world.orgOf(role);
  const other = world.otherOf(role);
  const matches = [...text.matchAll(/@@([a-z-]+)(?::(\d+))?@@/g)];
  let out = text;
  for (const match of matches) {
    const n = Number(match[2] ?? 0);
    const otherUsers = [other.owner.id, other.member.id, other.loginTarget.id, ...other.throwaways];
    let value: string;
    switch (match[1]) {
      case 'self-id':
        value = world.personOf(role)?.id ?? org.member.id;
        break;
      case 'member-id':
        value = org.member.id;
        break;
      case 'throwaway-id':
        value = org.throwaways[n % org.throwaways.length]!;
        break;
      case 'other-user-id':
        value = otherUsers[n % otherUsers.length]!;
        break;
      case 'sub-id':
        value = org.subscriptionId;
        break;
      case 'other-sub-id':
        value = other.subscriptionId;
        break;
      case 'invite-token':
        value = org.pendingToken;
        break;
      case 'fresh-invite-token':
        value = await world.freshInviteToken(org);
        break;
      case 'other-invite-token':
        value = other.pendingToken;
        break;
      case 'login-email':
        value = org.loginTarget.email;
        break;
      case 'unique-email':
        value = world.uniqueEmail(org);
        break;
      case 'password':
        value = PASSWORD;
        break;
      case 'product-key':
        value = org.productKey;
        break;
      case 'other-product-key':
        value = other.productKey;
        break;
      case 'sign-in-id':
        value = org.signInId;
        break;
      case 'other-sign-in-id':
        value = other.signInId;
        break;
      default:
        throw new Error(`unknown placeholder ${match[0]}`);
    }
    out = out.replace(match[0], value);
  }
  return out;
}

async function resolveDeep(value: unknown, world: World, role: Role): Promise<unknown> {
  if (typeof value === 'string') return value.includes('@@') ? resolvePlaceholders(value, world, role) : value;
  if (Array.isArray(value)) {
    if (value.length > 100) return value;
    return Promise.all(value.map((item) => resolveDeep(item, world, role)));
  }
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      Object.defineProperty(out, key, {
        value: await resolveDeep(item, world, role),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }
  return value;
}

/** encodeURIComponent, but a lone surrogate becomes the bytes of U+FFFD instead of throwing. */
export function encodeComponent(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return encodeURIComponent(value.replace(/[\uD800-\uDFFF]/g, '\uFFFD'));
  }
}

function fillPath(route: RouteSpec, values: { value: string; encode: boolean }[]): string {
  let url = route.path;
  route.pathParams.forEach((param, index) => {
    const { value, encode } = values[index]!;
    url = url.replace(`{${param.name}}`, encode ? encodeComponent(value) : value);
  });
  return url;
}

interface Credentials {
  headers: Record<string, string>;
  credentialed: boolean;
  usesFixtureSession: boolean;
}

async function credentialsFor(
  world: World,
  route: RouteSpec,
  role: Role,
  variant: GeneratedRequest['auth'],
): Promise<Credentials> {
  const access: Access | undefined = route.access;
  const headers: Record<string, string> = {};
  if (access === 'app-token') {
    if (variant === 'own' && role !== 'anonymous') {
      headers.authorization = `Bearer ${await world.freshAppToken(role)}`;
      return { headers, credentialed: true, usesFixtureSession: false };
    }
    if (variant === 'garbage-bearer') headers.authorization = 'Bearer garbage';
    if (variant === 'basic') headers.authorization = 'Basic Zm9vOmJhcg==';
    if (variant === 'garbage-cookie') headers.cookie = 'sk_session=garbage';
    return { headers, credentialed: false, usesFixtureSession: false };
  }
  if (role === 'anonymous' || variant === 'none') {
    if (variant === 'garbage-cookie') headers.cookie = 'sk_session=garbage';
    if (variant === 'garbage-bearer') headers.authorization = 'Bearer garbage';
    return { headers, credentialed: false, usesFixtureSession: false };
  }
  if (variant === 'garbage-cookie') {
    headers.cookie = 'sk_session=garbage';
    return { headers, credentialed: false, usesFixtureSession: false };
  }
  const fresh = SESSION_ENDING.has(route.key);
  const session = fresh ? await world.freshSession(role) : await world.session(role);
  headers.cookie = session.cookie;
  let credentialed = true;
  if (variant === 'no-csrf') credentialed = route.method === 'GET';
  else if (variant === 'wrong-csrf') {
    headers['x-csrf-token'] = 'x'.repeat(session.csrfToken.length);
    credentialed = route.method === 'GET';
  } else headers['x-csrf-token'] = session.csrfToken;
  if (variant === 'garbage-bearer') headers.authorization = 'Bearer garbage';
  return { headers, credentialed, usesFixtureSession: !fresh };
}

/** A generated request, made concrete for `role` (placeholders resolved, credentials attached). */
export async function concreteFromGenerated(
  world: World,
  route: RouteSpec,
  role: Role,
  generated: GeneratedRequest,
): Promise<ConcreteRequest> {
  const pathValues = await Promise.all(
    generated.path.map(async (p) => ({ ...p, value: await resolvePlaceholders(p.value, world, role) })),
  );
  let url = fillPath(route, pathValues);
  const pairs = await Promise.all(
    generated.query.pairs.map(async ([k, v]) => [k, await resolvePlaceholders(v, world, role)] as const),
  );
  const enc = generated.query.encode ? encodeComponent : (s: string) => s;
  const query = pairs.map(([k, v]) => `${enc(k)}=${enc(v)}`).join('&') + generated.query.rawSuffix;
  if (query) url += `?${query}`;
  const credentials = await credentialsFor(world, route, role, generated.auth);
  const headers: Record<string, string> = { 'user-agent': 'seatkeeper-fuzz/1.0', ...credentials.headers };
  for (const [name, value] of generated.headers) headers[name] = value;
  let payload: string | undefined;
  if (generated.body.kind === 'json') {
    payload = JSON.stringify(await resolveDeep(generated.body.value, world, role)) ?? 'null';
    headers['content-type'] ??= 'application/json';
  } else if (generated.body.kind === 'text') {
    payload = await resolvePlaceholders(generated.body.text, world, role);
    if (generated.body.contentType !== undefined) headers['content-type'] = generated.body.contentType;
  }
  return {
    role,
    route,
    method: route.method,
    url,
    headers,
    payload,
    remoteAddress: nextIp(),
    credentialed: credentials.credentialed,
    usesFixtureSession: credentials.usesFixtureSession,
  };
}

/** The valid request of a route, made concrete for `role` with its own credentials. */
export async function concreteFromValid(
  world: World,
  route: RouteSpec,
  role: Role,
  valid: ValidRequest,
): Promise<ConcreteRequest> {
  const org = world.orgOf(role);
  let url = route.path;
  for (const param of route.pathParams) {
    let value = valid.path?.[param.name];
    if (param.name === 'token' && valid.freshInviteToken) value = await world.freshInviteToken(org);
    if (value === undefined) throw new Error(`valid request of ${route.key} lacks path parameter ${param.name}`);
    url = url.replace(`{${param.name}}`, encodeURIComponent(value));
  }
  if (valid.query) url += `?${new URLSearchParams(valid.query).toString()}`;
  const headers: Record<string, string> = { 'user-agent': 'seatkeeper-fuzz/1.0' };
  let usesFixtureSession = false;
  if (role !== 'anonymous') {
    if (valid.appToken) headers.authorization = `Bearer ${await world.freshAppToken(role)}`;
    else if (valid.leaseFile) headers.authorization = `Bearer ${await world.freshLeaseFile(role)}`;
    else if (route.access !== 'public') {
      const session = valid.session === 'fresh' ? await world.freshSession(role) : await world.session(role);
      usesFixtureSession = valid.session !== 'fresh';
      headers.cookie = session.cookie;
      headers['x-csrf-token'] = session.csrfToken;
    }
  }
  let payload: string | undefined;
  const body = valid.freshSecondStep ? await world.freshSecondStep(org) : valid.body;
  if (body !== undefined) {
    payload = JSON.stringify(body);
    headers['content-type'] = 'application/json';
  }
  return {
    role,
    route,
    method: route.method,
    url,
    headers,
    payload,
    remoteAddress: nextIp(),
    credentialed: role !== 'anonymous',
    usesFixtureSession,
  };
}

// ─── Sending ───

export async function send(
  ctx: TestContext,
  request: ConcreteRequest,
  watchdog?: Watchdog,
): Promise<Answer | 'timeout'> {
  watchdog?.inFlight(describeRequest(request));
  const began = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), REQUEST_TIMEOUT_MS);
  });
  try {
    const injected = ctx.app
      .inject({
        method: request.method as 'GET',
        url: request.url,
        headers: request.headers,
        ...(request.payload !== undefined ? { payload: request.payload } : {}),
        remoteAddress: request.remoteAddress,
      })
      .then((response) => ({
        statusCode: response.statusCode,
        headers: response.headers,
        body: response.body,
        ms: Date.now() - began,
      }));
    return await Promise.race([injected, timeout]);
  } finally {
    clearTimeout(timer);
    watchdog?.inFlight('(none)');
  }
}

// ─── Checking ───

export interface CheckOptions {
  /** The caller must be refused (401/403 expected for a valid request, never 2xx in any case). */
  expectRefusal: boolean;
}

/** Whether the request's own credentials let it through the route's access rule. */
export function mustBeRefused(request: ConcreteRequest): boolean {
  const access = request.route.access;
  if (!access || access === 'public') return false;
  if (!mayCall(access, request.role)) return true;
  return !request.credentialed;
}

export function violationsOf(world: World, request: ConcreteRequest, answer: Answer | 'timeout'): string[] {
  if (answer === 'timeout') return [`no answer within ${REQUEST_TIMEOUT_MS} ms`];
  const problems: string[] = [];
  const status = answer.statusCode;
  const contentType = String(answer.headers['content-type'] ?? '');
  if (status >= 500) problems.push(`server error ${status}`);
  if (status >= 400 && status < 500) {
    if (!contentType.includes('application/problem+json')) problems.push(`4xx with content-type "${contentType}"`);
    try {
      const body = JSON.parse(answer.body) as Record<string, unknown>;
      for (const field of ['type', 'title', 'code'] as const) {
        if (typeof body[field] !== 'string') problems.push(`problem body lacks string "${field}"`);
      }
      if (body.status !== status) problems.push(`problem body status ${String(body.status)} ≠ ${status}`);
    } catch {
      problems.push('4xx body is not JSON');
    }
  }
  if (mustBeRefused(request) && status >= 200 && status < 300) {
    problems.push(
      `${request.role} (${request.credentialed ? 'own credentials' : 'no working credentials'}) got ${status} on a ${request.route.access} route`,
    );
  }
  const sent = `${request.url}\n${JSON.stringify(request.headers)}\n${request.payload ?? ''}`.toLowerCase();
  const received = `${JSON.stringify(answer.headers)}\n${answer.body}`.toLowerCase();
  // Holding the other organization's invitation token is acting as its invitee: they may see themselves.
  const other = world.otherOf(request.role);
  const actsAsOther = sent.includes(other.pendingToken.toLowerCase());
  for (const secret of actsAsOther ? [] : other.secrets) {
    const s = secret.toLowerCase();
    if (received.includes(s) && !sent.includes(s)) {
      problems.push(`answer contains "${secret}" of organization ${world.otherOf(request.role).label}`);
    }
  }
  return problems;
}

// ─── Describing ───

function clip(text: string, max = 300): string {
  const printable = JSON.stringify(text);
  return printable.length <= max ? printable : `${printable.slice(0, max)}… (${text.length} chars)`;
}

export function describeRequest(request: ConcreteRequest): string {
  const headers = Object.entries(request.headers)
    .map(
      ([name, value]) =>
        `${name}: ${name === 'cookie' || name === 'x-csrf-token' || name === 'authorization' ? value.slice(0, 24) + (value.length > 24 ? '…' : '') : clip(value, 120)}`,
    )
    .join('; ');
  return [
    `${request.role} → ${request.method} ${clip(request.url, 400)}`,
    `  headers: ${headers}`,
    `  body: ${request.payload === undefined ? '(none)' : clip(request.payload, 400)}`,
  ].join('\n');
}

export function describeAnswer(answer: Answer | 'timeout'): string {
  if (answer === 'timeout') return `  answer: none within ${REQUEST_TIMEOUT_MS} ms`;
  return `  answer: ${answer.statusCode} [${String(answer.headers['content-type'] ?? '')}] in ${answer.ms} ms ${clip(answer.body, 400)}`;
}
