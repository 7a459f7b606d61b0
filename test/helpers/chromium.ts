import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';

/**
 * The browser suites use Debian's Chromium (never a downloaded build). Missing, they
 * skip with a warning; REQUIRE_CHROMIUM=1 (CI) makes that a failure.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const chromiumAvailable = fs.existsSync(CHROMIUM_PATH);

if (!chromiumAvailable && process.env.REQUIRE_CHROMIUM === '1') {
  throw new Error(`REQUIRE_CHROMIUM=1 but there is no Chromium at ${CHROMIUM_PATH} (apt-get install chromium).`);
}
if (!chromiumAvailable) {
  console.warn(`\n⚠️  SKIPPING the browser suites: no Chromium at ${CHROMIUM_PATH} (apt-get install -y chromium).\n`);
}

/** A fresh headless Chromium profile; close it (and its folder) with `close()`. */
export async function launchBrowser(options: { timezoneId?: string } = {}) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'seatkeeper-chromium-'));
  const context: BrowserContext = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    acceptDownloads: true,
    timezoneId: options.timezoneId,
    locale: 'en-GB',
    viewport: { width: 1400, height: 900 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    context,
    close: async () => {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}
