import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/server/config.ts';
import { openDatabase } from '../../src/server/db/database.ts';
import { openGeoIp } from '../../src/server/features/geo/geoip.ts';
import { createLoginThrottle } from '../../src/server/features/throttle/login-throttle.ts';
import { buildApp } from '../../src/server/http/app.ts';
import type { App } from '../../src/server/http/app-types.ts';
import { FIXTURE_ASN_DB, FIXTURE_CITY_DB } from '../helpers/fixtures.ts';
import { as, signIn } from '../helpers/session.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const run = promisify(execFile);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'seatkeeper-cli-'));
const PUBLIC_URL = 'https://seats.umbrella.example';

function seatkeeper(...args: string[]) {
  return run(process.execPath, ['bin/seatkeeper.js', ...args], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', DEMO: '0', PUBLIC_URL },
  }).then(
    (result) => ({ code: 0, ...result }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
}

afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

/** The console's API over the CLI's database, as the server would serve it: to use what the CLI printed. */
async function withServer<T>(run: (app: App) => Promise<T>): Promise<T> {
  const config = loadConfig({ DATA_DIR: dataDir, DEMO: '0', LOG_LEVEL: 'silent', PUBLIC_URL });
  const database = openDatabase(config.database);
  const geo = await openGeoIp({ cityDb: FIXTURE_CITY_DB, asnDb: FIXTURE_ASN_DB });
  const throttle = createLoginThrottle({});
  const app = await buildApp({ config, database, geo, throttle, now: () => Date.now() }, { webDistDir: false });
  try {
    await app.ready();
    return await run(app);
  } finally {
    await app.close();
    await throttle.close();
    geo.close();
    await database.close();
  }
}

function acceptLink(app: App, url: string, password: string) {
  const token = url.slice(`${PUBLIC_URL}/invite/`.length);
  return app.inject({ method: 'POST', url: `/api/v1/invitations/${token}/accept`, payload: { password } });
}

// Every command is a new Node process (~2 s each on a busy two-core machine): a test runs many.
describe('npx seatkeeper', { timeout: 180_000 }, () => {
  it('migrates, then says the database is up to date', async () => {
    expect((await seatkeeper('migrate')).stdout).toContain('Applied: 0001_foundation');
    expect((await seatkeeper('migrate')).stdout).toContain('up to date');
  });

  it('create-org --json prints one JSON line with the new ids, and the owner can sign in', async () => {
    const result = await seatkeeper(
      'create-org',
      '--name',
      'Globex',
      '--owner-email',
      'Hank@Globex.example',
      '--owner-password',
      'a long enough secret',
      '--json',
    );
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const created = JSON.parse(lines[0] ?? '');
    expect(created).toEqual({ orgId: expect.any(String), ownerId: expect.any(String), name: 'Globex' });
    const database = openDatabase({ kind: 'sqlite', file: path.join(dataDir, 'seatkeeper.sqlite') });
    const owner = await database.db
      .selectFrom('users')
      .selectAll()
      .where('id', '=', created.ownerId)
      .executeTakeFirst();
    await database.close();
    expect(owner).toMatchObject({ org_id: created.orgId, email_normalized: 'hank@globex.example', role: 'owner' });
    expect(owner?.password_hash).toMatch(/^\$argon2id\$/);
  });

  it('records products, purchases, renewals and seat changes (never below those assigned unless told whom to free)', async () => {
    const org = JSON.parse(
      (
        await seatkeeper(
          'create-org',
          '--name',
          'Initrode',
          '--owner-email',
          'peter@initrode.example',
          '--owner-password',
          'a long enough secret',
          '--time-zone',
          'Europe/Berlin',
          '--json',
        )
      ).stdout,
    );
    expect((await seatkeeper('add-product', '--key', 'cad', '--name', 'Initrode CAD')).stdout).toContain(
      'Added product',
    );
    expect((await seatkeeper('add-product', '--key', 'cad', '--name', 'Again')).stderr).toContain('exists');
    expect((await seatkeeper('add-product', '--key', 'Bad Key!', '--name', 'X')).code).toBe(1);

    const added = await seatkeeper(
      'add-subscription',
      '--org',
      org.orgId,
      '--product',
      'cad',
      '--seats',
      '2',
      '--expires',
      '2099-12-31',
      '--seat-price',
      '19.90',
      '--json',
    );
    const subscription = JSON.parse(added.stdout);
    // The last day of access is in the organization's zone: 31 Dec ends at 23:00 UTC in Berlin.
    expect(subscription).toMatchObject({ seats: 2, expiresAt: '2099-12-31T23:00:00.000Z' });
    expect(
      (
        await seatkeeper(
          'add-subscription',
          '--org',
          org.orgId,
          '--product',
          'cad',
          '--seats',
          'two',
          '--expires',
          '2099-12-31',
        )
      ).stderr,
    ).toContain('--seats must be a whole number');
    expect(
      (
        await seatkeeper(
          'add-subscription',
          '--org',
          org.orgId,
          '--product',
          'cad',
          '--seats',
          '2',
          '--expires',
          '2099-02-30',
        )
      ).stderr,
    ).toContain('YYYY-MM-DD');
    // PostgreSQL's integer column and the accepted span of dates bound what the operator can type.
    const tooMany = await seatkeeper(
      'add-subscription',
      '--org',
      org.orgId,
      '--product',
      'cad',
      '--seats',
      '3000000000',
      '--expires',
      '2099-12-31',
    );
    expect(tooMany.stderr).toContain('--seats must be a whole number from 0 to 2,147,483,647');
    const farFuture = await seatkeeper(
      'add-subscription',
      '--org',
      org.orgId,
      '--product',
      'cad',
      '--seats',
      '2',
      '--expires',
      '9999-12-31',
    );
    expect(farFuture.stderr).toContain('from 1970-01-01 to 2100-12-31');

    const renewed = await seatkeeper(
      'renew-subscription',
      '--id',
      subscription.subscriptionId,
      '--expires',
      '2100-06-30',
      '--json',
    );
    expect(JSON.parse(renewed.stdout).expiresAt).toBe('2100-06-30T22:00:00.000Z');

    // Give the owner a seat, then try to go below it.
    const database = openDatabase({ kind: 'sqlite', file: path.join(dataDir, 'seatkeeper.sqlite') });
    await database.db
      .insertInto('seat_assignments')
      .values({
        org_id: org.orgId,
        subscription_id: subscription.subscriptionId,
        user_id: org.ownerId,
        assigned_at: Date.now(),
        assigned_by: null,
        unassigned_at: null,
        unassigned_by: null,
        unassign_reason: null,
        last_used_at: null,
      })
      .execute();
    await database.db
      .updateTable('subscriptions')
      .set({ assigned: 1 })
      .where('id', '=', subscription.subscriptionId)
      .execute();
    await database.close();
    const refused = await seatkeeper('set-seats', '--id', subscription.subscriptionId, '--seats', '0');
    expect(refused.stderr).toContain('1 seats are assigned; name 1 holder(s) to free with --release');
    const reduced = await seatkeeper(
      'set-seats',
      '--id',
      subscription.subscriptionId,
      '--seats',
      '0',
      '--release',
      'peter@initrode.example',
      '--json',
    );
    expect(JSON.parse(reduced.stdout)).toMatchObject({ seats: 0, assigned: 0 });
  });

  it('adds a floating pool with --kind floating, and never shrinks it below its seats in use', async () => {
    const org = JSON.parse(
      (
        await seatkeeper(
          'create-org',
          '--name',
          'Pooling',
          '--owner-email',
          'pat@pooling.example',
          '--owner-password',
          'a long enough secret',
          '--json',
        )
      ).stdout,
    );
    await seatkeeper('add-product', '--key', 'render', '--name', 'Render farm');
    const args = ['add-subscription', '--org', org.orgId, '--product', 'render', '--seats', '3', '--expires'];
    const wrongKind = await seatkeeper(...args, '2099-12-31', '--kind', 'shared');
    expect(wrongKind.stderr).toContain('--kind must be named or floating');
    const told = await seatkeeper(...args, '2099-12-31', '--kind', 'floating');
    expect(told.stdout).toContain('a floating pool of 3 concurrent seats of render');
    const pool = JSON.parse((await seatkeeper(...args, '2099-11-30', '--kind', 'floating', '--json')).stdout);
    expect(pool).toMatchObject({ kind: 'floating', seats: 3 });
    expect(JSON.parse((await seatkeeper(...args, '2099-11-30', '--json')).stdout)).toMatchObject({ kind: 'named' });

    // Two devices run the app on the pool now (what two app sign-ins leave behind).
    const database = openDatabase({ kind: 'sqlite', file: path.join(dataDir, 'seatkeeper.sqlite') });
    await database.db.updateTable('subscriptions').set({ leased: 2 }).where('id', '=', pool.subscriptionId).execute();
    await database.close();
    const refused = await seatkeeper('set-seats', '--id', pool.subscriptionId, '--seats', '1');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('2 seats of this floating pool are in use now; release 1');
    const grown = await seatkeeper('set-seats', '--id', pool.subscriptionId, '--seats', '5', '--json');
    expect(JSON.parse(grown.stdout)).toMatchObject({ kind: 'floating', seats: 5, inUse: 2 });

    const listed = await withServer(async (app) => {
      const login = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: 'pat@pooling.example', password: 'a long enough secret' },
      });
      const cookie = login.cookies.find((entry) => entry.name === 'sk_session');
      return (
        await app.inject({ url: '/api/v1/subscriptions', headers: { cookie: `sk_session=${cookie?.value}` } })
      ).json();
    });
    expect(listed.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: pool.subscriptionId, kind: 'floating', seats: 5, inUse: 2 }),
      ]),
    );
  });

  it('recovers an organization: set-role keeps an owner who can sign in, password-link lets someone set a password', async () => {
    const WES = { email: 'wes@umbrella.example', password: 'a long enough secret' };
    const ADA = { email: 'ada@umbrella.example', password: 'ada first lantern path' };
    const created = await seatkeeper(
      'create-org',
      '--name',
      'Umbrella',
      '--owner-email',
      WES.email,
      '--owner-password',
      WES.password,
    );
    expect(created.code).toBe(0);
    // Wes invites Ada (a member who sets her password) and Pat (an owner who never does).
    const adaSession = await withServer(async (app) => {
      const wes = await signIn(app, WES.email, WES.password);
      const invite = async (email: string, role: string) =>
        (
          await app.inject({
            method: 'POST',
            url: '/api/v1/users',
            headers: as(wes),
            payload: { email, name: email.split('@')[0], role },
          })
        ).json();
      const ada = await invite(ADA.email, 'member');
      await invite('pat@umbrella.example', 'owner');
      expect((await acceptLink(app, ada.invitation.url, ADA.password)).statusCode).toBe(200);
      return signIn(app, ADA.email, ADA.password);
    });

    // Pat's invitation is pending: Wes is the only owner who can sign in.
    const refused = await seatkeeper('set-role', '--email', WES.email, '--role', 'member');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Make another user an owner first');

    const promoted = await seatkeeper('set-role', '--email', 'ada@umbrella.example', '--role', 'owner');
    expect(promoted.code).toBe(0);
    expect(promoted.stdout).toContain('ada@umbrella.example');
    expect(promoted.stdout).toContain('is now an owner');
    const demoted = await seatkeeper('set-role', '--email', WES.email, '--role', 'member', '--json');
    expect(JSON.parse(demoted.stdout)).toMatchObject({ email: WES.email, role: 'member', canSignIn: true });

    // Ada lost her password: a password-reset link sets a new one and ends her sessions; she then signs in.
    const link = await seatkeeper('password-link', '--email', 'ada@umbrella.example');
    expect(link.code).toBe(0);
    expect(link.stdout).toMatch(/works once, until \d{4}-\d\d-\d\dT[\d:.]+Z/);
    const url = link.stdout.trim().split('\n').at(-1) ?? '';
    expect(url).toMatch(new RegExp(`^${PUBLIC_URL}/reset-password/[\\w-]{20,}$`));
    await withServer(async (app) => {
      const reset = (password: string) =>
        app.inject({
          method: 'POST',
          url: `/api/v1/auth/password-reset/${url.slice(`${PUBLIC_URL}/reset-password/`.length)}`,
          payload: { password },
        });
      expect((await app.inject({ url: '/api/v1/me', headers: as(adaSession) })).statusCode).toBe(200);
      expect((await reset('ada second lantern path')).statusCode).toBe(204);
      expect((await app.inject({ url: '/api/v1/me', headers: as(adaSession) })).statusCode).toBe(401);
      expect((await reset('ada third lantern path')).statusCode).toBe(404);
      await expect(signIn(app, ADA.email, ADA.password)).rejects.toThrow(/401/);
      const ada = await signIn(app, ADA.email, 'ada second lantern path');
      const me = await app.inject({ url: '/api/v1/me', headers: as(ada) });
      expect(me.json().user.role).toBe('owner');
    });

    // Pat never set a password: the link is their invitation again, promoted or not.
    const patLink = JSON.parse((await seatkeeper('password-link', '--email', 'pat@umbrella.example', '--json')).stdout);
    expect(patLink).toMatchObject({
      email: 'pat@umbrella.example',
      reset: false,
      url: expect.stringContaining('/invite/'),
    });
    const patOwner = await seatkeeper('set-role', '--email', 'pat@umbrella.example', '--role', 'owner');
    expect(patOwner.stdout).toContain('cannot sign in yet');

    expect((await seatkeeper('set-role', '--email', 'nobody@umbrella.example', '--role', 'owner')).stderr).toContain(
      'No user has the email nobody@umbrella.example',
    );
    expect((await seatkeeper('set-role', '--email', WES.email, '--role', 'admin')).stderr).toContain(
      '--role must be owner or member',
    );
    expect((await seatkeeper('password-link')).stderr).toContain('password-link needs --email');
    const help = (await seatkeeper('help')).stdout;
    expect(help).toContain('set-role --email E --role owner|member');
    expect(help).toContain('password-link --email E');
  });

  it('explains bad use instead of crashing', async () => {
    const missing = await seatkeeper('create-org', '--name', 'X');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('--owner-email, --owner-password');
    const weak = await seatkeeper(
      'create-org',
      '--name',
      'X',
      '--owner-email',
      'x@x.example',
      '--owner-password',
      'short',
    );
    expect(weak.stderr).toContain('at least 8 characters');
    const named = await seatkeeper(
      'create-org',
      '--name',
      'Hooli',
      '--owner-email',
      'gavin@hooli.example',
      '--owner-password',
      'Hooli2026!',
    );
    expect(named.code).toBe(1);
    expect(named.stderr).toContain("too close to your organization's name");
    const taken = await seatkeeper(
      'create-org',
      '--name',
      'Again',
      '--owner-email',
      'hank@globex.example',
      '--owner-password',
      'a long enough secret',
    );
    expect(taken.stderr).toContain('already has an account');
    const badConfig = await run(process.execPath, ['bin/seatkeeper.js', 'migrate'], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: 'mysql://nope' },
    }).catch((error: { stderr: string }) => error);
    expect(badConfig.stderr).toContain('Configuration error: DATABASE_URL');
    expect((await seatkeeper('frobnicate')).stderr).toContain('Unknown command "frobnicate"');
  });
});
