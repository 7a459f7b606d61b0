import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import type { AuditAction } from '../../src/contract/audit-log.ts';
import {
  addSubscription,
  changeRoleByEmail,
  changeSeats,
  issuePasswordLink,
  renewSubscription,
} from '../../src/server/features/operator/index.ts';
import { DAY_MS } from '../../src/server/lib/time.ts';
import { expectNoAuditRow, expectOneAuditRow, lastAuditId } from '../helpers/audit.ts';
import { createMember, createSubscription } from '../helpers/licenses.ts';
import { as, type Session, signIn } from '../helpers/session.ts';
import { createOrgWithOwner, describeEachDatabase, type TestContext, uniqueEmail } from '../helpers/test-app.ts';

/** Where the owner acts from: the audit row must name this address and this browser. */
const OWNER_IP = '198.51.100.23';
const FIREFOX = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:120.0) Gecko/20100101 Firefox/120.0';

interface Fixture {
  orgId: string;
  ownerId: string;
  ownerEmail: string;
  owner: Session;
  member: { id: string; email: string };
  subscriptionId: string;
  productKey: string;
}

async function fixture(context: TestContext): Promise<Fixture> {
  const org = await createOrgWithOwner(context);
  const owner = await signIn(context.app, org.email, org.password);
  const member = await createMember(context, owner);
  const { subscriptionId, productKey } = await createSubscription(context, org.orgId, { seats: 2 });
  return { orgId: org.orgId, ownerId: org.ownerId, ownerEmail: org.email, owner, member, subscriptionId, productKey };
}

