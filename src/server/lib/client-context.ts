/** Who is on the other end of a request, as far as we can believe it. */
export interface ClientContext {
  /**
   * Socket address, or the X-Forwarded-For hop added by a proxy in TRUST_PROXY (Fastify's
   * trustProxy). Always an IP address: a hop that is not one falls back to the socket's.
   */
  ip: string;
  userAgent: string | undefined;
}
