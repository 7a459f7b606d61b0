import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/server/config.ts';
import { DEMO_MEMBER_PASSWORD, DEMO_OWNER } from '../../src/server/features/demo/seed-demo.ts';
import { startServer } from '../../src/server/start.ts';
import { describeViolations, findAxeViolations, measureSidewaysScroll } from '../helpers/axe.ts';
import { chromiumAvailable, launchBrowser } from '../helpers/chromium.ts';

/**
 * Every page of the console, as people open it, over the demo organization (≈50 people, six months
 * of sign-ins, three subscriptions), at a desktop and a phone width: axe-core finds no serious or
 * critical WCAG 2.2 A/AA violation, the page does not scroll sideways, and its time to content is
 * recorded in docs/page-times.md (recorded only: times depend on the machine).
 *
 * The pages are found as a person finds them: the main navigation's links (owner's and member's),
 * then what those pages link to (a user's tabs, every report, a subscription).
 */

const WIDTHS = [
  { label: '1440 px', width: 1440, height: 900 },
  { label: '390 px', width: 390, height: 844 },
] as const;
const TIME_ZONE = 'Australia/Sydney';
const PAGE_TIMES_FILE = new URL('../../docs/page-times.md', import.meta.url);

interface Visit {
  name: string;
  path: string;
  /** What shows once the page has its content; by default its h1, with no skeleton or loader left. */
  content?: string;
}

