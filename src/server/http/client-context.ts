import { isIP } from 'node:net';
import type { FastifyRequest } from 'fastify';
import { normalizeIp } from './client-ip.ts';

/** Who is on the other end of a request, as far as we can believe it. */
export interface ClientContext {
  /**
   * Socket address, or the X-Forwarded-For hop added by a proxy in TRUST_PROXY (Fastify's
   * trustProxy). Always an IP address: a hop that is not one falls back to the socket's.
   */
  ip: string;
  userAgent: string | undefined;
}

export function clientOf(request: FastifyRequest): ClientContext {
  const userAgent = request.headers['user-agent'];
  return { ip: clientIpOf(request), userAgent: typeof userAgent === 'string' ? userAgent : undefined };
}

/**
 * A trusted proxy passes on whatever the client wrote in X-Forwarded-For; a hop that is not an
 * address (7,000 characters of text, `host:port`) would otherwise be stored, indexed and
 * counted as one. The socket's address (the proxy's) is then the most we can say.
 */
function clientIpOf(request: FastifyRequest): string {
  const forwarded = normalizeIp(request.ip);
  if (isIP(forwarded) !== 0) return forwarded;
  return normalizeIp(request.socket.remoteAddress ?? '');
}
