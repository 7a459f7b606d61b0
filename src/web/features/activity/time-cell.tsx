import { Text, Tooltip } from '@mantine/core';
import { formatDateTime, formatUtc } from '../../lib/format-date';

/** The viewer's local time; UTC on hover/focus for comparing with logs. */
export function TimeCell({ iso }: { iso: string }) {
  return (
    <Tooltip label={formatUtc(iso)} withArrow>
      <Text size="sm" component="time" dateTime={iso} style={{ whiteSpace: 'nowrap' }} tabIndex={0}>
        {formatDateTime(iso)}
      </Text>
    </Tooltip>
  );
}
