import { Badge, Group, List, Popover, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { KeyboardEvent, MouseEvent } from 'react';
import type { RiskEvidence } from '../../../contract/risk';
import { formatDateTime } from '../../lib/format-date';
import { humanize } from './failure-reasons';

/** A risk flag in words (the badges, the sign-in's second step). */
export const riskLabels: Record<string, string> = {
  new_country: 'New country',
  new_device: 'New device',
  new_place: 'New place',
  impossible_travel: 'Impossible travel',
  failures_before_success: 'Success after failures',
  deactivated_account: 'Deactivated account',
  hosting_network: 'Hosting network',
  anonymous_network: 'Anonymising network',
};

const number = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });

/** The figures behind a flag, in the units the server gives them (km, hours, km/h). */
function evidenceFacts(evidence: RiskEvidence): string[] {
  const facts: string[] = [];
  const earlier = evidence.earlier;
  if (earlier) {
    const place = [earlier.location?.city, earlier.location?.country].filter(Boolean).join(', ');
    facts.push(`Compared with the sign-in of ${formatDateTime(earlier.occurredAt)}${place ? ` from ${place}` : ''}`);
  }
  if (evidence.distanceKm !== null) facts.push(`Distance: ${number.format(evidence.distanceKm)} km`);
  if (evidence.elapsedHours !== null) facts.push(`Time between: ${number.format(evidence.elapsedHours)} h`);
  if (evidence.speedKmh !== null) facts.push(`Speed needed: ${number.format(evidence.speedKmh)} km/h`);
  if (evidence.failures !== null) facts.push(`Failed attempts before: ${evidence.failures}`);
  if (evidence.network) {
    const { asn, organization } = evidence.network;
    facts.push(`Network: ${[asn === null ? null : `AS${asn}`, organization].filter(Boolean).join(' ')}`);
  }
  return facts;
}

// Inside a clickable row or card, opening the evidence must not also open the sign-in.
const keepInside = (event: MouseEvent | KeyboardEvent) => event.stopPropagation();

function RiskBadge({ flag, evidence }: { flag: string; evidence: RiskEvidence | undefined }) {
  const label = riskLabels[flag] ?? humanize(flag);
  const icon = <IconAlertTriangle size={12} aria-hidden />;
  if (!evidence) {
    return (
      <Badge color="orange" variant="light" leftSection={icon}>
        {label}
      </Badge>
    );
  }
  const facts = evidenceFacts(evidence);
  return (
    <Popover width={320} position="bottom-start" shadow="md" withArrow>
      <Popover.Target>
        <Badge
          component="button"
          type="button"
          color="orange"
          variant="light"
          leftSection={icon}
          style={{ cursor: 'pointer' }}
          aria-label={`${label}: show why`}
          onClick={keepInside}
          onKeyDown={keepInside}
        >
          {label}
        </Badge>
      </Popover.Target>
      <Popover.Dropdown onClick={keepInside}>
        <Stack gap={6}>
          <Text size="sm" fw={600}>
            {label}
          </Text>
          <Text size="sm">{evidence.explanation}</Text>
          {facts.length > 0 && (
            <List size="xs" spacing={2}>
              {facts.map((fact) => (
                <List.Item key={fact}>{fact}</List.Item>
              ))}
            </List>
          )}
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}

/** A badge per risk flag; with evidence, each badge is a button that shows why it was raised. */
export function RiskBadges({ risk, details = [] }: { risk: string[]; details?: RiskEvidence[] | undefined }) {
  if (!risk.length) return null;
  return (
    <Group gap={4}>
      {risk.map((flag) => (
        <RiskBadge key={flag} flag={flag} evidence={details.find((item) => item.flag === flag)} />
      ))}
    </Group>
  );
}
