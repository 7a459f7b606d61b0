/** The active-users chart's lines, in the order they are drawn and listed in its table. */
export const ACTIVE_USERS_LINES = [
  { key: 'dau', name: 'Daily' },
  { key: 'wau', name: 'Weekly (7 days)' },
  { key: 'mau', name: 'Monthly (30 days)' },
] as const;
