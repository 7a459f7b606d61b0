/** The Sign-ins table's columns, in order. Time is always shown: it is what a row is. */
/** `minWidth` in px keeps badges and times whole when every column is shown. */
export const SIGN_IN_COLUMNS = [
  { id: 'time', label: 'Time', required: true, minWidth: 140 },
  { id: 'user', label: 'User', required: false, minWidth: 190 },
  { id: 'outcome', label: 'Outcome', required: false, minWidth: 115 },
  { id: 'app', label: 'App', required: false, minWidth: 120 },
  { id: 'device', label: 'Device', required: false, minWidth: 170 },
  { id: 'ip', label: 'IP address', required: false, minWidth: 130 },
  { id: 'location', label: 'Location', required: false, minWidth: 150 },
  { id: 'risk', label: 'Risk', required: false, minWidth: 90 },
] as const;

export type SignInColumnId = (typeof SIGN_IN_COLUMNS)[number]['id'];

const ALL_IDS: readonly SignInColumnId[] = SIGN_IN_COLUMNS.map((column) => column.id);
const REQUIRED: readonly SignInColumnId[] = SIGN_IN_COLUMNS.filter((column) => column.required).map((c) => c.id);

export const DEFAULT_SIGN_IN_COLUMNS: readonly SignInColumnId[] = ALL_IDS;

/** Bumped if the columns' meaning changes, so an old choice is not read as a new one. */
export const SIGN_IN_COLUMNS_STORAGE_KEY = 'seatkeeper.sign-ins.columns.v1';

/**
 * The columns a stored choice shows, in the table's order: unknown ids (a column since removed) are ignored, the
 * required ones always come back, and anything unreadable falls back to every column.
 */
export function parseColumnChoice(stored: string | null): SignInColumnId[] {
  if (!stored) return [...DEFAULT_SIGN_IN_COLUMNS];
  let parsed: unknown;
  try {
    parsed = JSON.parse(stored);
  } catch {
    return [...DEFAULT_SIGN_IN_COLUMNS];
  }
  if (!Array.isArray(parsed)) return [...DEFAULT_SIGN_IN_COLUMNS];
  const chosen = new Set<string>([...parsed.filter((id) => typeof id === 'string'), ...REQUIRED]);
  return ALL_IDS.filter((id) => chosen.has(id));
}

/** The visible set with `id` switched on or off; required columns cannot be switched off. */
export function toggleColumn(visible: readonly SignInColumnId[], id: SignInColumnId): SignInColumnId[] {
  if (REQUIRED.includes(id)) return [...visible];
  const chosen = new Set(visible);
  if (chosen.has(id)) chosen.delete(id);
  else chosen.add(id);
  return ALL_IDS.filter((column) => chosen.has(column));
}
