/** The public entry of api-tokens: what other features, http/ and cli/ may use of it (.dependency-cruiser.cjs refuses any other way in). */

export { revokeApiTokensOf } from './api-tokens.repository.ts';
export { authenticateApiToken, looksLikeApiToken } from './authenticate-api-token.ts';
export { createApiToken, MAX_LIVE_API_TOKENS_PER_ORGANIZATION } from './create-api-token.ts';
export { listApiTokens } from './list-api-tokens.ts';
export { revokeApiToken } from './revoke-api-token.ts';
