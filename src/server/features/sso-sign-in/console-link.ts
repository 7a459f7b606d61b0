import { SSO_RETURN_TO_PATTERN } from '../../../contract/sso.ts';

const CONSOLE_PATH = new RegExp(SSO_RETURN_TO_PATTERN, 'u');

/**
 * A path of this console, nothing a browser could read as another host: one leading `/` (not `//`
 * or `/\`), no backslash, no control character (browsers drop tabs and newlines: `/\t/x` is `//x`).
 * The start's schema checks the same; the callback checks again before it redirects.
 */
export function isConsolePath(path: unknown): path is string {
  return typeof path === 'string' && path.length <= 2000 && CONSOLE_PATH.test(path);
}

/**
 * Where the callback sends the browser: a console path under PUBLIC_URL (with its path, if any, like
 * the password-reset link), absolute, and always on PUBLIC_URL's origin: anything else is the console's home.
 */
export function consoleUrl(publicUrl: URL, path: string): string {
  const base = publicUrl.href.endsWith('/') ? publicUrl.href : `${publicUrl.href}/`;
  if (!isConsolePath(path)) return base;
  const url = new URL(`.${path}`, base);
  return url.origin === publicUrl.origin ? url.href : base;
}

/** The path the browser-binding cookie is sent to: the sign-in's two routes, under PUBLIC_URL's path. */
export function ssoCookiePath(publicUrl: URL): string {
  return `${publicUrl.pathname.replace(/\/+$/, '')}/api/v1/auth/sso`;
}
