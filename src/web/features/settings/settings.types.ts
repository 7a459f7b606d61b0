/** The latest recount of the reports after a time-zone change; it runs in the background. */
export interface ReportsRecount {
  /** failed: the reports stay half-counted until an operator runs `npx seatkeeper rebuild-reports`. */
  status: 'running' | 'done' | 'failed';
  timeZone: string;
  /** Users recounted so far, of `total`. */
  done: number;
  total: number;
  startedAt: string;
  finishedAt: string | null;
  error: string | null;
}

/** The organization's settings as `GET /organization` answers them (owners only). */
export interface OrganizationSettings {
  id: string;
  name: string;
  /** IANA zone; the reports count calendar days in it. */
  timeZone: string;
  /** Days without a sign-in or app use before someone counts as inactive (1 to 3650). */
  inactivityDays: number;
  /** Days without use of its app before a seat counts as under-used (1 to 3650). */
  underuseDays: number;
  /** Null when the zone never changed. */
  reportsRecount: ReportsRecount | null;
}

/** What `PATCH /organization` takes: any non-empty subset of the settings. */
export type OrganizationSettingsPatch = Partial<Omit<OrganizationSettings, 'id' | 'reportsRecount'>>;
