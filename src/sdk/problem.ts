/**
 * An `application/problem+json` body (RFC 9457) as Seatkeeper sends it. In a file of its own: errors.ts reads it, and
 * types.ts (HeartbeatOptions) names errors.ts's SeatkeeperError, so neither imports the other in a circle.
 */
export interface Problem {
  type: string;
  title: string;
  status: number;
  /** Stable, machine-readable; the last segment of `type`. */
  code: string;
  detail?: string;
  /** On 5xx answers: the request id to quote to the server's operator (also the X-Request-Id header). */
  requestId?: string;
  errors?: { path: string; message: string }[];
}
