import { Text, type TextProps, Tooltip, VisuallyHidden } from '@mantine/core';
import { formatDateTimeWithZone, formatRelative } from './format-date';

interface RelativeTimeProps extends TextProps {
  iso: string | null;
  /** Said when there is no time, e.g. "Never". */
  fallback?: string;
}

/** "3 days ago" with the exact local time (and zone) in a tooltip and for screen readers. */
export function RelativeTime({ iso, fallback = '—', ...textProps }: RelativeTimeProps) {
  if (!iso) {
    return (
      <Text size="sm" c="dimmed" {...textProps}>
        {fallback}
      </Text>
    );
  }
  const exact = formatDateTimeWithZone(iso);
  return (
    <Tooltip label={exact} withArrow>
      <Text size="sm" component="time" dateTime={iso} style={{ whiteSpace: 'nowrap' }} {...textProps}>
        {formatRelative(iso)}
        <VisuallyHidden> ({exact})</VisuallyHidden>
      </Text>
    </Tooltip>
  );
}
