import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import {
  AddPasskeyBody,
  ConfirmTotpBody,
  MfaStatusSchema,
  PasskeyCreationOptionsSchema,
  PasskeyIdParams,
  PasskeySchema,
  RecoveryCodesSchema,
  RenamePasskeyBody,
  TotpEnrolmentSchema,
} from '../../../contract/mfa.ts';
import { IdParams } from '../../../contract/schema-helpers.ts';
import type { AppDeps } from '../../app-deps.ts';
import { type App, OWNER_ONLY, problems } from '../../http/app-types.ts';
import { auditActorOf } from '../../http/audit-actor.ts';
import { authOf, requireOwner, requireUser, SESSION_ONLY } from '../../http/authenticate.ts';
import { clientOf } from '../../http/client-context.ts';
import { AppError } from '../../lib/app-error.ts';
import { confirmTotp, removeTotp, startTotpEnrolment } from './enrol-totp.ts';
import { renewRecoveryCodes } from './manage-recovery-codes.ts';
import { addPasskey, removePasskey, renameUserPasskey, startPasskeyRegistration } from './passkeys.ts';
import { resetSecondFactors } from './reset-second-factors.ts';
import { hasSecondFactor, readMfaStatus, readSecondFactors } from './second-factors.ts';

/**
 * Two-step verification: the signed-in user's own factors under /me (open to a session that may
 * only enrol, so a user the organization forces to enrol can), and an owner's reset of a user's.
 */
