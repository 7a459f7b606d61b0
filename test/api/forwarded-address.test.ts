import { beforeAll, expect, it } from 'vitest';
import { as, type Session, signIn } from '../helpers/session.ts';
import { createOrgWithOwner, describeEachDatabase } from '../helpers/test-app.ts';

// Behind a proxy in TRUST_PROXY, X-Forwarded-For is whatever the client wrote. On PostgreSQL a
// 7,000-character "address" overflowed the sign-in log's index: the attempt answered 500 and
// was not recorded.
describeEachDatabase(
  'X-Forwarded-For that is not an address',
  (ctx) => {
    let owner: Session;
    let ownerId: string;
    let email: string;

    beforeAll(async () => {
      const org = await createOrgWithOwner(ctx(), 'Proxied');
      owner = await signIn(ctx().app, org.email, org.password, '127.0.0.1');
      ownerId = org.ownerId;
      email = org.email;
    });

    it.each([
      ['7,000 characters of text', 'x'.repeat(7000)],
      ['a host name with a port', 'evil.example:443'],
      ['an address with a port', '198.51.100.7:5000'],
    ])('a failed sign-in with %s is answered 401 and recorded with the proxy’s address', async (_label, forwarded) => {
      const response = await ctx().app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        remoteAddress: '127.0.0.1',
        headers: { 'x-forwarded-for': forwarded },
        payload: { email, password: 'not the password at all' },
      });
      expect(response.statusCode).toBe(401);
      const activity = await ctx().app.inject({
        url: `/api/v1/users/${ownerId}/activity?outcome=failure&limit=1`,
        headers: as(owner),
      });
      const [latest] = (activity.json() as { items: { ip: string; failureReason: string }[] }).items;
      expect(latest).toMatchObject({ ip: '127.0.0.1', failureReason: 'invalid_password' });
    });

    it('a real address in X-Forwarded-For is still believed', async () => {
      await ctx().app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        remoteAddress: '127.0.0.1',
        headers: { 'x-forwarded-for': '198.51.100.7' },
        payload: { email, password: 'not the password either' },
      });
      const activity = await ctx().app.inject({
        url: `/api/v1/users/${ownerId}/activity?outcome=failure&limit=1`,
        headers: as(owner),
      });
      expect((activity.json() as { items: { ip: string }[] }).items[0]?.ip).toBe('198.51.100.7');
    });
  },
  { config: { TRUST_PROXY: '127.0.0.1' } },
);
