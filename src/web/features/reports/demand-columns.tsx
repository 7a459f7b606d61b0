import type { DemandRow } from '../../../contract/reports';
import type { ReportColumn } from './report-column';

export const demandColumns: ReportColumn<DemandRow>[] = [
  { key: 'appName', label: 'Subscription', kind: 'text', wrap: true, value: (row) => row.appName },
  { key: 'kind', label: 'Seats', kind: 'text', value: (row) => (row.kind === 'floating' ? 'Floating' : 'Named') },
  { key: 'seats', label: 'Owned', kind: 'number', value: (row) => row.seats },
  { key: 'inUseNow', secondary: true, label: 'In use now', kind: 'number', value: (row) => row.inUseNow },
  { key: 'peakInUse', label: 'Peak in use', kind: 'number', value: (row) => row.peakInUse },
  { key: 'hoursAtCapacity', label: 'Hours at capacity', kind: 'number', value: (row) => row.hoursAtCapacity },
  { key: 'turnedAwayUsers', label: 'Turned away', kind: 'number', value: (row) => row.turnedAwayUsers },
  { key: 'p95InUse30d', secondary: true, label: 'p95 (30 d)', kind: 'number', value: (row) => row.p95InUse30d },
  { key: 'p95InUse90d', secondary: true, label: 'p95 (90 d)', kind: 'number', value: (row) => row.p95InUse90d },
  { key: 'p95InUse365d', secondary: true, label: 'p95 (365 d)', kind: 'number', value: (row) => row.p95InUse365d },
  { key: 'recommendedSeats', label: 'Recommended', kind: 'number', value: (row) => row.recommendedSeats },
  {
    key: 'recommendation',
    secondary: true,
    label: 'Advice',
    kind: 'text',
    wrap: true,
    value: (row) => row.recommendation,
  },
];
