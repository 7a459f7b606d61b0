import { expect, it } from 'vitest';
import { MEMBER_PASSWORD } from '../helpers/licenses.ts';
import { as, asBrowserOf, attemptSignIn, signIn } from '../helpers/session.ts';
import { createOrgWithOwner, describeEachDatabase, type TestContext, uniqueEmail } from '../helpers/test-app.ts';

const STRANGER_IP = '203.0.113.77';
const WRONG = 'not the password';
const NEW_PASSWORD = 'a brand new lantern harbour';

const deviceCookieOf = (response: { cookies: { name: string; value: string }[] }) => {
  const cookie = response.cookies.find((entry) => entry.name === 'sk_device');
  return cookie ? `sk_device=${cookie.value}` : undefined;
};

/** Locks the account for untrusted clients. */
async function lockOut(context: TestContext, email: string) {
  for (let index = 0; index < 6; index++)
    await attemptSignIn(context.app, email, WRONG, { remoteAddress: STRANGER_IP });
  expect((await attemptSignIn(context.app, email, WRONG, { remoteAddress: STRANGER_IP })).statusCode).toBe(429);
}

describeEachDatabase('device credentials are bound to the password', (ctx) => {
  it('a new password makes every earlier credential worthless; the browser that changed it gets a new one', async () => {
    const org = await createOrgWithOwner(ctx());
    // Someone who knew the old password collected credentials, each with its own count of guesses.
    const stock = [];
    for (let index = 0; index < 3; index++) stock.push(await signIn(ctx().app, org.email, org.password, STRANGER_IP));
    const owner = await signIn(ctx().app, org.email, org.password, '198.51.100.8');

    const changed = await ctx().app.inject({
      method: 'POST',
      url: '/api/v1/me/password',
      headers: asBrowserOf(owner),
      payload: { currentPassword: org.password, newPassword: NEW_PASSWORD },
    });
    expect(changed.statusCode).toBe(200);
    const renewed = deviceCookieOf(changed);
    expect(renewed).toBeDefined();
    expect(renewed).not.toBe(owner.deviceCookie);

    await lockOut(ctx(), org.email);
    // The stock counts as untrusted now: the account's lockout holds against every one of them.
    for (const old of stock) {
      const guess = await attemptSignIn(ctx().app, org.email, WRONG, {
        remoteAddress: STRANGER_IP,
        deviceCookie: old.deviceCookie,
      });
      expect(guess.statusCode).toBe(429);
    }
    // The owner's browser, holding the credential issued with the new password, is still let in.
    const back = await attemptSignIn(ctx().app, org.email, NEW_PASSWORD, {
      remoteAddress: '198.51.100.8',
      deviceCookie: renewed,
    });
    expect(back.statusCode).toBe(200);
  });

  it('accepting an invitation marks the browser as one the user has signed in from', async () => {
    const org = await createOrgWithOwner(ctx());
    const owner = await signIn(ctx().app, org.email, org.password);
    const email = uniqueEmail('invited');
    const created = await ctx().app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: as(owner),
      payload: { email, name: 'Invited Person' },
    });
    const { invitation } = created.json() as { invitation: { token: string } };
    const accepted = await ctx().app.inject({
      method: 'POST',
      url: `/api/v1/invitations/${invitation.token}/accept`,
      payload: { password: MEMBER_PASSWORD },
    });
    expect(accepted.statusCode).toBe(200);
    const device = deviceCookieOf(accepted);
    expect(device).toBeDefined();
    await lockOut(ctx(), email);
    const back = await attemptSignIn(ctx().app, email, MEMBER_PASSWORD, {
      remoteAddress: '198.51.100.9',
      deviceCookie: device,
    });
    expect(back.statusCode).toBe(200);
  });
});
