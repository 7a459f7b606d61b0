import fs from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization } from '../../src/server/features/operator/create-organization.ts';
import { addProduct, addSubscription } from '../../src/server/features/operator/manage-subscriptions.ts';
import { DAY_MS } from '../../src/server/lib/time.ts';
import { expectAccessibleAt } from '../helpers/axe.ts';
import { chromiumAvailable, launchBrowser, navigateTo } from '../helpers/chromium.ts';
import { inviteMember, startE2eServer } from '../helpers/e2e-server.ts';

const OWNER = { email: 'olga.owner@example.com', password: 'owner passphrase 2026' };
const PASSWORD = 'member passphrase 2026';
const ACTIVE = { email: 'ada.active@example.com', name: 'Ada Active', password: PASSWORD };
const BEN = { email: 'ben.idle@example.com', name: 'Ben Idle', password: PASSWORD };
const CLEO = { email: 'cleo.idle@example.com', name: 'Cleo Idle', password: PASSWORD };
const DEV = { email: 'dev.dormant@example.com', name: 'Dev Dormant', password: PASSWORD };
const SEATS = 4;

/** Presses Tab until the focused element is `target` (a keyboard user's path to it); fails after `max` presses. */
async function tabTo(page: Page, target: Locator, max = 60) {
  for (let press = 0; press < max; press++) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((element) => element === element.ownerDocument.activeElement)) return;
  }
  throw new Error(`Tab never reached ${target}`);
}

function usersTable(page: Page) {
  return page.getByRole('table', { name: 'Users' });
}

function rowOf(page: Page, name: string) {
  return usersTable(page).getByRole('row').filter({ hasText: name });
}

