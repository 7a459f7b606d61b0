import { Group, Select, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { IconHistory } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { AUDIT_ACTION_KEYS, AUDIT_ACTIONS, type AuditAction, type AuditEntry } from '../../../contract/audit-log';
import type { QueryValue } from '../../lib/api';
import { CsvDownloadButton } from '../../lib/csv-download-button';
import { FilterableEmptyState } from '../../lib/filterable-empty-state';
import { formatDateTime } from '../../lib/format-date';
import { LoadMore } from '../../lib/load-more';
import { PageError } from '../../lib/page-error';
import { PageLoader } from '../../lib/page-loader';
import { usePageTitle } from '../../lib/page-title';
import { ActivityDateRange } from '../activity/activity-date-range';
import { dayRangeToInstants } from '../activity/date-range';
import { auditLogCsvUrl } from './audit-log.api';
import { describeChange } from './describe-change';
import { useAuditLog, useOwners } from './use-audit-log';

interface Filters {
  action: AuditAction | null;
  actor: string | null;
  range: [string | null, string | null];
}

const NO_FILTERS: Filters = { action: null, actor: null, range: [null, null] };

const actionOptions = AUDIT_ACTION_KEYS.map((key) => ({ value: key, label: AUDIT_ACTIONS[key] })).sort((a, b) =>
  a.label.localeCompare(b.label),
);

function toQuery(filters: Filters): Record<string, QueryValue> {
  return { action: filters.action, actor: filters.actor, ...dayRangeToInstants(...filters.range) };
}

/** Who changed what in the organization, newest first: owners in the console or with API tokens, the operator, jobs. */
export function AuditLogPage() {
  usePageTitle('Audit log');
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const query = useMemo(() => toQuery(filters), [filters]);
  const log = useAuditLog(query);
  const owners = useOwners();
  const items = useMemo(() => log.data?.pages.flatMap((page) => page.items) ?? [], [log.data]);
  const filtered = filters.action !== null || filters.actor !== null || filters.range.some(Boolean);
  const ownerOptions = (owners.data?.items ?? []).map((owner) => ({
    value: owner.id,
    label: `${owner.name} (${owner.email})`,
  }));

  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>Audit log</Title>
        <Text c="dimmed" size="sm">
          Every change made by an owner, the operator or a scheduled job: who, what, before and after, when and from
          where. Entries cannot be edited or removed; they are kept for the retention period set under Settings.
        </Text>
      </div>

      <Group align="flex-end" gap="md" wrap="wrap">
        <Select
          label="Action"
          placeholder="Any action"
          data={actionOptions}
          value={filters.action}
          onChange={(value) => setFilters((current) => ({ ...current, action: value as AuditAction | null }))}
          clearable
          searchable
          w={260}
        />
        <Select
          label="Done by"
          placeholder="Anyone"
          data={ownerOptions}
          value={filters.actor}
          onChange={(value) => setFilters((current) => ({ ...current, actor: value }))}
          clearable
          searchable
          w={280}
        />
        <ActivityDateRange
          value={filters.range}
          onChange={(range) => setFilters((current) => ({ ...current, range }))}
        />
        <CsvDownloadButton href={auditLogCsvUrl(query)} />
      </Group>

      {log.isPending ? (
        <PageLoader label="Loading the audit log" />
      ) : log.isError && !log.isFetchNextPageError ? (
        <PageError error={log.error} title="Could not load the audit log" onRetry={() => log.refetch()} />
      ) : items.length === 0 ? (
        <FilterableEmptyState
          icon={<IconHistory aria-hidden />}
          filtered={filtered}
          title={filtered ? 'No entries match these filters' : 'Nothing recorded yet'}
          description={
            filtered
              ? 'Try another action, person or date range.'
              : 'Changes to users, seats, subscriptions and settings will be listed here.'
          }
          onClearFilters={() => setFilters(NO_FILTERS)}
        />
      ) : (
        <AuditLogTable items={items} />
      )}
      <LoadMore query={log} />
    </Stack>
  );
}

function AuditLogTable({ items }: { items: AuditEntry[] }) {
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table striped highlightOnHover verticalSpacing="xs">
        <Table.Caption>Newest first. Times are in your time zone.</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Time</Table.Th>
            <Table.Th scope="col">Who</Table.Th>
            <Table.Th scope="col">Action</Table.Th>
            <Table.Th scope="col">On</Table.Th>
            <Table.Th scope="col">Change</Table.Th>
            <Table.Th scope="col">From</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((entry) => (
            <AuditLogRow key={entry.id} entry={entry} />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function AuditLogRow({ entry }: { entry: AuditEntry }) {
  const changes = describeChange(entry);
  return (
    <Table.Tr>
      <Table.Td>
        <time dateTime={entry.occurredAt}>{formatDateTime(entry.occurredAt)}</time>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{actorLabel(entry)}</Text>
        {entry.actor.apiToken && (
          <Text size="xs" c="dimmed">
            via API token {entry.actor.apiToken.name ?? entry.actor.apiToken.id}
          </Text>
        )}
      </Table.Td>
      <Table.Td>{AUDIT_ACTIONS[entry.action] ?? entry.action}</Table.Td>
      <Table.Td>
        <Text size="sm">{entry.target.label ?? entry.target.id ?? entry.target.type}</Text>
        <Text size="xs" c="dimmed">
          {entry.target.type}
        </Text>
      </Table.Td>
      <Table.Td>
        {changes.length === 0 ? (
          <Text size="sm" c="dimmed">
            —
          </Text>
        ) : (
          <Stack gap={2}>
            {changes.map((change) => (
              <Text key={change.field} size="sm" style={{ overflowWrap: 'anywhere' }}>
                {change.text}
              </Text>
            ))}
          </Stack>
        )}
      </Table.Td>
      <Table.Td>
        <Text size="sm">{entry.ip ?? '—'}</Text>
        {entry.device && (
          <Tooltip label={entry.userAgent ?? entry.device} multiline w={320}>
            <Text size="xs" c="dimmed" tabIndex={0}>
              {entry.device}
            </Text>
          </Tooltip>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

function actorLabel(entry: AuditEntry): string {
  if (entry.actor.type === 'operator') return entry.actor.label ?? 'Operator';
  if (entry.actor.type === 'system') return entry.actor.label ?? 'Scheduled job';
  return entry.actor.label ?? 'Erased user';
}
