import { Text } from '@mantine/core';
import { formatDate, formatDateTimeWithZone } from '../../lib/format-date';

/** The day of an instant in the viewer's zone; the exact time and zone on hover. */
export function DateOnly({ iso }: { iso: string }) {
  return (
    <Text span size="sm" component="time" dateTime={iso} title={formatDateTimeWithZone(iso)}>
      {formatDate(iso)}
    </Text>
  );
}
