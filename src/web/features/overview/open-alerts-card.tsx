import { Anchor, Group, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { OverviewResponse } from '../../../contract/reports';
import { ALERT_SEVERITIES } from '../../../contract/security';
import { ALERT_TYPE_LABELS, SEVERITY_LABELS } from '../security/alert-labels';
import { SeverityBadge } from '../security/severity-badge';
import { BigNumber } from './big-number';
import { OverviewCard } from './overview-card';

/** Open alerts: how many of each severity, the latest few in plain words, and the way to the inbox. */
export function OpenAlertsCard({ openAlerts: data }: { openAlerts: OverviewResponse['openAlerts'] }) {
  return (
    <OverviewCard title="Open alerts" link={{ to: '/security', label: 'Security inbox' }}>
      <BigNumber
        value={data.total}
        label={data.total === 1 ? 'open alert' : 'open alerts'}
        color={data.bySeverity.high > 0 ? 'red.8' : undefined}
      />
      <Text size="sm" c="dimmed">
        {ALERT_SEVERITIES.map((severity) => `${SEVERITY_LABELS[severity]}: ${data.bySeverity[severity]}`).join(' · ')}
      </Text>
      {data.latest.length === 0 ? (
        <Text size="sm" c="dimmed">
          Nothing needs a look. New alerts from sign-ins show here.
        </Text>
      ) : (
        <Stack gap="sm" component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
          {data.latest.map((alert) => (
            <Stack key={alert.id} gap={2} component="li">
              <Group gap="xs" wrap="wrap">
                <SeverityBadge severity={alert.severity} />
                <Anchor component={Link} to={`/security?alert=${encodeURIComponent(alert.id)}`} size="sm" fw={500}>
                  {ALERT_TYPE_LABELS[alert.type]}
                </Anchor>
              </Group>
              <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                {alert.explanation}
              </Text>
            </Stack>
          ))}
        </Stack>
      )}
    </OverviewCard>
  );
}
