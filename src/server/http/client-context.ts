import type { FastifyRequest } from 'fastify';
import { normalizeIp } from './client-ip.ts';

/** Who is on the other end of a request, as far as we can believe it. */
export interface ClientContext {
  /** Socket address, or the X-Forwarded-For hop added by a proxy in TRUST_PROXY (Fastify's trustProxy). */
  ip: string;
  userAgent: string | undefined;
}

export function clientOf(request: FastifyRequest): ClientContext {
  const userAgent = request.headers['user-agent'];
  return { ip: normalizeIp(request.ip), userAgent: typeof userAgent === 'string' ? userAgent : undefined };
}
