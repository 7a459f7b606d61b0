import { Divider, Skeleton, Stack } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { PageError } from '../../lib/page-error';
import { isApiError } from '../../lib/problem-message';
import { useProductNames } from '../products/use-product-names';
import { AppSessionSection } from './app-session-section';
import { detailMarkers } from './detail-markers';
import { DeviceSection } from './device-section';
import { NetworkSection } from './network-section';
import { PlaceSection } from './place-section';
import { PreviousSignInSection } from './previous-sign-in-section';
import { SignInSummary } from './sign-in-summary';
import { fetchSignIn } from './sign-ins.api';

interface SignInDetailViewProps {
  id: string;
  /** Opens another sign-in (the previous one) in the same drawer. */
  onOpenSignIn: (id: string) => void;
}

/** Everything known about one attempt, in the order an owner judges it: who and how, device, address, place, then context. */
export function SignInDetailView({ id, onOpenSignIn }: SignInDetailViewProps) {
  const detail = useQuery({
    queryKey: ['sign-ins', 'detail', id],
    queryFn: ({ signal }) => fetchSignIn(id, signal),
    // A sign-in never changes; only its app session does, and a reopen refetches.
    staleTime: 60_000,
  });
  const appNames = useProductNames();
  const markers = useMemo(
    () => (detail.data ? detailMarkers(detail.data.signIn, detail.data.previous?.signIn ?? null) : []),
    [detail.data],
  );

  if (detail.isPending) {
    return (
      <Stack gap="sm" aria-busy="true" aria-label="Loading sign-in">
        {Array.from({ length: 8 }, (_, row) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: placeholder rows have no identity
          <Skeleton key={row} height={16} width={`${60 + ((row * 13) % 35)}%`} />
        ))}
      </Stack>
    );
  }
  if (detail.isError) {
    return (
      <PageError
        error={detail.error}
        title={isApiError(detail.error, 404) ? 'No such sign-in in your organization' : 'Could not load this sign-in'}
        onRetry={isApiError(detail.error, 404) ? undefined : () => detail.refetch()}
      />
    );
  }

  const { signIn, appSession, previous, sameAddressCount } = detail.data;
  return (
    <Stack gap="lg">
      <SignInSummary signIn={signIn} appNames={appNames} />
      <Divider />
      <DeviceSection signIn={signIn} appNames={appNames} />
      <NetworkSection signIn={signIn} sameAddressCount={sameAddressCount} />
      <PlaceSection signIn={signIn} markers={markers} />
      <AppSessionSection session={appSession} client={signIn.client} appNames={appNames} />
      <PreviousSignInSection previous={previous} appNames={appNames} onOpen={onOpenSignIn} />
    </Stack>
  );
}
