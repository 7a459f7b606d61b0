import { createRequire } from 'node:module';
import { isbot } from 'isbot';

export type DeviceType = 'desktop' | 'mobile' | 'tablet' | 'bot' | 'other';

export interface ParsedDevice {
  type: DeviceType;
  os: string | null;
  osVersion: string | null;
  browser: string | null;
  browserVersion: string | null;
}

/** The subset of ua-parser-js 1.x's result we read (the 1.x package ships no type declarations). */
interface UAParserResult {
  browser: { name?: string; version?: string };
  os: { name?: string; version?: string };
  device: { type?: string; vendor?: string; model?: string };
}
type UAParserConstructor = new (userAgent: string) => { getResult(): UAParserResult };

// createRequire instead of `import`: ua-parser-js 1.x is untyped CommonJS, and a typed require keeps tsc strict
// without an ambient declaration file.
const { UAParser } = createRequire(import.meta.url)('ua-parser-js') as { UAParser: UAParserConstructor };

/**
 * Real browser UAs are under ~300 chars and app UAs with bracketed metadata reach ~600; clients can send 10 kB of junk.
 * ua-parser-js caps itself at 500 chars but isbot's regexes do not, so cut before both to bound CPU per request.
 */
const MAX_USER_AGENT_LENGTH = 1024;

/** Case-insensitive regex from `|`-separated alternatives, split over several strings to keep lines readable. */
function matchAnywhere(...alternatives: string[]): RegExp {
  return new RegExp(alternatives.join('|'), 'i');
}

/** Like matchAnywhere, but the whole string must be one of the alternatives (for ua-parser's OS names). */
function matchWhole(...alternatives: string[]): RegExp {
  return new RegExp(`^(?:${alternatives.join('|')})$`, 'i');
}

/**
 * isbot also flags any UA that is not browser-shaped (feature phones' `Nokia6300/2.0`, apps' `WhatsApp/2.21 Android`).
 * When ua-parser found a concrete handset/tablet we only believe "bot" if the UA names itself a crawler (Googlebot's
 * smartphone UA carries a full Android/Nexus UA plus `Googlebot/2.1; +http://www.google.com/bot.html`).
 */
const CRAWLER_SIGNATURE = matchAnywhere(
  'bot\\b|bot[-_/;]|crawl|spider|slurp|preview|headless|ptst/|https?://',
  'google-|-google|googleother|google favicon',
);

/** OS names (as ua-parser 1.x spells them) that only run on desktops and laptops, when no device type was found. */
const DESKTOP_OS = matchWhole(
  'windows|mac os|chromium os|chrome os|linux|hurd|gnu|[kxl]?ubuntu|debian|suse|opensuse|gentoo|arch|slackware',
  'fedora|mandriva|centos|pclinuxos|red ?hat|zenwalk|linpus|raspbian|deepin|manjaro|elementary os|sabayon|linspire',
  'mint|mageia|vectorlinux|[-a-z]*bsd|dragonfly|haiku|solaris|opensolaris|sunos|aix|beos|os/2|amigaos|morphos',
  'openvms|hp-ux|unix|plan 9|minix|risc os|joli|serenityos',
);

/** Handset OSes; Android is handled separately because it runs on phones and tablets alike. */
const MOBILE_OS = matchWhole(
  'ios|windows phone|windows mobile|blackberry|bada|kaios|maemo|meego|symbian|series40|sailfish|firefox os',
  'ubuntu touch|webos|tizen|harmonyos|openharmony|palm|qnx',
);

/**
 * TVs, set-top boxes, consoles, headsets and watches. Checked before ua-parser's own verdict because its handset rules
 * match TV UAs that carry a maker's phone-like model code (LG's `LG Browser ... LGE; 42LA6928`). DirectFB is the
 * embedded-Linux graphics layer of TV browsers.
 */
const NON_PERSONAL_DEVICE = matchAnywhere(
  'smart-?tv|hbbtv|netcast|web0s|\\btv safari|directfb|crkey|roku|apple ?tv|google ?tv|android tv',
  'playstation|nintendo|xbox|oculusbrowser|\\bquest \\d|\\bvr\\b|watchos|apple watch',
);

