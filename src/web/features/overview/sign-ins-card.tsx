import type { OverviewResponse } from '../../../contract/reports';
import { SignInsChart } from '../reports/sign-ins-chart';
import { OverviewCard } from './overview-card';

export function SignInsCard({ signIns }: { signIns: OverviewResponse['signIns'] }) {
  return (
    <OverviewCard title="Sign-ins, last 30 days" link={{ to: '/reports/logins', label: 'Sign-ins report' }}>
      <SignInsChart series={signIns} title="Sign-ins per day, last 30 days" titleHidden height={220} />
    </OverviewCard>
  );
}
