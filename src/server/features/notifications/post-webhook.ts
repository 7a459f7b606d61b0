import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { hostOf, lookupPublicOnly, refusedAddressReason } from './webhook-address.ts';

/** A receiver gets this long (ms) to answer, connection included; then the attempt failed. */
export const WEBHOOK_TIMEOUT_MS = 10_000;
/** At most this much of a receiver's answer is kept in the delivery log (characters). */
export const RESPONSE_EXCERPT_CHARS = 200;

export interface WebhookAttemptResult {
  ok: boolean;
  statusCode: number | null;
  /** Why it failed (network error, refused address, non-2xx with the answer's first characters); null on success. */
  error: string | null;
}

/**
 * POSTs one signed message. 2xx is success; anything else (a redirect too: none is followed) is a
 * failure to retry. Unless private addresses are allowed, an address literal is checked here and a
 * name through lookupPublicOnly, on the connection itself.
 */
export function postWebhook(input: {
  url: string;
  body: string;
  headers: Record<string, string>;
  allowPrivate: boolean;
}): Promise<WebhookAttemptResult> {
  const url = new URL(input.url);
  const host = hostOf(url);
  if (!input.allowPrivate && net.isIP(host)) {
    const reason = refusedAddressReason(host);
    if (reason) return Promise.resolve({ ok: false, statusCode: null, error: `refused: ${host} ${reason}` });
  }
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: WebhookAttemptResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      resolve(result);
    };
    const request = client.request(
      url,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(input.body),
          'user-agent': 'Seatkeeper-Webhooks/1',
          ...input.headers,
        },
        ...(input.allowPrivate ? {} : { lookup: lookupPublicOnly as never }),
      },
      (response) => {
        const statusCode = response.statusCode ?? 0;
        let excerpt = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          if (excerpt.length < RESPONSE_EXCERPT_CHARS) excerpt += chunk;
          else response.destroy();
        });
        const done = () => {
          const ok = statusCode >= 200 && statusCode < 300;
          const text = excerpt.slice(0, RESPONSE_EXCERPT_CHARS).trim();
          finish({ ok, statusCode, error: ok ? null : `HTTP ${statusCode}${text ? `: ${text}` : ''}` });
        };
        response.on('end', done);
        response.on('close', done);
        response.on('error', done);
      },
    );
    const deadline = setTimeout(() => {
      request.destroy();
      finish({ ok: false, statusCode: null, error: `no answer within ${WEBHOOK_TIMEOUT_MS / 1000} s` });
    }, WEBHOOK_TIMEOUT_MS);
    request.on('error', (error: NodeJS.ErrnoException) => {
      const message = error.code === 'EWEBHOOKREFUSED' ? `refused: ${error.message}` : error.message;
      finish({ ok: false, statusCode: null, error: message.slice(0, RESPONSE_EXCERPT_CHARS) });
    });
    request.end(input.body);
  });
}
