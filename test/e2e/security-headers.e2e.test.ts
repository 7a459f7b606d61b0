import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization } from '../../src/server/features/operator/create-organization.ts';
import { chromiumAvailable, launchBrowser, navigateTo, signInAsOwner } from '../helpers/chromium.ts';
import { startE2eServer } from '../helpers/e2e-server.ts';

const OWNER = { email: 'casey.csp@example.com', password: 'owner passphrase for csp' };

/**
 * The Content-Security-Policy must not break what people open: the console (Mantine writes
 * inline styles) and the API docs page (swagger-ui). Every violation Chromium reports fails.
 */
describe.skipIf(!chromiumAvailable)('the console and the API docs under the CSP, in Chromium', () => {
  let server: Awaited<ReturnType<typeof startE2eServer>>;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  const violations: string[] = [];

  beforeAll(async () => {
    server = await startE2eServer();
    await createOrganization(server.deps.database.db, {
      name: 'Policy Ltd',
      ownerEmail: OWNER.email,
      ownerName: 'Casey Policy',
      ownerPassword: OWNER.password,
    });
    browser = await launchBrowser();
    await browser.context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`);
      });
    });
    browser.context.on('console', (message) => {
      if (/Content Security Policy|CSP violation/i.test(message.text())) violations.push(message.text());
    });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the console signs in and shows its pages with no CSP violation', async () => {
    const page = await signInAsOwner(browser.context, server.url, OWNER.email, OWNER.password);
    await navigateTo(page, 'Users');
    await page.getByText('Casey Policy').filter({ visible: true }).first().waitFor();
    await navigateTo(page, 'Reports');
    await page.waitForLoadState('networkidle');
    expect(violations).toEqual([]);
    await page.close();
  });

  it('the API docs page renders the operations with no CSP violation', async () => {
    const page = await browser.context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${server.url}/api/docs`);
    await page.locator('.swagger-ui .opblock').first().waitFor();
    expect(await page.locator('.swagger-ui .opblock').count()).toBeGreaterThan(10);
    await page.getByText('/api/v1/auth/login').first().waitFor();
    expect(violations).toEqual([]);
    await page.close();
  });
});
