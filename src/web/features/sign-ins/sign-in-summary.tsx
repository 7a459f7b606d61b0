import { Anchor, DataList, Group, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { SignIn } from '../../../contract/sign-ins';
import { formatDateTimeWithZone, formatUtc } from '../../lib/format-date';
import { proofLabel } from '../activity/failure-reasons';
import { OutcomeBadge } from '../activity/outcome-badge';
import { RiskBadges } from '../activity/risk-badges';
import { clientLabel } from './client-label';
import { DetailItem } from './detail-item';

/** Who tried, when, through what, and how it went: the first thing an owner reads. */
export function SignInSummary({ signIn, appNames }: { signIn: SignIn; appNames: ReadonlyMap<string, string> }) {
  return (
    <DataList labelWidth={130} size="sm">
      <DetailItem label="Time">
        <Text span size="sm" component="time" dateTime={signIn.occurredAt}>
          {formatDateTimeWithZone(signIn.occurredAt)}
        </Text>{' '}
        <Text span size="xs" c="dimmed">
          ({formatUtc(signIn.occurredAt)})
        </Text>
      </DetailItem>
      <DetailItem label="User">
        {signIn.user ? (
          <Group gap={6} component="span" wrap="wrap">
            <Anchor component={Link} to={`/users/${encodeURIComponent(signIn.user.id)}/activity`} size="sm">
              {signIn.user.name}
            </Anchor>
            <Text span size="sm" c="dimmed">
              {signIn.user.email}
            </Text>
          </Group>
        ) : (
          <Text span size="sm">
            {signIn.email}{' '}
            <Text span size="sm" c="dimmed">
              (no such account)
            </Text>
          </Text>
        )}
      </DetailItem>
      <DetailItem label="Outcome">
        <OutcomeBadge item={signIn} />
      </DetailItem>
      <DetailItem label="Through">{clientLabel(signIn, appNames)}</DetailItem>
      <DetailItem label="Proven by">{proofLabel(signIn)}</DetailItem>
      {signIn.risk.length > 0 && (
        <DetailItem label="Risk">
          <RiskBadges risk={signIn.risk} details={signIn.riskDetails} />
        </DetailItem>
      )}
    </DataList>
  );
}
