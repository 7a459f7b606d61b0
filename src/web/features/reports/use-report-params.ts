import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { useSession } from '../auth/session-context';
import { type ReportParams, type ReportParamsPatch, readReportParams, writeReportParams } from './report-params';
import { todayIn } from './report-range';

/** A report's range and options live in the URL; "today" is the organization's, as the API counts days. */
export function useReportParams(): [ReportParams, (patch: ReportParamsPatch) => void, string] {
  const [search, setSearch] = useSearchParams();
  const { organization } = useSession();
  const today = todayIn(organization.timeZone);
  const params = useMemo(() => readReportParams(search, today), [search, today]);
  const update = useCallback(
    (patch: ReportParamsPatch) => setSearch((current) => writeReportParams(current, patch), { replace: true }),
    [setSearch],
  );
  return [params, update, today];
}