export function registerMfaRoutes(app: App, deps: AppDeps): void {
  // The account's own factors: a console session only, never an API token (authenticate.ts).
  const signedIn = requireUser(deps, { duringEnrolment: true, sessionOnly: true });
  // A session that may only enrol is for a user without a factor. Once the account has one, such a
  // session (someone else who knew the password, or one opened before) must sign in again with it.
  const enrolling = async (request: FastifyRequest, reply: FastifyReply) => {
    await signedIn(request, reply);
    const auth = authOf(request);
    if (auth.enrolmentOnly && hasSecondFactor(await readSecondFactors(deps.database.db, auth))) {
      throw new AppError(
        403,
        'second-factor-enrolment-required',
        'Sign in again',
        'Two-step verification is already set up for this account: sign out, then sign in with it.',
      );
    }
  };
  const tags = ['mfa'];
  const me = (request: Parameters<typeof authOf>[0]) => {
    const auth = authOf(request);
    return { orgId: auth.orgId, userId: auth.userId };
  };

  app.get(
    '/api/v1/me/mfa',
    {
      preHandler: enrolling,
      schema: {
        tags,
        security: SESSION_ONLY,
        operationId: 'getMyMfa',
        summary: 'My second factors: authenticator app, passkeys, recovery codes left',
        response: { 200: MfaStatusSchema, ...problems(401) },
      },
    },
    async (request) => readMfaStatus(deps.database.db, me(request)),
  );

  app.post(
    '/api/v1/me/mfa/totp',
    {
      preHandler: enrolling,
      schema: {
        tags,
        security: SESSION_ONLY,
        operationId: 'startTotpEnrolment',
        summary: 'Start setting up an authenticator app: a new secret and its QR code',
        description: 'Starting again replaces a secret not yet confirmed. A confirmed app must be removed first (409).',
        response: { 200: TotpEnrolmentSchema, ...problems({ 409: ['totp-already-enabled'] }) },
      },
    },
    async (request) => startTotpEnrolment(deps, me(request)),
  );

  app.post(
    '/api/v1/me/mfa/totp/confirm',
    {
      preHandler: enrolling,
      schema: {
        tags,
        security: SESSION_ONLY,
        operationId: 'confirmTotpEnrolment',
        summary: 'Confirm the authenticator app with a first code; answers recovery codes, once',
        description:
          'A wrong code counts toward the account’s sign-in throttle (429 with Retry-After when it is exhausted). ' +
          'Ten recovery codes come with the first factor; a user holding unused codes gets an empty list.',
        body: ConfirmTotpBody,
        response: {
          200: RecoveryCodesSchema,
          ...problems({
            400: ['invalid-code'],
            409: ['no-totp-enrolment', 'totp-already-enabled'],
            429: ['too-many-attempts'],
          }),
        },
      },
    },
    async (request) =>
      confirmTotp(deps, me(request), request.body.code, {
        ip: clientOf(request).ip,
        sessionIdHash: authOf(request).idHash,
      }),
  );

  app.delete(
    '/api/v1/me/mfa/totp',
    {
      preHandler: enrolling,
      schema: {
        tags,
        security: SESSION_ONLY,
        operationId: 'removeTotp',
        summary: 'Remove the authenticator app',
        description: 'When it was the last factor, the recovery codes go with it.',
        response: { 204: Type.Null(), ...problems({ 404: ['not-found'] }) },
      },
    },
    async (request, reply) => {
      await removeTotp(deps, me(request));
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/v1/me/mfa/recovery-codes',
    {
      preHandler: enrolling,
      schema: {
        tags,
        security: SESSION_ONLY,
        operationId: 'renewRecoveryCodes',
        summary: 'Ten new recovery codes in place of all the old ones (shown once)',
        response: { 200: RecoveryCodesSchema, ...problems({ 409: ['no-second-factor'] }) },
      },
    },
    async (request) => renewRecoveryCodes(deps, me(request)),
  );

  app.post(
    '/api/v1/me/passkeys/registration',
    {
      preHandler: enrolling,
      schema: {
        tags,
        security: SESSION_ONLY,
        operationId: 'startPasskeyRegistration',
        summary: 'Options for navigator.credentials.create (the challenge is valid 5 minutes)',
        response: { 200: PasskeyCreationOptionsSchema, ...problems(401) },
      },
    },
    async (request) => startPasskeyRegistration(deps, me(request)),
  );

  app.post(
    '/api/v1/me/passkeys',
    {
      preHandler: enrolling,
      schema: {
        tags,
        security: SESSION_ONLY,
        operationId: 'addPasskey',
        summary: 'Add a passkey: the browser’s answer to the registration’s challenge',
        body: AddPasskeyBody,
        response: {
          201: PasskeySchema,
          ...problems({ 400: ['invalid-passkey'], 409: ['no-passkey-registration', 'passkey-exists'] }),
        },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await addPasskey(deps, me(request), request.body, authOf(request).idHash)),
  );

  app.patch(
    '/api/v1/me/passkeys/:id',
    {
      preHandler: enrolling,
      schema: {
        tags,
        security: SESSION_ONLY,
        operationId: 'renamePasskey',
        summary: 'Rename a passkey',
        params: PasskeyIdParams,
        body: RenamePasskeyBody,
        response: { 204: Type.Null(), ...problems({ 404: ['not-found'] }) },
      },
    },
    async (request, reply) => {
      await renameUserPasskey(deps, me(request), request.params.id, request.body.name);
      return reply.code(204).send(null);
    },
  );

  app.delete(
    '/api/v1/me/passkeys/:id',
    {
      preHandler: enrolling,
      schema: {
        tags,
        security: SESSION_ONLY,
        operationId: 'removePasskey',
        summary: 'Remove a passkey',
        description: 'When it was the last factor, the recovery codes go with it.',
        params: PasskeyIdParams,
        response: { 204: Type.Null(), ...problems({ 404: ['not-found'] }) },
      },
    },
    async (request, reply) => {
      await removePasskey(deps, me(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.delete(
    '/api/v1/users/:id/mfa',
    {
      // Removing someone's factors weakens their sign-in (the creator's own included): the console only.
      preHandler: requireOwner(deps, { sessionOnly: true }),
      schema: {
        tags,
        security: SESSION_ONLY,
        operationId: 'resetUserMfa',
        summary: 'Reset a user’s two-step verification: removes their authenticator app, passkeys and recovery codes',
        params: IdParams,
        response: {
          204: Type.Null(),
          ...problems(OWNER_ONLY, { 404: ['not-found'] }),
        },
      },
    },
    async (request, reply) => {
      const auth = authOf(request);
      const reset = await resetSecondFactors(deps, auth.orgId, request.params.id, auditActorOf(request));
      // The audit log keeps who reset whose factors; the server's log says so too, for the operator.
      request.log.warn(
        {
          event: 'mfa_reset',
          orgId: auth.orgId,
          actorId: auth.userId,
          targetId: request.params.id,
          hadTotp: reset.totp,
        },
        'an owner reset a user’s two-step verification',
      );
      return reply.code(204).send(null);
    },
  );
}
