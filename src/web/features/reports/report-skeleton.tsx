import { Skeleton, Stack } from '@mantine/core';

/** Stands in for a report's chart and table while the first answer loads. */
export function ReportSkeleton({ chart = true }: { chart?: boolean }) {
  return (
    <Stack gap="md" aria-busy role="status" aria-label="Loading the report">
      {chart && <Skeleton height={280} />}
      <Skeleton height={28} width="40%" />
      {Array.from({ length: 6 }, (_, row) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: placeholder rows have no identity
        <Skeleton key={row} height={20} />
      ))}
    </Stack>
  );
}
