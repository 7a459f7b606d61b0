import type { App } from '../../src/server/http/app-types.ts';

export interface Session {
  cookie: string;
  csrfToken: string;
  userId: string;
}

/** Signs in through the API; the returned headers authenticate later requests. */
export async function signIn(app: App, email: string, password: string, remoteAddress = '203.0.113.10') {
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email, password },
    remoteAddress,
    headers: {
      'user-agent':
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36',
    },
  });
  if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.statusCode} ${response.body}`);
  const cookie = response.cookies.find((entry) => entry.name === 'sk_session');
  if (!cookie) throw new Error('no session cookie');
  const body = response.json() as { csrfToken: string; user: { id: string } };
  return { cookie: `sk_session=${cookie.value}`, csrfToken: body.csrfToken, userId: body.user.id } satisfies Session;
}

/** Headers of a cookie-authenticated, state-changing request. */
export function as(session: Session): Record<string, string> {
  return { cookie: session.cookie, 'x-csrf-token': session.csrfToken };
}
