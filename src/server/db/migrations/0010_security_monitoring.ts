import type { Kysely } from 'kysely';

/**
 * Security monitoring (issue 11): each sign-in's risk evidence, the organization's rules,
 * alerts with the sign-ins that raised them and their status history, and the notification
 * outboxes (owners' e-mail digests, "was this you?" mails, webhook deliveries). An alert and
 * its notifications are written in the transaction of the sign-in that raised them, so no
 * acknowledged event can be missing from them; workers deliver from the outboxes afterwards.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // JSON array of RiskEvidence (src/contract/security.ts), one per flag in `risk`.
  await db.schema
    .alterTable('sign_in_attempts')
    .addColumn('risk_details', 'text', (col) => col.notNull().defaultTo('[]'))
    .execute();
  // The detectors read a user's latest successful sign-ins on every attempt: with the outcome in
  // the key, a flood of failed attempts on the account is never stepped over to find them.
  await db.schema
    .createIndex('sign_in_attempts_org_user_outcome_time')
    .on('sign_in_attempts')
    .columns(['org_id', 'user_id', 'outcome', 'occurred_at', 'id'])
    .execute();
  // JSON object of the rules an owner changed; unset keys take the documented defaults at read.
  await db.schema
    .alterTable('organizations')
    .addColumn('security_settings', 'text', (col) => col.notNull().defaultTo('{}'))
    .execute();

  await db.schema
    .createTable('alerts')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('org_id', 'text', (col) => col.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('type', 'text', (col) => col.notNull())
    .addColumn('severity', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('user_id', 'text', (col) => col.references('users.id').onDelete('cascade'))
    .addColumn('ip', 'text')
    // The alert's subject: the user's id or the address, whichever the type is about.
    .addColumn('subject_key', 'text', (col) => col.notNull())
    // `type:subject:window` while the alert takes new evidence; null once resolved, so the
    // next attack on the same subject opens a new alert. Unique: one open alert per window.
    .addColumn('dedupe_key', 'text')
    .addColumn('summary', 'text', (col) => col.notNull())
    // JSON: the evidence the explanation rests on (counts, places, distance, speed).
    .addColumn('details', 'text', (col) => col.notNull().defaultTo('{}'))
    .addColumn('event_count', 'integer', (col) => col.notNull().defaultTo(1))
    .addColumn('first_seen_at', 'bigint', (col) => col.notNull())
    .addColumn('last_seen_at', 'bigint', (col) => col.notNull())
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .addColumn('updated_at', 'bigint', (col) => col.notNull())
    .addColumn('acknowledged_at', 'bigint')
    .addColumn('acknowledged_by', 'text')
    .addColumn('resolved_at', 'bigint')
    .addColumn('resolved_by', 'text')
    .addColumn('note', 'text')
    .execute();
  await db.schema.createIndex('alerts_org_dedupe').on('alerts').columns(['org_id', 'dedupe_key']).unique().execute();
  // The inbox: newest first, optionally by status or user, keyset (created_at, id).
  await db.schema.createIndex('alerts_org_created').on('alerts').columns(['org_id', 'created_at', 'id']).execute();
  await db.schema
    .createIndex('alerts_org_status_created')
    .on('alerts')
    .columns(['org_id', 'status', 'created_at', 'id'])
    .execute();
  await db.schema
    .createIndex('alerts_org_user_created')
    .on('alerts')
    .columns(['org_id', 'user_id', 'created_at', 'id'])
    .execute();

  await db.schema
    .createTable('alert_sign_ins')
    .addColumn('org_id', 'text', (col) => col.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('alert_id', 'text', (col) => col.notNull().references('alerts.id').onDelete('cascade'))
    .addColumn('sign_in_id', 'bigint', (col) => col.notNull())
    .addPrimaryKeyConstraint('alert_sign_ins_pk', ['alert_id', 'sign_in_id'])
    .execute();

  await db.schema
    .createTable('alert_status_changes')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('org_id', 'text', (col) => col.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('alert_id', 'text', (col) => col.notNull().references('alerts.id').onDelete('cascade'))
    .addColumn('from_status', 'text', (col) => col.notNull())
    .addColumn('to_status', 'text', (col) => col.notNull())
    .addColumn('actor_user_id', 'text')
    .addColumn('note', 'text')
    .addColumn('changed_at', 'bigint', (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex('alert_status_changes_alert')
    .on('alert_status_changes')
    .columns(['alert_id', 'changed_at'])
    .execute();

  // Alerts waiting for the owners' next e-mail digest (one row per alert; emailed_at once sent).
  await db.schema
    .createTable('alert_digest_items')
    .addColumn('alert_id', 'text', (col) => col.primaryKey().references('alerts.id').onDelete('cascade'))
    .addColumn('org_id', 'text', (col) => col.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .addColumn('emailed_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('alert_digest_items_pending')
    .on('alert_digest_items')
    .columns(['emailed_at', 'org_id'])
    .execute();
  await db.schema
    .createTable('alert_digest_state')
    .addColumn('org_id', 'text', (col) => col.primaryKey().references('organizations.id').onDelete('cascade'))
    .addColumn('last_sent_at', 'bigint', (col) => col.notNull())
    .execute();

  // Mails to send (digests, "was this you?"); a worker sends them, retrying failures.
  await db.schema
    .createTable('email_outbox')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('org_id', 'text', (col) => col.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('to_address', 'text', (col) => col.notNull())
    .addColumn('subject', 'text', (col) => col.notNull())
    .addColumn('text_body', 'text', (col) => col.notNull())
    .addColumn('html_body', 'text')
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .addColumn('send_after', 'bigint', (col) => col.notNull())
    .addColumn('sent_at', 'bigint')
    .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('claimed_until', 'bigint')
    .execute();
  await db.schema.createIndex('email_outbox_due').on('email_outbox').columns(['sent_at', 'send_after']).execute();

  // "This wasn't me" links mailed to a user after a sign-in from a new country or device.
  await db.schema
    .createTable('sign_in_confirmations')
    .addColumn('token_hash', 'text', (col) => col.primaryKey())
    .addColumn('org_id', 'text', (col) => col.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('sign_in_id', 'bigint', (col) => col.notNull())
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .addColumn('expires_at', 'bigint', (col) => col.notNull())
    .addColumn('used_at', 'bigint')
    .execute();

  await db.schema
    .createTable('webhook_endpoints')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('org_id', 'text', (col) => col.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('url', 'text', (col) => col.notNull())
    .addColumn('description', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('enabled', 'integer', (col) => col.notNull().defaultTo(1))
    // Standard Webhooks "whsec_…" secret; after a rotation the previous one also signs until it expires.
    .addColumn('secret', 'text', (col) => col.notNull())
    .addColumn('previous_secret', 'text')
    .addColumn('previous_secret_expires_at', 'bigint')
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .addColumn('updated_at', 'bigint', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('webhook_endpoints_org').on('webhook_endpoints').column('org_id').execute();

  await db.schema
    .createTable('webhook_deliveries')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('org_id', 'text', (col) => col.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('endpoint_id', 'text', (col) => col.notNull().references('webhook_endpoints.id').onDelete('cascade'))
    // The Standard Webhooks `webhook-id`: the same for every attempt of one message.
    .addColumn('message_id', 'text', (col) => col.notNull())
    .addColumn('event_type', 'text', (col) => col.notNull())
    .addColumn('payload', 'text', (col) => col.notNull())
    .addColumn('alert_id', 'text')
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'bigint')
    .addColumn('last_attempt_at', 'bigint')
    .addColumn('last_status_code', 'integer')
    .addColumn('last_error', 'text')
    .addColumn('claimed_until', 'bigint')
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .addColumn('delivered_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('webhook_deliveries_due')
    .on('webhook_deliveries')
    .columns(['status', 'next_attempt_at'])
    .execute();
  await db.schema
    .createIndex('webhook_deliveries_endpoint')
    .on('webhook_deliveries')
    .columns(['org_id', 'endpoint_id', 'created_at', 'id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'webhook_deliveries',
    'webhook_endpoints',
    'sign_in_confirmations',
    'email_outbox',
    'alert_digest_state',
    'alert_digest_items',
    'alert_status_changes',
    'alert_sign_ins',
    'alerts',
  ]) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.alterTable('organizations').dropColumn('security_settings').execute();
  await db.schema.dropIndex('sign_in_attempts_org_user_outcome_time').execute();
  await db.schema.alterTable('sign_in_attempts').dropColumn('risk_details').execute();
}
