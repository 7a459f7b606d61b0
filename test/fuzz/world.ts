import { randomBytes } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import { openUserReportedAlert } from '../../src/server/features/alerts/index.ts';
import { findLiveSession } from '../../src/server/features/auth/sessions.repository.ts';
import { queueSignInConfirmation } from '../../src/server/features/notifications/index.ts';
import { createOrganization } from '../../src/server/features/operator/create-organization.ts';
import { addProduct, addSubscription } from '../../src/server/features/operator/manage-subscriptions.ts';
import { DEFAULT_SECURITY_SETTINGS } from '../../src/server/features/security-settings/index.ts';
import { DAY_MS } from '../../src/server/lib/time.ts';
import { as, type Session, signIn } from '../helpers/session.ts';
import type { TestContext } from '../helpers/test-app.ts';
import type { Role } from './route-access.ts';

/**
 * The fixture of the fuzz battery: two organizations built alike, A and B. Every name and
 * email of an organization carries its marker (an unmistakable lowercase string), and its
 * ids are listed too: no answer to a caller of one organization may contain the other's.
 *
 * Callers: anonymous, A's member, A's owner, B's owner ("otherOwner"). Their users are
 * never the target of a generated change (deactivate, role change, seat release…): those
 * aim at each organization's throwaway users, or at the other organization's ids (which
 * must be 404). Requests that end the caller's session (logout, password change, app
 * sign-out) run as a fresh user of the same role.
 */

export const PASSWORD = 'correct horse battery staple';
export const NEW_PASSWORD = 'another quite long passphrase 7';
const UA =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15';

export interface Person {
  id: string;
  email: string;
}

export interface OrgWorld {
  label: 'A' | 'B';
  marker: string;
  orgId: string;
  owner: Person;
  member: Person;
  /** The target of generated sign-ins (its failures may lock it; no fixture session depends on it). */
  loginTarget: Person;
  /** Users any generated change may hit. */
  throwaways: string[];
  /** An invitation never accepted by the battery (GET /invitations/{token}). */
  pendingToken: string;
  subscriptionId: string;
  productKey: string;
  /** The organization's latest fixture sign-in (an app's, with the session it opened). */
  signInId: string;
  /** A webhook endpoint of the organization and one delivery of it (a queued test message). */
  webhookId: string;
  deliveryId: string;
  /** A "this wasn't me" link token of a throwaway user (its POST ends only that user's sessions). */
  confirmationToken: string;
  /** An alert of the organization (a throwaway user's "this wasn't me" report). */
  alertId: string;
  /** Strings that must never reach a caller of the other organization. */
  secrets: string[];
}

let ipCounter = 0;
/** A new client address per call, so the per-IP sign-in throttle never stops the fixture. */
export function nextIp(): string {
  ipCounter += 1;
  return `10.${(ipCounter >> 16) & 255}.${(ipCounter >> 8) & 255}.${ipCounter & 255}`;
}

export class World {
  readonly a: OrgWorld;
  readonly b: OrgWorld;
  private readonly sessions = new Map<Role, Session>();
  private emailCounter = 0;
  /** Sessions the battery found ended by a request that should not have ended them. */
  readonly lostSessions: string[] = [];

  private constructor(
    readonly ctx: TestContext,
    a: OrgWorld,
    b: OrgWorld,
  ) {
    this.a = a;
    this.b = b;
  }

  static async create(ctx: TestContext): Promise<World> {
    const a = await buildOrg(ctx, 'A');
    const b = await buildOrg(ctx, 'B');
    const world = new World(ctx, a, b);
    for (const role of ['member', 'owner', 'otherOwner'] as const) await world.session(role);
    return world;
  }

  orgOf(role: Role): OrgWorld {
    return role === 'otherOwner' ? this.b : this.a;
  }

  otherOf(role: Role): OrgWorld {
    return role === 'otherOwner' ? this.a : this.b;
  }

  /** The caller's own user (anonymous: none). */
  personOf(role: Role): Person | undefined {
    if (role === 'anonymous') return undefined;
    const org = this.orgOf(role);
    return role === 'member' ? org.member : org.owner;
  }

  async session(role: Exclude<Role, 'anonymous'>): Promise<Session> {
    const existing = this.sessions.get(role);
    if (existing) return existing;
    const person = this.personOf(role)!;
    const session = await signIn(this.ctx.app, person.email, PASSWORD, nextIp());
    this.sessions.set(role, session);
    return session;
  }

