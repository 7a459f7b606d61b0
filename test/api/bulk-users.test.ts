import { Migrator } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../src/server/db/migrate.ts';
import { migrations } from '../../src/server/db/migrations/index.ts';
import { insertAssignment } from '../../src/server/features/licenses/index.ts';
import { insertOrganization } from '../../src/server/features/organizations/organizations.repository.ts';
import { insertProduct } from '../../src/server/features/products/products.repository.ts';
import { insertUsers, newUserRow } from '../../src/server/features/users/users.repository.ts';
import { DAY_MS } from '../../src/server/lib/time.ts';
import { assignSeat, createMember, createSubscription, MEMBER_PASSWORD } from '../helpers/licenses.ts';
import { postgresAvailable } from '../helpers/postgres.ts';
import { openScratchDatabase } from '../helpers/scratch-database.ts';
import { as, type Session, signIn } from '../helpers/session.ts';
import { createOrgWithOwner, describeEachDatabase, type TestContext, uniqueEmail } from '../helpers/test-app.ts';

function post(context: TestContext, session: Session, url: string, payload: unknown) {
  return context.app.inject({ method: 'POST', url, headers: as(session), payload: payload as object });
}

async function subscriptionOf(context: TestContext, session: Session, id: string) {
  return (await context.app.inject({ url: `/api/v1/subscriptions/${id}`, headers: as(session) })).json() as {
    seats: number;
    assigned: number;
    available: number;
  };
}

async function holdersOf(context: TestContext, session: Session, id: string): Promise<string[]> {
  const answer = await context.app.inject({ url: `/api/v1/subscriptions/${id}/assignments`, headers: as(session) });
  return (answer.json().items as { user: { id: string } }[]).map((item) => item.user.id).sort();
}

/** `count` members who never signed in, inserted at once (no invitation needed for seat tests). */
async function insertMembers(context: TestContext, orgId: string, count: number, prefix = 'Bulk'): Promise<string[]> {
  const rows = Array.from({ length: count }, (_, index) =>
    newUserRow({
      orgId,
      email: uniqueEmail('bulk'),
      name: `${prefix} ${String(index).padStart(3, '0')}`,
      role: 'member',
      passwordHash: null,
      now: context.deps.now(),
    }),
  );
  await insertUsers(context.deps.database.db, rows);
  return rows.map((row) => row.id);
}

