import { expect, it } from 'vitest';
import { as, type Session, signIn } from '../helpers/session.ts';
import { createOrgWithOwner, describeEachDatabase, type TestContext, uniqueEmail } from '../helpers/test-app.ts';

const PASSPHRASE = 'a fine long passphrase';

async function inviteOwner(context: TestContext, owner: Session) {
  const email = uniqueEmail('second-owner');
  const response = await context.app.inject({
    method: 'POST',
    url: '/api/v1/users',
    headers: as(owner),
    payload: { email, name: 'Second Owner', role: 'owner' },
  });
  expect(response.statusCode).toBe(201);
  const body = response.json();
  return { email, id: body.user.id as string, token: body.invitation.token as string };
}

function demote(context: TestContext, actor: Session, userId: string) {
  return context.app.inject({
    method: 'PATCH',
    url: `/api/v1/users/${userId}`,
    headers: as(actor),
    payload: { role: 'member' },
  });
}

function deactivate(context: TestContext, actor: Session, userId: string) {
  return context.app.inject({
    method: 'POST',
    url: `/api/v1/users/${userId}/deactivate`,
    headers: as(actor),
    payload: { reason: 'left_organization' },
  });
}

describeEachDatabase('the last owner who can sign in', (ctx) => {
  it('does not count an owner whose invitation is pending: the only real owner can neither step down nor be deactivated', async () => {
    const org = await createOrgWithOwner(ctx());
    const owner = await signIn(ctx().app, org.email, org.password);
    const invited = await inviteOwner(ctx(), owner);

    const demoted = await demote(ctx(), owner, org.ownerId);
    expect(demoted.statusCode).toBe(409);
    expect(demoted.json()).toMatchObject({ code: 'last-owner', detail: expect.stringContaining('pending') });
    expect((await deactivate(ctx(), owner, org.ownerId)).json()).toMatchObject({ status: 409, code: 'last-owner' });
    const me = await ctx().app.inject({ url: '/api/v1/me', headers: as(owner) });
    expect(me.json().user).toMatchObject({ role: 'owner', status: 'active' });

    // Taking the pending owner away leaves the real one: allowed.
    expect((await demote(ctx(), owner, invited.id)).json()).toMatchObject({ role: 'member' });
  });

  it('lets an owner step down once another owner has set a password, then keeps that one', async () => {
    const org = await createOrgWithOwner(ctx());
    const first = await signIn(ctx().app, org.email, org.password);
    const invited = await inviteOwner(ctx(), first);
    const accepted = await ctx().app.inject({
      method: 'POST',
      url: `/api/v1/invitations/${invited.token}/accept`,
      payload: { password: PASSPHRASE },
    });
    expect(accepted.statusCode).toBe(200);
    const second = await signIn(ctx().app, invited.email, PASSPHRASE);

    expect((await demote(ctx(), first, org.ownerId)).json()).toMatchObject({ role: 'member' });
    expect((await demote(ctx(), second, invited.id)).json()).toMatchObject({ status: 409, code: 'last-owner' });
    expect((await deactivate(ctx(), second, invited.id)).json()).toMatchObject({ status: 409, code: 'last-owner' });
  });

  it('does not count a deactivated owner either', async () => {
    const org = await createOrgWithOwner(ctx());
    const first = await signIn(ctx().app, org.email, org.password);
    const invited = await inviteOwner(ctx(), first);
    await ctx().app.inject({
      method: 'POST',
      url: `/api/v1/invitations/${invited.token}/accept`,
      payload: { password: PASSPHRASE },
    });
    expect((await deactivate(ctx(), first, invited.id)).json()).toMatchObject({ status: 'deactivated' });
    expect((await demote(ctx(), first, org.ownerId)).json()).toMatchObject({ status: 409, code: 'last-owner' });
  });
});
