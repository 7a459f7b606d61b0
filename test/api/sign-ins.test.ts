import { Migrator, sql } from 'kysely';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../src/server/db/migrate.ts';
import { migrations } from '../../src/server/db/migrations/index.ts';
import { insertSignInAttempts, type NewSignInAttempt } from '../../src/server/features/activity/activity.repository.ts';
import { assignSeat, createMember, createSubscription, MEMBER_PASSWORD, startAppSession } from '../helpers/licenses.ts';
import { postgresAvailable } from '../helpers/postgres.ts';
import { openScratchDatabase } from '../helpers/scratch-database.ts';
import { as, type Session, signIn } from '../helpers/session.ts';
import { createOrgWithOwner, describeEachDatabase } from '../helpers/test-app.ts';

const LONDON = {
  country_code: 'GB',
  country: 'United Kingdom',
  region: 'England',
  city: 'London',
  latitude: 51.5142,
  longitude: -0.0931,
};
const LINKOPING = {
  country_code: 'SE',
  country: 'Sweden',
  region: 'Östergötland County',
  city: 'Linköping',
  latitude: 58.4167,
  longitude: 15.6167,
};
const MILTON = {
  country_code: 'US',
  country: 'United States',
  region: 'Washington',
  city: 'Milton',
  latitude: 47.2513,
  longitude: -122.3149,
};

/** The fixture's rows are in October 2025, an hour apart; every listing below is limited to it. */
const BASE = Date.parse('2025-10-01T00:00:00Z');
const HOUR = 3_600_000;
const WINDOW = 'from=2025-10-01T00:00:00Z&to=2025-11-01T00:00:00Z';

type Label = `r${number}` | 'b1';

function attempt(
  label: Label,
  hour: number,
  who: { orgId: string | null; userId: string | null; email: string },
  ip: string,
  extra: Partial<NewSignInAttempt> = {},
): NewSignInAttempt {
  return {
    org_id: who.orgId,
    user_id: who.userId,
    email: who.email,
    occurred_at: BASE + hour * HOUR,
    outcome: 'success',
    failure_reason: null,
    client: 'console',
    app_key: null,
    app_version: null,
    ip,
    country_code: null,
    country: null,
    region: null,
    city: null,
    latitude: null,
    longitude: null,
    asn: null,
    as_organization: null,
    device_type: 'desktop',
    os: 'Windows',
    os_version: '10',
    browser: 'Chrome',
    browser_version: '130',
    device_id: null,
    device_name: null,
    // The label travels in the user agent, so each answer says which fixture rows it holds.
    user_agent: `label:${label}`,
    risk: '[]',
    ...extra,
  };
}

interface Item {
  id: string;
  occurredAt: string;
  userAgent: string | null;
  email: string;
  user: { id: string; name: string } | null;
}

