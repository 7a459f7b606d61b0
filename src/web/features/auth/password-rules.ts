// Mirrors the server's limits so most mistakes are caught before a round trip; the server still decides
// (it also refuses common passwords) and its reason is shown as given.
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

export const passwordHint = `At least ${PASSWORD_MIN_LENGTH} characters. Avoid common passwords.`;

/** A reason the new password cannot work, or null. */
export function checkNewPassword(password: string, confirmation: string): { password?: string; confirmation?: string } {
  if (password.length < PASSWORD_MIN_LENGTH) {
    return { password: `Use at least ${PASSWORD_MIN_LENGTH} characters` };
  }
  if (password.length > PASSWORD_MAX_LENGTH) {
    return { password: `Use at most ${PASSWORD_MAX_LENGTH} characters` };
  }
  if (password !== confirmation) return { confirmation: 'The passwords do not match' };
  return {};
}
