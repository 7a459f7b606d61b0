import { Skeleton, Stack } from '@mantine/core';
import type { ReactNode } from 'react';

const SKELETON_CARDS = 4;

interface CardListProps {
  /** The list's name for screen readers ("Sign-in attempts, newest first"). */
  label: string;
  loading: boolean;
  loadingLabel: string;
  /** A placeholder card's height in px, near a real card's. */
  skeletonHeight: number;
  /** The cards, each an `li`. */
  children: ReactNode;
}

/** The phone's list of cards, newest first, instead of a table wider than the screen; placeholders while it loads. */
export function CardList({ label, loading, loadingLabel, skeletonHeight, children }: CardListProps) {
  if (loading) {
    return (
      <Stack gap="sm" aria-busy="true" aria-label={loadingLabel}>
        {Array.from({ length: SKELETON_CARDS }, (_, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: placeholder cards have no identity
          <Skeleton key={index} height={skeletonHeight} radius="sm" />
        ))}
      </Stack>
    );
  }
  return (
    <Stack gap="sm" component="ul" p={0} m={0} aria-label={label}>
      {children}
    </Stack>
  );
}
