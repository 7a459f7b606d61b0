import { expect, it } from 'vitest';
import { DEFAULT_SECURITY_SETTINGS } from '../../src/server/features/security-settings/index.ts';
import { createMember, MEMBER_PASSWORD } from '../helpers/licenses.ts';
import { as, signIn } from '../helpers/session.ts';
import { createOrgWithOwner, describeEachDatabase, type TestContext } from '../helpers/test-app.ts';

const URL = '/api/v1/organization/security';

async function owned(context: TestContext) {
  const org = await createOrgWithOwner(context);
  return { ...org, owner: await signIn(context.app, org.email, org.password) };
}

describeEachDatabase('security settings', (ctx) => {
  it('starts at the documented defaults and changes one group at a time, per organization', async () => {
    const org = await owned(ctx());
    const other = await owned(ctx());
    const get = async (session = org.owner) => (await ctx().app.inject({ url: URL, headers: as(session) })).json();
    expect(await get()).toEqual(DEFAULT_SECURITY_SETTINGS);

    const changed = await ctx().app.inject({
      method: 'PATCH',
      url: URL,
      headers: as(org.owner),
      payload: {
        impossibleTravel: { speedKmh: 800, toleranceKm: 50 },
        trustedNetworks: [
          { cidr: ' 203.0.113.77/24 ', label: 'Head office' },
          { cidr: '2001:db8:abcd::1', label: 'Lab' },
        ],
      },
    });
    expect(changed.statusCode).toBe(200);
    const expected = {
      ...DEFAULT_SECURITY_SETTINGS,
      impossibleTravel: { speedKmh: 800, toleranceKm: 50 },
      trustedNetworks: [
        { cidr: '203.0.113.0/24', label: 'Head office' },
        { cidr: '2001:db8:abcd::1/128', label: 'Lab' },
      ],
    };
    expect(changed.json()).toEqual(expected);
    expect(await get()).toEqual(expected);
    // Another organization keeps its own rules.
    expect(await get(other.owner)).toEqual(DEFAULT_SECURITY_SETTINGS);
  });

  it('refuses a bad network or an out-of-range rule with a problem naming the field, and changes nothing', async () => {
    const org = await owned(ctx());
    for (const [payload, code, path] of [
      [
        { trustedNetworks: [{ cidr: '10.0.0.0/33', label: 'x' }] },
        'invalid-trusted-network',
        'body/trustedNetworks/0/cidr',
      ],
      [{ trustedNetworks: [{ cidr: '1.2.3', label: 'x' }] }, 'invalid-trusted-network', 'body/trustedNetworks/0/cidr'],
      [{ impossibleTravel: { speedKmh: 99, toleranceKm: 100 } }, 'invalid-request', 'body/impossibleTravel/speedKmh'],
      [{ learning: { signIns: 5 } }, 'invalid-request', 'body/learning'],
    ] as const) {
      const answer = await ctx().app.inject({ method: 'PATCH', url: URL, headers: as(org.owner), payload });
      expect(answer.statusCode, JSON.stringify(payload)).toBe(400);
      expect(answer.headers['content-type']).toContain('application/problem+json');
      expect(answer.json().code).toBe(code);
      expect(JSON.stringify(answer.json().errors)).toContain(path);
    }
    const after = await ctx().app.inject({ url: URL, headers: as(org.owner) });
    expect(after.json()).toEqual(DEFAULT_SECURITY_SETTINGS);
  });

  it('is for owners only', async () => {
    const org = await owned(ctx());
    const member = await createMember(ctx(), org.owner);
    const session = await signIn(ctx().app, member.email, MEMBER_PASSWORD);
    expect((await ctx().app.inject({ url: URL, headers: as(session) })).statusCode).toBe(403);
    expect((await ctx().app.inject({ url: URL })).statusCode).toBe(401);
  });
});
