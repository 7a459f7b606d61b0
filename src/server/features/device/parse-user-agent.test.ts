import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { UAP_CORE_DIR } from '../../../../test/helpers/fixtures.ts';
import { type DeviceType, parseUserAgent } from './parse-user-agent.ts';

// uap-core's test cases, shipped in the repository under test/fixtures/uap-core.
const fixturesDir = UAP_CORE_DIR;

/** Parsing the 80k-line device corpus takes a few seconds on CI's 2 cores. */
const CORPUS_TIMEOUT_MS = 120_000;

interface UapCase {
  user_agent_string: string;
  family: string;
  brand?: string | null;
  model?: string | null;
}

function loadCases(file: string): UapCase[] {
  const doc = parseYaml(readFileSync(path.join(fixturesDir, file), 'utf8')) as { test_cases: UapCase[] };
  return doc.test_cases;
}

interface Agreement {
  agreed: number;
  total: number;
  percent: number;
}

function measure<T>(cases: T[], agrees: (item: T) => boolean): Agreement {
  const agreed = cases.filter(agrees).length;
  return { agreed, total: cases.length, percent: cases.length === 0 ? 0 : (100 * agreed) / cases.length };
}

function report(label: string, result: Agreement, extra = ''): void {
  console.log(`[uap-core] ${label}: ${result.percent.toFixed(2)}% (${result.agreed}/${result.total})${extra}`);
}

// ---------------------------------------------------------------------------------------------------------------
// Browser family. uap-core and ua-parser-js name some products differently; we compare product identity only:
//  1. ua-parser names with a different spelling for the same product are mapped to uap's (BROWSER_ALIASES);
//     'WebKit' is ua-parser's name for an unbranded iOS web view, which uap calls 'Mobile Safari UI/WKWebView'.
//  2. both sides are lower-cased, the qualifiers "Mobile"/"Browser" (as a suffix or word) and the word "iOS" dropped,
//     and punctuation/spaces removed ('Chrome Mobile' = 'Chrome', 'UC Browser' = 'UCBrowser', 'IE Mobile' =
//     'IEMobile'). "Mobile" is only dropped as a suffix/word, so 'MobileIron' does not become 'Iron'.
//  3. uap's 'Other' (unknown) agrees with our null. Everything else — in-app names uap knows and we don't, bots that
//     uap names individually (we return null) — counts as disagreement.
// ---------------------------------------------------------------------------------------------------------------
const BROWSER_ALIASES: Record<string, string> = {
  'Android Browser': 'Android',
  Silk: 'Amazon Silk',
  'Opera Mobi': 'Opera Mobile',
  'Chrome Headless': 'HeadlessChrome',
  Dragon: 'Comodo Dragon',
  Mosaic: 'NCSA Mosaic',
  WebKit: 'Mobile Safari UI/WKWebView',
};

function normaliseBrowser(name: string): string {
  return name
    .toLowerCase()
    .replace(/(mobile|browser)\b|\bios\b/g, '')
    .replace(/[^a-z0-9]/g, '');
}

function browserAgrees(expected: string, actual: string | null): boolean {
  const mapped = actual === null ? 'Other' : (BROWSER_ALIASES[actual] ?? actual);
  return normaliseBrowser(mapped) === normaliseBrowser(expected);
}

/** uap families of general-purpose browsers people sign in with (the corpus is mostly apps and crawlers). */
const MAINSTREAM_BROWSERS = new Set(
  [
    'Chrome|Chrome Mobile|Chrome Mobile iOS|Chrome Mobile WebView|Chromium|Firefox|Firefox Mobile|Firefox iOS',
    'Safari|Mobile Safari|Mobile Safari UI/WKWebView|Edge|Edge Mobile|IE|IE Mobile|Opera|Opera Mobile|Opera Mini',
    'Samsung Internet|UC Browser|Yandex Browser|Brave|Vivaldi|Android|Amazon Silk|QQ Browser|QQ Browser Mobile',
    'Whale|DuckDuckGo Mobile|Huawei Browser|MiuiBrowser|Puffin',
  ].flatMap((names) => names.split('|')),
);

// ---------------------------------------------------------------------------------------------------------------
// OS family: same idea. Aliases for the same OS under two names; normalisation lower-cases, drops the word "OS"
// and punctuation, treats 'Mac OS X' as 'Mac OS', Symbian^3/Anna/Belle as Symbian, Web0S as webOS and
// 'Chromecast <platform>' as Chromecast. uap 'Other' agrees with null.
// ---------------------------------------------------------------------------------------------------------------
const OS_ALIASES: Record<string, string> = {
  'Chromium OS': 'Chrome OS',
  Series40: 'Nokia Series 40',
  'RIM Tablet OS': 'BlackBerry Tablet OS',
};

