import { Type } from 'typebox';
import {
  DeviceAuthorizationRequestSchema,
  DeviceAuthorizationSchema,
  StartDeviceAuthorizationBody,
  UserCodeParams,
} from '../../../contract/device-authorization.ts';
import type { AppDeps } from '../../app-deps.ts';
import { type App, problems } from '../../http/app-types.ts';
import { authOf, requireUser, SESSION_ONLY } from '../../http/authenticate.ts';
import { clientOf } from '../../http/client-context.ts';
import { decideDeviceAuthorizationAs, describeDeviceAuthorization } from './decide-device-authorization.ts';
import { createDeviceAuthorizationThrottle } from './device-authorization-throttle.ts';
import { startDeviceAuthorization } from './start-device-authorization.ts';

const CODE_INVALID = { 404: ['device-code-invalid'] };

/**
 * Apps sign in through the browser (RFC 8628): the app starts here (public), the signed-in user reads and
 * answers the request at /device (session cookie and CSRF), the app collects the session at POST /app/sessions.
 */
export function registerDeviceAuthorizationRoutes(app: App, deps: AppDeps): void {
  const user = requireUser(deps);
  const userInConsole = requireUser(deps, { sessionOnly: true });
  const throttle = createDeviceAuthorizationThrottle();

  app.post(
    '/api/v1/app/device-authorizations',
    {
      schema: {
        tags: ['apps'],
        operationId: 'startDeviceAuthorization',
        summary: 'An app starts a sign-in through the browser (RFC 8628): a code for the user, one to poll with',
        description:
          'Show `userCode` and `verificationUri` to the user (or open `verificationUriComplete`), then poll ' +
          'POST /api/v1/app/sessions {deviceCode} every `interval` seconds until it answers 201.',
        security: [],
        body: StartDeviceAuthorizationBody,
        response: {
          200: DeviceAuthorizationSchema,
          ...problems(400, { 404: ['unknown-app'], 429: ['too-many-device-authorizations'] }),
        },
      },
    },
    async (request) => {
      await throttle(clientOf(request).ip);
      return startDeviceAuthorization(deps, request.body);
    },
  );

  app.get(
    '/api/v1/device-authorizations/:userCode',
    {
      preHandler: user,
      schema: {
        tags: ['auth'],
        operationId: 'getDeviceAuthorization',
        summary: 'Which app, on which device, waits for this code (to approve or deny at /device)',
        params: UserCodeParams,
        response: { 200: DeviceAuthorizationRequestSchema, ...problems(CODE_INVALID) },
      },
    },
    async (request) => describeDeviceAuthorization(deps, request.params.userCode),
  );

  for (const [action, status] of [
    ['approve', 'approved'],
    ['deny', 'denied'],
  ] as const) {
    app.post(
      `/api/v1/device-authorizations/:userCode/${action}`,
      {
        // Signing an app in as oneself is the person's own act: an API token cannot do it.
        preHandler: userInConsole,
        schema: {
          tags: ['auth'],
          security: SESSION_ONLY,
          operationId: action === 'approve' ? 'approveDeviceAuthorization' : 'denyDeviceAuthorization',
          summary:
            action === 'approve'
              ? 'Sign the app in as me: its next poll gets a session (if I hold a seat for it)'
              : 'Refuse the app’s sign-in: its next poll answers access-denied',
          params: UserCodeParams,
          response: { 204: Type.Null(), ...problems(CODE_INVALID) },
        },
      },
      async (request, reply) => {
        const { orgId, userId } = authOf(request);
        await decideDeviceAuthorizationAs(deps, { orgId, userId }, request.params.userCode, status);
        return reply.code(204).send(null);
      },
    );
  }
}
