import { ApiError } from '../../lib/api';
import { problemFieldErrors, problemMessage } from '../../lib/problem-message';

/**
 * The server's word on the address filter when a 400 refused it: the detail of its `invalid-ip-filter` problem
 * (which says what is wrong with this value: '"99" is not a prefix length…'), else the field error for `ip` (a
 * schema check: too long), else the detail of a problem about the address. Null otherwise, so other failures stay
 * a page-level error.
 */
export function ipFilterError(error: unknown, ip: string | null): string | null {
  if (!ip || !(error instanceof ApiError) || error.status !== 400) return null;
  if (error.code === 'invalid-ip-filter') return problemMessage(error);
  const field = problemFieldErrors(error).ip;
  if (field) return field;
  const said = `${error.code ?? ''} ${error.problem.title} ${error.problem.detail ?? ''}`;
  return /\b(ip|address|cidr|network)\b/i.test(said) ? problemMessage(error) : null;
}