function normaliseOs(name: string): string {
  return name
    .toLowerCase()
    .replace(/^mac os x$/, 'mac os')
    .replace(/^symbian.*/, 'symbian')
    .replace(/^web0s$/, 'webos')
    .replace(/^chromecast.*/, 'chromecast')
    .replace(/\bos\b/g, '')
    .replace(/[^a-z0-9]/g, '');
}

function osAgrees(expected: string, actual: string | null): boolean {
  const mapped = actual === null ? 'Other' : (OS_ALIASES[actual] ?? actual);
  return normaliseOs(mapped) === normaliseOs(expected);
}

// ---------------------------------------------------------------------------------------------------------------
// Expected device TYPE, derived from uap-core's family/brand/model only (never from ua-parser-js), first match wins:
//  1. family or brand 'Spider'                                                        -> bot
//  2. TV / set-top / console / watch names (HbbTV, NetCast, Inettv, SmartTV, GoogleTV, Chromecast, Apple TV, Roku,
//     WebTV, Xbox, PlayStation, Nintendo, Wii, Apple Watch) or brand Generic_Inettv   -> other
//  3. tablet words in family/brand/model (iPad, Tablet, Tab, Galaxy Tab, MediaPad, IdeaTab, IdeaPad, MI PAD, Pad,
//     Kindle — e-readers count as tablets —, Nexus 7/9/10, Xoom, Xyboard, PlayBook, Transformer, Nook, Slate)
//     or a brand that only made tablets/e-readers (TABLET_BRANDS)                      -> tablet
//  4. iPhone, iPod, 'Feature Phone', 'Smartphone' (uap's generic phone families)      -> mobile
//  5. Samsung by its public model-number scheme: GT-P/GT-N5/GT-N8/SM-T/SM-P/SM-X tablets; GT-I/S/C/E/B, SM-G/A/J,
//     SM-N9 phones; any other Samsung code                                            -> excluded
//  6. Sony: SGP* tablets; C/D/E/F/G/H + 4 digits, LT/MT/ST/SK/WT + digit phones; else -> excluded
//  7. brands that made (almost) only phones (PHONE_BRANDS), minus their few named tablets -> mobile
//  8. family 'Other' whose UA names a desktop OS and no handset token                 -> desktop
//  9. everything else (LG, Huawei, ZTE, Lenovo, white-label Android…: phone or tablet cannot be told from the
//     entry without a model database)                                                 -> excluded, and counted
// ---------------------------------------------------------------------------------------------------------------
const NON_PERSONAL_NAMES = new RegExp(
  [
    'HbbTV|NetCast|Inettv|SmartTV|Smart TV|GoogleTV|Google TV|Chromecast|Apple ?TV|Roku|WebTV',
    'Xbox|PlayStation|Nintendo|\\bWii\\b|Apple Watch',
  ].join('|'),
  'i',
);
const TABLET_NAMES = new RegExp(
  [
    'iPad|Tablet|\\bTab\\b|Galaxy Tab|MediaPad|IdeaTab|IdeaPad|MI PAD|\\bPad\\b|Kindle|Nexus (7|9|10)\\b',
    'Xoom|Xyboard|PlayBook|Transformer|\\bNook\\b|\\bSlate\\b',
  ].join('|'),
  'i',
);
const PHONE_NAMES = /iPhone|iPod|Feature Phone|Smartphone/i;
const TABLET_BRANDS = new Set([
  'Generic_Android_Tablet',
  'CobyKyros',
  'POV',
  'Ainol',
  'Yarvik',
  'Ployer',
  'Nook',
  'Kobo',
  'Nabi',
  'Arnova',
  'Hannspree',
]);
const PHONE_BRANDS = new Set([
  'SonyEricsson',
  'Siemens',
  'Nokia',
  'BlackBerry',
  'Blackberry',
  'HTC',
  'Motorola',
  'motorola',
]);
/** The few tablets the PHONE_BRANDS made: HTC Flyer/Jetstream/EVO View, Motorola MZ6xx, Nokia N800/N810/Lumia 2520. */
const PHONE_BRAND_TABLETS = /Flyer|Jetstream|EVO View|P510e|P715a|MZ6\d\d|N800|N810|Lumia 2520/i;

