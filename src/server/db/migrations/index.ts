import type { Migration } from 'kysely';
import * as foundation from './0001_foundation.ts';
import * as licensesAndApps from './0002_licenses_and_apps.ts';
import * as reportAggregates from './0003_report_aggregates.ts';
import * as reportRunningTotals from './0004_report_running_totals.ts';
import * as organizationSettings from './0005_organization_settings.ts';
import * as serverSecrets from './0006_server_secrets.ts';
import * as reportRebuilds from './0007_report_rebuilds.ts';
import * as signInAddresses from './0008_sign_in_addresses.ts';
import * as releasedSeats from './0009_released_seats.ts';
import * as securityMonitoring from './0010_security_monitoring.ts';
import * as accountSecurity from './0011_account_security.ts';
import * as auditAndPrivacy from './0012_audit_and_privacy.ts';
import * as floatingSeats from './0013_floating_seats.ts';
import * as eventIngest from './0014_event_ingest.ts';
import * as failingAddresses from './0015_failing_addresses.ts';
import * as retentionIndexes from './0016_retention_indexes.ts';

/** Every migration, in order. Names are stable: they are recorded in the database. */
export const migrations: Record<string, Migration> = {
  '0001_foundation': foundation,
  '0002_licenses_and_apps': licensesAndApps,
  '0003_report_aggregates': reportAggregates,
  '0004_report_running_totals': reportRunningTotals,
  '0005_organization_settings': organizationSettings,
  '0006_server_secrets': serverSecrets,
  '0007_report_rebuilds': reportRebuilds,
  '0008_sign_in_addresses': signInAddresses,
  '0009_released_seats': releasedSeats,
  '0010_security_monitoring': securityMonitoring,
  '0011_account_security': accountSecurity,
  '0012_audit_and_privacy': auditAndPrivacy,
  '0013_floating_seats': floatingSeats,
  '0014_event_ingest': eventIngest,
  '0015_failing_addresses': failingAddresses,
  '0016_retention_indexes': retentionIndexes,
};