  /**
   * After every request: the fixture sessions must still work with their role. If one
   * ended (or lost its role), note the request that did it and sign in again.
   */
  async checkSessions(cause: string): Promise<void> {
    for (const [role, session] of [...this.sessions]) {
      const token = session.cookie.slice('sk_session='.length);
      const live = await findLiveSession(this.ctx.deps.database.db, token, this.ctx.deps.now());
      if (live && live.role === (role === 'member' ? 'member' : 'owner')) continue;
      this.lostSessions.push(`${role}'s session ${live ? `now has role ${live.role}` : 'ended'} after:\n${cause}`);
      this.sessions.delete(role as Exclude<Role, 'anonymous'>);
      await this.session(role as Exclude<Role, 'anonymous'>);
    }
  }

  uniqueEmail(org: OrgWorld, what = 'fuzz'): string {
    this.emailCounter += 1;
    return `${org.marker}-${what}-${this.emailCounter}@example.com`;
  }

  /** Invites a user into `org` (as its owner); answers the user id and the invitation token. */
  async invite(org: OrgWorld, role: 'owner' | 'member' = 'member') {
    const ownerRole = org === this.a ? 'owner' : 'otherOwner';
    const created = await this.ctx.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: as(await this.session(ownerRole)),
      payload: { email: this.uniqueEmail(org, role), name: `${org.marker} ${role}`, role },
    });
    if (created.statusCode !== 201) throw new Error(`invite failed: ${created.statusCode} ${created.body}`);
    const body = created.json() as { user: Person; invitation: { token: string } };
    return { user: body.user, token: body.invitation.token };
  }

  /** A new user of the caller's role in the caller's organization, signed in (for logout and password change). */
  async freshSession(role: Exclude<Role, 'anonymous'>): Promise<Session> {
    const org = this.orgOf(role);
    const { user, token } = await this.invite(org, role === 'member' ? 'member' : 'owner');
    const accepted = await this.ctx.app.inject({
      method: 'POST',
      url: `/api/v1/invitations/${token}/accept`,
      payload: { password: PASSWORD },
      remoteAddress: nextIp(),
    });
    if (accepted.statusCode !== 200) throw new Error(`accept failed: ${accepted.statusCode} ${accepted.body}`);
    return signIn(this.ctx.app, user.email, PASSWORD, nextIp());
  }

  /**
   * A sign-in waiting for its second step, and the code that answers it: a new member enrols an
   * authenticator app, then signs in with the password (POST /auth/login answers the challenge).
   */
  async freshSecondStep(org: OrgWorld): Promise<{ challenge: string; code: string }> {
    const { user, token } = await this.invite(org, 'member');
    const accepted = await this.ctx.app.inject({
      method: 'POST',
      url: `/api/v1/invitations/${token}/accept`,
      payload: { password: PASSWORD },
      remoteAddress: nextIp(),
    });
    if (accepted.statusCode !== 200) throw new Error(`accept failed: ${accepted.statusCode} ${accepted.body}`);
    const session = await signIn(this.ctx.app, user.email, PASSWORD, nextIp());
    const started = await this.ctx.app.inject({ method: 'POST', url: '/api/v1/me/mfa/totp', headers: as(session) });
    const totp = new TOTP({ secret: Secret.fromBase32((started.json() as { secret: string }).secret) });
    // This step's code confirms the app; the next step's (accepted a step early) answers the sign-in.
    const now = this.ctx.deps.now();
    await this.ctx.app.inject({
      method: 'POST',
      url: '/api/v1/me/mfa/totp/confirm',
      headers: as(session),
      payload: { code: totp.generate({ timestamp: now }) },
    });
    const login = await this.ctx.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: user.email, password: PASSWORD },
      remoteAddress: nextIp(),
    });
    const { challenge } = login.json() as { challenge?: string };
    if (!challenge) throw new Error(`no second step: ${login.statusCode} ${login.body}`);
    return { challenge, code: totp.generate({ timestamp: now + 30_000 }) };
  }

  async freshInviteToken(org: OrgWorld): Promise<string> {
    return (await this.invite(org)).token;
  }

  /** A new app session of the role's own user (who holds a seat). */
  /** A lease file of a seat just borrowed for a day through a fresh app session of the role's own user. */
  async freshLeaseFile(role: Exclude<Role, 'anonymous'>): Promise<string> {
    // Generated PATCH /seat-rules calls may have turned borrowing off: the fixture allows it again.
    await this.ctx.deps.database.db
      .updateTable('subscriptions')
      .set({ max_borrow_days: 14, min_pool_seats: 0 })
      .where('id', '=', this.orgOf(role).subscriptionId)
      .execute();
    const borrowed = await this.ctx.app.inject({
      method: 'POST',
      url: '/api/v1/app/sessions/current/borrow',
      remoteAddress: nextIp(),
      headers: { authorization: `Bearer ${await this.freshAppToken(role)}` },
      payload: { days: 1 },
    });
    if (borrowed.statusCode !== 201) throw new Error(`borrow failed: ${borrowed.statusCode} ${borrowed.body}`);
    return (borrowed.json() as { leaseFile: string }).leaseFile;
  }

  private appTokensMade = 0;

  async freshAppToken(role: Exclude<Role, 'anonymous'>): Promise<string> {
    // Generated PATCH /seat-rules calls may have lowered the device limit: the fixture allows 40 machines again.
    await this.ctx.deps.database.db
      .updateTable('subscriptions')
      .set({ device_limit: 50 })
      .where('id', '=', this.orgOf(role).subscriptionId)
      .execute();
    const org = this.orgOf(role);
    const person = this.personOf(role)!;
    const started = await this.ctx.app.inject({
      method: 'POST',
      url: '/api/v1/app/sessions',
      remoteAddress: nextIp(),
      payload: {
        email: person.email,
        password: PASSWORD,
        app: { key: org.productKey, version: '1.0.0' },
        device: {
          // 40 machines per role in turn: the 41st fresh token takes the 1st one's device over.
          id: `dev-${role}-${this.appTokensMade++ % 40}`,
          name: `${org.marker} laptop`,
          os: 'Linux',
          osVersion: '6',
        },
      },
    });
    if (started.statusCode !== 201) throw new Error(`app session failed: ${started.statusCode} ${started.body}`);
    return (started.json() as { sessionToken: string }).sessionToken;
  }
}

