import { describe, expect, it } from 'vitest';
import { errorFromResponse, parseRetryAfter, SeatkeeperError } from './errors.ts';

function problemResponse(status: number, code: string, headers: Record<string, string> = {}): Response {
  const body = { type: `/problems/${code}`, title: `Title of ${code}`, status, code, detail: `Detail of ${code}` };
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/problem+json; charset=utf-8', ...headers },
  });
}

describe('errorFromResponse', () => {
  it('carries the problem’s status, code, title and detail', async () => {
    const error = await errorFromResponse(problemResponse(403, 'no-license'));
    expect(error).toBeInstanceOf(SeatkeeperError);
    expect(error).toMatchObject({
      status: 403,
      code: 'no-license',
      title: 'Title of no-license',
      detail: 'Detail of no-license',
      retryAfterSeconds: undefined,
    });
    expect(error.message).toBe('Title of no-license: Detail of no-license');
  });

  it('reads Retry-After as seconds or as an HTTP date', async () => {
    const error = await errorFromResponse(problemResponse(429, 'too-many-attempts', { 'retry-after': '42' }));
    expect(error.retryAfterSeconds).toBe(42);
    expect(error.shouldBackOff).toBe(true);
    const now = Date.parse('2026-03-01T10:00:00Z');
    expect(parseRetryAfter('Sun, 01 Mar 2026 10:01:30 GMT', now)).toBe(90);
    expect(parseRetryAfter('Sun, 01 Mar 2026 09:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });

  it('names a body that is not a problem (a proxy’s HTML page) by its status', async () => {
    const error = await errorFromResponse(
      new Response('<h1>Bad gateway</h1>', {
        status: 502,
        statusText: 'Bad Gateway',
        headers: { 'content-type': 'text/html' },
      }),
    );
    expect(error).toMatchObject({ status: 502, code: 'http-502', title: 'Bad Gateway', isTransient: true });
    expect(error.action).toBe('back-off');
  });

  it('survives a JSON content type with a broken body', async () => {
    const error = await errorFromResponse(
      new Response('{"code":', { status: 500, headers: { 'content-type': 'application/json' } }),
    );
    expect(error.code).toBe('http-500');
  });
});

describe('SeatkeeperError.action', () => {
  const cases: [number, string, string][] = [
    [401, 'invalid-credentials', 'check-credentials'],
    [401, 'session-invalid', 'sign-in-again'],
    [401, 'session-ended', 'sign-in-again'],
    [401, 'session-timed-out', 'sign-in-again'],
    [401, 'account-deactivated', 'account-deactivated'],
    [403, 'account-deactivated', 'account-deactivated'],
    [403, 'no-license', 'no-seat'],
    [403, 'seat-removed', 'no-seat'],
    [403, 'subscription-expired', 'no-seat'],
    [404, 'unknown-app', 'fix-request'],
    [400, 'invalid-request', 'fix-request'],
    [429, 'too-many-attempts', 'back-off'],
    // Codes the SDK does not know fall back on the status.
    [401, 'something-new', 'sign-in-again'],
    [403, 'something-new', 'no-seat'],
    [503, 'maintenance', 'back-off'],
    [409, 'something-new', 'fix-request'],
  ];
  it.each(cases)('%i %s → %s', (status, code, action) => {
    const error = new SeatkeeperError({ type: `/problems/${code}`, title: code, status, code });
    expect(error.action).toBe(action);
    expect(error.shouldSignInAgain).toBe(action === 'sign-in-again');
    expect(error.hasNoSeat).toBe(action === 'no-seat');
    expect(error.shouldBackOff).toBe(action === 'back-off');
  });
});
