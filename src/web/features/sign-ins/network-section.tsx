import { Anchor, DataList, Group, Text } from '@mantine/core';
import { IconChevronRight } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { SignIn } from '../../../contract/sign-ins';
import { DetailItem } from './detail-item';
import { DetailSection } from './detail-section';

/** `/sign-ins?ip=…`: every attempt in the organization from this address. */
export function sameAddressPath(ip: string): string {
  return `/sign-ins?${new URLSearchParams({ ip }).toString()}`;
}

interface NetworkSectionProps {
  signIn: SignIn;
  /** Attempts in the organization from this address, this one included. */
  sameAddressCount: number;
}

export function NetworkSection({ signIn, sameAddressCount }: NetworkSectionProps) {
  const asn = signIn.location?.asn;
  const organisation = signIn.location?.asOrganization;
  return (
    <DetailSection title="Address and network">
      <DataList labelWidth={130} size="sm">
        <DetailItem label="IP address">
          <Text span size="sm" ff="monospace">
            {signIn.ip}
          </Text>
        </DetailItem>
        <DetailItem label="Network">
          {asn || organisation ? [asn ? `AS${asn}` : null, organisation].filter(Boolean).join(' · ') : null}
        </DetailItem>
      </DataList>
      <Anchor component={Link} to={sameAddressPath(signIn.ip)} size="sm">
        <Group gap={4} component="span">
          All sign-ins from this address
          <Text span size="sm" c="dimmed">
            ({sameAddressCount})
          </Text>
          <IconChevronRight size={14} aria-hidden />
        </Group>
      </Anchor>
    </DetailSection>
  );
}
