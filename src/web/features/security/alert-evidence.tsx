import { Anchor, DataList, Paper, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { RiskEvidence } from '../../../contract/security';
import { formatDateTime } from '../../lib/format-date';
import { describeLocation } from '../activity/location-label';
import { DetailItem } from '../sign-ins/detail-item';
import { RISK_FLAG_LABELS } from './alert-labels';
import { evidenceNumbers } from './evidence-numbers';

/** Each flag behind the alert with the numbers an owner judges it by, and the earlier sign-in it compares with. */
export function AlertEvidence({ evidence }: { evidence: RiskEvidence[] }) {
  if (evidence.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        This alert counts attempts rather than comparing places or devices: its sign-ins below are the evidence.
      </Text>
    );
  }
  return (
    <Stack gap="sm">
      {evidence.map((item, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: evidence items have no id and never reorder
        <Paper key={index} withBorder p="sm">
          <Text size="sm" fw={600}>
            {RISK_FLAG_LABELS[item.flag]}
          </Text>
          <Text size="sm" mb="xs">
            {item.explanation}
          </Text>
          <DataList labelWidth={170} size="sm">
            {evidenceNumbers(item).map((number) => (
              <DetailItem key={number.label} label={number.label}>
                {number.value}
              </DetailItem>
            ))}
            {item.earlier && (
              <DetailItem label="Compared with">
                <Anchor component={Link} to={`/sign-ins?signIn=${encodeURIComponent(item.earlier.id)}`} size="sm">
                  {`the sign-in at ${formatDateTime(item.earlier.occurredAt)}`}
                  {describeLocation(item.earlier.location) ? ` from ${describeLocation(item.earlier.location)}` : ''}
                </Anchor>
              </DetailItem>
            )}
          </DataList>
        </Paper>
      ))}
    </Stack>
  );
}
