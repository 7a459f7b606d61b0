/** The public entry of not-me: the "this wasn't me" link of the "was this you?" mail. */
export { describeSignInConfirmation } from './describe-sign-in-confirmation.ts';
export { reportNotMe } from './report-not-me.ts';
