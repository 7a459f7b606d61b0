import { Anchor, Code, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import type { CreatedApiToken } from '../../../contract/api-tokens';
import { LoadMore } from '../../lib/load-more';
import { PageError } from '../../lib/page-error';
import { usePageTitle } from '../../lib/page-title';
import { ApiTokenSecretModal } from './api-token-secret-modal';
import { apiTokenKeys, fetchApiTokens } from './api-tokens.api';
import { ApiTokensTable } from './api-tokens-table';
import { CreateApiTokenForm } from './create-api-token-form';

/** Settings → API tokens: the organization's tokens (any owner may revoke any), and a form for a new one. */
export function ApiTokensPage() {
  usePageTitle('API tokens');
  const tokens = useInfiniteQuery({
    queryKey: apiTokenKeys.all,
    queryFn: ({ pageParam, signal }) => fetchApiTokens(pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const items = tokens.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Stack gap="lg" maw={1100}>
      <div>
        <Anchor component={Link} to="/settings" size="sm">
          ← Settings
        </Anchor>
        <Title order={1}>API tokens</Title>
        <Text c="dimmed" size="sm">
          Scripts and other systems call the API with a token in the <Code>Authorization: Bearer</Code> header. A token
          acts as the owner who created it and never does more than that owner may do now.
        </Text>
      </div>
      <Paper withBorder p="lg" component="section" aria-labelledby="api-tokens-list-title">
        <Stack gap="md">
          <Title order={2} size="h3" id="api-tokens-list-title">
            Tokens
          </Title>
          {tokens.isPending ? (
            <Skeleton height={120} role="status" aria-busy aria-label="Loading the API tokens" />
          ) : tokens.isError && items.length === 0 ? (
            <PageError error={tokens.error} title="Could not load the API tokens" onRetry={() => tokens.refetch()} />
          ) : items.length === 0 ? (
            <Text size="sm" c="dimmed">
              No API token yet.
            </Text>
          ) : (
            <ApiTokensTable tokens={items} />
          )}
          <LoadMore query={tokens} />
        </Stack>
      </Paper>
      <Paper withBorder p="lg" component="section" aria-labelledby="create-api-token-title">
        <CreateApiTokenForm onCreated={setCreated} />
      </Paper>
      <ApiTokenSecretModal created={created} onClose={() => setCreated(null)} />
    </Stack>
  );
}