describe.skipIf(!chromiumAvailable)('the Users list in Chromium', () => {
  let server: Awaited<ReturnType<typeof startE2eServer>>;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;

  beforeAll(async () => {
    server = await startE2eServer();
    const db = server.deps.database.db;
    const { organization } = await createOrganization(db, {
      name: 'Listing Ltd',
      ownerEmail: OWNER.email,
      ownerName: 'Olga Owner',
      ownerPassword: OWNER.password,
    });
    await addProduct(db, { key: 'studio', name: 'Studio Pro' });
    await addSubscription(db, {
      orgId: organization.id,
      productKey: 'studio',
      seats: SEATS,
      startsAt: Date.now() - DAY_MS,
      expiresAt: Date.now() + 200 * DAY_MS,
    });
    await addProduct(db, { key: 'sketch', name: 'Sketch Lite' });
    await addSubscription(db, {
      orgId: organization.id,
      productKey: 'sketch',
      seats: 2,
      startsAt: Date.now() - DAY_MS,
      expiresAt: Date.now() + 200 * DAY_MS,
    });
    for (const member of [ACTIVE, BEN, CLEO, DEV]) await inviteMember(server.url, OWNER, member);
    // Ben and Cleo last signed in 120 days ago, Dev never did: the three the "last active" filter finds.
    await db
      .updateTable('users')
      .set({ last_login_at: Date.now() - 120 * DAY_MS })
      .where('email_normalized', 'in', [BEN.email, CLEO.email])
      .execute();
    await db.updateTable('users').set({ last_login_at: null }).where('email_normalized', '=', DEV.email).execute();
    browser = await launchBrowser({ timezoneId: 'Europe/Paris' });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('filters the idle, gives them seats, deactivates two by keyboard, gives a seat back, imports a CSV', async () => {
    const page = await browser.context.newPage();
    page.setDefaultTimeout(15_000);

    // The README's address: `/` leads a stranger to sign in, then to the owner's start page.
    await page.goto(`${server.url}/`);
    await page.waitForURL(/\/login/);
    await page.getByLabel('Email').fill(OWNER.email);
    await page.getByLabel('Password').first().fill(OWNER.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/overview/);
    await navigateTo(page, 'Users');
    await rowOf(page, ACTIVE.name).waitFor();
    expect(await page.title()).toBe('Users · Seatkeeper');

    // Last active: not in 90 days. The choice is kept in the address.
    await page.getByRole('combobox', { name: 'Last active' }).click();
    await page.getByRole('option', { name: 'Not in 90 days' }).click();
    await page.waitForURL(/lastActive=90d/);
    await expect.poll(() => usersTable(page).getByRole('row').count()).toBe(4);
    for (const name of [BEN.name, CLEO.name, DEV.name]) await rowOf(page, name).waitFor();
    expect(await rowOf(page, ACTIVE.name).count()).toBe(0);
    await page.reload();
    await rowOf(page, DEV.name).waitFor();
    expect(await page.getByRole('combobox', { name: 'Last active' }).inputValue()).toBe('Not in 90 days');

    // Select every user shown and give them all a seat of Studio Pro.
    await page.getByRole('checkbox', { name: 'Select every user shown' }).check();
    const bar = page.getByRole('region', { name: 'Selected users' });
    await bar.getByText('3 selected').waitFor();
    await bar.getByRole('button', { name: 'Assign seat', exact: true }).click();
    const assign = page.getByRole('dialog', { name: 'Assign a seat to 3 users' });
    await assign.getByRole('combobox', { name: 'Subscription' }).click();
    await page.getByRole('option', { name: /Studio Pro — 4 of 4 seats free/ }).click();
    await assign.getByText('Seats needed: 3. Free: 4 of 4.').waitFor();
    await assign.getByRole('button', { name: 'Assign seats' }).click();
    await page.getByText('Gave 3 users a seat of Studio Pro.').waitFor();
    await expect.poll(() => rowOf(page, BEN.name).textContent()).toContain('Studio Pro');
    expect(await rowOf(page, DEV.name).textContent()).toContain('Studio Pro');
    expect(await bar.count()).toBe(0);

    // By keyboard: select Ben and Cleo with Space, reach "Deactivate" with Tab, pick one reason with the arrows.
    const benBox = page.getByRole('checkbox', { name: `Select ${BEN.name}` });
    const cleoBox = page.getByRole('checkbox', { name: `Select ${CLEO.name}` });
    await page.getByRole('checkbox', { name: 'Select every user shown' }).focus();
    await tabTo(page, benBox);
    await page.keyboard.press('Space');
    await tabTo(page, cleoBox);
    await page.keyboard.press('Space');
    await bar.getByText('2 selected').waitFor();
    await tabTo(page, bar.getByRole('button', { name: 'Deactivate', exact: true }));
    await page.keyboard.press('Enter');
    const deactivate = page.getByRole('dialog', { name: 'Deactivate 2 users' });
    const firstReason = deactivate.getByRole('radio', { name: 'No longer requires access' });
    await tabTo(page, firstReason);
    await page.keyboard.press('ArrowDown');
    expect(await deactivate.getByRole('radio', { name: 'Left the organization' }).isChecked()).toBe(true);
    expect(await deactivate.getByRole('checkbox', { name: /Also free their 2 seats \(Studio Pro\)/ }).isChecked()).toBe(
      true,
    );
    await tabTo(page, deactivate.getByRole('button', { name: 'Deactivate 2 users' }));
    await page.keyboard.press('Enter');
    await page.getByText('Deactivated 2 users and signed them out everywhere. 2 seats freed.').waitFor();
    await expect.poll(() => rowOf(page, BEN.name).textContent()).toContain('Deactivated');
    expect(await rowOf(page, CLEO.name).textContent()).toContain('Deactivated');
    expect(await rowOf(page, CLEO.name).textContent()).not.toContain('Studio Pro');

    // Ben comes back, and with him the seat his deactivation freed.
    await rowOf(page, BEN.name).getByRole('link', { name: BEN.name }).click();
    await page.getByRole('heading', { name: BEN.name }).waitFor();
    await page.getByRole('button', { name: 'Reactivate' }).click();
    const reactivate = page.getByRole('dialog', { name: `Reactivate ${BEN.name}` });
    await reactivate.getByText(/Studio Pro\s*\(3 seats free\)/).waitFor();
    expect(
      await reactivate.getByRole('checkbox', { name: 'Give back the seats their deactivation freed' }).isChecked(),
    ).toBe(true);
    await reactivate.getByRole('button', { name: 'Reactivate' }).click();
    await page.getByText(`${BEN.name} can sign in again. Seats given back: Studio Pro.`).waitFor();
    await page.getByRole('tab', { name: 'Licenses' }).click();
    await page.getByRole('tabpanel', { name: 'Licenses' }).getByText('Studio Pro').first().waitFor();
    await expectAccessibleAt(page, 1440, 'a user’s Licenses tab');
    await expectAccessibleAt(page, 390, 'a user’s Licenses tab');
    await page.setViewportSize({ width: 1400, height: 900 });

    // Bulk add from a file: the preview names the wrong row, and nothing can be added until the file is right.
    await page.getByRole('link', { name: 'All users' }).click();
    await rowOf(page, CLEO.name).waitFor();
    await page.getByRole('button', { name: 'Import CSV' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add users from a CSV file' });
    const fileInput = dialog.locator('input[type="file"]');
    await fileInput.setInputFiles({
      name: 'people.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        `\uFEFFemail,name,role,product\r\neve@example.com,Eve Import,,Studio Pro\r\nnot-an-email,Frank Import,,\r\n`,
      ),
    });
    const preview = dialog.getByRole('table', { name: 'Rows of the file' });
    await preview.getByRole('row').filter({ hasText: 'Eve Import' }).getByText('Will be added').waitFor();
    await preview
      .getByRole('row')
      .filter({ hasText: 'Frank Import' })
      .getByText('email: Not an email address.')
      .waitFor();
    await dialog.getByText('2 rows: 1 will be added, 1 has an error.').waitFor();
    expect(await dialog.getByRole('button', { name: 'Add users' }).isDisabled()).toBe(true);

    await fileInput.setInputFiles({
      name: 'people-fixed.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        `email,name,role,product\neve@example.com,Eve Import,,Studio Pro\nfrank@example.com,Frank Import,owner,\n`,
      ),
    });
    await dialog.getByText('2 rows: 2 will be added.').waitFor();
    await expectAccessibleAt(page, 390, 'the import preview');
    await page.setViewportSize({ width: 1400, height: 900 });
    await dialog.getByRole('button', { name: 'Add 2 users' }).click();
    const added = page.getByRole('dialog', { name: 'Users added' });
    await added.getByText('2 users added').waitFor();
    await added
      .getByText(/\/invite\/[A-Za-z0-9_-]{20,}/)
      .first()
      .waitFor();
    await added.getByRole('button', { name: 'Copy the invitation link for Eve Import' }).waitFor();
    await added.getByRole('button', { name: 'Done' }).click();
    // Still the list as it was left (the filter came back with "All users"); the new users never signed in.
    await expect.poll(() => rowOf(page, 'Eve Import').textContent()).toContain('Studio Pro');
    expect(await rowOf(page, 'Frank Import').textContent()).toContain('Owner');

    await page.getByRole('checkbox', { name: 'Select Eve Import' }).check();
    // Export the selection: the file holds the selected user, with the seat the import gave.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      bar.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^users-\d{4}-\d{2}-\d{2}\.csv$/);
    const exported = fs
      .readFileSync(await download.path(), 'utf8')
      .trim()
      .split('\r\n');
    expect(exported).toHaveLength(2);
    expect(exported[1]).toContain('Eve Import,eve@example.com,Member,Invitation pending,Studio Pro,');
    await expectAccessibleAt(page, 1440, 'the Users list with a selection');
    await expectAccessibleAt(page, 390, 'the Users list with a selection');
    await page.close();
  }, 180_000);

  it('finds a user and gives them a seat with the keyboard alone', async () => {
    const page = await browser.context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${server.url}/users`);
    await rowOf(page, ACTIVE.name).waitFor();
    const search = page.getByRole('searchbox', { name: 'Search' });
    await tabTo(page, search);
    await page.keyboard.type('ada');
    await expect.poll(() => usersTable(page).getByRole('row').count()).toBe(2);
    await tabTo(page, rowOf(page, ACTIVE.name).getByRole('link', { name: ACTIVE.name }));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: ACTIVE.name }).waitFor();
    await tabTo(page, page.getByRole('tab', { name: 'Details' }));
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    const panel = page.getByRole('tabpanel', { name: 'Licenses' });
    const subscription = panel.getByRole('combobox', { name: 'Subscription' });
    await subscription.waitFor();
    await tabTo(page, subscription);
    await page.keyboard.press('ArrowDown');
    await page.getByRole('option', { name: /Sketch Lite/ }).waitFor();
    // The arrows move through the options (a few at most) until Sketch Lite is the highlighted one.
    for (let press = 0; press < 5; press++) {
      if (await page.getByRole('option', { name: /Sketch Lite/ }).getAttribute('data-combobox-selected')) break;
      await page.keyboard.press('ArrowDown');
    }
    await page.keyboard.press('Enter');
    expect(await subscription.inputValue()).toMatch(/Sketch Lite/);
    await tabTo(page, panel.getByRole('button', { name: 'Assign a seat' }));
    await page.keyboard.press('Enter');
    await panel.getByRole('table').getByText('Sketch Lite').waitFor();
    await page.close();
  }, 90_000);

  it('asks before throwing away a half-typed new user', async () => {
    const page = await browser.context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${server.url}/users`);
    await page.getByRole('button', { name: 'Add user' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add user' });
    await dialog.getByRole('textbox', { name: 'Email' }).fill('gina@example.com');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    const ask = page.getByRole('dialog', { name: 'Discard unsaved changes?' });
    await ask.getByRole('button', { name: 'Stay' }).click();
    expect(await dialog.getByRole('textbox', { name: 'Email' }).inputValue()).toBe('gina@example.com');
    await dialog.getByRole('textbox', { name: 'Name' }).fill('Gina Seat');
    await dialog.getByRole('combobox', { name: 'Seat' }).click();
    await page.getByRole('option', { name: /Studio Pro/ }).click();
    await dialog.getByRole('button', { name: 'Add user' }).click();
    await page.getByText('Gina Seat (gina@example.com) was added with a seat of Studio Pro.').waitFor();
    await page.getByRole('button', { name: 'Done' }).click();
    await rowOf(page, 'Gina Seat').waitFor();
    expect(await rowOf(page, 'Gina Seat').textContent()).toContain('Studio Pro');
    await page.close();
  }, 90_000);
});
