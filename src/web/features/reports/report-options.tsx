import { ProductSelect } from '../products/product-select';
import { DaysOptionInput } from './days-option-input';
import type { ReportDefinition } from './report-catalogue';
import type { ReportParams, ReportParamsPatch } from './report-params';
import type { ReportQuery } from './reports.types';
import { useReportDays } from './use-report-days';

interface ReportOptionsProps {
  definition: ReportDefinition;
  params: ReportParams;
  /** What the report is fetched with, to read the days its answer used. */
  query: ReportQuery;
  onChange: (patch: ReportParamsPatch) => void;
}

const daysLabels: Partial<Record<ReportDefinition['name'], { label: string; description: string }>> = {
  'inactive-users': { label: 'Inactive for', description: 'Days with neither a sign-in nor app use' },
  'underused-licenses': { label: 'Unused for', description: 'Days since the holder last used the app' },
};

/** Said under a number of days the URL leaves to the organization. */
const FROM_SETTINGS = '; default from Settings';

/** The settings a report takes besides its period. */
export function ReportOptions({ definition, params, query, onChange }: ReportOptionsProps) {
  const days = daysLabels[definition.name];
  const inForce = useReportDays(definition.name, query);
  return (
    <>
      {definition.options.includes('days') && days && (
        <DaysOptionInput
          label={days.label}
          description={`${days.description}${params.days === null ? FROM_SETTINGS : ''}`}
          value={inForce.days}
          onChange={(value) => onChange({ days: value })}
        />
      )}
      {definition.options.includes('usedWithinDays') && (
        <DaysOptionInput
          label="Used within"
          description={`A seat is used when its holder used the app in these days${params.usedWithinDays === null ? FROM_SETTINGS : ''}`}
          value={inForce.usedWithinDays}
          onChange={(value) => onChange({ usedWithinDays: value })}
        />
      )}
      {definition.options.includes('app') && (
        <ProductSelect label="App" placeholder="All apps" value={params.app} onChange={(app) => onChange({ app })} />
      )}
    </>
  );
}
