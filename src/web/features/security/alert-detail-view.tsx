import { DataList, Divider, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { formatDateTime } from '../../lib/format-date';
import { PageError } from '../../lib/page-error';
import { isApiError } from '../../lib/problem-message';
import { DetailItem } from '../sign-ins/detail-item';
import { DetailSection } from '../sign-ins/detail-section';
import { AlertActions } from './alert-actions';
import { AlertEvidence } from './alert-evidence';
import { AlertHistory } from './alert-history';
import { ALERT_TYPE_LABELS, isSeatAlert } from './alert-labels';
import { AlertMapSection } from './alert-map-section';
import { AlertSeatsSection } from './alert-seats-section';
import { AlertSignInsSection } from './alert-sign-ins-section';
import { AlertStatusBadge } from './alert-status-badge';
import { fetchAlert } from './alerts.api';
import { alertsKeys } from './security-query-keys';
import { SeverityBadge } from './severity-badge';

/** One alert in the order an owner works it: what and how bad, what to do, the evidence, the place, the sign-ins, the history. */
export function AlertDetailView({ id }: { id: string }) {
  const detail = useQuery({
    queryKey: alertsKeys.detail(id),
    queryFn: ({ signal }) => fetchAlert(id, signal),
  });

  if (detail.isPending) {
    return (
      <Stack gap="sm" aria-busy="true" aria-label="Loading alert">
        {Array.from({ length: 8 }, (_, row) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: placeholder rows have no identity
          <Skeleton key={row} height={16} width={`${60 + ((row * 13) % 35)}%`} />
        ))}
      </Stack>
    );
  }
  if (detail.isError) {
    const missing = isApiError(detail.error, 404);
    return (
      <PageError
        error={detail.error}
        title={missing ? 'No such alert in your organization' : 'Could not load this alert'}
        onRetry={missing ? undefined : () => detail.refetch()}
      />
    );
  }

  const { alert, evidence, signIns, places, history } = detail.data;
  const seats = isSeatAlert(alert.type);
  return (
    <Stack gap="lg">
      <Stack gap="xs">
        <Group gap="xs">
          <SeverityBadge severity={alert.severity} />
          <AlertStatusBadge status={alert.status} />
        </Group>
        <Title order={2} size="h3">
          {ALERT_TYPE_LABELS[alert.type]}
        </Title>
        <Text>{alert.explanation}</Text>
        <DataList labelWidth={130} size="sm">
          {!seats && (
            <DetailItem label="User">
              {alert.user ? `${alert.user.name} (${alert.user.email})` : 'Many accounts'}
            </DetailItem>
          )}
          {!seats && <DetailItem label="Address">{alert.ip}</DetailItem>}
          <DetailItem label="First seen">{formatDateTime(alert.firstSeenAt)}</DetailItem>
          <DetailItem label="Last seen">{formatDateTime(alert.lastSeenAt)}</DetailItem>
          {!seats && <DetailItem label="Sign-ins">{String(alert.signInCount)}</DetailItem>}
        </DataList>
      </Stack>
      <DetailSection title="Status">
        <AlertActions alert={alert} />
      </DetailSection>
      <Divider />
      {seats ? (
        <DetailSection title="Seats">
          <AlertSeatsSection alert={alert} />
        </DetailSection>
      ) : (
        <>
          <DetailSection title="Evidence">
            <AlertEvidence evidence={evidence} />
          </DetailSection>
          <DetailSection title="Places">
            <AlertMapSection type={alert.type} places={places} />
          </DetailSection>
          <DetailSection title="Sign-ins">
            <AlertSignInsSection alert={alert} signIns={signIns} />
          </DetailSection>
        </>
      )}
      <DetailSection title="History">
        <AlertHistory history={history} />
      </DetailSection>
    </Stack>
  );
}
