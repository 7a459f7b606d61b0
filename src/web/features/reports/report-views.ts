import type { ComponentType } from 'react';
import { AppUsageReportView } from './app-usage-report';
import { DeactivationsReportView } from './deactivations-report';
import { DemandReportView } from './demand-report';
import { DenialsReportView } from './denials-report';
import { InactiveUsersReportView } from './inactive-users-report';
import { LicenseSharingReportView } from './license-sharing-report';
import { LicensesReportView } from './licenses-report';
import { LoginsReportView } from './logins-report';
import type { ReportViewProps } from './report-view-props';
import type { ReportName } from './reports.types';
import { SecurityReportView } from './security-report';
import { UnderusedLicensesReportView } from './underused-licenses-report';

export const reportViews: Record<ReportName, ComponentType<ReportViewProps>> = {
  logins: LoginsReportView,
  'app-usage': AppUsageReportView,
  licenses: LicensesReportView,
  'inactive-users': InactiveUsersReportView,
  'underused-licenses': UnderusedLicensesReportView,
  security: SecurityReportView,
  deactivations: DeactivationsReportView,
  'license-sharing': LicenseSharingReportView,
  demand: DemandReportView,
  denials: DenialsReportView,
};
