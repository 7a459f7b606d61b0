import { Text } from '@mantine/core';

interface ShownCountProps {
  /** Whether the list has loaded: nothing is said before, or when it is empty. */
  loaded: boolean;
  count: number;
  /** What one item is called, and more than one ("entry", "entries"). */
  singular: string;
  plural: string;
  /** Whether the server has another page. */
  more: boolean;
}

/** How many items a paged list shows, announced politely as pages load. */
export function ShownCount({ loaded, count, singular, plural, more }: ShownCountProps) {
  return (
    <Text size="sm" c="dimmed" aria-live="polite">
      {loaded && count > 0 && (
        <>
          Showing {count} {count === 1 ? singular : plural}
          {more ? ', more available' : ''}
        </>
      )}
    </Text>
  );
}