describeEachDatabase('bulk actions on users', (ctx) => {
  it('lists each user with the seats they hold, and filters on last activity', async () => {
    const org = await createOrgWithOwner(ctx(), 'Columns');
    const owner = await signIn(ctx().app, org.email, org.password);
    const designer = await createSubscription(ctx(), org.orgId, { seats: 5, name: 'Designer' });
    const viewer = await createSubscription(ctx(), org.orgId, { seats: 5, name: 'Viewer' });
    const member = await createMember(ctx(), owner, 'Mona Member');
    const idle = await createMember(ctx(), owner, 'Ida Idle');
    await assignSeat(ctx(), owner, viewer.subscriptionId, member.id);
    await assignSeat(ctx(), owner, designer.subscriptionId, member.id);
    const list = (await ctx().app.inject({ url: '/api/v1/users?sort=name&order=asc', headers: as(owner) })).json();
    const byName = Object.fromEntries(list.items.map((item: { name: string }) => [item.name, item]));
    expect(byName['Mona Member'].licenses).toEqual([
      {
        subscriptionId: designer.subscriptionId,
        product: { key: designer.productKey, name: 'Designer' },
        expired: false,
      },
      { subscriptionId: viewer.subscriptionId, product: { key: viewer.productKey, name: 'Viewer' }, expired: false },
    ]);
    expect(byName['Ida Idle'].licenses).toEqual([]);

    // Everyone here has signed in just now (createMember accepts the invitation); move the clock a month on.
    ctx().clock.offsetMs = 31 * DAY_MS;
    try {
      await signIn(ctx().app, member.email, MEMBER_PASSWORD);
      const later = await signIn(ctx().app, org.email, org.password);
      const bound = new Date(ctx().deps.now() - 30 * DAY_MS).toISOString();
      const inactive = await ctx().app.inject({
        url: `/api/v1/users?lastActiveBefore=${encodeURIComponent(bound)}&sort=name&order=asc`,
        headers: as(later),
      });
      expect(inactive.statusCode).toBe(200);
      const names = inactive.json().items.map((item: { name: string }) => item.name);
      expect(names).toContain('Ida Idle');
      expect(names).not.toContain('Mona Member');
      // A user who never signed in nor used an app counts as inactive.
      const [neverActive] = await insertMembers(ctx(), org.orgId, 1, 'Never Active');
      const again = await ctx().app.inject({
        url: `/api/v1/users?lastActiveBefore=${encodeURIComponent(bound)}&query=never`,
        headers: as(later),
      });
      expect(again.json().items.map((item: { id: string }) => item.id)).toEqual([neverActive]);
      expect(idle.id).toBeTruthy();
    } finally {
      ctx().clock.offsetMs = 0;
    }
    const bad = await ctx().app.inject({ url: '/api/v1/users?lastActiveBefore=yesterday', headers: as(owner) });
    expect(bad.statusCode).toBe(400);
  });

  it('assigns a seat to every selected user, skipping holders, and reports both', async () => {
    const org = await createOrgWithOwner(ctx(), 'Assigners');
    const owner = await signIn(ctx().app, org.email, org.password);
    const { subscriptionId, productKey } = await createSubscription(ctx(), org.orgId, { seats: 4, name: 'Studio' });
    const ids = await insertMembers(ctx(), org.orgId, 3);
    await assignSeat(ctx(), owner, subscriptionId, ids[0]!);
    const answer = await post(ctx(), owner, '/api/v1/users/bulk/assign-seat', { userIds: ids, subscriptionId });
    expect(answer.statusCode).toBe(200);
    expect(answer.json()).toEqual({
      subscriptionId,
      product: { key: productKey, name: 'Studio' },
      assigned: [ids[1], ids[2]],
      alreadyHeld: [ids[0]],
      seatsAvailable: 1,
    });
    expect(await holdersOf(ctx(), owner, subscriptionId)).toEqual([...ids].sort());
    expect(await subscriptionOf(ctx(), owner, subscriptionId)).toMatchObject({ assigned: 3, available: 1 });
  });

  it('assigns nothing when fewer seats are free than the selection needs, or one of them is deactivated', async () => {
    const org = await createOrgWithOwner(ctx(), 'Short');
    const owner = await signIn(ctx().app, org.email, org.password);
    const { subscriptionId } = await createSubscription(ctx(), org.orgId, { seats: 3, name: 'Studio' });
    const ids = await insertMembers(ctx(), org.orgId, 4);
    await assignSeat(ctx(), owner, subscriptionId, ids[0]!);

    // Three need a seat, two are free.
    const short = await post(ctx(), owner, '/api/v1/users/bulk/assign-seat', { userIds: ids, subscriptionId });
    expect(short.statusCode).toBe(409);
    expect(short.json()).toMatchObject({ code: 'not-enough-seats' });
    expect(short.json().detail).toContain('3 of the selected users need a seat of Studio, but only 2 of its 3 seats');
    expect(await holdersOf(ctx(), owner, subscriptionId)).toEqual([ids[0]]);
    expect(await subscriptionOf(ctx(), owner, subscriptionId)).toMatchObject({ assigned: 1 });

    const deactivated = await post(ctx(), owner, `/api/v1/users/${ids[3]}/deactivate`, { reason: 'left_organization' });
    expect(deactivated.statusCode).toBe(200);
    const withDeactivated = await post(ctx(), owner, '/api/v1/users/bulk/assign-seat', {
      userIds: [ids[1], ids[3]],
      subscriptionId,
    });
    expect(withDeactivated.statusCode).toBe(409);
    expect(withDeactivated.json()).toMatchObject({ code: 'user-deactivated' });
    expect(withDeactivated.json().detail).toContain('Bulk 003 is deactivated');
    expect(await holdersOf(ctx(), owner, subscriptionId)).toEqual([ids[0]]);

    const expired = await createSubscription(ctx(), org.orgId, { seats: 3, expiresInDays: -1 });
    const late = await post(ctx(), owner, '/api/v1/users/bulk/assign-seat', {
      userIds: [ids[1]],
      subscriptionId: expired.subscriptionId,
    });
    expect(late.json()).toMatchObject({ status: 409, code: 'subscription-expired' });
  });

  it('refuses duplicates, unknown ids, other organizations’ ids and oversized selections, changing nothing', async () => {
    const ours = await createOrgWithOwner(ctx(), 'Ours');
    const theirs = await createOrgWithOwner(ctx(), 'Theirs');
    const owner = await signIn(ctx().app, ours.email, ours.password);
    const { subscriptionId } = await createSubscription(ctx(), ours.orgId, { seats: 10 });
    const theirSubscription = await createSubscription(ctx(), theirs.orgId, { seats: 10 });
    const [mine] = await insertMembers(ctx(), ours.orgId, 1);
    const cases: [string, unknown, number, string][] = [
      ['/api/v1/users/bulk/assign-seat', { userIds: [mine, mine], subscriptionId }, 400, 'duplicate-ids'],
      ['/api/v1/users/bulk/assign-seat', { userIds: [mine, theirs.ownerId], subscriptionId }, 400, 'unknown-users'],
      [
        '/api/v1/users/bulk/assign-seat',
        { userIds: [mine, '00000000-0000-0000-0000-000000000000'], subscriptionId },
        400,
        'unknown-users',
      ],
      [
        '/api/v1/users/bulk/assign-seat',
        { userIds: [mine], subscriptionId: theirSubscription.subscriptionId },
        404,
        'not-found',
      ],
      ['/api/v1/users/bulk/unassign-seat', { userIds: [theirs.ownerId], subscriptionId }, 400, 'unknown-users'],
      [
        '/api/v1/users/bulk/deactivate',
        { userIds: [mine, theirs.ownerId], reason: 'left_organization' },
        400,
        'unknown-users',
      ],
      ['/api/v1/users/bulk/export', { userIds: [theirs.ownerId] }, 400, 'unknown-users'],
      ['/api/v1/users/bulk/export', { userIds: [] }, 400, 'invalid-request'],
      [
        '/api/v1/users/bulk/export',
        { userIds: Array.from({ length: 501 }, (_, index) => `id-${index}`) },
        400,
        'invalid-request',
      ],
    ];
    for (const [url, payload, status, code] of cases) {
      const answer = await post(ctx(), owner, url, payload);
      expect(answer.statusCode, `${url} ${JSON.stringify(payload).slice(0, 80)}`).toBe(status);
      expect(answer.headers['content-type']).toContain('application/problem+json');
      expect(answer.json().code).toBe(code);
      // Nothing of the other organization comes back: not its users' names, not its emails.
      expect(answer.body).not.toContain(theirs.email);
      expect(answer.body).not.toContain('Theirs Owner');
    }
    expect(await holdersOf(ctx(), owner, subscriptionId)).toEqual([]);
    const theirOwner = await signIn(ctx().app, theirs.email, theirs.password);
    expect((await ctx().app.inject({ url: '/api/v1/me', headers: as(theirOwner) })).json().user.status).toBe('active');
  });

  it('frees the seats of the selected users that hold one, and reports the others', async () => {
    const org = await createOrgWithOwner(ctx(), 'Freers');
    const owner = await signIn(ctx().app, org.email, org.password);
    const { subscriptionId } = await createSubscription(ctx(), org.orgId, { seats: 3 });
    const ids = await insertMembers(ctx(), org.orgId, 3);
    await assignSeat(ctx(), owner, subscriptionId, ids[0]!);
    await assignSeat(ctx(), owner, subscriptionId, ids[1]!);
    const answer = await post(ctx(), owner, '/api/v1/users/bulk/unassign-seat', { userIds: ids, subscriptionId });
    expect(answer.statusCode).toBe(200);
    expect(answer.json()).toMatchObject({ unassigned: [ids[0], ids[1]], notHeld: [ids[2]], seatsAvailable: 3 });
    expect(await subscriptionOf(ctx(), owner, subscriptionId)).toMatchObject({ assigned: 0, available: 3 });
  });

  it('deactivates the selection with one reason, signs them out, frees their seats; refuses a note-less "other"', async () => {
    const org = await createOrgWithOwner(ctx(), 'Leavers');
    const owner = await signIn(ctx().app, org.email, org.password);
    const { subscriptionId } = await createSubscription(ctx(), org.orgId, { seats: 3 });
    const first = await createMember(ctx(), owner, 'First Leaver');
    const second = await createMember(ctx(), owner, 'Second Leaver');
    const already = await createMember(ctx(), owner, 'Gone Already');
    await assignSeat(ctx(), owner, subscriptionId, first.id);
    await assignSeat(ctx(), owner, subscriptionId, second.id);
    await post(ctx(), owner, `/api/v1/users/${already.id}/deactivate`, { reason: 'left_organization' });
    const firstSession = await signIn(ctx().app, first.email, MEMBER_PASSWORD);

    const noNote = await post(ctx(), owner, '/api/v1/users/bulk/deactivate', {
      userIds: [first.id],
      reason: 'other',
      note: '  ',
    });
    expect(noNote.json()).toMatchObject({ status: 400, code: 'note-required' });

    const answer = await post(ctx(), owner, '/api/v1/users/bulk/deactivate', {
      userIds: [first.id, second.id, already.id],
      reason: 'other',
      note: 'Project ended',
      releaseSeats: true,
    });
    expect(answer.statusCode).toBe(200);
    expect(answer.json()).toEqual({
      deactivated: [first.id, second.id],
      alreadyDeactivated: [already.id],
      seatsReleased: 2,
    });
    expect((await ctx().app.inject({ url: '/api/v1/me', headers: as(firstSession) })).statusCode).toBe(401);
    for (const id of [first.id, second.id]) {
      const user = (await ctx().app.inject({ url: `/api/v1/users/${id}`, headers: as(owner) })).json();
      expect(user).toMatchObject({
        status: 'deactivated',
        deactivationReason: 'other',
        deactivationNote: 'Project ended',
      });
    }
    expect(await subscriptionOf(ctx(), owner, subscriptionId)).toMatchObject({ assigned: 0 });
    const gone = (await ctx().app.inject({ url: `/api/v1/users/${already.id}`, headers: as(owner) })).json();
    expect(gone.deactivationReason).toBe('left_organization');
  });

  it('refuses a batch holding every owner who can sign in, naming them, and changes nothing', async () => {
    const org = await createOrgWithOwner(ctx(), 'Owners');
    const owner = await signIn(ctx().app, org.email, org.password);
    const member = await createMember(ctx(), owner, 'Plain Member');
    const answer = await post(ctx(), owner, '/api/v1/users/bulk/deactivate', {
      userIds: [member.id, org.ownerId],
      reason: 'no_longer_requires_access',
    });
    expect(answer.statusCode).toBe(409);
    expect(answer.json()).toMatchObject({ code: 'last-owner' });
    expect(answer.json().detail).toContain(`Owners Owner (${org.email}) is the last owner`);
    const kept = (await ctx().app.inject({ url: `/api/v1/users/${member.id}`, headers: as(owner) })).json();
    expect(kept.status).toBe('active');
  });

  it('exports the selected users as formula-safe CSV', async () => {
    const org = await createOrgWithOwner(ctx(), 'Exporters');
    const owner = await signIn(ctx().app, org.email, org.password);
    const { subscriptionId } = await createSubscription(ctx(), org.orgId, { seats: 3, name: 'Designer' });
    const [plain, formula, unselected] = await insertMembers(ctx(), org.orgId, 3);
    const db = ctx().deps.database.db;
    await db
      .updateTable('users')
      .set({ name: '=HYPERLINK("http://evil.example","x")' })
      .where('id', '=', formula!)
      .execute();
    await assignSeat(ctx(), owner, subscriptionId, plain!);
    const json = await post(ctx(), owner, '/api/v1/users/bulk/export', { userIds: [formula, plain] });
    expect(json.statusCode).toBe(200);
    expect(
      json.json().items.map((item: { id: string; licenses: unknown[] }) => [item.id, item.licenses.length]),
      // By name: "=HYPERLINK…" sorts before "Bulk 000".
    ).toEqual([
      [formula, 0],
      [plain, 1],
    ]);
    const answer = await post(ctx(), owner, '/api/v1/users/bulk/export?format=csv', { userIds: [formula, plain] });
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['content-type']).toContain('text/csv');
    expect(answer.headers['content-disposition']).toMatch(/^attachment; filename="users-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(answer.body.startsWith('\uFEFFName,Email,Role,Status,Licenses,')).toBe(true);
    const lines = answer.body.slice(1).trim().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(answer.body).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    expect(lines.find((line) => line.startsWith('Bulk'))).toContain(',Member,Invitation pending,Designer,');
    expect(answer.body).not.toContain('Bulk 002');
    expect(unselected).toBeTruthy();
  });

  it('gives back the seats deactivation freed, reporting the one that is no longer free', async () => {
    const org = await createOrgWithOwner(ctx(), 'Returners');
    const owner = await signIn(ctx().app, org.email, org.password);
    const roomy = await createSubscription(ctx(), org.orgId, { seats: 3, name: 'Roomy' });
    const tight = await createSubscription(ctx(), org.orgId, { seats: 1, name: 'Tight' });
    const member = await createMember(ctx(), owner, 'Rita Return');
    const other = await createMember(ctx(), owner, 'Otto Other');
    await assignSeat(ctx(), owner, roomy.subscriptionId, member.id);
    await assignSeat(ctx(), owner, tight.subscriptionId, member.id);
    await post(ctx(), owner, `/api/v1/users/${member.id}/deactivate`, {
      reason: 'license_reassignment',
      releaseSeats: true,
    });
    const released = await ctx().app.inject({ url: `/api/v1/users/${member.id}/released-seats`, headers: as(owner) });
    expect(released.json().items).toEqual([
      expect.objectContaining({ subscriptionId: roomy.subscriptionId, seatsAvailable: 3, expired: false }),
      expect.objectContaining({ subscriptionId: tight.subscriptionId, seatsAvailable: 1, expired: false }),
    ]);
    // Meanwhile Tight's only seat goes to someone else.
    expect((await assignSeat(ctx(), owner, tight.subscriptionId, other.id)).statusCode).toBe(201);

    const reactivated = await post(ctx(), owner, `/api/v1/users/${member.id}/reactivate`, { restoreSeats: true });
    expect(reactivated.statusCode).toBe(200);
    expect(reactivated.json()).toMatchObject({
      id: member.id,
      status: 'active',
      restoredSeats: [{ subscriptionId: roomy.subscriptionId, product: { name: 'Roomy' }, expired: false }],
      seatsNotRestored: [{ subscriptionId: tight.subscriptionId, product: { name: 'Tight' }, reason: 'no-free-seat' }],
    });
    expect(await holdersOf(ctx(), owner, roomy.subscriptionId)).toEqual([member.id]);
    expect(await holdersOf(ctx(), owner, tight.subscriptionId)).toEqual([other.id]);
    // The offer is made once.
    const after = await ctx().app.inject({ url: `/api/v1/users/${member.id}/released-seats`, headers: as(owner) });
    expect(after.json().items).toEqual([]);
  });

  it('reactivates without giving seats back unless asked, and then forgets them', async () => {
    const org = await createOrgWithOwner(ctx(), 'Plain');
    const owner = await signIn(ctx().app, org.email, org.password);
    const { subscriptionId } = await createSubscription(ctx(), org.orgId, { seats: 2 });
    const member = await createMember(ctx(), owner);
    await assignSeat(ctx(), owner, subscriptionId, member.id);
    await post(ctx(), owner, `/api/v1/users/${member.id}/deactivate`, {
      reason: 'other',
      note: 'x',
      releaseSeats: true,
    });
    const reactivated = await ctx().app.inject({
      method: 'POST',
      url: `/api/v1/users/${member.id}/reactivate`,
      headers: as(owner),
    });
    expect(reactivated.statusCode).toBe(200);
    expect(reactivated.json()).toMatchObject({ status: 'active', restoredSeats: [], seatsNotRestored: [] });
    expect(await holdersOf(ctx(), owner, subscriptionId)).toEqual([]);
    const released = await ctx().app.inject({ url: `/api/v1/users/${member.id}/released-seats`, headers: as(owner) });
    expect(released.json().items).toEqual([]);
  });

  it('adds a user with a seat in one transaction, and adds nobody when no seat is free', async () => {
    const org = await createOrgWithOwner(ctx(), 'Adders');
    const owner = await signIn(ctx().app, org.email, org.password);
    const { subscriptionId, productKey } = await createSubscription(ctx(), org.orgId, { seats: 1, name: 'Solo' });
    const email = uniqueEmail('seated');
    const created = await post(ctx(), owner, '/api/v1/users', { email, name: 'Sam Seated', subscriptionId });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      user: { email, invitationPending: true },
      seat: { subscriptionId, product: { key: productKey, name: 'Solo' }, expired: false },
    });
    expect(await holdersOf(ctx(), owner, subscriptionId)).toEqual([created.json().user.id]);

    const nobody = uniqueEmail('seatless');
    const full = await post(ctx(), owner, '/api/v1/users', { email: nobody, name: 'No Seat', subscriptionId });
    expect(full.statusCode).toBe(409);
    expect(full.json()).toMatchObject({ code: 'no-free-seat' });
    const search = await ctx().app.inject({
      url: `/api/v1/users?query=${encodeURIComponent(nobody)}`,
      headers: as(owner),
    });
    expect(search.json().items).toEqual([]);
    // The email is still free: without a seat the same person can be added.
    expect((await post(ctx(), owner, '/api/v1/users', { email: nobody, name: 'No Seat' })).statusCode).toBe(201);
    const foreign = await post(ctx(), owner, '/api/v1/users', {
      email: uniqueEmail('x'),
      name: 'X',
      subscriptionId: '00000000-0000-0000-0000-000000000000',
    });
    expect(foreign.json()).toMatchObject({ status: 404, code: 'not-found' });
  });

  it('never assigns more seats than purchased when 300 single assignments race a bulk assignment', async () => {
    const org = await createOrgWithOwner(ctx(), 'Stampede');
    const owner = await signIn(ctx().app, org.email, org.password);
    const seats = 120;
    const { subscriptionId } = await createSubscription(ctx(), org.orgId, { seats });
    const singles = await insertMembers(ctx(), org.orgId, 300, 'Single');
    const batch = await insertMembers(ctx(), org.orgId, 50, 'Batch');
    // Ten of the batch are also assigned one by one at the same moment: each is held once, whoever wins.
    const racing = [...singles, ...batch.slice(0, 10)];
    const [bulk, ...answers] = await Promise.all([
      post(ctx(), owner, '/api/v1/users/bulk/assign-seat', { userIds: batch, subscriptionId }),
      ...racing.map((id) => assignSeat(ctx(), owner, subscriptionId, id)),
    ]);
    expect([200, 409]).toContain(bulk!.statusCode);
    expect(answers.every((answer) => [200, 201, 409].includes(answer.statusCode))).toBe(true);
    const holders = await holdersOf(ctx(), owner, subscriptionId);
    const subscription = await subscriptionOf(ctx(), owner, subscriptionId);
    expect(holders.length).toBeLessThanOrEqual(seats);
    expect(new Set(holders).size).toBe(holders.length);
    expect(subscription.assigned).toBe(holders.length);
    const heldByBatch = batch.filter((id) => holders.includes(id));
    if (bulk!.statusCode === 200) {
      // All or nothing: every user of the batch holds a seat.
      expect(heldByBatch).toHaveLength(batch.length);
    } else {
      expect(bulk!.json().code).toBe('not-enough-seats');
      // Only the ten that were also assigned singly can hold one.
      expect(heldByBatch.every((id) => batch.slice(0, 10).includes(id))).toBe(true);
    }
    const won = answers.filter((answer) => answer.statusCode === 201).length;
    expect(won + (bulk!.statusCode === 200 ? bulk!.json().assigned.length : 0)).toBe(holders.length);
  }, 120_000);

  it('is for owners only', async () => {
    const org = await createOrgWithOwner(ctx(), 'Members');
    const owner = await signIn(ctx().app, org.email, org.password);
    const { subscriptionId } = await createSubscription(ctx(), org.orgId, { seats: 3 });
    const member = await createMember(ctx(), owner);
    const session = await signIn(ctx().app, member.email, MEMBER_PASSWORD);
    for (const [url, payload] of [
      ['/api/v1/users/bulk/assign-seat', { userIds: [member.id], subscriptionId }],
      ['/api/v1/users/bulk/unassign-seat', { userIds: [member.id], subscriptionId }],
      ['/api/v1/users/bulk/deactivate', { userIds: [org.ownerId], reason: 'left_organization' }],
      ['/api/v1/users/bulk/export', { userIds: [org.ownerId] }],
    ] as const) {
      expect((await post(ctx(), session, url, payload)).statusCode, url).toBe(403);
    }
    expect(
      (await ctx().app.inject({ url: `/api/v1/users/${org.ownerId}/released-seats`, headers: as(session) })).statusCode,
    ).toBe(403);
  });
});

