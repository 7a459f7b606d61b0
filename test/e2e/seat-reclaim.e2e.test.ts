import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization } from '../../src/server/features/operator/create-organization.ts';
import { addProduct, addSubscription } from '../../src/server/features/operator/manage-subscriptions.ts';
import { runSeatReclaim } from '../../src/server/features/seat-reclaim/index.ts';
import { DAY_MS } from '../../src/server/lib/time.ts';
import { expectAccessibleAt } from '../helpers/axe.ts';
import { chromiumAvailable, launchBrowser, navigateTo, submitSignInForm } from '../helpers/chromium.ts';
import { inviteMember, startE2eServer } from '../helpers/e2e-server.ts';

const OWNER = { email: 'ola.owner@example.com', password: 'owner passphrase 2026' };
const MEMBER = { email: 'ivo.idle@example.com', name: 'Ivo Idle', password: 'member passphrase 2026' };

describe.skipIf(!chromiumAvailable)('dormant-seat reclaim in Chromium', () => {
  let server: Awaited<ReturnType<typeof startE2eServer>>;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let subscriptionId = '';

  beforeAll(async () => {
    server = await startE2eServer();
    const db = server.deps.database.db;
    const { organization } = await createOrganization(db, {
      name: 'Idle Works',
      timeZone: 'Europe/London',
      ownerEmail: OWNER.email,
      ownerName: 'Ola Owner',
      ownerPassword: OWNER.password,
    });
    await addProduct(db, { key: 'sketch', name: 'Sketch Studio' });
    const subscription = await addSubscription(db, {
      orgId: organization.id,
      productKey: 'sketch',
      seats: 3,
      startsAt: Date.now() - 200 * DAY_MS,
      expiresAt: Date.now() + 200 * DAY_MS,
    });
    subscriptionId = subscription.id;
    await inviteMember(server.url, OWNER, MEMBER);
    const member = await db
      .selectFrom('users')
      .select('id')
      .where('email', '=', MEMBER.email)
      .executeTakeFirstOrThrow();
    // The seat was given 100 days ago and never used: the journey starts after those days, which the
    // test cannot wait for.
    await db
      .insertInto('seat_assignments')
      .values({
        org_id: organization.id,
        subscription_id: subscription.id,
        user_id: member.id,
        assigned_at: Date.now() - 100 * DAY_MS,
        assigned_by: null,
        unassigned_at: null,
        unassigned_by: null,
        unassign_reason: null,
        last_used_at: null,
        reclaim_warned_at: null,
      })
      .execute();
    await db.updateTable('subscriptions').set({ assigned: 1 }).where('id', '=', subscription.id).execute();
    // bypassCSP: axe-core is injected into the page.
    browser = await launchBrowser({ timezoneId: 'Europe/London', bypassCSP: true });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the owner previews the policy, turns it on, and undoes the reclaim with one click', async () => {
    const page = await browser.context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${server.url}/`);
    await submitSignInForm(page, OWNER);
    await page.waitForURL(/\/overview$/);

    await navigateTo(page, 'Billing');
    await page
      .getByRole('article', { name: 'Sketch Studio' })
      .getByRole('link', { name: 'Sketch Studio', exact: true })
      .click();
    const panel = page.getByRole('region', { name: 'Reclaim dormant seats' });
    await panel.getByText('Off', { exact: true }).waitFor();
    // 90 days (the default choice): the seat idle for 100 days would be warned today.
    const preview = panel.getByRole('table', { name: 'Seats of Sketch Studio idle for 83 days or more' });
    const row = preview.getByRole('row').filter({ hasText: MEMBER.name });
    await row.getByText('Warned at the next run').waitFor();
    await row.getByRole('cell', { name: '100', exact: true }).waitFor();
    await panel.getByText('1 holder would be warned and 0 seats freed', { exact: false }).waitFor();
    // 180 days: nobody yet.
    await panel.getByText('180 days').click();
    await panel.getByText('No seat has been idle long enough', { exact: false }).waitFor();
    await panel.getByText('90 days').click();
    await expectAccessibleAt(page, 1440, '/billing/:id (reclaim panel)');
    await expectAccessibleAt(page, 390, '/billing/:id (reclaim panel)');
    await page.setViewportSize({ width: 1400, height: 900 });

    await panel.getByRole('button', { name: 'Turn on (90 days)' }).click();
    await panel.getByText('On: after 90 days').waitFor();
    await panel.getByRole('button', { name: 'Turn off' }).waitFor();

    // The hourly job, run now: the warning goes out; a week later (the test moves the warning back 8
    // days rather than wait) the next run frees the seat.
    const db = server.deps.database.db;
    const warned = await runSeatReclaim(db, { now: () => Date.now(), holder: 'e2e' });
    expect(warned).toMatchObject({ status: 'done', result: { warned: 1, reclaimed: 0 } });
    const mail = await db
      .selectFrom('email_outbox')
      .select(['to_address', 'subject'])
      .where('kind', '=', 'seat_reclaim_warning')
      .executeTakeFirstOrThrow();
    expect(mail.to_address).toBe(MEMBER.email);
    expect(mail.subject).toMatch(/^Your Sketch Studio seat will be freed on /);
    await db
      .updateTable('seat_assignments')
      .set({ reclaim_warned_at: Date.now() - 8 * DAY_MS })
      .where('subscription_id', '=', subscriptionId)
      .execute();
    const freed = await runSeatReclaim(db, { now: () => Date.now(), holder: 'e2e' });
    expect(freed).toMatchObject({ status: 'done', result: { reclaimed: 1 } });

    await page.reload();
    const list = page.getByRole('list', { name: 'Seats freed in the last 30 days' });
    const item = list.getByRole('listitem').filter({ hasText: MEMBER.name });
    await item.getByText('after 100 days without use', { exact: false }).waitFor();
    await expectAccessibleAt(page, 1440, '/billing/:id (a reclaim to undo)');
    await expectAccessibleAt(page, 390, '/billing/:id (a reclaim to undo)');
    await page.setViewportSize({ width: 1400, height: 900 });
    await item.getByRole('button', { name: `Undo: give ${MEMBER.name} the seat back` }).click();
    await page.getByText(`${MEMBER.name} holds a seat of Sketch Studio again.`).waitFor();
    await item.getByText('Given back', { exact: false }).waitFor();
    await page.getByRole('table', { name: 'Seat holders of Sketch Studio' }).getByText(MEMBER.name).waitFor();

    const audit = await db.selectFrom('audit_log').select(['action', 'actor_type']).orderBy('id').execute();
    expect(audit.filter((row) => row.action.startsWith('seat.reclaim'))).toEqual([
      { action: 'seat.reclaimed', actor_type: 'system' },
      { action: 'seat.reclaim_undone', actor_type: 'user' },
    ]);
    await page.close();
  }, 180_000);
});
