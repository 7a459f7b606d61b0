import { findPasswordProblem, type PasswordContext } from '../../../common/password-rules';

// The same rules as the server (src/common/password-rules.ts), checked as the user types; only the
// list of breached passwords stays on the server, whose reason is then shown as given.
export { PASSWORD_RULES_TEXT, type PasswordContext } from '../../../common/password-rules';

/** Reasons the new password cannot work, by field; empty when the console sees none. */
export function checkNewPassword(
  password: string,
  confirmation: string,
  context: PasswordContext,
): { password?: string; confirmation?: string } {
  const problem = findPasswordProblem(password, context);
  if (problem) return { password: problem.detail };
  if (password !== confirmation) return { confirmation: 'The passwords do not match' };
  return {};
}

/** One short line on the password typed so far, for the live status under the field; '' before typing. */
export function describePasswordSoFar(password: string, context: PasswordContext): string {
  if (!password) return '';
  const problem = findPasswordProblem(password, context);
  // A count that changed on every keystroke would be read out on every keystroke.
  if (problem?.rule === 'too-short') return 'Not long enough yet.';
  return problem ? problem.detail : 'Meets the rules so far.';
}
