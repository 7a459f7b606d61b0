import { Stack, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** A titled part of the drawer (Device, Address and network, …), named for screen readers' heading list. */
export function DetailSection({ title, children }: { title: string; children: ReactNode }) {
  const id = `sign-in-section-${title.toLowerCase().replace(/[^a-z]+/g, '-')}`;
  return (
    <Stack component="section" gap="xs" aria-labelledby={id}>
      <Title order={3} size="h5" id={id}>
        {title}
      </Title>
      {children}
    </Stack>
  );
}
