import { expect, it } from 'vitest';
import { createMember, createSubscription, MEMBER_PASSWORD, startAppSession } from '../helpers/licenses.ts';
import { as, asBrowserOf, attemptSignIn, signIn } from '../helpers/session.ts';
import { createOrgWithOwner, describeEachDatabase, type TestContext } from '../helpers/test-app.ts';

const WRONG = 'not the password';

async function reasonsOf(context: TestContext, userId: string) {
  const rows = await context.deps.database.db
    .selectFrom('sign_in_attempts')
    .select(['failure_reason', 'client'])
    .where('user_id', '=', userId)
    .where('outcome', '=', 'failure')
    .orderBy('id')
    .execute();
  return rows.map((row) => row.failure_reason);
}

function deactivate(context: TestContext, owner: Parameters<typeof as>[0], userId: string) {
  return context.app.inject({
    method: 'POST',
    url: `/api/v1/users/${userId}/deactivate`,
    headers: as(owner),
    payload: { reason: 'left_organization' },
  });
}

function reactivate(context: TestContext, owner: Parameters<typeof as>[0], userId: string) {
  return context.app.inject({ method: 'POST', url: `/api/v1/users/${userId}/reactivate`, headers: as(owner) });
}

describeEachDatabase('sign-in throttle: deactivation and reactivation', (ctx) => {
  it('never throttles the right password of a deactivated account, so reactivation lets the user straight in', async () => {
    const org = await createOrgWithOwner(ctx());
    const owner = await signIn(ctx().app, org.email, org.password);
    const member = await createMember(ctx(), owner);
    const { productKey } = await createSubscription(ctx(), org.orgId, { seats: 1 });
    expect((await deactivate(ctx(), owner, member.id)).statusCode).toBe(200);

    // The member keeps trying, in the console and in an app: each is told the account is deactivated.
    for (let index = 0; index < 4; index++) {
      const console = await attemptSignIn(ctx().app, member.email, MEMBER_PASSWORD, { remoteAddress: '192.0.2.31' });
      expect(console.json()).toMatchObject({ status: 403, code: 'account-deactivated' });
      const app = await startAppSession(ctx(), { email: member.email, password: MEMBER_PASSWORD, appKey: productKey });
      expect(app.json()).toMatchObject({ status: 403, code: 'account-deactivated' });
    }
    expect((await reactivate(ctx(), owner, member.id)).statusCode).toBe(200);
    const back = await attemptSignIn(ctx().app, member.email, MEMBER_PASSWORD, { remoteAddress: '192.0.2.31' });
    expect(back.statusCode).toBe(200);
    expect(await reasonsOf(ctx(), member.id)).toEqual(Array(8).fill('deactivated'));
  });

  it('forgets the failures counted while the user was deactivated', async () => {
    const org = await createOrgWithOwner(ctx());
    const owner = await signIn(ctx().app, org.email, org.password);
    const member = await createMember(ctx(), owner);
    expect((await deactivate(ctx(), owner, member.id)).statusCode).toBe(200);
    // Wrong passwords are guesses, deactivated or not: they lock the account for untrusted clients.
    for (let index = 0; index < 5; index++) {
      expect((await attemptSignIn(ctx().app, member.email, WRONG, { remoteAddress: '192.0.2.32' })).statusCode).toBe(
        401,
      );
    }
    expect((await attemptSignIn(ctx().app, member.email, WRONG, { remoteAddress: '192.0.2.32' })).statusCode).toBe(429);

    expect((await reactivate(ctx(), owner, member.id)).statusCode).toBe(200);
    const back = await attemptSignIn(ctx().app, member.email, MEMBER_PASSWORD, { remoteAddress: '192.0.2.33' });
    expect(back.statusCode).toBe(200);
  });

  it('does not let successful sign-ins from one address (an office) use up its failure count', async () => {
    const org = await createOrgWithOwner(ctx());
    // More successes from one address than its failure limit (30).
    for (let index = 0; index < 35; index++) {
      expect(
        (await attemptSignIn(ctx().app, org.email, org.password, { remoteAddress: '192.0.2.34' })).statusCode,
      ).toBe(200);
    }
  });
});

describeEachDatabase('change of password: the current password is throttled like a sign-in', (ctx) => {
  const changePassword = (headers: Record<string, string>, currentPassword: string, remoteAddress = '192.0.2.41') =>
    ctx().app.inject({
      method: 'POST',
      url: '/api/v1/me/password',
      headers,
      remoteAddress,
      payload: { currentPassword, newPassword: 'an entirely new passphrase' },
    });

  it('answers 429 after 5 wrong current passwords, and records each guess', async () => {
    const org = await createOrgWithOwner(ctx());
    const hijacked = await signIn(ctx().app, org.email, org.password);
    for (let index = 0; index < 5; index++) {
      const wrong = await changePassword(as(hijacked), `guess number ${index}`);
      expect(wrong.json()).toMatchObject({ status: 400, code: 'wrong-password' });
    }
    const throttled = await changePassword(as(hijacked), org.password);
    expect(throttled.statusCode).toBe(429);
    expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(0);
    expect(await reasonsOf(ctx(), org.ownerId)).toEqual([...Array(5).fill('wrong_current_password'), 'throttled']);

    // The Activity tab shows them.
    const activity = await ctx().app.inject({
      url: `/api/v1/users/${org.ownerId}/activity?outcome=failure`,
      headers: as(hijacked),
    });
    expect(activity.statusCode).toBe(200);
    const reasons = (activity.json() as { items: { failureReason: string }[] }).items.map((item) => item.failureReason);
    expect(reasons.filter((reason) => reason === 'wrong_current_password')).toHaveLength(5);
  });

  it('counts the guesses of the browser that signed in against its own device credential', async () => {
    const org = await createOrgWithOwner(ctx());
    const browser = await signIn(ctx().app, org.email, org.password);
    for (let index = 0; index < 5; index++) {
      expect((await changePassword(asBrowserOf(browser), `guess ${index}`)).statusCode).toBe(400);
    }
    expect((await changePassword(asBrowserOf(browser), org.password)).statusCode).toBe(429);
    // Its device credential is what is locked, not the account: a new browser signs in and changes the password.
    const elsewhere = await signIn(ctx().app, org.email, org.password, '192.0.2.42');
    expect((await changePassword(as(elsewhere), org.password, '192.0.2.42')).statusCode).toBe(200);
  });
});
