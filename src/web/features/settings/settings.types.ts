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
}

/** What `PATCH /organization` takes: any non-empty subset of the settings. */
export type OrganizationSettingsPatch = Partial<Omit<OrganizationSettings, 'id'>>;
