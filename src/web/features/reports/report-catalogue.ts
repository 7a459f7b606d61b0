import {
  IconArmchair,
  IconDeviceDesktopAnalytics,
  IconLicense,
  IconLogin2,
  IconShieldLock,
  IconUserOff,
  IconZzz,
  type Icon,
} from '@tabler/icons-react';
import type { ReportName, ReportOption } from './reports.types';

export interface ReportDefinition {
  name: ReportName;
  title: string;
  /** One line, for the catalogue and under the report's title. */
  description: string;
  icon: Icon;
  /** Settings the report takes besides the date range. */
  options: ReportOption[];
}

export const reportCatalogue: ReportDefinition[] = [
  {
    name: 'logins',
    title: 'Sign-ins',
    description: 'Sign-ins per user: successful and failed attempts, last sign-in, devices and countries.',
    icon: IconLogin2,
    options: [],
  },
  {
    name: 'app-usage',
    title: 'Application usage',
    description: 'How often each app is used: active days, sessions and hours per user; daily, weekly and monthly users.',
    icon: IconDeviceDesktopAnalytics,
    options: ['app'],
  },
  {
    name: 'licenses',
    title: 'Licenses',
    description: 'Seats purchased, assigned and used per subscription, idle cost, and what expires soon.',
    icon: IconLicense,
    options: ['usedWithinDays'],
  },
  {
    name: 'inactive-users',
    title: 'Inactive users',
    description: 'People with neither a sign-in nor app use for a number of days, to deactivate in one click.',
    icon: IconZzz,
    options: ['days'],
  },
  {
    name: 'underused-licenses',
    title: 'Under-used licenses',
    description: 'Seats whose holder has not used the app for a number of days, to free or reassign.',
    icon: IconArmchair,
    options: ['days'],
  },
  {
    name: 'security',
    title: 'Security',
    description: 'Failed sign-in attempts by user and by IP address, throttling, and failures over time.',
    icon: IconShieldLock,
    options: [],
  },
  {
    name: 'deactivations',
    title: 'Deactivations',
    description: 'Who was deactivated and why, month by month.',
    icon: IconUserOff,
    options: [],
  },
];

export function findReport(name: string | undefined): ReportDefinition | undefined {
  return reportCatalogue.find((report) => report.name === name);
}
