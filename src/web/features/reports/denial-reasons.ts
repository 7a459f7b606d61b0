import { themeColor } from './chart-style';

/** The reasons a seat is refused, as the denials report's series names them. */
export const DENIAL_REASONS = [
  { key: 'poolFull', label: 'Pool full', color: themeColor('red.6') },
  { key: 'noSeat', label: 'No seat', color: themeColor('orange.5') },
  { key: 'deviceLimit', label: 'Device limit', color: themeColor('violet.5') },
  { key: 'subscriptionExpired', label: 'Subscription expired', color: themeColor('gray.5') },
] as const;
