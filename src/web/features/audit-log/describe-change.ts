import type { AuditEntry } from '../../../contract/audit-log';

/** One changed field as the table shows it: "role: member → owner". */
export interface ChangeLine {
  field: string;
  text: string;
}

/** A value in a sentence: text as is, nothing as "—", lists and objects as compact JSON. */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) {
    return value.length === 0 ? '—' : value.join(', ');
  }
  return JSON.stringify(value);
}

/**
 * The fields an entry changed, each "field: before → after"; a field only after (something created,
 * an export's filters) reads "field: value", one only before (something removed) "field: value → —".
 */
export function describeChange(entry: Pick<AuditEntry, 'before' | 'after'>): ChangeLine[] {
  const before = entry.before ?? {};
  const after = entry.after ?? {};
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return fields.map((field) => {
    const was = field in before;
    const is = field in after;
    if (was && is) return { field, text: `${field}: ${formatValue(before[field])} → ${formatValue(after[field])}` };
    if (is) return { field, text: `${field}: ${formatValue(after[field])}` };
    return { field, text: `${field}: ${formatValue(before[field])} → —` };
  });
}