async function buildOrg(ctx: TestContext, label: 'A' | 'B'): Promise<OrgWorld> {
  const marker = `zq${label.toLowerCase()}${randomBytes(5).toString('hex')}`;
  const db = ctx.deps.database.db;
  const ownerEmail = `${marker}-owner@example.com`;
  const { organization, ownerId } = await createOrganization(db, {
    name: `Org ${marker}`,
    ownerEmail,
    ownerPassword: PASSWORD,
    ownerName: `${marker} Owner`,
  });
  const owner = await signIn(ctx.app, ownerEmail, PASSWORD, nextIp());
  const invite = async (what: string, role: 'owner' | 'member' = 'member') => {
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: as(owner),
      payload: { email: `${marker}-${what}@example.com`, name: `${marker} ${what}`, role },
    });
    if (response.statusCode !== 201) throw new Error(`fixture invite failed: ${response.statusCode} ${response.body}`);
    const body = response.json() as { user: Person; invitation: { token: string } };
    return { user: body.user, token: body.invitation.token };
  };
  const join = async (what: string, role: 'owner' | 'member' = 'member') => {
    const { user, token } = await invite(what, role);
    const accepted = await ctx.app.inject({
      method: 'POST',
      url: `/api/v1/invitations/${token}/accept`,
      payload: { password: PASSWORD },
      remoteAddress: nextIp(),
    });
    if (accepted.statusCode !== 200) throw new Error(`fixture accept failed: ${accepted.statusCode} ${accepted.body}`);
    return user;
  };
  const member = await join('member');
  const loginTarget = await join('login');
  const throwaways: string[] = [];
  for (let index = 0; index < 4; index += 1) throwaways.push((await join(`throwaway${index}`)).id);
  throwaways.push((await join('throwaway-owner', 'owner')).id);
  const pending = await invite('pending');

  const productKey = `fz-${label.toLowerCase()}-${randomBytes(3).toString('hex')}`;
  await addProduct(db, { key: productKey, name: `Fuzz product ${label}` });
  const now = ctx.deps.now();
  const subscription = await addSubscription(db, {
    orgId: organization.id,
    productKey,
    seats: 50,
    startsAt: now - 30 * DAY_MS,
    expiresAt: now + 365 * DAY_MS,
  });
  for (const userId of [ownerId, member.id, loginTarget.id, ...throwaways.slice(0, 3)]) {
    const assigned = await ctx.app.inject({
      method: 'POST',
      url: `/api/v1/subscriptions/${subscription.id}/assignments`,
      headers: as(owner),
      payload: { userId },
    });
    if (assigned.statusCode >= 300) throw new Error(`fixture seat failed: ${assigned.statusCode} ${assigned.body}`);
  }
  // Some history for the activity log and the reports: failed and successful sign-ins, app use.
  for (const email of [ownerEmail, member.email, loginTarget.email]) {
    await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email, password: 'wrong password' },
      remoteAddress: '81.2.69.142',
      headers: { 'user-agent': UA },
    });
    await signIn(ctx.app, email, PASSWORD, '81.2.69.142');
    await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/app/sessions',
      remoteAddress: nextIp(),
      payload: {
        email,
        password: PASSWORD,
        app: { key: productKey, version: `${marker}-1` },
        device: { id: `${marker}-device`, name: `${marker} workstation`, os: 'Windows', osVersion: '11' },
      },
    });
  }
  await ctx.app.inject({
    method: 'POST',
    url: `/api/v1/users/${throwaways[3]}/deactivate`,
    headers: as(owner),
    payload: { reason: 'other', note: `${marker} left` },
  });
  const latestSignIn = await db
    .selectFrom('sign_in_attempts')
    .select('id')
    .where('org_id', '=', organization.id)
    .where('client', '=', 'app')
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();

  const webhook = await ctx.app.inject({
    method: 'POST',
    url: '/api/v1/webhooks',
    headers: as(owner),
    payload: { url: `https://hooks.example.com/${marker}`, description: `${marker} hook` },
  });
  if (webhook.statusCode !== 201) throw new Error(`fixture webhook failed: ${webhook.statusCode} ${webhook.body}`);
  const webhookId = (webhook.json() as { webhook: { id: string } }).webhook.id;
  const test = await ctx.app.inject({ method: 'POST', url: `/api/v1/webhooks/${webhookId}/test`, headers: as(owner) });
  if (test.statusCode !== 202) throw new Error(`fixture webhook test failed: ${test.statusCode} ${test.body}`);
  const deliveryId = (test.json() as { id: string }).id;
  const confirmationToken = await fixtureConfirmationToken(ctx, organization.id, throwaways[2]!, latestSignIn.id);
  const alert = await db.transaction().execute((trx) =>
    openUserReportedAlert(trx, {
      orgId: organization.id,
      userId: throwaways[2]!,
      signInId: latestSignIn.id,
      now: ctx.deps.now(),
    }),
  );

  return {
    label,
    marker,
    orgId: organization.id,
    owner: { id: ownerId, email: ownerEmail },
    member,
    loginTarget,
    throwaways,
    pendingToken: pending.token,
    subscriptionId: subscription.id,
    productKey,
    signInId: String(latestSignIn.id),
    webhookId,
    deliveryId,
    confirmationToken,
    alertId: alert.id,
    secrets: [
      alert.id,
      webhookId,
      deliveryId,
      confirmationToken,
      marker,
      organization.id,
      ownerId,
      member.id,
      loginTarget.id,
      pending.user.id,
      pending.token,
      subscription.id,
      ...throwaways,
    ],
  };
}