/** The demo server, seeded at start; on a free port, in a scratch folder. */
async function startDemoServer() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'seatkeeper-every-page-'));
  const config = loadConfig({ DATA_DIR: dataDir, DEMO: '1', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent' });
  const server = await startServer(config, { buildWeb: false, handleSignals: false });
  return {
    ...server,
    async close() {
      await server.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Resolves once the page shows its content: the main heading (or `selector`), and no placeholder still loading. */
async function waitForContent(page: Page, selector?: string) {
  if (selector) {
    await page.locator(selector).first().waitFor();
    return;
  }
  try {
    await page.waitForFunction(
      () => {
        const heading = document.querySelector('h1');
        if (!heading || heading.getBoundingClientRect().height === 0) return false;
        // Hidden ones (in a tab panel not shown) do not count.
        const placeholders = document.querySelectorAll('.mantine-Skeleton-root, .mantine-Loader-root');
        return [...placeholders].every((placeholder) => placeholder.getClientRects().length === 0);
      },
      undefined,
      { polling: 'raf' },
    );
  } catch (error) {
    const state = await page.evaluate(() => ({
      heading: document.querySelector('h1')?.textContent ?? null,
      loading: [...document.querySelectorAll('.mantine-Skeleton-root, .mantine-Loader-root')]
        .filter((placeholder) => placeholder.getClientRects().length > 0)
        .map((placeholder) => placeholder.parentElement?.outerHTML.slice(0, 200)),
    }));
    throw new Error(`${page.url()} never showed its content: ${JSON.stringify(state)}`, { cause: error });
  }
}

/** The links of the main navigation, in order. */
async function navigationLinks(page: Page): Promise<Visit[]> {
  const links = page.getByRole('navigation', { name: 'Main' }).getByRole('link');
  await links.first().waitFor({ state: 'attached' });
  return links.evaluateAll((anchors) =>
    anchors.map((anchor) => ({
      name: (anchor.textContent ?? '').trim(),
      path: new URL((anchor as HTMLAnchorElement).href).pathname,
    })),
  );
}

/** Hrefs of links in the page's main content that start with `prefix`, deduplicated, in page order. */
async function linksIn(page: Page, prefix: string): Promise<{ name: string; path: string }[]> {
  const found = await page.locator(`main a[href^="${prefix}"]`).evaluateAll((anchors) =>
    anchors.map((anchor) => ({
      name: (anchor.textContent ?? '').trim(),
      path: new URL((anchor as HTMLAnchorElement).href).pathname,
    })),
  );
  return found.filter((link, index) => found.findIndex((other) => other.path === link.path) === index);
}

async function signIn(page: Page, baseUrl: string, email: string, password: string) {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').first().fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/(overview|me)$/);
}

/** What has keyboard focus, and the focus indicator drawn for it (null when there is none to see). */
async function focusedControl(page: Page) {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    if (!element || element === document.body) return null;
    const labels = (element as HTMLInputElement).labels;
    const name =
      element.getAttribute('aria-label') ||
      (labels?.[0]?.textContent ?? '').trim() ||
      (element.textContent ?? '').trim();
    const ringOn = (candidate: Element | null, withShadow: boolean) => {
      if (!candidate) return null;
      const style = getComputedStyle(candidate);
      if (style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) >= 2) {
        return `outline ${style.outlineWidth} ${style.outlineColor}`;
      }
      return withShadow && style.boxShadow !== 'none' ? `box-shadow ${style.boxShadow}` : null;
    };
    // Visually hidden radios (a segmented control) draw their ring on the label beside them.
    const ring =
      ringOn(element, true) ??
      ringOn(element.nextElementSibling, false) ??
      ringOn(element.parentElement, false) ??
      ringOn(element.parentElement?.parentElement ?? null, false);
    return {
      tag: element.tagName.toLowerCase(),
      role: element.getAttribute('role') ?? '',
      name,
      href: element.getAttribute('href') ?? '',
      checked: (element as HTMLInputElement).checked ?? false,
      value: (element as HTMLInputElement).value ?? '',
      ring,
    };
  });
}

type Focused = NonNullable<Awaited<ReturnType<typeof focusedControl>>>;

/** Presses Tab until `wanted` has focus; every control passed on the way must show a focus indicator. */
async function tabTo(page: Page, wanted: (control: Focused) => boolean, what: string): Promise<Focused> {
  for (let presses = 0; presses < 80; presses++) {
    await page.keyboard.press('Tab');
    const control = await focusedControl(page);
    if (!control) continue;
    expect(control.ring, `no visible focus on ${control.tag} "${control.name}"`).not.toBeNull();
    if (wanted(control)) return control;
  }
  throw new Error(`Tab never reached ${what}`);
}

describe.skipIf(!chromiumAvailable)('every page, at desktop and phone width, in Chromium', () => {
  let server: Awaited<ReturnType<typeof startDemoServer>>;
  /** Page name → width label → ms to content. */
  const times = new Map<string, Map<string, number>>();
  let ownerPages: Visit[] = [];

  beforeAll(async () => {
    server = await startDemoServer();
  }, 300_000);

  afterAll(async () => {
    await server?.close();
  });

  it('signs in with the keyboard alone from /, then opens a report and changes its period by keyboard', async () => {
    const browser = await launchBrowser({ timezoneId: TIME_ZONE, viewport: { width: 1440, height: 900 } });
    try {
      const page = await browser.context.newPage();
      page.setDefaultTimeout(20_000);
      await page.goto(`${server.url}/`);
      await page.waitForURL(/\/login/);
      await page.getByLabel('Email').waitFor();

      // The email field has the focus on arrival; from there, typing, Tab and Enter only.
      expect(await focusedControl(page)).toMatchObject({ tag: 'input', name: expect.stringMatching(/^Email/) });
      await page.keyboard.type(DEMO_OWNER.email);
      await tabTo(page, (control) => control.name.startsWith('Password'), 'the password');
      await page.keyboard.type(DEMO_OWNER.password);
      await tabTo(page, (control) => control.tag === 'button' && control.name === 'Sign in', 'Sign in');
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/overview$/);
      await waitForContent(page);

      await tabTo(page, (control) => control.href === '/reports', 'Reports in the navigation');
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/reports$/);
      await tabTo(page, (control) => control.href === '/reports/logins', 'the Sign-ins report');
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/reports\/logins$/);
      await waitForContent(page);

      // The period is a radio group: Tab reaches the chosen period, the arrow keys choose another.
      const period = await tabTo(page, (control) => control.checked && /^\d+$/.test(control.value), 'the period');
      expect(period.value).toBe('30');
      await page.keyboard.press('ArrowRight');
      await page.waitForURL(/[?&]range=90\b/);
      const ninetyDays = page.getByRole('radio', { name: '90 days' });
      await expect.poll(() => ninetyDays.isChecked()).toBe(true);
      await waitForContent(page);
    } finally {
      await browser.close();
    }
  }, 120_000);

  for (const { label, width, height } of WIDTHS) {
    it(`at ${label}: no serious or critical axe violation, no sideways scroll, on every page`, async () => {
      const browser = await launchBrowser({ timezoneId: TIME_ZONE, viewport: { width, height }, bypassCSP: true });
      const problems: string[] = [];
      try {
        const page = await browser.context.newPage();
        page.setDefaultTimeout(30_000);

        /** axe and the sideways scroll on the page as it is now. */
        const audit = async (where: string) => {
          const violations = await findAxeViolations(page);
          if (violations.length > 0) problems.push(`${where} at ${label}:\n${describeViolations(violations)}`);
          const { overflow, culprits } = await measureSidewaysScroll(page);
          if (overflow > 0) {
            problems.push(`${where} at ${label} scrolls sideways by ${overflow} px: ${culprits.join('; ')}`);
          }
        };
        /** Loads the page, records its time to content, audits it. */
        const check = async (visit: Visit) => {
          const started = performance.now();
          await page.goto(`${server.url}${visit.path}`);
          await waitForContent(page, visit.content);
          const elapsed = Math.round(performance.now() - started);
          const row = times.get(visit.name) ?? new Map<string, number>();
          row.set(label, elapsed);
          times.set(visit.name, row);
          await audit(`${visit.name} (${visit.path})`);
        };

        // Where a person starts: / sends them to sign in.
        await check({ name: 'Sign-in page (from /)', path: '/' });
        expect(new URL(page.url()).pathname).toBe('/login');

        await signIn(page, server.url, DEMO_OWNER.email, DEMO_OWNER.password);
        if (ownerPages.length === 0) ownerPages = await findOwnerPages(page, server.url);
        for (const visit of ownerPages) await check(visit);
        await check({ name: 'Not found', path: '/no-such-page' });
        await check({ name: 'API docs', path: '/api/docs', content: '.swagger-ui .opblock' });
        // swagger-ui draws more as it is used: an operation open with "Try it out", then the Authorize dialog.
        await page.locator('#operations-users-listUsers .opblock-summary-control').click();
        await page.getByRole('button', { name: 'Try it out' }).click();
        await page.locator('#operations-users-listUsers tr[data-param-name="role"] select').waitFor();
        await audit('API docs, listUsers open to try out');
        await page.getByRole('button', { name: 'Authorize' }).first().click();
        await page.locator('.swagger-ui .modal-ux').waitFor();
        await audit('API docs, Authorize dialog');

        // A member's console: their own pages only.
        const member = await activeMemberEmail(page, server.url);
        await browser.context.clearCookies();
        await signIn(page, server.url, member, DEMO_MEMBER_PASSWORD);
        for (const visit of await navigationLinks(page)) await check({ ...visit, name: `Member: ${visit.name}` });
      } finally {
        await browser.close();
      }
      expect(problems, problems.join('\n\n')).toEqual([]);
    }, 600_000);
  }

  it('writes the times to content to docs/page-times.md', () => {
    const table = pageTimesTable(times);
    console.log(`\nTime to content (ms):\n${table}\n`);
    fs.writeFileSync(PAGE_TIMES_FILE, pageTimesDocument(table));
    expect(times.size).toBeGreaterThan(20);
  });
});

