/**
 * Path segments that follow these words are secrets (one-time tokens): the API's
 * /api/v1/invitations/<token>[/accept], the console's /invite/<token>, the password-reset
 * links (/api/v1/auth/password-reset/<token>, the console's /reset-password/<token>) and the
 * e-mail verification links to come.
 */
const TOKEN_PATH_WORDS = [
  'invitations',
  'invite',
  'password-reset',
  'reset-password',
  'email-verification',
  'verify-email',
  // "This wasn't me" links: /api/v1/sign-in-confirmations/<token>[/not-me] and the console's /not-me/<token>.
  'sign-in-confirmations',
  'not-me',
  // The user code an app shows: /api/v1/device-authorizations/<code>[/approve|/deny].
  'device-authorizations',
];
const TOKEN_SEGMENT = new RegExp(`(/(?:${TOKEN_PATH_WORDS.join('|')})/+)[^/?#]+`, 'gi');

/** Query parameters whose value is a secret: any name containing these, or exactly these. */
const SECRET_QUERY_PARTS = ['token', 'secret', 'password', 'signature', 'session', 'credential'];
const SECRET_QUERY_NAMES = new Set(['code', 'key', 'sig', 'auth', 'otp']);

function isSecretParameter(name: string): boolean {
  const lower = name.toLowerCase();
  return SECRET_QUERY_NAMES.has(lower) || SECRET_QUERY_PARTS.some((part) => lower.includes(part));
}

/**
 * A request URL as it may be written to the log: token path segments become `[token]` and
 * secret query values `[redacted]`. The path is percent-decoded first where it can be, so
 * `/%69nvite/<token>` is caught too.
 */
export function redactUrl(url: string): string {
  const queryAt = url.indexOf('?');
  const rawPath = queryAt === -1 ? url : url.slice(0, queryAt);
  let path = rawPath;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    // Not valid percent-encoding: mask the raw form.
  }
  path = path.replace(TOKEN_SEGMENT, '$1[token]');
  if (queryAt === -1) return path;
  const query = url
    .slice(queryAt + 1)
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=');
      const rawName = equals === -1 ? pair : pair.slice(0, equals);
      let name = rawName;
      try {
        name = decodeURIComponent(rawName.replace(/\+/g, ' '));
      } catch {
        // keep the raw name
      }
      return equals !== -1 && isSecretParameter(name) ? `${rawName}=[redacted]` : pair;
    })
    .join('&');
  return `${path}?${query}`;
}