/** A "this wasn't me" token for `userId`, as the sign-in's transaction would queue it (the mail is never sent here). */
async function fixtureConfirmationToken(ctx: TestContext, orgId: string, userId: string, signInId: number) {
  const db = ctx.deps.database.db;
  const {
    id: _id,
    ip_key: _key,
    ...row
  } = await db.selectFrom('sign_in_attempts').selectAll().where('id', '=', signInId).executeTakeFirstOrThrow();
  await db.transaction().execute((trx) =>
    queueSignInConfirmation(trx, {
      orgId,
      userId,
      email: row.email,
      name: 'fixture',
      signIn: { id: signInId, row: { ...row, outcome: 'success' } },
      evidence: [
        {
          flag: 'new_device',
          explanation: 'fixture',
          earlier: null,
          distanceKm: null,
          elapsedHours: null,
          speedKmh: null,
          failures: null,
          network: null,
        },
      ],
      settings: {
        ...DEFAULT_SECURITY_SETTINGS,
        notifications: { ...DEFAULT_SECURITY_SETTINGS.notifications, askUsers: true },
      },
      publicUrl: new URL('http://fuzz.invalid/'),
      emailConfigured: true,
      now: ctx.deps.now(),
    }),
  );
  const mail = await db
    .selectFrom('email_outbox')
    .select('text_body')
    .where('org_id', '=', orgId)
    .where('kind', '=', 'sign_in_confirmation')
    .executeTakeFirstOrThrow();
  const token = /\/not-me\/([A-Za-z0-9_-]+)/.exec(mail.text_body)?.[1];
  if (!token) throw new Error('fixture: no "this wasn\'t me" link in the mail');
  return token;
}