/**
 * The owner's pages as a person reaches them: the main navigation, then from Users a person's four
 * tabs, from Reports every report, from Billing a subscription, from Settings its Security, API
 * tokens and Retention and privacy parts.
 */
async function findOwnerPages(page: Page, baseUrl: string): Promise<Visit[]> {
  const visits: Visit[] = [];
  for (const link of await navigationLinks(page)) {
    visits.push(link);
    if (link.path === '/users') {
      await page.goto(`${baseUrl}/users`);
      await waitForContent(page);
      const [user] = await linksIn(page, '/users/');
      if (!user) throw new Error('the Users page links to no user');
      for (const tab of ['details', 'licenses', 'activity', 'sessions']) {
        visits.push({
          name: `User: ${tab}`,
          path: `${user.path.replace(/\/(details|licenses|activity|sessions)$/, '')}/${tab}`,
        });
      }
    }
    if (link.path === '/reports') {
      await page.goto(`${baseUrl}/reports`);
      await waitForContent(page);
      for (const report of await linksIn(page, '/reports/'))
        visits.push({ name: `Report: ${report.name}`, path: report.path });
    }
    if (link.path === '/settings') {
      // Settings links to its Security part (rules, trusted networks, notifications, webhooks).
      await page.goto(`${baseUrl}/settings`);
      await waitForContent(page);
      const [security] = await linksIn(page, '/settings/security');
      if (!security) throw new Error('the Settings page links to no security settings');
      visits.push({ name: 'Settings: Security', path: security.path });
      // …and to its API tokens and its retention and privacy parts.
      for (const [name, prefix] of [
        ['Settings: API tokens', '/settings/api-tokens'],
        ['Settings: Retention and privacy', '/settings/privacy'],
      ] as const) {
        const [part] = await linksIn(page, prefix);
        if (!part) throw new Error(`the Settings page links to no ${prefix}`);
        visits.push({ name, path: part.path });
      }
    }
    if (link.path === '/billing') {
      await page.goto(`${baseUrl}/billing`);
      await waitForContent(page);
      const [subscription] = await linksIn(page, '/billing/');
      if (!subscription) throw new Error('the Billing page links to no subscription');
      visits.push({ name: 'Subscription', path: subscription.path });
      // Reached from the subscription page's "Seats in use" link (and a floating pool's card).
      visits.push({ name: 'Seats in use', path: `${subscription.path.replace(/\/seats-in-use$/, '')}/seats-in-use` });
    }
  }
  return visits;
}