// Migration 0009 remembers, for users deactivated before it, the seats their deactivation freed (read from the
// assignments' history), so reactivating them offers those seats back too.
for (const kind of ['sqlite', 'postgres'] as const) {
  const describeIt = kind === 'postgres' && !postgresAvailable ? describe.skip : describe;
  describeIt(`migration 0009 finds the seats earlier deactivations freed [${kind}]`, () => {
    it('takes the seats freed at the instant of deactivation, and nothing else', async () => {
      const { database, cleanup } = await openScratchDatabase(kind);
      try {
        const db = database.db;
        const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
        const { error } = await migrator.migrateTo('0008_sign_in_addresses');
        if (error) throw error;
        const now = Date.now();
        // Rows as the schema of 0008 holds them: today's use cases also write tables of later migrations.
        const organization = await insertOrganization(db, { name: 'Before', now });
        const orgId = organization.id;
        const subscriptions: string[] = [];
        for (const key of ['alpha', 'beta', 'gamma']) {
          const productKey = `${key}-${kind}-${now.toString(36)}`;
          const product = await insertProduct(db, { key: productKey, name: key, now });
          const id = `sub-${key}-${now.toString(36)}`;
          // The columns of 0008's subscriptions (migration 0013 added the seat kind and rules).
          await db
            .insertInto('subscriptions')
            .values({
              id,
              org_id: orgId,
              product_id: product.id,
              seats: 5,
              assigned: 0,
              starts_at: now - DAY_MS,
              expires_at: now + 100 * DAY_MS,
              auto_renew: 1,
              seat_price_cents: null,
              currency: null,
              created_at: now,
              updated_at: now,
            } as never)
            .execute();
          subscriptions.push(id);
        }
        const [alpha, beta, gamma] = subscriptions as [string, string, string];
        const person = (name: string) =>
          newUserRow({ orgId, email: uniqueEmail(name), name, role: 'member', passwordHash: null, now });
        const gone = person('gone');
        const stayed = person('stayed');
        for (const { erased_at: _laterColumn, ...user } of [gone, stayed]) {
          await db.insertInto('users').values(user).execute();
        }
        const deactivatedAt = now - 3 * DAY_MS;
        await db
          .updateTable('users')
          .set({ status: 'deactivated', deactivated_at: deactivatedAt, deactivation_reason: 'left_organization' })
          .where('id', '=', gone.id)
          .execute();
        for (const subscriptionId of [alpha, beta, gamma]) {
          await insertAssignment(db, {
            orgId,
            subscriptionId,
            userId: gone.id,
            assignedBy: null,
            now: now - 9 * DAY_MS,
          });
        }
        await insertAssignment(db, { orgId, subscriptionId: alpha, userId: stayed.id, assignedBy: null, now });
        const end = (subscriptionId: string, userId: string, at: number, reason: string) =>
          db
            .updateTable('seat_assignments')
            .set({ unassigned_at: at, unassign_reason: reason })
            .where('subscription_id', '=', subscriptionId)
            .where('user_id', '=', userId)
            .where('unassigned_at', 'is', null)
            .execute();
        // Alpha: freed by the deactivation. Beta: freed by hand a day earlier. Gamma: freed by it, then given again.
        await end(alpha, gone.id, deactivatedAt, 'deactivated: left_organization');
        await end(beta, gone.id, deactivatedAt - DAY_MS, 'unassigned');
        await end(gamma, gone.id, deactivatedAt, 'deactivated: left_organization');
        await insertAssignment(db, { orgId, subscriptionId: gamma, userId: gone.id, assignedBy: null, now });

        await migrateToLatest(db);
        const rows = await db.selectFrom('released_seats').selectAll().execute();
        expect(rows.map((row) => ({ ...row, released_at: Number(row.released_at) }))).toEqual([
          { org_id: orgId, user_id: gone.id, subscription_id: alpha, released_at: deactivatedAt },
        ]);
      } finally {
        await cleanup();
      }
    });
  });
}