describeEachDatabase('the sign-in log', (ctx) => {
  let owner: Session;
  let otherOwner: Session;
  let member: Session;
  let dana: { id: string; email: string };
  let eli: { id: string; email: string };
  let orgId: string;
  const ids = new Map<Label, string>();

  const get = (session: Session, url: string) => ctx().app.inject({ url, headers: as(session) });
  const labels = async (query: string, session = owner) => {
    const response = await get(session, `/api/v1/sign-ins?${WINDOW}&${query}`);
    expect(response.statusCode, `${query}: ${response.body}`).toBe(200);
    const labelOf = new Map([...ids].map(([label, id]) => [id, label]));
    return (response.json().items as Item[]).map((item) => labelOf.get(item.id) ?? item.id);
  };

  beforeAll(async () => {
    const org = await createOrgWithOwner(ctx(), 'Northwind');
    orgId = org.orgId;
    owner = await signIn(ctx().app, org.email, org.password);
    dana = await createMember(ctx(), owner, 'Dana');
    eli = await createMember(ctx(), owner, 'Eli');
    member = await signIn(ctx().app, eli.email, MEMBER_PASSWORD);
    const other = await createOrgWithOwner(ctx(), 'Elsewhere');
    otherOwner = await signIn(ctx().app, other.email, other.password);

    const d = { orgId: org.orgId, userId: dana.id, email: dana.email };
    const e = { orgId: org.orgId, userId: eli.id, email: eli.email };
    const failed = (reason: string) => ({ outcome: 'failure' as const, failure_reason: reason });
    const rows: [Label, NewSignInAttempt][] = [
      ['r1', attempt('r1', 0, d, '203.0.113.5', LONDON)],
      ['r2', attempt('r2', 1, d, '203.0.113.250', { ...LONDON, ...failed('invalid_password') })],
      [
        'r3',
        attempt('r3', 2, e, '203.0.114.1', {
          ...LINKOPING,
          client: 'app',
          app_key: 'designer',
          device_type: 'tablet',
          device_id: 'tab-1',
        }),
      ],
      ['r4', attempt('r4', 3, e, '203.0.112.255', { ...failed('throttled'), device_type: 'mobile' })],
      ['r5', attempt('r5', 4, d, '2001:db8:abcd:1::1', LINKOPING)],
      ['r6', attempt('r6', 5, e, '2001:db8:abcd:ffff:ffff:ffff:ffff:ffff', { ...MILTON, device_type: 'mobile' })],
      ['r7', attempt('r7', 6, d, '2001:db8:abce::1', { ...failed('invalid_password'), device_type: 'bot' })],
      ['r8', attempt('r8', 7, e, '2001:db8:abcc:ffff::1')],
      // An unknown account: stored without an organization, so in nobody's log.
      ['r9', attempt('r9', 8, { orgId: null, userId: null, email: 'nobody@example.com' }, '203.0.113.9')],
      [
        'r10',
        attempt('r10', 9, d, '203.0.113.5', { ...LONDON, client: 'app', app_key: 'viewer', ...failed('no_license') }),
      ],
      ['r11', attempt('r11', 10, d, '198.51.100.1', { ...LONDON, user_agent: '=cmd|"/c calc"!A1' })],
      ['b1', attempt('b1', 2, { orgId: other.orgId, userId: other.ownerId, email: other.email }, '203.0.113.7')],
    ];
    await insertSignInAttempts(
      ctx().deps.database.db,
      rows.map(([, row]) => row),
    );
    const stored = await ctx()
      .deps.database.db.selectFrom('sign_in_attempts')
      .select(['id', 'user_agent'])
      .where('user_agent', 'like', 'label:%')
      .execute();
    for (const row of stored) ids.set(row.user_agent?.replace('label:', '') as Label, String(row.id));
    // r11's agent is a formula, not a label.
    const r11 = await ctx()
      .deps.database.db.selectFrom('sign_in_attempts')
      .select('id')
      .where('user_agent', '=', '=cmd|"/c calc"!A1')
      .executeTakeFirstOrThrow();
    ids.set('r11', String(r11.id));
  });

  it('lists every attempt of the organization, newest first, with its account', async () => {
    const response = await get(owner, `/api/v1/sign-ins?${WINDOW}`);
    expect(response.statusCode).toBe(200);
    const items = response.json().items as Item[];
    expect(items.map((item) => item.id)).toEqual(
      ['r11', 'r10', 'r8', 'r7', 'r6', 'r5', 'r4', 'r3', 'r2', 'r1'].map((label) => ids.get(label as Label)),
    );
    expect(items.at(-1)).toMatchObject({
      email: dana.email,
      user: { id: dana.id, name: 'Dana', email: dana.email, status: 'active' },
      ip: '203.0.113.5',
      client: 'console',
      outcome: 'success',
      location: { countryCode: 'GB', city: 'London', latitude: 51.5142 },
      device: { type: 'desktop', os: 'Windows', browser: 'Chrome' },
      risk: [],
    });
    expect(items[1]).toMatchObject({
      outcome: 'failure',
      failureReason: 'no_license',
      client: 'app',
      device: { app: 'viewer' },
    });
  });

  it('narrows by user, outcome, failure reason, app, country, device type and time', async () => {
    expect(await labels(`user=${dana.id}`)).toEqual(['r11', 'r10', 'r7', 'r5', 'r2', 'r1']);
    expect(await labels('outcome=failure')).toEqual(['r10', 'r7', 'r4', 'r2']);
    expect(await labels('outcome=success')).toEqual(['r11', 'r8', 'r6', 'r5', 'r3', 'r1']);
    expect(await labels('failureReason=throttled')).toEqual(['r4']);
    expect(await labels('app=designer')).toEqual(['r3']);
    expect(await labels('app=console')).toEqual(['r11', 'r8', 'r7', 'r6', 'r5', 'r4', 'r2', 'r1']);
    expect(await labels('app=nothing-by-this-key')).toEqual([]);
    expect(await labels('country=se')).toEqual(['r5', 'r3']);
    expect(await labels('deviceType=mobile')).toEqual(['r6', 'r4']);
    expect(await labels('deviceType=bot')).toEqual(['r7']);
    const range = await get(owner, '/api/v1/sign-ins?from=2025-10-01T04:00:00Z&to=2025-10-01T07:00:00Z');
    expect((range.json().items as Item[]).map((item) => item.id)).toEqual([
      ids.get('r7'),
      ids.get('r6'),
      ids.get('r5'),
    ]);
    expect(await labels(`user=${dana.id}&outcome=failure&ip=203.0.113.0/24`)).toEqual(['r10', 'r2']);
  });

  it('narrows by one address, in any spelling', async () => {
    expect(await labels('ip=203.0.113.5')).toEqual(['r10', 'r1']);
    expect(await labels('ip=%3A%3Affff%3A203.0.113.5')).toEqual(['r10', 'r1']);
    expect(await labels('ip=2001:DB8:ABCD:1:0:0:0:1')).toEqual(['r5']);
    expect(await labels('ip=203.0.113.6')).toEqual([]);
  });

  it('narrows by an IPv4 /24 and an IPv6 /48, and not a neighbour more', async () => {
    // 203.0.112.255 and 203.0.114.1 sit just outside; .9 is an unknown account's, .7 another organization's.
    expect(await labels('ip=203.0.113.0/24')).toEqual(['r10', 'r2', 'r1']);
    expect(await labels('ip=203.0.113.77/24')).toEqual(['r10', 'r2', 'r1']);
    expect(await labels('ip=203.0.113.0/25')).toEqual(['r10', 'r1']);
    expect(await labels('ip=203.0.112.0/23')).toEqual(['r10', 'r4', 'r2', 'r1']);
    // 2001:db8:abcc:ffff::1 and 2001:db8:abce::1 sit just outside; the last address of the /48 is in.
    expect(await labels('ip=2001:db8:abcd::/48')).toEqual(['r6', 'r5']);
    expect(await labels('ip=2001:db8::/32')).toEqual(['r8', 'r7', 'r6', 'r5']);
    expect(await labels('ip=0.0.0.0/0')).toEqual(['r11', 'r10', 'r4', 'r3', 'r2', 'r1']);
    expect(await labels('ip=::/0')).toHaveLength(10);
    expect(await labels('ip=198.51.100.1/32')).toEqual(['r11']);
  });

  it('refuses an address or network it cannot read with a 400 that says why', async () => {
    const cases: [ip: string, says: string][] = [
      ['300.1.2.3', 'not an IPv4 address'],
      ['127.1', 'not an IPv4 address'],
      ['banana', 'not an IPv4 or IPv6 address'],
      ['', 'is empty'],
      [' ', 'is empty'],
      ['203.0.113.0/33', 'use 0 to 32'],
      ['2001:db8::/129', 'use 0 to 128'],
      ['10.0.0.0/x', 'not a prefix length'],
      ['10.0.0.0/-1', 'not a prefix length'],
      ['10.0.0.0/', 'not a prefix length'],
      ['fe80::1%eth0', 'not an IPv4 or IPv6 address'],
    ];
    for (const [ip, says] of cases) {
      const response = await get(owner, `/api/v1/sign-ins?ip=${encodeURIComponent(ip)}`);
      expect(response.statusCode, ip).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json(), ip).toMatchObject({ code: 'invalid-ip-filter', detail: expect.stringContaining(says) });
    }
  });

  it('pages through more than one page: every row exactly once, newest first, ties broken by id', async () => {
    const db = ctx().deps.database.db;
    const pager = await createMember(ctx(), owner, 'Pager');
    const september = Date.parse('2025-09-01T00:00:00Z');
    await insertSignInAttempts(
      db,
      Array.from({ length: 25 }, (_, index) => ({
        ...attempt('r0', 0, { orgId, userId: pager.id, email: pager.email }, `192.0.2.${index}`),
        // Three rows share each millisecond: only the id orders them.
        occurred_at: september + Math.floor(index / 3) * 1000,
        user_agent: `page:${index}`,
      })),
    );
    for (const filter of [`user=${pager.id}`, 'ip=192.0.2.0/24', '']) {
      const seen: Item[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const url: string = `/api/v1/sign-ins?from=2025-09-01T00:00:00Z&to=2025-10-01T00:00:00Z&limit=7&${filter}${cursor ? `&cursor=${cursor}` : ''}`;
        const body = (await get(owner, url)).json();
        seen.push(...body.items);
        cursor = body.nextCursor;
        pages += 1;
      } while (cursor);
      expect(pages, filter).toBe(4);
      expect(
        seen.map((item) => item.userAgent),
        filter,
      ).toEqual(Array.from({ length: 25 }, (_, index) => `page:${24 - index}`));
      const keys = seen.map((item) => [Date.parse(item.occurredAt), Number(item.id)] as const);
      for (let index = 1; index < keys.length; index += 1) {
        const [at, id] = keys[index]!;
        const [previousAt, previousId] = keys[index - 1]!;
        expect(at < previousAt || (at === previousAt && id < previousId), filter).toBe(true);
      }
    }
  });

  it('keeps each organization to its own log', async () => {
    const theirs = await get(otherOwner, `/api/v1/sign-ins?${WINDOW}`);
    expect((theirs.json().items as Item[]).map((item) => item.id)).toEqual([ids.get('b1')]);
    expect(await labels('ip=203.0.113.0/24', otherOwner)).toEqual(['b1']);
    expect(await labels(`user=${dana.id}`, otherOwner)).toEqual([]);
    for (const url of [`/api/v1/sign-ins/${ids.get('r1')}`, `/api/v1/users/${dana.id}/places`]) {
      const response = await get(otherOwner, url);
      expect(response.statusCode, url).toBe(404);
      expect(response.json()).toMatchObject({ code: 'not-found' });
    }
    const mine = await get(owner, `/api/v1/sign-ins/${ids.get('b1')}`);
    expect(mine.statusCode).toBe(404);
    const unknownAccount = await get(owner, `/api/v1/sign-ins/${ids.get('r9')}`);
    expect(unknownAccount.statusCode).toBe(404);
  });

  it('answers members 403 and strangers 401', async () => {
    for (const url of ['/api/v1/sign-ins', `/api/v1/sign-ins/${ids.get('r1')}`, `/api/v1/users/${dana.id}/places`]) {
      const asMember = await get(member, url);
      expect(asMember.statusCode, url).toBe(403);
      expect(asMember.json()).toMatchObject({ code: 'forbidden' });
      expect((await ctx().app.inject({ url })).statusCode, url).toBe(401);
    }
  });

  it('answers an id that names no sign-in with 404, however it is spelled', async () => {
    for (const id of ['0', '99999999999999999999', '999999999999999', 'abc', '1e3', '-1', `${ids.get('r1')}.0`]) {
      const response = await get(owner, `/api/v1/sign-ins/${encodeURIComponent(id)}`);
      expect(response.statusCode, id).toBe(404);
      expect(response.json(), id).toMatchObject({ code: 'not-found' });
    }
  });

  it('exports every matching row as CSV named after its range, formulas neutralised', async () => {
    const response = await get(owner, `/api/v1/sign-ins?${WINDOW}&format=csv&tz=Australia/Sydney`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    // The range's days in the viewer's zone: midnight UTC is 10:00 or 11:00 in Sydney, the same day.
    expect(response.headers['content-disposition']).toBe(
      'attachment; filename="sign-ins-2025-10-01-to-2025-11-01.csv"',
    );
    const lines = response.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(
      'time_utc,time_local (Australia/Sydney),id,email,user_id,user_name,user_status,outcome,failure_reason,client,' +
        'method,second_factor,step_reason,app,app_version,ip,country_code,country,region,city,latitude,longitude,asn,as_organization,device_type,os,' +
        'os_version,browser,browser_version,device_id,device_name,risk,user_agent',
    );
    expect(lines).toHaveLength(11);
    expect(lines[1]).toMatch(/^2025-10-01T10:00:00\.000Z,2025-10-01 20:00:00,\d+,/);
    expect(lines[1]).toContain(`"'=cmd|""/c calc""!A1"`);
    expect(lines.at(-1)).toContain(
      `,${dana.email},${dana.id},Dana,active,success,,console,password,,,,,203.0.113.5,GB,`,
    );

    const filtered = await get(owner, `/api/v1/sign-ins?ip=2001:db8:abcd::/48&format=csv&to=2025-11-01T00:00:00Z`);
    expect(filtered.headers['content-disposition']).toBe('attachment; filename="sign-ins-until-2025-11-01.csv"');
    expect(filtered.body.trim().split('\r\n')).toHaveLength(3);
  });

  it('describes one sign-in: the previous one, how far and how fast, and its address’s count', async () => {
    const detail = async (label: Label) => {
      const response = await get(owner, `/api/v1/sign-ins/${ids.get(label)}`);
      expect(response.statusCode).toBe(200);
      return response.json();
    };
    // r5 (Linköping) came 3 hours after r2 (London, failed): ~1,258 km at ~419 km/h.
    const r5 = await detail('r5');
    expect(r5.signIn).toMatchObject({ id: ids.get('r5'), ip: '2001:db8:abcd:1::1', location: { city: 'Linköping' } });
    expect(r5.previous.signIn).toMatchObject({ id: ids.get('r2'), outcome: 'failure' });
    expect(r5.previous.distanceKm).toBeCloseTo(1257.7, 0);
    expect(r5.previous.elapsedSeconds).toBe(3 * 3600);
    expect(r5.previous.speedKmh).toBeCloseTo(1257.7 / 3, 0);
    expect(r5.sameAddressCount).toBe(1);
    expect(r5.appSession).toBeNull();
    // The first sign-in has none before it; an unknown place gives no distance and no speed.
    expect((await detail('r1')).previous).toBeNull();
    const r10 = await detail('r10');
    expect(r10.previous).toMatchObject({ distanceKm: null, speedKmh: null, elapsedSeconds: 3 * 3600 });
    expect(r10.previous.signIn.id).toBe(ids.get('r7'));
    expect(r10.sameAddressCount).toBe(2);
  });

  it('links an app sign-in to the app session it opened, by device', async () => {
    const { productKey, subscriptionId } = await createSubscription(ctx(), orgId, { seats: 3 });
    expect((await assignSeat(ctx(), owner, subscriptionId, dana.id)).statusCode).toBe(201);
    for (const id of ['laptop-1', 'laptop-2']) {
      const response = await startAppSession(
        ctx(),
        {
          email: dana.email,
          password: MEMBER_PASSWORD,
          appKey: productKey,
          device: { id, name: id, os: 'macOS', osVersion: '15' },
        },
        '81.2.69.142',
      );
      expect(response.statusCode).toBe(201);
    }
    const latest = (await get(owner, `/api/v1/sign-ins?user=${dana.id}&app=${productKey}`)).json().items as (Item & {
      device: { deviceId: string };
    })[];
    expect(latest.map((item) => item.device.deviceId)).toEqual(['laptop-2', 'laptop-1']);
    const sessions = [];
    for (const item of latest) {
      const detail = (await get(owner, `/api/v1/sign-ins/${item.id}`)).json();
      expect(detail.appSession).toMatchObject({ app: productKey, active: true, endedAt: null, endReason: null });
      expect(Date.parse(detail.appSession.startedAt)).toBe(Date.parse(item.occurredAt));
      sessions.push(detail.appSession.id);
      // Recorded through the real sign-in path: the address key is there, a /24 finds it.
      expect(detail.signIn.location).toMatchObject({ city: 'London' });
    }
    expect(new Set(sessions).size).toBe(2);
    expect(await idsOf(`ip=81.2.69.0/24&user=${dana.id}`)).toEqual(latest.map((item) => item.id));
    // A console sign-in opens no app session.
    const viaConsole = (await get(owner, `/api/v1/sign-ins?app=console&user=${eli.id}&limit=1`)).json().items[0];
    expect((await get(owner, `/api/v1/sign-ins/${viaConsole.id}`)).json().appSession).toBeNull();
  });

  it('finds sign-ins recorded through the API by IPv6 network', async () => {
    const response = await ctx().app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: eli.email, password: 'not the password at all' },
      remoteAddress: '2001:db8:77:1::5',
    });
    expect(response.statusCode).toBe(401);
    const found = (await get(owner, '/api/v1/sign-ins?ip=2001:db8:77::/48')).json().items as Item[];
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ email: eli.email, outcome: 'failure', failureReason: 'invalid_password' });
  });

  it('groups a user’s successful sign-ins by place, most used first', async () => {
    const response = await get(owner, `/api/v1/users/${dana.id}/places`);
    expect(response.statusCode).toBe(200);
    const items = response.json().items;
    // London: r1 and r11 (r2 and r10 failed) and the two app sign-ins above; Linköping: r5.
    expect(items).toEqual([
      expect.objectContaining({ countryCode: 'GB', city: 'London', latitude: 51.5142, longitude: -0.0931, count: 4 }),
      {
        countryCode: 'SE',
        country: 'Sweden',
        region: 'Östergötland County',
        city: 'Linköping',
        latitude: 58.4167,
        longitude: 15.6167,
        count: 1,
        lastAt: '2025-10-01T04:00:00.000Z',
      },
    ]);
    const eliPlaces = (await get(member, '/api/v1/me/places')).json().items;
    expect(eliPlaces.map((place: { city: string; count: number }) => [place.city, place.count])).toEqual([
      ['Milton', 1],
      ['Linköping', 1],
    ]);
  });

  async function idsOf(query: string) {
    return ((await get(owner, `/api/v1/sign-ins?${query}`)).json().items as Item[]).map((item) => item.id);
  }
});