/** A member of the demo who can sign in (active, invitation accepted), through the owner's API session. */
async function activeMemberEmail(page: Page, baseUrl: string): Promise<string> {
  const answer = await page.request.get(`${baseUrl}/api/v1/users?role=member&limit=100`);
  const { items } = (await answer.json()) as {
    items: { email: string; role: string; status: string; invitationPending: boolean }[];
  };
  const member = items.find((user) => user.role === 'member' && user.status === 'active' && !user.invitationPending);
  if (!member) throw new Error('the demo has no active member');
  return member.email;
}

function pageTimesTable(times: Map<string, Map<string, number>>): string {
  const header = `| Page | ${WIDTHS.map((width) => width.label).join(' | ')} |`;
  const rule = `|---|${WIDTHS.map(() => '---:').join('|')}|`;
  const rows = [...times].map(
    ([name, byWidth]) => `| ${name} | ${WIDTHS.map((width) => byWidth.get(width.label) ?? '—').join(' | ')} |`,
  );
  return [header, rule, ...rows].join('\n');
}

function pageTimesDocument(table: string): string {
  return `# Time to content, page by page

_Generated file: written by \`test/e2e/every-page.e2e.test.ts\` each time it runs. Do not edit by hand._

Milliseconds from the start of a full page load (\`page.goto\`) until the page's main heading is
visible with no skeleton or loader left (for the API docs, until the first operation shows), in
headless Chromium against the demo organization (≈50 people, six months of sign-ins), served by
\`npm start\`'s server from the built console on the machine that ran the tests. Each width starts
from a fresh browser profile, so the first pages also fetch the console's shared files. Times
depend on the machine (and on what else it runs at the time) and are not asserted; compare runs
on the same machine.

Last run: ${new Date().toISOString().slice(0, 10)}.

${table}
`;
}
