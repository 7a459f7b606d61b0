import { Type } from 'typebox';
import { NotMeResultSchema, SignInConfirmationSchema } from '../../../contract/security.ts';
import type { AppDeps } from '../../app-deps.ts';
import { type App, problems } from '../../http/app-types.ts';
import { describeSignInConfirmation } from './describe-sign-in-confirmation.ts';
import { reportNotMe } from './report-not-me.ts';

const TokenParams = Type.Object({ token: Type.String({ minLength: 10, maxLength: 100 }) });

/** The "was this you?" mail's link: public, the token in the path is the only credential. */
export function registerNotMeRoutes(app: App, deps: AppDeps): void {
  const tags = ['security'];

  app.get(
    '/api/v1/sign-in-confirmations/:token',
    {
      schema: {
        tags,
        operationId: 'getSignInConfirmation',
        summary: 'The sign-in a "was this you?" mail is about (changes nothing)',
        security: [],
        params: TokenParams,
        response: {
          200: SignInConfirmationSchema,
          ...problems({ 404: ['sign-in-confirmation-not-found'], 410: ['sign-in-confirmation-expired'] }),
        },
      },
    },
    async (request) => describeSignInConfirmation(deps, request.params.token),
  );

  app.post(
    '/api/v1/sign-in-confirmations/:token/not-me',
    {
      schema: {
        tags,
        operationId: 'reportNotMe',
        summary: '"This wasn’t me": ends all the user’s sessions and raises a high-severity alert (works once)',
        security: [],
        params: TokenParams,
        response: {
          200: NotMeResultSchema,
          ...problems({
            404: ['sign-in-confirmation-not-found'],
            410: ['sign-in-confirmation-expired', 'sign-in-confirmation-used'],
          }),
        },
      },
    },
    async (request) => reportNotMe(deps, request.params.token),
  );
}
