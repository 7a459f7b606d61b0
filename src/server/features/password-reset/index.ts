/** The public entry of password-reset: what other features, http/ and cli/ may use of it (.dependency-cruiser.cjs refuses any other way in). */
export { EMAILED_RESET_TTL_MS, issuePasswordReset, OPERATOR_RESET_TTL_MS } from './issue-password-reset.ts';
export { sendWaitingPasswordResetLinks } from './request-password-reset.ts';
export { sweepPasswordResets } from './sweep-password-resets.ts';