for (const kind of ['sqlite', 'postgres'] as const) {
  const describeIt = kind === 'postgres' && !postgresAvailable ? describe.skip : describe;
  describeIt(`migration 0008 keys the addresses already stored [${kind}]`, () => {
    let cleanup: (() => Promise<void>) | undefined;
    afterEach(async () => {
      await cleanup?.();
      cleanup = undefined;
    });

    it('fills ip_key for every stored address, and none for text that is no address', async () => {
      const scratch = await openScratchDatabase(kind);
      cleanup = scratch.cleanup;
      const db = scratch.database.db;
      const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
      const { error } = await migrator.migrateTo('0007_report_rebuilds');
      if (error) throw error;
      const addresses = ['81.2.69.142', '2001:db8:abcd::1', '10.0.0.1', 'unknown'];
      for (const [index, ip] of [...addresses, '81.2.69.142'].entries()) {
        await sql`insert into sign_in_attempts (org_id, user_id, email, occurred_at, outcome, client, ip, device_type)
          values ('org', 'user', 'someone@example.com', ${BASE + index}, 'success', 'console', ${ip}, 'desktop')`.execute(
          db,
        );
      }
      await migrateToLatest(db);
      const rows = await db.selectFrom('sign_in_attempts').select(['ip', 'ip_key']).orderBy('occurred_at').execute();
      expect(rows).toEqual([
        { ip: '81.2.69.142', ip_key: '00000000000000000000ffff5102458e' },
        { ip: '2001:db8:abcd::1', ip_key: '20010db8abcd00000000000000000001' },
        { ip: '10.0.0.1', ip_key: '00000000000000000000ffff0a000001' },
        { ip: 'unknown', ip_key: null },
        { ip: '81.2.69.142', ip_key: '00000000000000000000ffff5102458e' },
      ]);
      // And back down: the column and the indexes go, the old index returns.
      await migrator.migrateTo('0007_report_rebuilds');
      await expect(sql`select ip_key from sign_in_attempts`.execute(db)).rejects.toThrow();
    });
  });
}
