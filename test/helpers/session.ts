import type { App } from '../../src/server/http/app-types.ts';

export interface Session {
  /** The session cookie only (`sk_session=…`). */
  cookie: string;
  csrfToken: string;
  userId: string;
  /** The device cookie the sign-in set (`sk_device=…`): what this browser keeps across sessions. */
  deviceCookie: string;
}

const USER_AGENT =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36';

/** A console sign-in attempt, from a browser holding `deviceCookie` (`sk_device=…`) when given. */
export function attemptSignIn(
  app: App,
  email: string,
  password: string,
  options: { remoteAddress?: string; deviceCookie?: string | undefined } = {},
) {
  return app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email, password },
    remoteAddress: options.remoteAddress ?? '203.0.113.10',
    headers: { 'user-agent': USER_AGENT, ...(options.deviceCookie ? { cookie: options.deviceCookie } : {}) },
  });
}

/** Signs in through the API; the returned headers authenticate later requests. */
export async function signIn(
  app: App,
  email: string,
  password: string,
  remoteAddress = '203.0.113.10',
  options: { deviceCookie?: string | undefined } = {},
) {
  const response = await attemptSignIn(app, email, password, { remoteAddress, ...options });
  if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.statusCode} ${response.body}`);
  const cookie = response.cookies.find((entry) => entry.name === 'sk_session');
  if (!cookie) throw new Error('no session cookie');
  const device = response.cookies.find((entry) => entry.name === 'sk_device');
  if (!device) throw new Error('no device cookie');
  const body = response.json() as { csrfToken: string; user: { id: string } };
  return {
    cookie: `sk_session=${cookie.value}`,
    csrfToken: body.csrfToken,
    userId: body.user.id,
    deviceCookie: `sk_device=${device.value}`,
  } satisfies Session;
}

/** Headers of a cookie-authenticated, state-changing request. */
export function as(session: Session): Record<string, string> {
  return { cookie: session.cookie, 'x-csrf-token': session.csrfToken };
}

/** The same, from the browser that signed in: it also sends its device cookie. */
export function asBrowserOf(session: Session): Record<string, string> {
  return { cookie: `${session.cookie}; ${session.deviceCookie}`, 'x-csrf-token': session.csrfToken };
}
