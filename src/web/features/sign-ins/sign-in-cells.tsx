import { Text } from '@mantine/core';
import type { ReactNode } from 'react';
import type { SignIn } from '../../../contract/sign-ins';
import { DeviceCell } from '../activity/device-cell';
import { IpCell } from '../activity/ip-cell';
import { LocationCell } from '../activity/location-cell';
import { OutcomeBadge } from '../activity/outcome-badge';
import { RiskBadges } from '../activity/risk-badges';
import { TimeCell } from '../activity/time-cell';
import { clientLabel } from './client-label';
import { machineOf } from './machine-of';
import type { SignInColumnId } from './sign-in-columns';
import { SignInUserCell } from './sign-in-user-cell';

/** What each column shows for one sign-in; the table and the phone's cards draw from the same cells. */
export function signInCell(column: SignInColumnId, signIn: SignIn, appNames: ReadonlyMap<string, string>): ReactNode {
  switch (column) {
    case 'time':
      return <TimeCell iso={signIn.occurredAt} />;
    case 'user':
      return <SignInUserCell signIn={signIn} />;
    case 'outcome':
      return <OutcomeBadge item={signIn} />;
    case 'app':
      return <Text size="sm">{clientLabel(signIn, appNames)}</Text>;
    case 'device':
      return <DeviceCell item={machineOf(signIn)} />;
    case 'ip':
      return <IpCell item={signIn} />;
    case 'location':
      return <LocationCell location={signIn.location} />;
    case 'risk':
      return <RiskBadges risk={signIn.risk} details={signIn.riskDetails} />;
  }
}
