import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization } from '../../src/server/features/operator/create-organization.ts';
import { findOrganization } from '../../src/server/features/organizations/organizations.repository.ts';
import { chromiumAvailable, launchBrowser, navigateTo, signInAsOwner } from '../helpers/chromium.ts';
import { startE2eServer } from '../helpers/e2e-server.ts';

const OWNER = { email: 'sam.settings@example.com', password: 'owner passphrase 2026' };
const THRESHOLD_ERROR = 'Enter a whole number of days from 1 to 3650';

describe.skipIf(!chromiumAvailable)('settings in Chromium', () => {
  let server: Awaited<ReturnType<typeof startE2eServer>>;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let orgId: string;

  const savedSettings = async () => {
    const organization = await findOrganization(server.deps.database.db, orgId);
    if (!organization) throw new Error('the organization is gone');
    return organization;
  };

  beforeAll(async () => {
    server = await startE2eServer();
    const { organization } = await createOrganization(server.deps.database.db, {
      name: 'Settled Ltd',
      timeZone: 'Europe/London',
      ownerEmail: OWNER.email,
      ownerName: 'Sam Settings',
      ownerPassword: OWNER.password,
    });
    orgId = organization.id;
    browser = await launchBrowser({ timezoneId: 'Europe/London' });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the owner changes "Inactive after"; the overview counts inactive users with the new number of days', async () => {
    const page = await signInAsOwner(browser.context, server.url, OWNER.email, OWNER.password);
    const inactiveCard = page.getByRole('region', { name: 'Inactive users' });
    await inactiveCard.getByText(/in the last 30 days/).waitFor();

    await navigateTo(page, 'Settings');
    const inactiveAfter = page.getByRole('textbox', { name: 'Inactive after' });
    const save = page.getByRole('button', { name: 'Save settings' });
    await inactiveAfter.waitFor();
    expect(await save.isDisabled()).toBe(true);

    await inactiveAfter.fill('45');
    expect(await save.isDisabled()).toBe(false);
    await save.click();
    await page.getByText('Settings saved').waitFor();
    expect((await savedSettings()).inactivityDays).toBe(45);
    // Saved: nothing differs from the settings in force any more.
    expect(await save.isDisabled()).toBe(true);

    await navigateTo(page, 'Overview');
    await inactiveCard.getByText(/in the last 45 days/).waitFor();

    // The report behind the card names no days in its URL, so it follows the setting too.
    await inactiveCard.getByRole('link', { name: 'Review inactive users' }).click();
    await page.getByRole('heading', { name: /inactive for 45 days or more/ }).waitFor();
    expect(await page.getByRole('textbox', { name: 'Inactive for' }).inputValue()).toBe('45 days');
    await page.close();
  }, 90_000);

  it('refuses 0 days on the field itself and saves nothing', async () => {
    const before = await savedSettings();
    const page = await signInAsOwner(browser.context, server.url, OWNER.email, OWNER.password);
    await navigateTo(page, 'Settings');
    const patches: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'PATCH') patches.push(request.url());
    });

    const inactiveAfter = page.getByRole('textbox', { name: 'Inactive after' });
    await inactiveAfter.fill('0');
    await page.getByRole('button', { name: 'Save settings' }).click();
    const error = page.getByText(THRESHOLD_ERROR);
    await error.waitFor();

    // The message belongs to the field: marked invalid, described by the message, and focused.
    expect(await inactiveAfter.getAttribute('aria-invalid')).toBe('true');
    const errorId = await error.getAttribute('id');
    expect(errorId).toBeTruthy();
    expect((await inactiveAfter.getAttribute('aria-describedby'))?.split(' ')).toContain(errorId);
    expect(await inactiveAfter.evaluate((input) => input === document.activeElement)).toBe(true);

    expect(patches).toEqual([]);
    expect((await savedSettings()).inactivityDays).toBe(before.inactivityDays);
    await page.close();
  }, 90_000);

  it('moves the organization to another time zone; the overview counts days in it', async () => {
    const page = await signInAsOwner(browser.context, server.url, OWNER.email, OWNER.password);
    await navigateTo(page, 'Settings');
    const zone = page.getByRole('combobox', { name: 'Time zone' });
    await zone.click();
    await zone.fill('berlin');
    await page.getByRole('option', { name: 'Europe/Berlin' }).click();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('The reports now count days in Europe/Berlin.').waitFor();
    expect((await savedSettings()).timeZone).toBe('Europe/Berlin');

    await navigateTo(page, 'Overview');
    await page.getByText(/time zone, Europe\/Berlin\./).waitFor();
    await page.close();
  }, 90_000);

  it('asks before leaving unsaved edits: "Stay" keeps them, "Discard" leaves without saving', async () => {
    const before = await savedSettings();
    const page = await signInAsOwner(browser.context, server.url, OWNER.email, OWNER.password);
    await navigateTo(page, 'Settings');
    const name = page.getByRole('textbox', { name: 'Organization name' });
    await name.fill(`${before.name} (renamed)`);

    await navigateTo(page, 'Users');
    const dialog = page.getByRole('dialog', { name: 'Discard unsaved changes?' });
    await dialog.waitFor();
    expect(new URL(page.url()).pathname).toBe('/settings');
    // "Stay" has the focus, so Enter or Escape never throws the edits away.
    const stay = dialog.getByRole('button', { name: 'Stay' });
    expect(await stay.evaluate((button) => button === document.activeElement)).toBe(true);
    await stay.click();
    await dialog.waitFor({ state: 'hidden' });
    expect(new URL(page.url()).pathname).toBe('/settings');
    expect(await name.inputValue()).toBe(`${before.name} (renamed)`);

    await navigateTo(page, 'Users');
    await dialog.getByRole('button', { name: 'Discard' }).click();
    await page.waitForURL(/\/users$/);
    expect((await savedSettings()).name).toBe(before.name);

    // Nothing unsaved: leaving asks nothing, and the saved name is back in the form.
    await navigateTo(page, 'Settings');
    expect(await name.inputValue()).toBe(before.name);
    await navigateTo(page, 'Overview');
    await page.waitForURL(/\/overview$/);
    expect(await dialog.count()).toBe(0);
    await page.close();
  }, 90_000);

  it('asks the browser to confirm before closing the tab with unsaved edits', async () => {
    const page = await signInAsOwner(browser.context, server.url, OWNER.email, OWNER.password);
    await navigateTo(page, 'Settings');
    const name = page.getByRole('textbox', { name: 'Organization name' });
    // Browsers show the prompt only on a page the person has interacted with: a click, then typing.
    await name.click();
    await page.keyboard.type(' and Co');
    const prompt = new Promise<string>((resolve) =>
      page.once('dialog', (dialog) => {
        resolve(dialog.type());
        void dialog.dismiss();
      }),
    );
    await page.close({ runBeforeUnload: true });
    expect(await prompt).toBe('beforeunload');
  }, 90_000);
});