function deriveExpectedType(entry: UapCase): DeviceType | null {
  const brand = entry.brand ?? '';
  const model = entry.model ?? '';
  const names = `${entry.family} ${brand} ${model}`;
  if (entry.family === 'Spider' || brand === 'Spider') return 'bot';
  if (NON_PERSONAL_NAMES.test(names) || brand === 'Generic_Inettv') return 'other';
  if (TABLET_NAMES.test(names) || TABLET_BRANDS.has(brand)) return 'tablet';
  if (PHONE_NAMES.test(names)) return 'mobile';
  if (/^samsung$/i.test(brand)) {
    if (/^(GT-P|GT-N5|GT-N8|SM-T|SM-P|SM-X)/i.test(model)) return 'tablet';
    if (/^(GT-[ISCEB]|SM-[GAJ]|SM-N9)/i.test(model)) return 'mobile';
    return null;
  }
  if (brand === 'Sony') {
    if (/^SGP/i.test(model)) return 'tablet';
    if (/^([CDEFGH]\d{4}|LT\d|MT\d|ST\d|SK\d|WT\d)/i.test(model)) return 'mobile';
    return null;
  }
  if (PHONE_BRANDS.has(brand)) return PHONE_BRAND_TABLETS.test(model) ? 'tablet' : 'mobile';
  if (entry.family === 'Other') {
    const ua = entry.user_agent_string;
    const desktopOs = /Windows NT|Windows \d|Windows 2000|Mac_PowerPC|Macintosh|X11|SunOS/i.test(ua);
    if (desktopOs && !/Mobile|Android|iOS|J2ME|Phone/i.test(ua)) return 'desktop';
  }
  return null;
}

describe('parseUserAgent against the uap-core corpus', () => {
  it(
    'agrees with uap-core on browser family (test_ua.yaml)',
    () => {
      const cases = loadCases('test_ua.yaml');
      const parsed = cases.map((entry) => ({ entry, browser: parseUserAgent(entry.user_agent_string).browser }));
      const all = measure(parsed, ({ entry, browser }) => browserAgrees(entry.family, browser));
      const mainstream = measure(
        parsed.filter(({ entry }) => MAINSTREAM_BROWSERS.has(entry.family)),
        ({ entry, browser }) => browserAgrees(entry.family, browser),
      );
      const named = measure(
        parsed.filter(({ browser }) => browser !== null),
        ({ entry, browser }) => browserAgrees(entry.family, browser),
      );
      report('browser family, all entries', all, ' — most of the corpus is apps and crawlers uap names and we do not');
      report('browser family, mainstream browsers', mainstream);
      report('browser family, where we named a browser', named);
      expect(all.percent).toBeGreaterThanOrEqual(15);
      expect(mainstream.percent).toBeGreaterThanOrEqual(85);
    },
    CORPUS_TIMEOUT_MS,
  );

  it(
    'agrees with uap-core on OS family (test_os.yaml)',
    () => {
      const cases = loadCases('test_os.yaml');
      const result = measure(cases, (entry) => osAgrees(entry.family, parseUserAgent(entry.user_agent_string).os));
      report('OS family', result);
      expect(result.percent).toBeGreaterThanOrEqual(70);
    },
    CORPUS_TIMEOUT_MS,
  );

  it(
    'agrees with the device type derived from uap-core (test_device.yaml)',
    () => {
      const cases = loadCases('test_device.yaml');
      const judged = cases.flatMap((entry) => {
        const expected = deriveExpectedType(entry);
        return expected === null ? [] : [{ entry, expected }];
      });
      const agrees = ({ entry, expected }: (typeof judged)[number]) =>
        parseUserAgent(entry.user_agent_string).type === expected;
      const result = measure(judged, agrees);
      const excluded = cases.length - judged.length;
      report('device type', result, `; ${excluded} of ${cases.length} entries excluded (type not derivable)`);
      for (const type of ['desktop', 'mobile', 'tablet', 'bot', 'other'] as const) {
        report(
          `device type, expected ${type}`,
          measure(
            judged.filter(({ expected }) => expected === type),
            agrees,
          ),
        );
      }
      expect(result.percent).toBeGreaterThanOrEqual(92);
      // Guard the rule itself: a change that excludes most entries would make the percentage meaningless.
      expect(judged.length).toBeGreaterThanOrEqual(6000);
    },
    CORPUS_TIMEOUT_MS,
  );
});

