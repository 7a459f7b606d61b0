import { Select } from '@mantine/core';
import { FAILURE_REASONS, type FailureReason } from '../../../contract/activity';
import { ActivityDateRange } from '../activity/activity-date-range';
import { CountrySelect } from '../activity/country-select';
import { DeviceTypeSelect } from '../activity/device-type-select';
import { failureReasonLabel } from '../activity/failure-reasons';
import { OutcomeSelect } from '../activity/outcome-select';
import { AppFilterSelect } from './app-filter-select';
import { IpFilterInput } from './ip-filter-input';
import type { SignInFilters } from './sign-ins.types';
import { UserFilterSelect } from './user-filter-select';

const reasonOptions = FAILURE_REASONS.map((reason) => ({ value: reason, label: failureReasonLabel(reason) ?? reason }));

export interface SignInsFilterFieldsProps {
  value: SignInFilters;
  /** Only the filters that change: merged into the address as it is then. */
  onChange: (patch: Partial<SignInFilters>) => void;
  seenCountries: Map<string, string>;
  /** The server's word on the address filter, when it refused it. */
  ipError?: string;
  /** Every field the full width (the phone's stacked filters) instead of each its own. */
  fullWidth?: boolean;
}

/** The Sign-ins page's filters; laid out by the caller (a row on wide screens, a column behind "Filters" on phones). */
export function SignInsFilterFields({ value, onChange, seenCountries, ipError, fullWidth }: SignInsFilterFieldsProps) {
  const width = (desktop: number) => (fullWidth ? '100%' : desktop);
  return (
    <>
      <UserFilterSelect value={value.user} onChange={(user) => onChange({ user })} w={width(240)} />
      <IpFilterInput value={value.ip} onChange={(ip) => onChange({ ip })} error={ipError} w={width(230)} />
      <AppFilterSelect value={value.app} onChange={(app) => onChange({ app })} w={width(170)} />
      <OutcomeSelect
        value={value.outcome}
        onChange={(outcome) =>
          // A failure reason only makes sense for failures: asking for successes drops it.
          onChange(outcome === 'success' ? { outcome, failureReason: null } : { outcome })
        }
        w={width(140)}
      />
      <Select<FailureReason>
        label="Failure reason"
        placeholder="Any reason"
        data={reasonOptions}
        value={value.failureReason}
        onChange={(failureReason) =>
          onChange(failureReason ? { failureReason, outcome: 'failure' } : { failureReason })
        }
        clearable
        w={width(210)}
        comboboxProps={{ width: 280, position: 'bottom-start' }}
      />
      <CountrySelect
        value={value.country}
        onChange={(country) => onChange({ country })}
        seen={seenCountries}
        seenLabel="Seen in these sign-ins"
        w={width(200)}
      />
      <DeviceTypeSelect value={value.deviceType} onChange={(deviceType) => onChange({ deviceType })} w={width(150)} />
      <ActivityDateRange value={value.range} onChange={(range) => onChange({ range })} w={width(250)} />
    </>
  );
}
