import { Grid, Skeleton } from '@mantine/core';

/** The overview's tiles, grey, while its one answer loads. */
export function OverviewSkeleton() {
  return (
    <Grid gap="lg" aria-busy role="status" aria-label="Loading the overview">
      {[4, 4, 4, 8, 4].map((span, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: placeholder tiles have no identity
        <Grid.Col key={index} span={{ base: 12, md: 6, lg: span }}>
          <Skeleton height={index < 3 ? 190 : 320} />
        </Grid.Col>
      ))}
    </Grid>
  );
}