describe('parseUserAgent on User-Agents people would notice', () => {
  it('reads a current Chrome on Windows 10 as a desktop', () => {
    const ua =
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
    expect(parseUserAgent(ua)).toEqual({
      type: 'desktop',
      os: 'Windows',
      osVersion: '10',
      browser: 'Chrome',
      browserVersion: '131.0.0.0',
    });
  });

  it('reads iPhone Safari as mobile iOS', () => {
    const ua =
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) ' +
      'Version/17.5 Mobile/15E148 Safari/604.1';
    expect(parseUserAgent(ua)).toEqual({
      type: 'mobile',
      os: 'iOS',
      osVersion: '17.5',
      browser: 'Mobile Safari',
      browserVersion: '17.5',
    });
  });

  it('reads an iPad as a tablet', () => {
    const ua =
      'Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 ' +
      'Mobile/15E148 Safari/604.1';
    expect(parseUserAgent(ua)).toMatchObject({ type: 'tablet', os: 'iOS', osVersion: '17.5' });
  });

  it('reads an iPad web view in desktop mode as a tablet, by its iOS-only Mobile/ token', () => {
    const ua = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148';
    expect(parseUserAgent(ua)).toMatchObject({ type: 'tablet', os: 'iOS', osVersion: null });
    const chromeOnIpad =
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) ' +
      'CriOS/120.0.6099.119 Mobile/15E148 Safari/604.1';
    expect(parseUserAgent(chromeOnIpad)).toMatchObject({ type: 'tablet', os: 'iOS', browser: 'Chrome' });
  });

  it('reads Mac Safari as a desktop (iPadOS Safari sends this exact UA too; no UA can tell them apart)', () => {
    const ua =
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 ' +
      'Safari/605.1.15';
    expect(parseUserAgent(ua)).toMatchObject({ type: 'desktop', os: 'Mac OS', browser: 'Safari' });
  });

  it('reads Android without "Mobile" as a tablet and with it as a phone', () => {
    const tablet =
      'Mozilla/5.0 (Linux; Android 13; SM-X700) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36';
    expect(parseUserAgent(tablet)).toMatchObject({ type: 'tablet', os: 'Android', osVersion: '13' });
    // Chrome's reduced UA hides the model ("K"): only the Mobile token is left to go by.
    const reducedTablet =
      'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36';
    expect(parseUserAgent(reducedTablet).type).toBe('tablet');
    const reducedPhone =
      'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36';
    expect(parseUserAgent(reducedPhone).type).toBe('mobile');
  });

  it('reads Googlebot, desktop and smartphone, as a bot', () => {
    expect(parseUserAgent('Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)').type).toBe('bot');
    const smartphone =
      'Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) ' +
      'Chrome/120.0.6099.71 Mobile Safari/537.36 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';
    expect(parseUserAgent(smartphone).type).toBe('bot');
  });

  it('reads curl and other scripted HTTP clients as bots: a sign-in from them is automation, not a person', () => {
    for (const ua of ['curl/8.5.0', 'python-requests/2.31.0', 'Go-http-client/1.1', 'Wget/1.21.4']) {
      expect(parseUserAgent(ua), ua).toEqual({
        type: 'bot',
        os: null,
        osVersion: null,
        browser: null,
        browserVersion: null,
      });
    }
  });

  it('reads TVs, consoles and cast devices as other', () => {
    const tv =
      'Mozilla/5.0 (SMART-TV; LINUX; Tizen 6.0) AppleWebKit/537.36 (KHTML, like Gecko) 76.0.3809.146/6.0 ' +
      'TV Safari/537.36';
    const xbox =
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64; Xbox; Xbox One) AppleWebKit/537.36 (KHTML, like Gecko) ' +
      'Chrome/70.0.3538.102 Safari/537.36 Edge/18.19041';
    const chromecast =
      'Mozilla/5.0 (X11; Linux armv7l) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120 Safari/537.36 ' +
      'CrKey/1.56.500000';
    for (const ua of [tv, xbox, chromecast]) expect(parseUserAgent(ua).type, ua).toBe('other');
  });

  it('reads desktop Linux and ChromeOS as desktops', () => {
    const ubuntu = 'Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0';
    const chromebook =
      'Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36';
    expect(parseUserAgent(ubuntu)).toMatchObject({ type: 'desktop', os: 'Ubuntu', browser: 'Firefox' });
    expect(parseUserAgent(chromebook)).toMatchObject({ type: 'desktop', browser: 'Chrome' });
  });

  it('reads empty and missing User-Agents as other, with nothing known', () => {
    const nothing = { type: 'other', os: null, osVersion: null, browser: null, browserVersion: null };
    for (const ua of ['', '   ', null, undefined]) expect(parseUserAgent(ua)).toEqual(nothing);
  });

  it('survives 10 kB of junk and still reads a real UA that is padded with it', () => {
    const junk = '\u0000(;/'.repeat(2_500);
    expect(() => parseUserAgent(junk)).not.toThrow();
    expect(parseUserAgent('a'.repeat(10_000)).type).toMatch(/^(bot|other)$/);
    const padded =
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 ' +
      `Safari/537.36 ${'x'.repeat(10_000)}`;
    expect(parseUserAgent(padded)).toMatchObject({ type: 'desktop', os: 'Windows', browser: 'Chrome' });
  });
});
