import { afterEach, expect, it } from 'vitest';
import * as sdk from '../../src/sdk/index.ts';
import { DAY_MS } from '../../src/server/lib/time.ts';
import { expectOneAuditRow } from '../helpers/audit.ts';
import {
  assignSeat,
  createMember,
  createSubscription,
  DEVICE,
  MEMBER_PASSWORD,
  startAppSession,
} from '../helpers/licenses.ts';
import { as, type Session, signIn } from '../helpers/session.ts';
import { createOrgWithOwner, describeEachDatabase, type TestContext } from '../helpers/test-app.ts';

/**
 * The keys that sign lease files (issue 14): made at an organization's first borrowing, published as
 * a JWKS, rotated by an owner or the operator without breaking the files already issued.
 */

/** An organization whose member holds a named seat; `borrowNow` opens an app session on a device and borrows. */
async function orgWithBorrower(context: TestContext) {
  const org = await createOrgWithOwner(context);
  const owner = await signIn(context.app, org.email, org.password);
  const { productKey, subscriptionId } = await createSubscription(context, org.orgId, { seats: 2, name: 'Designer' });
  const member = await createMember(context, owner);
  expect((await assignSeat(context, owner, subscriptionId, member.id)).statusCode).toBe(201);
  const borrowNow = async (deviceId: string, days = 7) => {
    const started = await startAppSession(context, {
      email: member.email,
      password: MEMBER_PASSWORD,
      appKey: productKey,
      device: { ...DEVICE, id: deviceId },
    });
    expect(started.statusCode, started.body).toBe(201);
    const borrowed = await context.app.inject({
      method: 'POST',
      url: '/api/v1/app/sessions/current/borrow',
      headers: { authorization: `Bearer ${started.json().sessionToken}` },
      payload: { days },
    });
    expect(borrowed.statusCode, borrowed.body).toBe(201);
    return borrowed.json() as sdk.BorrowResult;
  };
  return { org, owner, member, productKey, subscriptionId, borrowNow };
}

const kidOf = (leaseFile: string) =>
  JSON.parse(Buffer.from(leaseFile.split('.')[0] ?? '', 'base64url').toString()).kid as string;

async function keySet(context: TestContext, orgId?: string) {
  const answer = await context.app.inject({ url: `/api/v1/license-keys${orgId ? `?orgId=${orgId}` : ''}` });
  expect(answer.statusCode).toBe(200);
  return answer.json() as sdk.LicenseKeySet;
}

function rotate(context: TestContext, owner: Session) {
  return context.app.inject({
    method: 'POST',
    url: '/api/v1/organization/license-keys/rotate',
    headers: as(owner),
  });
}

