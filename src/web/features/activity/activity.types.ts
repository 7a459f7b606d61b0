import type { ActivityOutcome, ActivityType, DeviceType } from '../../../contract/activity';

/** What the filter bar holds; `range` is a pair of local calendar days (YYYY-MM-DD), inclusive. */
export interface ActivityFilters {
  range: [string | null, string | null];
  outcome: ActivityOutcome | null;
  deviceType: DeviceType | null;
  country: string | null;
  type: ActivityType | null;
  /** A product key. */
  app: string | null;
}

export const emptyActivityFilters: ActivityFilters = {
  range: [null, null],
  outcome: null,
  deviceType: null,
  country: null,
  type: null,
  app: null,
};
