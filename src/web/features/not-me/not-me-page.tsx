import { Anchor, Button, List, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { Link, useParams } from 'react-router';
import type { SignInConfirmation } from '../../../contract/security';
import { formatDateTimeWithZone } from '../../lib/format-date';
import { PageError } from '../../lib/page-error';
import { PageLoader } from '../../lib/page-loader';
import { usePageTitle } from '../../lib/page-title';
import { ProblemAlert } from '../../lib/problem-alert';
import { isApiError } from '../../lib/problem-message';
import { AuthCard } from '../auth/auth-card';
import { fetchSignInConfirmation, reportNotMe } from './not-me.api';

/**
 * The page the "was this you?" mail links to (/not-me/:token). Opening it changes nothing (mail
 * scanners open links); the button ends every session of the account and tells the owners.
 */
export function NotMePage() {
  usePageTitle('Was this you?');
  const { token = '' } = useParams();
  const confirmation = useQuery({
    queryKey: ['sign-in-confirmation', token],
    queryFn: ({ signal }) => fetchSignInConfirmation(token, signal),
    retry: false,
  });
  const report = useMutation({ mutationFn: () => reportNotMe(token) });

  if (confirmation.isPending) return <PageLoader label="Loading the sign-in" />;
  if (confirmation.isError) {
    if (isApiError(confirmation.error, 404) || isApiError(confirmation.error, 410)) {
      return (
        <AuthCard title="This link no longer works">
          <Text size="sm">{confirmation.error.problem.detail}</Text>
          <WhatNext reported={false} />
        </AuthCard>
      );
    }
    return (
      <AuthCard title="Was this you?">
        <PageError error={confirmation.error} onRetry={() => confirmation.refetch()} />
      </AuthCard>
    );
  }

  if (report.isSuccess) return <Reported sessionsEnded={report.data.sessionsEnded} />;
  const signIn = confirmation.data;
  if (signIn.used) {
    return (
      <AuthCard title="You already reported this sign-in">
        <Text size="sm">Your sessions were ended and your organization’s owners were told.</Text>
        <WhatNext reported />
      </AuthCard>
    );
  }
  return (
    <AuthCard
      title="Was this you?"
      subtitle={
        <>
          Your account <strong>{signIn.email}</strong> signed in from a country or device it had not used before.
        </>
      }
    >
      <Stack gap="md">
        <SignInFacts signIn={signIn} />
        <Text size="sm">If this was you, there is nothing to do: you can close this page.</Text>
        {report.isError && <ProblemAlert error={report.error} />}
        <Button color="red" onClick={() => report.mutate()} loading={report.isPending} fullWidth>
          This wasn’t me — sign me out everywhere
        </Button>
        <Text size="xs" c="dimmed">
          This link works once, until {formatDateTimeWithZone(signIn.expiresAt)}.
        </Text>
      </Stack>
    </AuthCard>
  );
}

function SignInFacts({ signIn }: { signIn: SignInConfirmation }) {
  const place = [signIn.location?.city, signIn.location?.country].filter(Boolean).join(', ') || 'An unknown place';
  return (
    <dl style={{ margin: 0, display: 'grid', gridTemplateColumns: 'max-content 1fr', gap: '4px 12px' }}>
      <Text component="dt" size="sm" fw={600}>
        When
      </Text>
      <Text component="dd" size="sm" m={0}>
        {formatDateTimeWithZone(signIn.occurredAt)}
      </Text>
      <Text component="dt" size="sm" fw={600}>
        Where
      </Text>
      <Text component="dd" size="sm" m={0}>
        {place}
      </Text>
      <Text component="dt" size="sm" fw={600}>
        Device
      </Text>
      <Text component="dd" size="sm" m={0}>
        {signIn.device}
      </Text>
      <Text component="dt" size="sm" fw={600}>
        Address
      </Text>
      <Text component="dd" size="sm" m={0} ff="monospace">
        {signIn.ip}
      </Text>
    </dl>
  );
}

function Reported({ sessionsEnded }: { sessionsEnded: number }) {
  // The page changed under the button: move focus to the new heading so screen readers announce it.
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <AuthCard title="Thank you">
      <Stack gap="sm">
        <Title order={2} size="h4" ref={heading} tabIndex={-1}>
          You were signed out everywhere
        </Title>
        <Text size="sm" role="status">
          {sessionsEnded === 1 ? '1 session was ended' : `${sessionsEnded} sessions were ended`}, in the console and in
          the apps, and your organization’s owners were told.
        </Text>
        <WhatNext reported />
      </Stack>
    </AuthCard>
  );
}

function WhatNext({ reported }: { reported: boolean }) {
  return (
    <Stack gap="xs" mt="md">
      <Title order={2} size="h5">
        What to do now
      </Title>
      <List size="sm" spacing={4}>
        <List.Item>
          Change your password:{' '}
          <Anchor component={Link} to="/login">
            sign in
          </Anchor>
          , then change it on your profile — or ask an owner for a password reset link if you cannot sign in.
        </List.Item>
        <List.Item>If you use the same password anywhere else, change it there too.</List.Item>
        {!reported && <List.Item>Tell an owner of your organization that the sign-in was not you.</List.Item>}
      </List>
    </Stack>
  );
}
