import { Alert, Button, Code, DataList, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconCircleCheck, IconDeviceDesktop, IconShieldX } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useSearchParams } from 'react-router';
import { formatDateTimeWithZone } from '../../lib/format-date';
import { PageLoader } from '../../lib/page-loader';
import { usePageTitle } from '../../lib/page-title';
import { ProblemAlert } from '../../lib/problem-alert';
import { isApiError } from '../../lib/problem-message';
import { useSession } from '../auth/session-context';
import { answerDeviceAuthorization, type DeviceAuthorizationRequest, fetchDeviceAuthorization } from './device.api';

/**
 * /device: where a user approves an app's sign-in through the browser (RFC 8628). The app opens
 * /device?code=XXXX-XXXX, or shows the code to type here. Signed-in users only: RequireSession
 * sends others to sign in (with every factor their organization asks) and back.
 */
export function DevicePage() {
  usePageTitle('Sign in to an app');
  const [searchParams, setSearchParams] = useSearchParams();
  const code = (searchParams.get('code') ?? '').trim();
  const showCode = (typed: string) => setSearchParams(typed === '' ? {} : { code: typed });
  return (
    <Stack gap="lg" maw={640}>
      <Title order={1}>Sign in to an app</Title>
      {code === '' ? <CodeForm onCode={showCode} /> : <DeviceRequest key={code} code={code} onCode={showCode} />}
    </Stack>
  );
}

function CodeForm({ onCode, initial = '' }: { onCode: (code: string) => void; initial?: string }) {
  const [typed, setTyped] = useState(initial);
  const [fieldError, setFieldError] = useState<string | undefined>();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const letters = typed.replace(/[\s-]/g, '');
    if (letters.length !== 8) {
      setFieldError('Enter the 8 letters the app shows, e.g. BDFH-JKLM');
      return;
    }
    setFieldError(undefined);
    onCode(typed.trim().toUpperCase());
  };
  return (
    <Paper withBorder p="lg" component="form" onSubmit={submit} noValidate aria-labelledby="code-heading">
      <Stack gap="md">
        <Title order={2} size="h4" id="code-heading">
          Enter the code your app shows
        </Title>
        <TextInput
          label="Code"
          description="8 letters, like BDFH-JKLM"
          autoComplete="one-time-code"
          autoCapitalize="characters"
          spellCheck={false}
          maxLength={20}
          value={typed}
          error={fieldError}
          onChange={(event) => setTyped(event.currentTarget.value)}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', letterSpacing: '0.1em' } }}
        />
        <Group>
          <Button type="submit">Continue</Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function DeviceRequest({ code, onCode }: { code: string; onCode: (code: string) => void }) {
  const request = useQuery({
    queryKey: ['device-authorization', code],
    queryFn: ({ signal }) => fetchDeviceAuthorization(code, signal),
    retry: false,
    // The answer is about this moment: a code answered elsewhere must not show as waiting.
    staleTime: 0,
    refetchOnWindowFocus: false,
  });
  const answer = useMutation({ mutationFn: (action: 'approve' | 'deny') => answerDeviceAuthorization(code, action) });

  if (request.isPending) return <PageLoader label="Loading the sign-in request" />;
  if (request.isError) {
    return (
      <Stack gap="md">
        <ProblemAlert error={request.error} />
        {isApiError(request.error, 404) ? (
          <CodeForm onCode={onCode} />
        ) : (
          <Group>
            <Button variant="default" onClick={() => request.refetch()}>
              Try again
            </Button>
          </Group>
        )}
      </Stack>
    );
  }
  const details = request.data;
  if (answer.isSuccess) {
    return answer.variables === 'approve' ? (
      <Alert color="green" icon={<IconCircleCheck aria-hidden />} role="status" title="Approved">
        Go back to {details.app.name}: it signs you in within a few seconds. You can close this page.
      </Alert>
    ) : (
      <Alert color="gray" icon={<IconShieldX aria-hidden />} role="status" title="Denied">
        {details.app.name} was not signed in. If you did not start this sign-in, consider changing your password.
      </Alert>
    );
  }
  return <RequestDetails details={details} answer={answer} onOtherCode={() => onCode('')} />;
}

function RequestDetails({
  details,
  answer,
  onOtherCode,
}: {
  details: DeviceAuthorizationRequest;
  answer: ReturnType<typeof useMutation<void, Error, 'approve' | 'deny'>>;
  onOtherCode: () => void;
}) {
  const { user } = useSession();
  const { app, device } = details;
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="request-heading">
      <Stack gap="md">
        <Group gap="sm" wrap="nowrap">
          <IconDeviceDesktop aria-hidden />
          <Title order={2} size="h4" id="request-heading">
            {app.name} wants to sign in as you
          </Title>
        </Group>
        <Text size="sm">
          Approve only if you started this sign-in yourself and the code below is the one {app.name} shows. The app then
          signs in as <strong>{user.email}</strong>.
        </Text>
        <DataList labelWidth={130}>
          <DataList.Item>
            <DataList.ItemLabel>Code</DataList.ItemLabel>
            <DataList.ItemValue>
              <Code fz="md">{details.userCode}</Code>
            </DataList.ItemValue>
          </DataList.Item>
          <DataList.Item>
            <DataList.ItemLabel>App</DataList.ItemLabel>
            <DataList.ItemValue>
              {app.name} {app.version}
            </DataList.ItemValue>
          </DataList.Item>
          <DataList.Item>
            <DataList.ItemLabel>Device</DataList.ItemLabel>
            <DataList.ItemValue>
              {device.name} ({device.os} {device.osVersion}, {device.type})
            </DataList.ItemValue>
          </DataList.Item>
          <DataList.Item>
            <DataList.ItemLabel>Requested</DataList.ItemLabel>
            <DataList.ItemValue>{formatDateTimeWithZone(details.requestedAt)}</DataList.ItemValue>
          </DataList.Item>
          <DataList.Item>
            <DataList.ItemLabel>Code expires</DataList.ItemLabel>
            <DataList.ItemValue>{formatDateTimeWithZone(details.expiresAt)}</DataList.ItemValue>
          </DataList.Item>
        </DataList>
        {answer.isError && <ProblemAlert error={answer.error} />}
        <Group>
          <Button onClick={() => answer.mutate('approve')} loading={answer.isPending && answer.variables === 'approve'}>
            Approve
          </Button>
          <Button
            variant="default"
            color="red"
            onClick={() => answer.mutate('deny')}
            loading={answer.isPending && answer.variables === 'deny'}
          >
            Deny
          </Button>
          <Button variant="subtle" onClick={onOtherCode}>
            Use another code
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
