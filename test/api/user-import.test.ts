import { expect, it } from 'vitest';
import { createMember, createSubscription, MEMBER_PASSWORD } from '../helpers/licenses.ts';
import { as, type Session, signIn } from '../helpers/session.ts';
import { createOrgWithOwner, describeEachDatabase, type TestContext, uniqueEmail } from '../helpers/test-app.ts';

function importCsv(context: TestContext, session: Session, csv: string, dryRun: boolean) {
  return context.app.inject({
    method: 'POST',
    url: '/api/v1/users/import',
    headers: as(session),
    payload: { csv, dryRun },
  });
}

async function userCount(context: TestContext, session: Session): Promise<number> {
  const answer = await context.app.inject({ url: '/api/v1/users?limit=200', headers: as(session) });
  return answer.json().items.length;
}

interface Row {
  line: number;
  email: string;
  errors: { column: string; code: string; message: string }[];
}

describeEachDatabase('bulk add from a CSV file', (ctx) => {
  it('previews every row with its errors and line, changing nothing', async () => {
    const org = await createOrgWithOwner(ctx(), 'Previewers');
    const owner = await signIn(ctx().app, org.email, org.password);
    const { productKey } = await createSubscription(ctx(), org.orgId, { seats: 1, name: 'Designer' });
    await createSubscription(ctx(), org.orgId, { seats: 5, name: 'Old Tool', expiresInDays: -3 });
    const existing = await createMember(ctx(), owner, 'Already Here');
    const fresh = uniqueEmail('fresh');
    const csv = [
      // A byte order mark, a header in another order and case, CRLF lines, quoted cells and a blank line.
      '\uFEFFName,EMAIL,product,Role',
      `"Scully, Dana",${fresh},${productKey},owner`,
      'Fox Mulder,not-an-email,,',
      `Walter Skinner,${existing.email.toUpperCase()},,`,
      `Dana Again,${fresh.toUpperCase()},,`,
      '',
      `Alex Krycek,${uniqueEmail('krycek')},Designer,`,
      `Jeffrey Spender,${uniqueEmail('spender')},Unheard Of,`,
      `Monica Reyes,${uniqueEmail('reyes')},Old Tool,`,
      `  ,${uniqueEmail('nameless')},,`,
      `John Doggett,${uniqueEmail('doggett')},,admin`,
    ].join('\r\n');
    const before = await userCount(ctx(), owner);
    const answer = await importCsv(ctx(), owner, csv, true);
    expect(answer.statusCode).toBe(200);
    const body = answer.json();
    expect(body).toMatchObject({ dryRun: true, valid: 1, invalid: 8, created: [] });
    const byLine = new Map<number, Row>(body.rows.map((row: Row) => [row.line, row]));
    expect(byLine.get(2)).toMatchObject({
      email: fresh,
      name: 'Scully, Dana',
      role: 'owner',
      product: { key: productKey, name: 'Designer' },
      errors: [],
    });
    const codes = (line: number) => byLine.get(line)?.errors.map((error) => error.code);
    expect(codes(3)).toEqual(['invalid-email']);
    expect(codes(4)).toEqual(['email-taken']);
    expect(codes(5)).toEqual(['duplicate-in-file']);
    expect(byLine.get(5)?.errors[0]?.message).toBe('The same email is on line 2.');
    // Line 6 is blank: the next row is line 7. Designer's one seat went to line 2.
    expect(codes(7)).toEqual(['no-free-seat']);
    expect(codes(8)).toEqual(['unknown-product']);
    expect(codes(9)).toEqual(['subscription-expired']);
    expect(codes(10)).toEqual(['name-required']);
    expect(codes(11)).toEqual(['invalid-role']);
    expect(await userCount(ctx(), owner)).toBe(before);
  });

  it('adds nothing when any row has an error (409, each error with its line)', async () => {
    const org = await createOrgWithOwner(ctx(), 'Strict');
    const owner = await signIn(ctx().app, org.email, org.password);
    const before = await userCount(ctx(), owner);
    const csv = `email,name\n${uniqueEmail('good')},Good Person\nbroken,Bad Person\n`;
    const answer = await importCsv(ctx(), owner, csv, false);
    expect(answer.statusCode).toBe(409);
    expect(answer.headers['content-type']).toContain('application/problem+json');
    expect(answer.json()).toMatchObject({
      code: 'import-rows-invalid',
      errors: [{ path: 'body/csv/line/3', message: 'email: Not an email address.' }],
    });
    expect(answer.json().detail).toContain('Nothing was added: 1 of 2 rows have an error (first on line 3)');
    expect(await userCount(ctx(), owner)).toBe(before);
  });

  it('adds every user with an invitation and a seat in one go; formula-looking cells stay text', async () => {
    const org = await createOrgWithOwner(ctx(), 'Importers');
    const owner = await signIn(ctx().app, org.email, org.password);
    const { subscriptionId, productKey } = await createSubscription(ctx(), org.orgId, { seats: 2, name: 'Designer' });
    const first = uniqueEmail('first');
    const second = uniqueEmail('second');
    const csv = `\uFEFFemail,name,role,product\r\n${first},"=HYPERLINK(""http://evil.example"",""x"")",,${productKey}\r\n${second},Second Person,owner,\r\n`;
    const answer = await importCsv(ctx(), owner, csv, false);
    expect(answer.statusCode).toBe(201);
    const body = answer.json();
    expect(body).toMatchObject({ dryRun: false, valid: 2, invalid: 0 });
    expect(body.created).toHaveLength(2);
    expect(body.created[0]).toMatchObject({
      line: 2,
      user: { email: first, name: '=HYPERLINK("http://evil.example","x")', role: 'member', invitationPending: true },
      seat: { subscriptionId, product: { key: productKey } },
      invitation: { url: expect.stringContaining('/invite/') },
    });
    expect(body.created[1]).toMatchObject({ line: 3, user: { email: second, role: 'owner' } });
    expect(body.created[1].seat).toBeUndefined();

    const holders = await ctx().app.inject({
      url: `/api/v1/subscriptions/${subscriptionId}/assignments`,
      headers: as(owner),
    });
    expect(holders.json().items.map((item: { user: { email: string } }) => item.user.email)).toEqual([first]);
    // The invitation works: the new user sets a password and signs in.
    const accepted = await ctx().app.inject({
      method: 'POST',
      url: `/api/v1/invitations/${body.created[1].invitation.token}/accept`,
      payload: { password: MEMBER_PASSWORD },
    });
    expect(accepted.statusCode).toBe(200);
    // Exported, the formula-looking name cannot run in a spreadsheet.
    const exported = await ctx().app.inject({
      method: 'POST',
      url: '/api/v1/users/bulk/export?format=csv',
      headers: as(owner),
      payload: { userIds: [body.created[0].user.id] },
    });
    expect(exported.body).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    // Importing the same file again finds every email taken.
    const again = await importCsv(ctx(), owner, csv, true);
    expect(again.json().rows.map((row: Row) => row.errors.map((error) => error.code))).toEqual([
      ['email-taken'],
      ['email-taken'],
    ]);
  });

  it('refuses a file it cannot read as a whole, saying why', async () => {
    const org = await createOrgWithOwner(ctx(), 'Readers');
    const owner = await signIn(ctx().app, org.email, org.password);
    const tooMany = ['email,name', ...Array.from({ length: 1001 }, (_, index) => `u${index}@example.com,U ${index}`)];
    const cases: [string, string][] = [
      ['dana@example.com,Dana Scully\n', 'not one of email, name, role, product'],
      ['email,phone\nx@example.com,123\n', '“phone” is not one of'],
      ['email,role\nx@example.com,member\n', '“name” is missing'],
      ['email;name\nx@example.com;X\n', 'separate the columns with commas'],
      ['email,name,email\nx@example.com,X,y@example.com\n', 'twice'],
      ['email,name\n', 'holds no user'],
      ['email,name\n"x@example.com,X\n', 'A quoted cell opened on line 2 is never closed'],
      [tooMany.join('\n'), 'at most 1000'],
    ];
    for (const [csv, message] of cases) {
      const answer = await importCsv(ctx(), owner, csv, true);
      expect(answer.statusCode, csv.slice(0, 40)).toBe(400);
      expect(answer.json()).toMatchObject({ code: 'invalid-csv' });
      expect(answer.json().detail).toContain(message);
    }
    const control = await importCsv(ctx(), owner, 'email,name\nx@example.com,Bad\u0000Name\n', true);
    expect(control.json()).toMatchObject({ status: 400, code: 'invalid-request' });
  });

  it('adds nothing when the seats run out between the preview and the import', async () => {
    const org = await createOrgWithOwner(ctx(), 'Racing');
    const owner = await signIn(ctx().app, org.email, org.password);
    const { subscriptionId, productKey } = await createSubscription(ctx(), org.orgId, { seats: 1 });
    const csv = `email,name,product\n${uniqueEmail('late')},Late Comer,${productKey}\n`;
    expect((await importCsv(ctx(), owner, csv, true)).json().valid).toBe(1);
    const member = await createMember(ctx(), owner);
    await ctx().app.inject({
      method: 'POST',
      url: `/api/v1/subscriptions/${subscriptionId}/assignments`,
      headers: as(owner),
      payload: { userId: member.id },
    });
    const before = await userCount(ctx(), owner);
    const answer = await importCsv(ctx(), owner, csv, false);
    expect(answer.json()).toMatchObject({
      status: 409,
      code: 'import-rows-invalid',
      errors: [{ path: 'body/csv/line/2', message: expect.stringContaining('product: No seat') }],
    });
    expect(await userCount(ctx(), owner)).toBe(before);
  });

  it('is for owners only', async () => {
    const org = await createOrgWithOwner(ctx(), 'Guarded');
    const owner = await signIn(ctx().app, org.email, org.password);
    const member = await createMember(ctx(), owner);
    const session = await signIn(ctx().app, member.email, MEMBER_PASSWORD);
    const answer = await importCsv(ctx(), session, `email,name\n${uniqueEmail('x')},X\n`, true);
    expect(answer.statusCode).toBe(403);
  });
});
