/** Every query about alerts starts with `alerts`: a status change refreshes the inbox, the detail, the nav badge and the Overview's card. */
export const alertsKeys = {
  all: ['alerts'] as const,
  list: (query: object) => ['alerts', 'list', query] as const,
  detail: (id: string) => ['alerts', 'detail', id] as const,
  openCount: ['alerts', 'open-count'] as const,
};
