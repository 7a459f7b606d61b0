/**
 * The user an Activity view is about, from its API path (`/users/{id}/activity`); null for `/me/activity`. Only an
 * owner's view of a user has the sign-in drawer and the places map: their API is for owners.
 */
export function userIdOfActivityPath(path: string): string | null {
  const match = /^\/users\/([^/]+)\/activity$/.exec(path);
  if (!match?.[1]) return null;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return null;
  }
}
