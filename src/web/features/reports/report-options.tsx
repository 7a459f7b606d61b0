import { ProductSelect } from '../products/product-select';
import { DaysOptionInput } from './days-option-input';
import type { ReportDefinition } from './report-catalogue';
import type { ReportParams, ReportParamsPatch } from './report-params';

interface ReportOptionsProps {
  definition: ReportDefinition;
  params: ReportParams;
  onChange: (patch: ReportParamsPatch) => void;
}

const daysLabels: Partial<Record<ReportDefinition['name'], { label: string; description: string }>> = {
  'inactive-users': { label: 'Inactive for', description: 'Days with neither a sign-in nor app use' },
  'underused-licenses': { label: 'Unused for', description: 'Days since the holder last used the app' },
};

/** The settings a report takes besides its period. */
export function ReportOptions({ definition, params, onChange }: ReportOptionsProps) {
  const days = daysLabels[definition.name];
  return (
    <>
      {definition.options.includes('days') && days && (
        <DaysOptionInput
          label={days.label}
          description={days.description}
          value={params.days}
          onChange={(value) => onChange({ days: value })}
        />
      )}
      {definition.options.includes('usedWithinDays') && (
        <DaysOptionInput
          label="Used within"
          description="A seat is used when its holder used the app in these days"
          value={params.usedWithinDays}
          onChange={(value) => onChange({ usedWithinDays: value })}
        />
      )}
      {definition.options.includes('app') && (
        <ProductSelect label="App" placeholder="All apps" value={params.app} onChange={(app) => onChange({ app })} />
      )}
    </>
  );
}
