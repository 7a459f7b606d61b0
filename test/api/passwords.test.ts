import { expect, it } from 'vitest';
import { issuePasswordLink } from '../../src/server/features/operator/recover-owner.ts';
import { DAY_MS } from '../../src/server/lib/time.ts';
import { as, type Session, signIn } from '../helpers/session.ts';
import { createOrgWithOwner, describeEachDatabase, type TestContext, uniqueEmail } from '../helpers/test-app.ts';

async function invite(context: TestContext, owner: Session, name = 'Zoë Member') {
  const email = uniqueEmail('member');
  const response = await context.app.inject({
    method: 'POST',
    url: '/api/v1/users',
    headers: as(owner),
    payload: { email, name },
  });
  expect(response.statusCode).toBe(201);
  return { email, id: response.json().user.id as string, token: response.json().invitation.token as string };
}

function accept(context: TestContext, token: string, password: string, cookie?: string) {
  return context.app.inject({
    method: 'POST',
    url: `/api/v1/invitations/${token}/accept`,
    payload: { password },
    ...(cookie ? { headers: { cookie } } : {}),
  });
}

async function isSignedIn(context: TestContext, session: Session): Promise<boolean> {
  const me = await context.app.inject({ url: '/api/v1/me', headers: as(session) });
  return me.statusCode === 200;
}

describeEachDatabase('passwords: policy, Unicode and links', (ctx) => {
  it('treats a password typed with a decomposed é as the one set with a composed é (NFKC)', async () => {
    const org = await createOrgWithOwner(ctx());
    const owner = await signIn(ctx().app, org.email, org.password);
    const { email, token } = await invite(ctx(), owner);
    const decomposed = 'cre\u0300me bru\u0302le\u0301e du dimanche';
    const composed = 'crème brûlée du dimanche';
    expect(decomposed).not.toBe(composed);
    expect((await accept(ctx(), token, decomposed)).statusCode).toBe(200);
    await signIn(ctx().app, email, composed);
    await signIn(ctx().app, email, decomposed);
  });

  it('refuses weak passwords and says why, with the organization, name and email as context', async () => {
    const org = await createOrgWithOwner(ctx(), 'Vandelay Industries');
    const owner = await signIn(ctx().app, org.email, org.password);
    const { token } = await invite(ctx(), owner, 'Art Vandelay');
    const cases: [string, RegExp][] = [
      ['Vandelay1', /organization's name/],
      ['Seatkeeper2026!', /product's name/],
      ['Passw0rd!', /common/],
      ['12341234', /sequence/],
      ['aaaaaaaa', /repeats/],
      ['\u200b'.repeat(8), /invisible/],
    ];
    for (const [password, reason] of cases) {
      const refused = await accept(ctx(), token, password);
      expect(refused.statusCode, password).toBe(400);
      expect(refused.json(), password).toMatchObject({ code: 'weak-password', detail: expect.stringMatching(reason) });
    }
    expect((await accept(ctx(), token, 'paper lanterns over the harbour')).statusCode).toBe(200);
  });

  it('accepting an invitation ends the session this browser had, even one of another user', async () => {
    const org = await createOrgWithOwner(ctx());
    const owner = await signIn(ctx().app, org.email, org.password);
    const ownerElsewhere = await signIn(ctx().app, org.email, org.password);
    const { token } = await invite(ctx(), owner);

    const accepted = await accept(ctx(), token, 'paper lanterns over the harbour', owner.cookie);
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().user.role).toBe('member');
    expect(await isSignedIn(ctx(), owner)).toBe(false);
    // Only the browser's own session ends: the owner's other devices are not this browser.
    expect(await isSignedIn(ctx(), ownerElsewhere)).toBe(true);
  });

  it('a password link for a user with a password sets a new one, ends their sessions and expires after a day', async () => {
    const org = await createOrgWithOwner(ctx());
    const here = await signIn(ctx().app, org.email, org.password);
    const there = await signIn(ctx().app, org.email, org.password);
    const { publicUrl } = ctx().deps.config;
    const issuedAt = ctx().deps.now();
    const link = await issuePasswordLink(ctx().deps.database.db, publicUrl, org.email.toUpperCase(), issuedAt);
    expect(link).toMatchObject({ reset: true, user: { email: org.email, role: 'owner' } });
    // A password-reset link (features/password-reset), the operator's kind: valid a day.
    const token = link.link.url.split('/reset-password/')[1] ?? '';
    expect(Date.parse(link.link.expiresAt) - issuedAt).toBe(DAY_MS);

    const preview = await ctx().app.inject({ url: `/api/v1/auth/password-reset/${token}` });
    expect(preview.statusCode).toBe(200);
    const reset = await ctx().app.inject({
      method: 'POST',
      url: `/api/v1/auth/password-reset/${token}`,
      payload: { password: 'new lanterns over the harbour' },
    });
    expect(reset.statusCode).toBe(204);
    expect(await isSignedIn(ctx(), here)).toBe(false);
    expect(await isSignedIn(ctx(), there)).toBe(false);
    await expect(signIn(ctx().app, org.email, org.password)).rejects.toThrow(/401/);
    await signIn(ctx().app, org.email, 'new lanterns over the harbour');

    const stale = await issuePasswordLink(ctx().deps.database.db, publicUrl, org.email, ctx().deps.now());
    const staleToken = stale.link.url.split('/reset-password/')[1] ?? '';
    ctx().clock.offsetMs = DAY_MS + 1;
    try {
      expect((await ctx().app.inject({ url: `/api/v1/auth/password-reset/${staleToken}` })).statusCode).toBe(404);
    } finally {
      ctx().clock.offsetMs = 0;
    }
  });
});
