import { expect, it } from 'vitest';
import { as, type Session, signIn } from '../helpers/session.ts';
import { createOrgWithOwner, describeEachDatabase, type TestContext, uniqueEmail } from '../helpers/test-app.ts';

async function addUser(context: TestContext, owner: Session, role: 'owner' | 'member' = 'member') {
  const email = uniqueEmail(role);
  const response = await context.app.inject({
    method: 'POST',
    url: '/api/v1/users',
    headers: as(owner),
    payload: { email, name: `New ${role}`, role },
  });
  expect(response.statusCode).toBe(201);
  const body = response.json();
  return { email, user: body.user, invitation: body.invitation };
}

async function acceptInvitation(context: TestContext, token: string, password = 'a fine long passphrase') {
  return context.app.inject({ method: 'POST', url: `/api/v1/invitations/${token}/accept`, payload: { password } });
}

describeEachDatabase('users and invitations', (ctx) => {
  it('adds a user with a one-time invitation that sets the password and signs them in', async () => {
    const org = await createOrgWithOwner(ctx());
    const owner = await signIn(ctx().app, org.email, org.password);
    const { email, user, invitation } = await addUser(ctx(), owner);
    expect(user).toMatchObject({ email, role: 'member', status: 'active', invitationPending: true, lastLoginAt: null });
    expect(invitation.url).toBe(`http://localhost:3000/invite/${invitation.token}`);
    expect(Date.parse(invitation.expiresAt)).toBeGreaterThan(Date.now());

    const preview = await ctx().app.inject({ url: `/api/v1/invitations/${invitation.token}` });
    expect(preview.json()).toMatchObject({ email, organizationName: 'Acme' });

    const weak = await acceptInvitation(ctx(), invitation.token, 'password123');
    expect(weak.statusCode).toBe(400);
    expect(weak.json()).toMatchObject({ code: 'weak-password', detail: expect.stringContaining('common') });

    const accepted = await acceptInvitation(ctx(), invitation.token);
    expect(accepted.statusCode).toBe(200);
    expect(accepted.cookies.some((cookie) => cookie.name === 'sk_session')).toBe(true);
    expect((await acceptInvitation(ctx(), invitation.token)).statusCode).toBe(404);
    await signIn(ctx().app, email, 'a fine long passphrase');
    const fetched = await ctx().app.inject({ url: `/api/v1/users/${user.id}`, headers: as(owner) });
    expect(fetched.json()).toMatchObject({ invitationPending: false, lastLoginAt: expect.any(String) });
  });

  it('refuses an email that exists, whatever its case (409)', async () => {
    const org = await createOrgWithOwner(ctx());
    const owner = await signIn(ctx().app, org.email, org.password);
    const { email } = await addUser(ctx(), owner);
    const again = await ctx().app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: as(owner),
      payload: { email: `  ${email.toUpperCase()} `.trim(), name: 'Twin' },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'email-taken', type: '/problems/email-taken' });
  });

  it('lists, searches, filters and pages users with a cursor', async () => {
    const org = await createOrgWithOwner(ctx(), 'Listers');
    const owner = await signIn(ctx().app, org.email, org.password);
    for (let index = 0; index < 5; index++) await addUser(ctx(), owner);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `/api/v1/users?limit=2&sort=name&order=asc${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await ctx().app.inject({ url: query, headers: as(owner) });
      expect(page.statusCode).toBe(200);
      const body = page.json();
      expect(body.items.length).toBeLessThanOrEqual(2);
      seen.push(...body.items.map((item: { id: string }) => item.id));
      cursor = body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(6);
    expect(new Set(seen).size).toBe(6);

    const invited = await ctx().app.inject({ url: '/api/v1/users?status=invited', headers: as(owner) });
    expect(invited.json().items).toHaveLength(5);
    const owners = await ctx().app.inject({ url: '/api/v1/users?role=owner', headers: as(owner) });
    expect(owners.json().items.map((item: { email: string }) => item.email)).toEqual([org.email]);
    const search = await ctx().app.inject({
      url: `/api/v1/users?query=${org.email.slice(0, 12).toUpperCase()}`,
      headers: as(owner),
    });
    expect(search.json().items.map((item: { email: string }) => item.email)).toEqual([org.email]);
  });

  it('keeps the last active owner: no demotion, no deactivation (409)', async () => {
    const org = await createOrgWithOwner(ctx());
    const owner = await signIn(ctx().app, org.email, org.password);
    const demote = await ctx().app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${org.ownerId}`,
      headers: as(owner),
      payload: { role: 'member' },
    });
    expect(demote.statusCode).toBe(409);
    expect(demote.json().code).toBe('last-owner');
    const deactivate = await ctx().app.inject({
      method: 'POST',
      url: `/api/v1/users/${org.ownerId}/deactivate`,
      headers: as(owner),
      payload: { reason: 'left_organization' },
    });
    expect(deactivate.statusCode).toBe(409);
    const me = await ctx().app.inject({ url: '/api/v1/me', headers: as(owner) });
    expect(me.json().user.role).toBe('owner');
  });

  it('never leaves zero owners when two owners demote each other at once', async () => {
    const org = await createOrgWithOwner(ctx());
    const first = await signIn(ctx().app, org.email, org.password);
    const { email, user, invitation } = await addUser(ctx(), first, 'owner');
    await acceptInvitation(ctx(), invitation.token);
    const second = await signIn(ctx().app, email, 'a fine long passphrase');
    const [a, b] = await Promise.all([
      ctx().app.inject({
        method: 'PATCH',
        url: `/api/v1/users/${user.id}`,
        headers: as(first),
        payload: { role: 'member' },
      }),
      ctx().app.inject({
        method: 'PATCH',
        url: `/api/v1/users/${org.ownerId}`,
        headers: as(second),
        payload: { role: 'member' },
      }),
    ]);
    // Whichever commits first wins; the other is refused as last owner (409) or, already demoted, as a member (403).
    const statuses = [a.statusCode, b.statusCode].sort();
    expect(statuses[0]).toBe(200);
    expect([403, 409]).toContain(statuses[1]);
    const winner = a.statusCode === 200 ? first : second;
    const owners = await ctx().app.inject({ url: '/api/v1/users?role=owner&status=active', headers: as(winner) });
    expect(owners.json().items).toHaveLength(1);
  });

  it('deactivation needs a known reason (and a note for other), ends sessions, and blocks sign-in', async () => {
    const org = await createOrgWithOwner(ctx());
    const owner = await signIn(ctx().app, org.email, org.password);
    const { email, user, invitation } = await addUser(ctx(), owner);
    await acceptInvitation(ctx(), invitation.token);
    const member = await signIn(ctx().app, email, 'a fine long passphrase');

    const unknownReason = await ctx().app.inject({
      method: 'POST',
      url: `/api/v1/users/${user.id}/deactivate`,
      headers: as(owner),
      payload: { reason: 'bored' },
    });
    expect(unknownReason.statusCode).toBe(400);
    expect(unknownReason.json().detail).toContain('no_longer_requires_access');
    const otherWithoutNote = await ctx().app.inject({
      method: 'POST',
      url: `/api/v1/users/${user.id}/deactivate`,
      headers: as(owner),
      payload: { reason: 'other', note: '   ' },
    });
    expect(otherWithoutNote.json()).toMatchObject({ status: 400, code: 'note-required' });
    expect((await ctx().app.inject({ url: '/api/v1/me', headers: as(member) })).statusCode).toBe(200);

    const deactivated = await ctx().app.inject({
      method: 'POST',
      url: `/api/v1/users/${user.id}/deactivate`,
      headers: as(owner),
      payload: { reason: 'other', note: 'Contract ended' },
    });
    expect(deactivated.json()).toMatchObject({
      status: 'deactivated',
      deactivationReason: 'other',
      deactivationNote: 'Contract ended',
      deactivatedAt: expect.any(String),
    });
    expect((await ctx().app.inject({ url: '/api/v1/me', headers: as(member) })).statusCode).toBe(401);

    const blocked = await ctx().app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email, password: 'a fine long passphrase' },
      remoteAddress: '198.51.100.50',
    });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().code).toBe('account-deactivated');
    const activity = await ctx().app.inject({ url: `/api/v1/users/${user.id}/activity`, headers: as(owner) });
    expect(activity.json().items[0]).toMatchObject({ outcome: 'failure', failureReason: 'deactivated' });

    const reactivated = await ctx().app.inject({
      method: 'POST',
      url: `/api/v1/users/${user.id}/reactivate`,
      headers: as(owner),
    });
    expect(reactivated.json()).toMatchObject({ status: 'active', deactivationReason: null });
    await signIn(ctx().app, email, 'a fine long passphrase');
  });

  it('reissues an invitation: the old link stops working', async () => {
    const org = await createOrgWithOwner(ctx());
    const owner = await signIn(ctx().app, org.email, org.password);
    const { user, invitation } = await addUser(ctx(), owner);
    const reissued = await ctx().app.inject({
      method: 'POST',
      url: `/api/v1/users/${user.id}/invitation`,
      headers: as(owner),
    });
    expect(reissued.statusCode).toBe(201);
    expect((await acceptInvitation(ctx(), invitation.token)).statusCode).toBe(404);
    expect((await acceptInvitation(ctx(), reissued.json().invitation.token)).statusCode).toBe(200);
  });

  it('lets a member reach only their own data (403 on owner routes)', async () => {
    const org = await createOrgWithOwner(ctx());
    const owner = await signIn(ctx().app, org.email, org.password);
    const { email, invitation } = await addUser(ctx(), owner);
    await acceptInvitation(ctx(), invitation.token);
    const member = await signIn(ctx().app, email, 'a fine long passphrase');
    for (const request of [
      { method: 'GET', url: '/api/v1/users' },
      { method: 'GET', url: `/api/v1/users/${org.ownerId}` },
      { method: 'GET', url: `/api/v1/users/${org.ownerId}/activity` },
      { method: 'POST', url: '/api/v1/users', payload: { email: 'x@example.com', name: 'X' } },
      { method: 'POST', url: `/api/v1/users/${org.ownerId}/deactivate`, payload: { reason: 'other', note: 'coup' } },
    ] as const) {
      const response = await ctx().app.inject({ ...request, headers: as(member) });
      expect(response.statusCode, `${request.method} ${request.url}`).toBe(403);
    }
    const mine = await ctx().app.inject({ url: '/api/v1/me/activity', headers: as(member) });
    expect(mine.statusCode).toBe(200);
    expect(mine.json().items.length).toBeGreaterThan(0);
  });

  it('answers 404 for every id of another organization, and changes nothing there', async () => {
    const ours = await createOrgWithOwner(ctx(), 'Ours');
    const theirs = await createOrgWithOwner(ctx(), 'Theirs');
    const owner = await signIn(ctx().app, ours.email, ours.password);
    const them = theirs.ownerId;
    for (const request of [
      { method: 'GET', url: `/api/v1/users/${them}` },
      { method: 'PATCH', url: `/api/v1/users/${them}`, payload: { name: 'Hacked' } },
      { method: 'POST', url: `/api/v1/users/${them}/deactivate`, payload: { reason: 'left_organization' } },
      { method: 'POST', url: `/api/v1/users/${them}/reactivate` },
      { method: 'POST', url: `/api/v1/users/${them}/reactivate`, payload: { restoreSeats: true } },
      { method: 'GET', url: `/api/v1/users/${them}/released-seats` },
      { method: 'POST', url: `/api/v1/users/${them}/invitation` },
      { method: 'GET', url: `/api/v1/users/${them}/activity` },
      { method: 'GET', url: `/api/v1/users/${them}/activity?format=csv` },
    ] as const) {
      const response = await ctx().app.inject({ ...request, headers: as(owner) });
      expect(response.statusCode, `${request.method} ${request.url}`).toBe(404);
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
    const list = await ctx().app.inject({ url: '/api/v1/users?limit=200', headers: as(owner) });
    expect(list.json().items.map((user: { id: string }) => user.id)).not.toContain(them);
    const theirOwner = await signIn(ctx().app, theirs.email, theirs.password);
    const unchanged = await ctx().app.inject({ url: '/api/v1/me', headers: as(theirOwner) });
    expect(unchanged.json().user).toMatchObject({ name: 'Theirs Owner', status: 'active' });
  });
});
