import { isIP } from 'node:net';
import type { FastifyRequest } from 'fastify';
import type { ClientContext } from '../lib/client-context.ts';
import { normalizeIp } from './client-ip.ts';

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
