import {
  type Icon,
  IconArmchair,
  IconArrowsSplit2,
  IconChartArrowsVertical,
  IconDeviceDesktopAnalytics,
  IconHandStop,
  IconLicense,
  IconLogin2,
  IconShieldLock,
  IconUserOff,
  IconZzz,
} from '@tabler/icons-react';
import type { ReportName, ReportOption } from './reports.types';

export interface ReportDefinition {
  name: ReportName;
  title: string;
  /** One line, for the catalogue and under the report's title. */
  description: string;
  icon: Icon;
  /**
   * Whether it covers a period (`from`/`to`); the others are as of now, with a number of days as threshold (the
   * organization's setting unless the URL names one).
   */
  ranged: boolean;
  /** Settings the report takes besides the date range. */
  options: ReportOption[];
}

export const reportCatalogue: ReportDefinition[] = [
  {
    name: 'logins',
    ranged: true,
    title: 'Sign-ins',
    description: 'Sign-ins per user: successful and failed attempts, last sign-in, devices and countries.',
    icon: IconLogin2,
    options: [],
  },
  {
    name: 'app-usage',
    ranged: true,
    title: 'Application usage',
    description:
      'How often each app is used: active days, sessions and hours per user; daily, weekly and monthly users.',
    icon: IconDeviceDesktopAnalytics,
    options: ['app'],
  },
  {
    name: 'licenses',
    ranged: false,
    title: 'Licenses',
    description: 'Seats purchased, assigned and used per subscription, idle cost, and what expires soon.',
    icon: IconLicense,
    options: ['usedWithinDays'],
  },
  {
    name: 'inactive-users',
    ranged: false,
    title: 'Inactive users',
    description:
      'People with neither a sign-in nor app use for the days set in Settings (or chosen here), to deactivate in one click.',
    icon: IconZzz,
    options: ['days'],
  },
  {
    name: 'underused-licenses',
    ranged: false,
    title: 'Under-used licenses',
    description:
      'Seats whose holder has not used the app for the days set in Settings (or chosen here), to free or reassign.',
    icon: IconArmchair,
    options: ['days'],
  },
  {
    name: 'security',
    ranged: true,
    title: 'Security',
    description: 'Failed sign-in attempts by user and by IP address, throttling, and failures over time.',
    icon: IconShieldLock,
    options: [],
  },
  {
    name: 'deactivations',
    ranged: true,
    title: 'Deactivations',
    description: 'Who was deactivated and why, month by month.',
    icon: IconUserOff,
    options: [],
  },
  {
    name: 'license-sharing',
    ranged: true,
    title: 'License sharing',
    description: 'One seat in use at the same time on two devices more than 500 km apart.',
    icon: IconArrowsSplit2,
    options: [],
  },
  {
    name: 'demand',
    ranged: true,
    title: 'Seat demand',
    description:
      'Peak seats in use against seats owned, hours at capacity, people turned away, and how many seats to buy or drop.',
    icon: IconChartArrowsVertical,
    options: ['app'],
  },
  {
    name: 'denials',
    ranged: true,
    title: 'Seat denials',
    description:
      'Refused seat requests by reason, who gave up and who got a seat on a retry, and the people refused most.',
    icon: IconHandStop,
    options: ['app'],
  },
];

export function findReport(name: string | undefined): ReportDefinition | undefined {
  return reportCatalogue.find((report) => report.name === name);
}