/** Tokens only iOS browsers and web views send; see detectDesktopModeTablet. */
const IOS_ONLY_TOKEN = /\b(crios|fxios|edgios|opt|gsa)\/[\d.]+|\bmobile\/\w+/i;

const EMPTY: ParsedDevice = { type: 'other', os: null, osVersion: null, browser: null, browserVersion: null };

/** Classifies a User-Agent header for the sign-in log. Never throws; unknown input yields type 'other'. */
export function parseUserAgent(userAgent: string | undefined | null): ParsedDevice {
  if (typeof userAgent !== 'string') return { ...EMPTY };
  const ua = userAgent.slice(0, MAX_USER_AGENT_LENGTH).trim();
  if (ua === '') return { ...EMPTY };
  try {
    return describeUserAgent(ua);
  } catch {
    // A parser bug on hostile input must not fail a sign-in; record what we cannot classify as 'other'.
    return { ...EMPTY };
  }
}

function describeUserAgent(ua: string): ParsedDevice {
  const result = new UAParser(ua).getResult();
  const parsed: ParsedDevice = {
    type: classifyDevice(ua, result),
    os: result.os.name || null,
    osVersion: result.os.version || null,
    browser: result.browser.name || null,
    browserVersion: result.browser.version || null,
  };
  const tabletOs = parsed.type === 'desktop' ? detectDesktopModeTablet(ua, result) : null;
  // The Mac OS X version in such a UA is frozen (10_15_7) and says nothing about the tablet's own OS version.
  return tabletOs === null ? parsed : { ...parsed, type: 'tablet', os: tabletOs, osVersion: null };
}

function classifyDevice(ua: string, result: UAParserResult): DeviceType {
  const deviceType = result.device.type;
  const flaggedAsBot = isbot(ua);
  if (flaggedAsBot && CRAWLER_SIGNATURE.test(ua)) return 'bot';
  // smarttv, console, wearable, embedded, xr: shared or headless screens, not someone's personal computer.
  if (NON_PERSONAL_DEVICE.test(ua)) return 'other';
  if (deviceType === 'mobile') return 'mobile';
  if (deviceType === 'tablet') return 'tablet';
  if (deviceType !== undefined) return 'other';
  if (flaggedAsBot) return 'bot';
  return classifyByOs(ua, result.os.name ?? '', result.os.version ?? '');
}

/** ua-parser 1.x leaves device.type unset for desktops and for handsets it has no model rule for. */
function classifyByOs(ua: string, os: string, osVersion: string): DeviceType {
  if (/^android$/i.test(os)) return /\bmobile\b/i.test(ua) ? 'mobile' : 'tablet';
  if (/^rim tablet os$/i.test(os)) return 'tablet';
  if (MOBILE_OS.test(os)) return 'mobile';
  // Windows CE is Pocket PC / Windows Mobile, not the desktop line.
  if (/^windows$/i.test(os) && /^ce\b/i.test(osVersion)) return 'mobile';
  if (DESKTOP_OS.test(os)) return 'desktop';
  // No recognised OS: fall back to the tokens MDN recommends for form-factor sniffing.
  if (/\btablet\b/i.test(ua)) return 'tablet';
  if (/mobi|midp|j2me|wap\b/i.test(ua)) return 'mobile';
  return 'other';
}

/**
 * Tablets asking for desktop sites send a Mac UA. iPadOS 13+ Safari sends exactly the macOS UA, which no server can
 * tell apart from a Mac, but apps' web views and other iOS browsers keep an iOS-only token (`Mobile/15E148`, `CriOS/`,
 * `FxiOS/`), and Amazon Fire tablets keep `Silk/`: tokens a real Mac never sends. Returns the tablet's OS, or null.
 */
function detectDesktopModeTablet(ua: string, result: UAParserResult): string | null {
  if (result.os.name !== 'Mac OS' || !/\bmacintosh\b/i.test(ua)) return null;
  if (IOS_ONLY_TOKEN.test(ua)) return 'iOS';
  if (/\bsilk\//i.test(ua)) return 'Android';
  return null;
}