describeEachDatabase('license keys', (ctx) => {
  afterEach(() => {
    ctx().clock.offsetMs = 0;
  });

  it('publishes no key before the first borrowing, then one Ed25519 key, per organization', async () => {
    const first = await orgWithBorrower(ctx());
    const second = await orgWithBorrower(ctx());
    expect(await keySet(ctx(), first.org.orgId)).toEqual({ keys: [] });
    const borrowed = await first.borrowNow('laptop-1');
    await second.borrowNow('laptop-2');
    const published = await keySet(ctx(), first.org.orgId);
    expect(published.keys).toEqual([
      { kty: 'OKP', crv: 'Ed25519', x: expect.any(String), kid: kidOf(borrowed.leaseFile), alg: 'EdDSA', use: 'sig' },
    ]);
    // No private part ever leaves (JWKS of Ed25519: `d` is the private key).
    expect(JSON.stringify(await keySet(ctx()))).not.toContain('"d"');
    // Without a filter, every organization's keys: both are there, the other's kid is not in the first's set.
    const all = (await keySet(ctx())).keys.map((key) => key.kid);
    const secondKid = (await keySet(ctx(), second.org.orgId)).keys[0]?.kid;
    expect(all).toEqual(expect.arrayContaining([kidOf(borrowed.leaseFile), secondKid]));
    expect(published.keys.map((key) => key.kid)).not.toContain(secondKid);
  });

  it('rotates: files signed before still verify with the published keys, new ones use the new key', async () => {
    const { org, owner, productKey, borrowNow } = await orgWithBorrower(ctx());
    const before = await borrowNow('laptop-before');
    const oldKid = kidOf(before.leaseFile);

    const { row, result } = await expectOneAuditRow(ctx(), org.orgId, 'license_key.rotated', () =>
      rotate(ctx(), owner),
    );
    expect(result.statusCode).toBe(200);
    const rotated = result.json() as { kid: string; retired: string[]; keys: sdk.LicenseKey[] };
    expect(rotated.retired).toEqual([oldKid]);
    expect(rotated.kid).not.toBe(oldKid);
    expect(row).toMatchObject({ actor_type: 'user', target_type: 'license_key', target_id: rotated.kid });
    // The old key stays published while the lease it signed is borrowed.
    expect(rotated.keys.map((key) => key.kid)).toEqual([oldKid, rotated.kid]);

    const after = await borrowNow('laptop-after');
    expect(kidOf(after.leaseFile)).toBe(rotated.kid);

    const client = sdk.createSeatkeeperClient({ baseUrl: 'http://unused.invalid' });
    const keys = await keySet(ctx(), org.orgId);
    const now = ctx().deps.now();
    for (const file of [before, after]) {
      const claims = await client.verifyLeaseFile(file.leaseFile, { keys, productKey, now });
      expect(claims.jti).toBe(file.leaseId);
    }

    // Once the old key's last lease is returned, the old key is no longer published; the server still
    // reads files it signed (their status) since it keeps every key.
    const returned = await ctx().app.inject({
      method: 'POST',
      url: '/api/v1/app/borrowings/current/return',
      headers: { authorization: `Bearer ${before.leaseFile}` },
    });
    expect(returned.statusCode).toBe(204);
    expect((await keySet(ctx(), org.orgId)).keys.map((key) => key.kid)).toEqual([rotated.kid]);
    const status = await ctx().app.inject({
      url: '/api/v1/app/borrowings/current',
      headers: { authorization: `Bearer ${before.leaseFile}` },
    });
    expect(status.json()).toMatchObject({ state: 'returned' });
  });

  it('drops a retired key from the JWKS once its borrowings have run out', async () => {
    const { owner, org, borrowNow } = await orgWithBorrower(ctx());
    const borrowed = await borrowNow('laptop', 2);
    expect((await rotate(ctx(), owner)).statusCode).toBe(200);
    expect((await keySet(ctx(), org.orgId)).keys).toHaveLength(2);
    ctx().clock.offsetMs = 2 * DAY_MS + 1000;
    const keys = await keySet(ctx(), org.orgId);
    expect(keys.keys.map((key) => key.kid)).not.toContain(kidOf(borrowed.leaseFile));
    // The expired file: 410 on return, `expired` as status.
    const late = await ctx().app.inject({
      method: 'POST',
      url: '/api/v1/app/borrowings/current/return',
      headers: { authorization: `Bearer ${borrowed.leaseFile}` },
    });
    expect(late.statusCode).toBe(410);
    expect(late.json().code).toBe('lease-not-live');
    const status = await ctx().app.inject({
      url: '/api/v1/app/borrowings/current',
      headers: { authorization: `Bearer ${borrowed.leaseFile}` },
    });
    expect(status.json()).toMatchObject({ state: 'expired', releasedAt: null });
  });

  it('lets only owners rotate, and only their own organization’s key', async () => {
    const { owner, member, org, borrowNow } = await orgWithBorrower(ctx());
    const other = await orgWithBorrower(ctx());
    const otherFile = await other.borrowNow('their-laptop');
    await borrowNow('our-laptop');
    const asMember = await signIn(ctx().app, member.email, MEMBER_PASSWORD);
    const refused = await rotate(ctx(), asMember);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('forbidden');
    expect(
      (await ctx().app.inject({ method: 'POST', url: '/api/v1/organization/license-keys/rotate' })).statusCode,
    ).toBe(401);
    expect((await rotate(ctx(), owner)).statusCode).toBe(200);
    // The other organization's key is untouched.
    expect((await keySet(ctx(), other.org.orgId)).keys.map((key) => key.kid)).toEqual([kidOf(otherFile.leaseFile)]);
    expect((await keySet(ctx(), org.orgId)).keys).toHaveLength(2);
  });

  it('refuses lease files that are not this server’s: 401 invalid-lease-file', async () => {
    const { borrowNow } = await orgWithBorrower(ctx());
    const real = await borrowNow('laptop');
    const [header, payload] = real.leaseFile.split('.') as [string, string];
    const { generateKeyPair, SignJWT } = await import('jose');
    const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    // Signed by a key of the attacker's, under the real kid.
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const forged = await new SignJWT(claims)
      .setProtectedHeader(JSON.parse(Buffer.from(header, 'base64url').toString()))
      .sign(privateKey);
    for (const file of [forged, 'not-a-jws', `${header}.${payload}.`, 'a.b.c']) {
      for (const request of [
        { method: 'POST' as const, url: '/api/v1/app/borrowings/current/return' },
        { method: 'GET' as const, url: '/api/v1/app/borrowings/current' },
      ]) {
        const answer = await ctx().app.inject({ ...request, headers: { authorization: `Bearer ${file}` } });
        expect(answer.statusCode, `${request.method} ${file.slice(0, 20)}`).toBe(401);
        expect(answer.json().code).toBe('invalid-lease-file');
      }
    }
  });
});