/** A request from the owner's browser at OWNER_IP. */
function call(context: TestContext, f: Fixture, method: string, url: string, payload?: unknown) {
  return context.app.inject({
    method: method as 'GET',
    url,
    remoteAddress: OWNER_IP,
    headers: { ...as(f.owner), 'user-agent': FIREFOX },
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
}

async function insertAlert(context: TestContext, f: Fixture): Promise<string> {
  const id = randomUUID();
  const now = context.deps.now();
  await context.deps.database.db
    .insertInto('alerts')
    .values({
      id,
      org_id: f.orgId,
      type: 'brute_force',
      severity: 'high',
      status: 'open',
      user_id: f.member.id,
      ip: null,
      subject_key: f.member.id,
      dedupe_key: `brute_force:${f.member.id}:${now}`,
      summary: 'Many failed sign-ins',
      details: '{}',
      event_count: 5,
      first_seen_at: now,
      last_seen_at: now,
      created_at: now,
      updated_at: now,
      acknowledged_at: null,
      acknowledged_by: null,
      resolved_at: null,
      resolved_by: null,
      note: null,
    })
    .execute();
  return id;
}

interface Case {
  name: string;
  action: AuditAction;
  /** Prepares what the action needs; answers what `act` and the expectation use. */
  setup?: (context: TestContext, f: Fixture) => Promise<Record<string, string>>;
  act: (context: TestContext, f: Fixture, s: Record<string, string>) => Promise<{ statusCode: number; body: string }>;
  target: (f: Fixture, s: Record<string, string>) => { type: string; id: string | null };
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

const webhookUrl = 'https://93.184.216.34/hook';
async function addWebhook(context: TestContext, f: Fixture) {
  const created = await call(context, f, 'POST', '/api/v1/webhooks', { url: webhookUrl, description: 'SIEM' });
  expect(created.statusCode).toBe(201);
  return { webhookId: (created.json() as { webhook: { id: string } }).webhook.id };
}

/** Every owner action of the console, through the API: each must leave exactly one row. */
const CASES: Case[] = [
  {
    name: 'add a user',
    action: 'user.created',
    act: (c, f) =>
      call(c, f, 'POST', '/api/v1/users', { email: 'new.person@example.com', name: 'New', role: 'member' }),
    target: () => ({ type: 'user', id: null }),
    before: null,
    after: { email: 'new.person@example.com', name: 'New', role: 'member' },
  },
  {
    name: 'add a user with a seat',
    action: 'user.created',
    act: (c, f) =>
      call(c, f, 'POST', '/api/v1/users', {
        email: uniqueEmail('seated'),
        name: 'Seated',
        subscriptionId: f.subscriptionId,
      }),
    target: () => ({ type: 'user', id: null }),
  },
  {
    name: 'change a role',
    action: 'user.changed',
    act: (c, f) => call(c, f, 'PATCH', `/api/v1/users/${f.member.id}`, { role: 'owner' }),
    target: (f) => ({ type: 'user', id: f.member.id }),
    before: { role: 'member' },
    after: { role: 'owner' },
  },
  {
    name: 'rename',
    action: 'user.changed',
    act: (c, f) => call(c, f, 'PATCH', `/api/v1/users/${f.member.id}`, { name: 'Renamed' }),
    target: (f) => ({ type: 'user', id: f.member.id }),
    before: { name: 'Member' },
    after: { name: 'Renamed' },
  },
  {
    name: 'deactivate with a reason and a note, freeing the seats',
    action: 'user.deactivated',
    setup: async (c, f) => {
      await call(c, f, 'POST', `/api/v1/subscriptions/${f.subscriptionId}/assignments`, { userId: f.member.id });
      return {};
    },
    act: (c, f) =>
      call(c, f, 'POST', `/api/v1/users/${f.member.id}/deactivate`, {
        reason: 'other',
        note: 'contract ended',
        releaseSeats: true,
      }),
    target: (f) => ({ type: 'user', id: f.member.id }),
    before: { status: 'active' },
  },
  {
    name: 'reactivate',
    action: 'user.reactivated',
    setup: async (c, f) => {
      await call(c, f, 'POST', `/api/v1/users/${f.member.id}/deactivate`, { reason: 'left_organization' });
      return {};
    },
    act: (c, f) => call(c, f, 'POST', `/api/v1/users/${f.member.id}/reactivate`, {}),
    target: (f) => ({ type: 'user', id: f.member.id }),
    before: { status: 'deactivated', reason: 'left_organization' },
    after: { status: 'active', reason: null },
  },
  {
    name: 'send an invitation again',
    action: 'user.invitation_reissued',
    setup: async (c, f) => {
      const added = await call(c, f, 'POST', '/api/v1/users', { email: uniqueEmail('invitee'), name: 'Invitee' });
      return { userId: (added.json() as { user: { id: string } }).user.id };
    },
    act: (c, f, s) => call(c, f, 'POST', `/api/v1/users/${s.userId}/invitation`),
    target: (_f, s) => ({ type: 'user', id: s.userId ?? null }),
  },
  {
    name: 'reset a user’s two-step verification',
    action: 'user.second_factors_reset',
    act: (c, f) => call(c, f, 'DELETE', `/api/v1/users/${f.member.id}/mfa`),
    target: (f) => ({ type: 'user', id: f.member.id }),
  },
  {
    name: 'assign a seat',
    action: 'seat.assigned',
    act: (c, f) => call(c, f, 'POST', `/api/v1/subscriptions/${f.subscriptionId}/assignments`, { userId: f.member.id }),
    target: (f) => ({ type: 'user', id: f.member.id }),
    before: null,
  },
  {
    name: 'unassign a seat',
    action: 'seat.unassigned',
    setup: async (c, f) => {
      await call(c, f, 'POST', `/api/v1/subscriptions/${f.subscriptionId}/assignments`, { userId: f.member.id });
      return {};
    },
    act: (c, f) => call(c, f, 'DELETE', `/api/v1/subscriptions/${f.subscriptionId}/assignments/${f.member.id}`),
    target: (f) => ({ type: 'user', id: f.member.id }),
    after: null,
  },
  {
    name: 'reassign a seat',
    action: 'seat.reassigned',
    setup: async (c, f) => {
      await call(c, f, 'POST', `/api/v1/subscriptions/${f.subscriptionId}/assignments`, { userId: f.member.id });
      return {};
    },
    act: (c, f) =>
      call(c, f, 'POST', `/api/v1/subscriptions/${f.subscriptionId}/assignments/${f.member.id}/reassign`, {
        toUserId: f.ownerId,
      }),
    target: (f) => ({ type: 'subscription', id: f.subscriptionId }),
  },
  {
    name: 'bulk assign (one user)',
    action: 'seat.assigned',
    act: (c, f) =>
      call(c, f, 'POST', '/api/v1/users/bulk/assign-seat', {
        userIds: [f.member.id],
        subscriptionId: f.subscriptionId,
      }),
    target: (f) => ({ type: 'user', id: f.member.id }),
  },
  {
    name: 'bulk unassign (one user)',
    action: 'seat.unassigned',
    setup: async (c, f) => {
      await call(c, f, 'POST', `/api/v1/subscriptions/${f.subscriptionId}/assignments`, { userId: f.member.id });
      return {};
    },
    act: (c, f) =>
      call(c, f, 'POST', '/api/v1/users/bulk/unassign-seat', {
        userIds: [f.member.id],
        subscriptionId: f.subscriptionId,
      }),
    target: (f) => ({ type: 'user', id: f.member.id }),
  },
  {
    name: 'bulk deactivate (one user)',
    action: 'user.deactivated',
    act: (c, f) =>
      call(c, f, 'POST', '/api/v1/users/bulk/deactivate', { userIds: [f.member.id], reason: 'left_organization' }),
    target: (f) => ({ type: 'user', id: f.member.id }),
  },
  {
    name: 'import users from CSV',
    action: 'user.imported',
    act: (c, f) =>
      call(c, f, 'POST', '/api/v1/users/import', {
        csv: `email,name,role\n${uniqueEmail('imported')},Imported,member\n`,
        dryRun: false,
      }),
    target: () => ({ type: 'import', id: null }),
  },
  {
    name: 'cancel a subscription',
    action: 'subscription.cancelled',
    act: (c, f) => call(c, f, 'POST', `/api/v1/subscriptions/${f.subscriptionId}/cancel`),
    target: (f) => ({ type: 'subscription', id: f.subscriptionId }),
    before: { autoRenew: true },
    after: { autoRenew: false },
  },
  {
    name: 'resume a subscription',
    action: 'subscription.resumed',
    setup: async (c, f) => {
      await call(c, f, 'POST', `/api/v1/subscriptions/${f.subscriptionId}/cancel`);
      return {};
    },
    act: (c, f) => call(c, f, 'POST', `/api/v1/subscriptions/${f.subscriptionId}/resume`),
    target: (f) => ({ type: 'subscription', id: f.subscriptionId }),
    before: { autoRenew: false },
    after: { autoRenew: true },
  },
  {
    name: 'change the organization’s settings',
    action: 'settings.changed',
    act: (c, f) => call(c, f, 'PATCH', '/api/v1/organization', { inactivityDays: 45 }),
    target: (f) => ({ type: 'organization', id: f.orgId }),
    before: { inactivityDays: 30 },
    after: { inactivityDays: 45 },
  },
  {
    name: 'change the security rules',
    action: 'security_settings.changed',
    act: (c, f) =>
      call(c, f, 'PATCH', '/api/v1/organization/security', {
        trustedNetworks: [{ cidr: '203.0.113.0/24', label: 'Office' }],
      }),
    target: (f) => ({ type: 'organization', id: f.orgId }),
    before: { trustedNetworks: [] },
    after: { trustedNetworks: [{ cidr: '203.0.113.0/24', label: 'Office' }] },
  },
  {
    name: 'set up single sign-on (the secret never recorded)',
    action: 'sso.changed',
    act: (c, f) =>
      call(c, f, 'PUT', '/api/v1/organization/sso', {
        issuer: 'https://login.example.com',
        clientId: 'seatkeeper',
        clientSecret: 'top-secret-value',
        domains: [`${f.orgId.slice(0, 8)}.example.org`],
        justInTime: false,
        ssoOnly: false,
        enabled: false,
      }),
    target: (f) => ({ type: 'sso', id: f.orgId }),
    before: null,
  },
  {
    name: 'add a webhook',
    action: 'webhook.created',
    act: (c, f) => call(c, f, 'POST', '/api/v1/webhooks', { url: webhookUrl, description: 'SIEM' }),
    target: () => ({ type: 'webhook', id: null }),
    after: { url: webhookUrl, description: 'SIEM', enabled: true },
  },
  {
    name: 'change a webhook',
    action: 'webhook.changed',
    setup: addWebhook,
    act: (c, f, s) => call(c, f, 'PATCH', `/api/v1/webhooks/${s.webhookId}`, { enabled: false }),
    target: (_f, s) => ({ type: 'webhook', id: s.webhookId ?? null }),
    before: { enabled: true },
    after: { enabled: false },
  },
  {
    name: 'rotate a webhook’s secret',
    action: 'webhook.changed',
    setup: addWebhook,
    act: (c, f, s) => call(c, f, 'POST', `/api/v1/webhooks/${s.webhookId}/rotate-secret`),
    target: (_f, s) => ({ type: 'webhook', id: s.webhookId ?? null }),
    after: { secret: 'rotated' },
  },
  {
    name: 'delete a webhook',
    action: 'webhook.deleted',
    setup: addWebhook,
    act: (c, f, s) => call(c, f, 'DELETE', `/api/v1/webhooks/${s.webhookId}`),
    target: (_f, s) => ({ type: 'webhook', id: s.webhookId ?? null }),
    after: null,
  },
  {
    name: 'acknowledge an alert with a note',
    action: 'alert.status_changed',
    setup: async (c, f) => ({ alertId: await insertAlert(c, f) }),
    act: (c, f, s) => call(c, f, 'PATCH', `/api/v1/alerts/${s.alertId}`, { status: 'acknowledged', note: 'on it' }),
    target: (_f, s) => ({ type: 'alert', id: s.alertId ?? null }),
    before: { status: 'open' },
    after: { status: 'acknowledged', note: 'on it' },
  },
  {
    name: 'download the sign-ins as CSV',
    action: 'export.downloaded',
    act: (c, f) => call(c, f, 'GET', `/api/v1/sign-ins?format=csv&user=${f.member.id}`),
    target: () => ({ type: 'export', id: 'sign-ins' }),
  },
  {
    name: 'download a user’s activity as CSV',
    action: 'export.downloaded',
    act: (c, f) => call(c, f, 'GET', `/api/v1/users/${f.member.id}/activity?format=csv&outcome=failure`),
    target: () => ({ type: 'export', id: 'user-activity' }),
  },
  {
    name: 'download a report as CSV',
    action: 'export.downloaded',
    act: (c, f) => call(c, f, 'GET', '/api/v1/reports/logins?format=csv&from=2025-01-01&to=2025-02-01'),
    target: () => ({ type: 'export', id: 'report:logins' }),
    after: { from: '2025-01-01', to: '2025-02-01' },
  },
  {
    name: 'download selected users as CSV',
    action: 'export.downloaded',
    act: (c, f) => call(c, f, 'POST', '/api/v1/users/bulk/export?format=csv', { userIds: [f.member.id] }),
    target: () => ({ type: 'export', id: 'users' }),
  },
  {
    name: 'download the audit log as CSV',
    action: 'export.downloaded',
    act: (c, f) => call(c, f, 'GET', '/api/v1/audit-log?format=csv&action=user.changed'),
    target: () => ({ type: 'export', id: 'audit-log' }),
    after: { action: 'user.changed' },
  },
];

describeEachDatabase('audit log', (ctx) => {
  for (const item of CASES) {
    it(`${item.name}: exactly one row, with actor, target and change`, async () => {
      const f = await fixture(ctx());
      const s = (await item.setup?.(ctx(), f)) ?? {};
      const { row, result } = await expectOneAuditRow(ctx(), f.orgId, item.action, () => item.act(ctx(), f, s));
      expect(result.statusCode, result.body).toBeLessThan(300);
      expect(row).toMatchObject({
        actor_type: 'user',
        actor_id: f.ownerId,
        actor_label: f.ownerEmail,
        api_token_id: null,
        ip: OWNER_IP,
        user_agent: FIREFOX,
        target_type: item.target(f, s).type,
      });
      const target = item.target(f, s);
      if (target.id !== null) expect(row.target_id).toBe(target.id);
      const before = row.before === null ? null : JSON.parse(row.before);
      const after = row.after === null ? null : JSON.parse(row.after);
      if (item.before === null) expect(before).toBeNull();
      else if (item.before) expect(before).toMatchObject(item.before);
      if (item.after === null) expect(after).toBeNull();
      else if (item.after) expect(after).toMatchObject(item.after);
      // Never a secret, whatever the action.
      expect(`${row.before}${row.after}`).not.toMatch(/top-secret-value|password|whsec_/i);
    });
  }

  it('a deactivation names the reason, the note and the seats it freed', async () => {
    const f = await fixture(ctx());
    await call(ctx(), f, 'POST', `/api/v1/subscriptions/${f.subscriptionId}/assignments`, { userId: f.member.id });
    const { row } = await expectOneAuditRow(ctx(), f.orgId, 'user.deactivated', () =>
      call(ctx(), f, 'POST', `/api/v1/users/${f.member.id}/deactivate`, {
        reason: 'other',
        note: 'contract ended',
        releaseSeats: true,
      }),
    );
    expect(JSON.parse(row.after ?? '{}')).toEqual({
      status: 'deactivated',
      reason: 'other',
      note: 'contract ended',
      seatsReleased: [f.subscriptionId],
    });
  });

  it('SSO: a new client secret is recorded as changed, never its value', async () => {
    const f = await fixture(ctx());
    const settings = {
      issuer: 'https://login.example.com',
      clientId: 'seatkeeper',
      clientSecret: 'top-secret-value',
      domains: [`${f.orgId.slice(0, 8)}.example.net`],
      justInTime: false,
      ssoOnly: false,
      enabled: false,
    };
    expect((await call(ctx(), f, 'PUT', '/api/v1/organization/sso', settings)).statusCode).toBe(200);
    const { row } = await expectOneAuditRow(ctx(), f.orgId, 'sso.changed', () =>
      call(ctx(), f, 'PUT', '/api/v1/organization/sso', { ...settings, clientSecret: 'another-secret-value' }),
    );
    expect(JSON.parse(row.after ?? '{}')).toEqual({ clientSecret: 'changed' });
    expect(`${row.before}${row.after}`).not.toContain('secret-value');
  });

  it('a change that fails leaves no row', async () => {
    const f = await fixture(ctx());
    // The last owner cannot demote themself.
    const demoted = await expectNoAuditRow(ctx(), f.orgId, () =>
      call(ctx(), f, 'PATCH', `/api/v1/users/${f.ownerId}`, { role: 'member' }),
    );
    expect(demoted.statusCode).toBe(409);
    // No free seat: both seats taken first.
    const other = await createMember(ctx(), f.owner, 'Other');
    const third = await createMember(ctx(), f.owner, 'Third');
    for (const userId of [f.member.id, other.id]) {
      await call(ctx(), f, 'POST', `/api/v1/subscriptions/${f.subscriptionId}/assignments`, { userId });
    }
    const full = await expectNoAuditRow(ctx(), f.orgId, () =>
      call(ctx(), f, 'POST', `/api/v1/subscriptions/${f.subscriptionId}/assignments`, { userId: third.id }),
    );
    expect(full.statusCode).toBe(409);
    // Bulk: all or nothing, so no row either.
    const bulk = await expectNoAuditRow(ctx(), f.orgId, () =>
      call(ctx(), f, 'POST', '/api/v1/users/bulk/assign-seat', {
        userIds: [third.id],
        subscriptionId: f.subscriptionId,
      }),
    );
    expect(bulk.statusCode).toBe(409);
    // Invalid body.
    const invalid = await expectNoAuditRow(ctx(), f.orgId, () =>
      call(ctx(), f, 'POST', `/api/v1/users/${f.member.id}/deactivate`, { reason: 'because' }),
    );
    expect(invalid.statusCode).toBe(400);
    const noNote = await expectNoAuditRow(ctx(), f.orgId, () =>
      call(ctx(), f, 'POST', `/api/v1/users/${f.member.id}/deactivate`, { reason: 'other' }),
    );
    expect(noNote.statusCode).toBe(400);
    // Another organization's user and subscription.
    const theirs = await fixture(ctx());
    const foreign = await expectNoAuditRow(ctx(), f.orgId, () =>
      call(ctx(), f, 'PATCH', `/api/v1/users/${theirs.member.id}`, { name: 'Hijacked' }),
    );
    expect(foreign.statusCode).toBe(404);
    const foreignSeat = await expectNoAuditRow(ctx(), theirs.orgId, () =>
      call(ctx(), f, 'POST', `/api/v1/subscriptions/${theirs.subscriptionId}/assignments`, { userId: f.member.id }),
    );
    expect(foreignSeat.statusCode).toBe(404);
    // A CSV refused for a bad time zone was never downloaded.
    const badZone = await expectNoAuditRow(ctx(), f.orgId, () =>
      call(ctx(), f, 'GET', '/api/v1/sign-ins?format=csv&tz=Mars/Olympus'),
    );
    expect(badZone.statusCode).toBe(400);
  });

  it('lists newest first with filters and a cursor; members get 403; other organizations see nothing', async () => {
    const f = await fixture(ctx());
    for (const name of ['One', 'Two', 'Three']) {
      await call(ctx(), f, 'PATCH', `/api/v1/users/${f.member.id}`, { name });
    }
    await call(ctx(), f, 'POST', `/api/v1/subscriptions/${f.subscriptionId}/assignments`, { userId: f.member.id });
    const list = async (query: string, session = f.owner) =>
      ctx().app.inject({ url: `/api/v1/audit-log?${query}`, headers: as(session) });

    const all = (await list('limit=200')).json() as { items: { action: string; id: string }[] };
    expect(all.items[0]?.action).toBe('seat.assigned');
    const changed = (await list(`action=user.changed&target=${f.member.id}`)).json() as {
      items: { after: { name: string }; actor: { id: string; label: string }; device: string | null }[];
    };
    expect(changed.items.map((item) => item.after.name)).toEqual(['Three', 'Two', 'One']);
    expect(changed.items[0]?.actor).toMatchObject({ id: f.ownerId, label: f.ownerEmail, apiToken: null });
    expect(changed.items[0]?.device).toContain('Firefox');

    // Page by page: the same rows as one page, none twice.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = (await list(`limit=2${cursor ? `&cursor=${cursor}` : ''}`)).json() as {
        items: { id: string }[];
        nextCursor: string | null;
      };
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.items.map((item) => item.id));

    expect((await list(`actor=${f.member.id}`)).json()).toEqual({ items: [], nextCursor: null });
    const future = new Date(ctx().deps.now() + DAY_MS).toISOString();
    expect((await list(`from=${encodeURIComponent(future)}`)).json()).toEqual({ items: [], nextCursor: null });
    expect((await list(`to=${encodeURIComponent(future)}&limit=200`)).json()).toMatchObject({
      items: expect.arrayContaining([expect.objectContaining({ action: 'seat.assigned' })]),
    });
    expect((await list('cursor=garbage')).statusCode).toBe(400);
    expect((await list('action=nope')).statusCode).toBe(400);
    expect((await list('from=not-a-date')).statusCode).toBe(400);

    const member = await signIn(ctx().app, f.member.email, 'a fine long passphrase');
    expect((await list('', member)).statusCode).toBe(403);
    const other = await fixture(ctx());
    const theirs = (await list('limit=200', other.owner)).json() as { items: { target: { id: string } }[] };
    expect(theirs.items.some((item) => item.target.id === f.member.id)).toBe(false);
    expect((await list(`target=${f.member.id}`, other.owner)).json()).toEqual({ items: [], nextCursor: null });
  });

  it('CSV: the documented columns, one row per entry, formula-safe', async () => {
    const f = await fixture(ctx());
    await call(ctx(), f, 'PATCH', `/api/v1/users/${f.member.id}`, { name: '=HYPERLINK("http://evil")' });
    const response = await call(ctx(), f, 'GET', '/api/v1/audit-log?format=csv&tz=Europe/Berlin');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    expect(response.headers['content-disposition']).toMatch(/attachment; filename="audit-log-\d{4}-\d{2}-\d{2}\.csv"/);
    const lines = response.body
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe(
      'time_utc,time_local (Europe/Berlin),id,actor_type,actor_id,actor,api_token_id,api_token_name,action,' +
        'action_label,target_type,target_id,target,before,after,ip,device,user_agent',
    );
    const changed = lines.find((line) => line.includes(',user.changed,'));
    expect(changed).toContain(f.ownerEmail);
    expect(changed).toContain(OWNER_IP);
    // The JSON cell starts with {, and the name inside it stays text.
    expect(changed).toContain('HYPERLINK');
    expect(lines.some((line) => /,=HYPERLINK/.test(line))).toBe(false);
    // The organization's creation (by the operator) is in it too.
    expect(lines.some((line) => line.includes(',organization.created,'))).toBe(true);
  });

  it('the operator’s CLI actions are recorded with the operator as actor', async () => {
    const f = await fixture(ctx());
    const db = ctx().deps.database.db;
    const operatorRow = async <T>(action: AuditAction, act: () => Promise<T>) => {
      const { row } = await expectOneAuditRow(ctx(), f.orgId, action, act);
      expect(row).toMatchObject({ actor_type: 'operator', actor_id: null, actor_label: 'operator (CLI)', ip: null });
      return row;
    };
    const now = ctx().deps.now();
    const added = await operatorRow('subscription.created', () =>
      addSubscription(db, {
        orgId: f.orgId,
        productKey: f.productKey,
        seats: 3,
        startsAt: now,
        expiresAt: now + 30 * DAY_MS,
      }),
    );
    expect(JSON.parse(added.after ?? '{}')).toMatchObject({ seats: 3, product: f.productKey });
    const renewed = await operatorRow('subscription.changed', () =>
      renewSubscription(db, { id: f.subscriptionId, expiresAt: now + 800 * DAY_MS }),
    );
    expect(Object.keys(JSON.parse(renewed.after ?? '{}'))).toEqual(['expiresAt']);
    const seats = await operatorRow('subscription.changed', () =>
      changeSeats(db, { id: f.subscriptionId, seats: 5, release: [] }),
    );
    expect(JSON.parse(seats.before ?? '{}')).toEqual({ seats: 2 });
    expect(JSON.parse(seats.after ?? '{}')).toEqual({ seats: 5 });
    const role = await operatorRow('user.changed', () => changeRoleByEmail(db, f.member.email, 'owner', now));
    expect(JSON.parse(role.after ?? '{}')).toEqual({ role: 'owner' });
    const link = await operatorRow('owner.recovered', () =>
      issuePasswordLink(db, ctx().deps.config.publicUrl, f.ownerEmail, now),
    );
    expect(link.after).not.toContain('token');
    // A refused operator change leaves nothing.
    const before = await lastAuditId(ctx());
    await expect(changeSeats(db, { id: f.subscriptionId, seats: 0, release: [] })).resolves.toBeTruthy();
    expect(await lastAuditId(ctx())).toBeGreaterThan(before);
    const refused = await lastAuditId(ctx());
    await expect(renewSubscription(db, { id: f.subscriptionId, expiresAt: now - DAY_MS })).rejects.toThrow();
    expect(await lastAuditId(ctx())).toBe(refused);
  });

  it('the organization’s creation is its first row', async () => {
    const org = await createOrgWithOwner(ctx());
    const rows = await ctx()
      .deps.database.db.selectFrom('audit_log')
      .selectAll()
      .where('org_id', '=', org.orgId)
      .execute();
    expect(rows.map((row) => [row.action, row.actor_type, row.target_id])).toEqual([
      ['organization.created', 'operator', org.orgId],
    ]);
  });

  it('no route changes or deletes an audit row (append-only through the application)', async () => {
    const document = (await ctx().app.inject({ url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    const auditPaths = Object.entries(document.paths).filter(([path]) => path.includes('audit'));
    expect(auditPaths.map(([path]) => path)).toEqual(['/api/v1/audit-log']);
    for (const [, operations] of auditPaths) expect(Object.keys(operations)).toEqual(['get']);
  });
});
