import type { FastifyRequest } from 'fastify';
import type { AuditActor } from '../features/audit-log/index.ts';
import { authOf } from './authenticate.ts';
import { clientOf } from './client-context.ts';

/** The signed-in user behind a request, as the audit log records them: who, through what, from where. */
export function auditActorOf(request: FastifyRequest): AuditActor {
  const auth = authOf(request);
  const client = clientOf(request);
  return {
    type: 'user',
    userId: auth.userId,
    email: auth.email,
    apiTokenId: auth.apiTokenId,
    ip: client.ip,
    userAgent: client.userAgent,
  };
}
