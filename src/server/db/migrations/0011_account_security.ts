import type { Kysely } from 'kysely';

/**
 * Account security (issue 12): password-reset links, second factors (authenticator apps,
 * passkeys, recovery codes), the pending second step of a sign-in, single sign-on per
 * organization, and apps that sign in through the browser (RFC 8628 device authorization).
 * The tokens a link or a client holds (reset links, challenges, device codes) and recovery codes
 * are stored as their SHA-256; what the server must use again is kept as is: TOTP secrets, the
 * SSO client secret, an SSO request's nonce and PKCE verifier, the short user codes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // How the sign-in was proven: 'password' | 'sso' | 'device_authorization' | 'password_reset';
  // which second factor was used ('totp' | 'passkey' | 'recovery_code'), and why it was asked
  // ('enrolled' | 'required' | 'risk').
  await db.schema
    .alterTable('sign_in_attempts')
    .addColumn('method', 'text', (col) => col.notNull().defaultTo('password'))
    .execute();
  await db.schema.alterTable('sign_in_attempts').addColumn('second_factor', 'text').execute();
  await db.schema.alterTable('sign_in_attempts').addColumn('step_reason', 'text').execute();

  // How the app session's sign-in was proven (the Activity tab shows it on the session too).
  await db.schema
    .alterTable('app_sessions')
    .addColumn('method', 'text', (col) => col.notNull().defaultTo('password'))
    .execute();

  // A session that may only enrol a second factor (the organization requires one and its grace is over).
  await db.schema
    .alterTable('sessions')
    .addColumn('enrolment_only', 'integer', (col) => col.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('password_resets')
    .addColumn('token_hash', 'text', (col) => col.primaryKey())
    .addColumn('org_id', 'text', (col) => col.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .addColumn('expires_at', 'bigint', (col) => col.notNull())
    .addColumn('used_at', 'bigint')
    // 'email' (the user asked) | 'cli' (the operator issued it).
    .addColumn('issued_by', 'text', (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex('password_resets_user')
    .on('password_resets')
    .columns(['org_id', 'user_id', 'created_at'])
    .execute();

  // Every "Forgot password?" request, known address or not, is stored before it is answered (the
  // same write for both, so the answer says nothing); the link and its mail are made from it after.
  await db.schema
    .createTable('password_reset_requests')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('email', 'text', (col) => col.notNull())
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .addColumn('processed_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('password_reset_requests_pending')
    .on('password_reset_requests')
    .columns(['processed_at', 'created_at'])
    .execute();

  await db.schema
    .createTable('totp_factors')
    .addColumn('org_id', 'text', (col) => col.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (col) => col.notNull().references('users.id').onDelete('cascade'))
    // Base32 secret, kept as is: the codes are computed from it (README, "Account security": a
    // database dump holds it, as it holds the webhook secrets).
    .addColumn('secret', 'text', (col) => col.notNull())
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    // Null until the user has typed a first code: an unconfirmed secret is never asked for.
    .addColumn('confirmed_at', 'bigint')
    // The last 30-second step a code was accepted for: a code of that step or earlier is a replay.
    .addColumn('last_used_step', 'bigint')
    .addPrimaryKeyConstraint('totp_factors_pk', ['org_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('recovery_codes')
    .addColumn('org_id', 'text', (col) => col.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('code_hash', 'text', (col) => col.notNull())
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .addColumn('used_at', 'bigint')
    .addPrimaryKeyConstraint('recovery_codes_pk', ['org_id', 'user_id', 'code_hash'])
    .execute();

  await db.schema
    .createTable('passkeys')
    // The credential id (base64url), unique across the server: the authenticator names it.
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('org_id', 'text', (col) => col.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (col) => col.notNull())
    // COSE public key, base64url.
    .addColumn('public_key', 'text', (col) => col.notNull())
    .addColumn('counter', 'bigint', (col) => col.notNull().defaultTo(0))
    // JSON array of AuthenticatorTransport.
    .addColumn('transports', 'text', (col) => col.notNull().defaultTo('[]'))
    .addColumn('backed_up', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .addColumn('last_used_at', 'bigint')
    .execute();
  await db.schema.createIndex('passkeys_user').on('passkeys').columns(['org_id', 'user_id']).execute();

  // A WebAuthn registration in progress (the challenge the browser must sign), one per user.
  await db.schema
    .createTable('passkey_registrations')
    .addColumn('org_id', 'text', (col) => col.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('challenge', 'text', (col) => col.notNull())
    .addColumn('expires_at', 'bigint', (col) => col.notNull())
    .addPrimaryKeyConstraint('passkey_registrations_pk', ['org_id', 'user_id'])
    .execute();

  // The second step of a sign-in whose password was right: POST /auth/login/verify finishes it.
  await db.schema
    .createTable('sign_in_challenges')
    .addColumn('id_hash', 'text', (col) => col.primaryKey())
    .addColumn('org_id', 'text', (col) => col.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (col) => col.notNull().references('users.id').onDelete('cascade'))
    // 'enrolled' | 'required' | 'risk'
    .addColumn('reason', 'text', (col) => col.notNull())
    // JSON array of the risk flags that asked for the step (reason 'risk').
    .addColumn('risk_flags', 'text', (col) => col.notNull().defaultTo('[]'))
    // The WebAuthn challenge a passkey must sign for this step.
    .addColumn('webauthn_challenge', 'text')
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .addColumn('expires_at', 'bigint', (col) => col.notNull())
    .addColumn('used_at', 'bigint')
    .execute();

  await db.schema
    .createTable('sso_connections')
    .addColumn('org_id', 'text', (col) => col.primaryKey().references('organizations.id').onDelete('cascade'))
    .addColumn('issuer', 'text', (col) => col.notNull())
    .addColumn('client_id', 'text', (col) => col.notNull())
    // Kept as is: it is sent to the provider, so it cannot be a hash.
    .addColumn('client_secret', 'text', (col) => col.notNull())
    .addColumn('enabled', 'integer', (col) => col.notNull().defaultTo(1))
    // Create unknown users of the domains as members at their first SSO sign-in.
    .addColumn('just_in_time', 'integer', (col) => col.notNull().defaultTo(0))
    // Refuse passwords for the domains' users (but the break-glass owner's).
    .addColumn('sso_only', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('break_glass_user_id', 'text', (col) => col.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .addColumn('updated_at', 'bigint', (col) => col.notNull())
    .execute();
  // A domain belongs to one organization on the server: it decides where an e-mail signs in.
  await db.schema
    .createTable('sso_domains')
    .addColumn('domain', 'text', (col) => col.primaryKey())
    .addColumn('org_id', 'text', (col) => col.notNull().references('organizations.id').onDelete('cascade'))
    .execute();
  await db.schema.createIndex('sso_domains_org').on('sso_domains').columns(['org_id']).execute();
  // A sign-in sent to the provider: state, nonce and PKCE verifier to check its return.
  await db.schema
    .createTable('sso_requests')
    .addColumn('state_hash', 'text', (col) => col.primaryKey())
    .addColumn('org_id', 'text', (col) => col.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('nonce', 'text', (col) => col.notNull())
    .addColumn('code_verifier', 'text', (col) => col.notNull())
    // Where the console goes after the sign-in (a path on this server), e.g. /device?code=…
    .addColumn('return_to', 'text')
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .addColumn('expires_at', 'bigint', (col) => col.notNull())
    .execute();

  await db.schema
    .createTable('device_authorizations')
    .addColumn('device_code_hash', 'text', (col) => col.primaryKey())
    // What the user types on /device (8 letters, no vowels, stored without its dash).
    .addColumn('user_code', 'text', (col) => col.notNull())
    .addColumn('app_key', 'text', (col) => col.notNull())
    .addColumn('app_version', 'text', (col) => col.notNull())
    // JSON: the device the app described (id, name, os, osVersion, type).
    .addColumn('device', 'text', (col) => col.notNull())
    // 'pending' | 'approved' | 'denied' | 'used'
    .addColumn('status', 'text', (col) => col.notNull())
    // Set by the approval: whose sign-in this is.
    .addColumn('org_id', 'text', (col) => col.references('organizations.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (col) => col.references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .addColumn('expires_at', 'bigint', (col) => col.notNull())
    .addColumn('last_polled_at', 'bigint')
    .addColumn('decided_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('device_authorizations_user_code')
    .on('device_authorizations')
    .columns(['user_code'])
    .unique()
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'device_authorizations',
    'sso_requests',
    'sso_domains',
    'sso_connections',
    'sign_in_challenges',
    'passkey_registrations',
    'passkeys',
    'recovery_codes',
    'totp_factors',
    'password_reset_requests',
    'password_resets',
  ]) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.alterTable('sessions').dropColumn('enrolment_only').execute();
  await db.schema.alterTable('app_sessions').dropColumn('method').execute();
  for (const column of ['step_reason', 'second_factor', 'method']) {
    await db.schema.alterTable('sign_in_attempts').dropColumn(column).execute();
  }
}
